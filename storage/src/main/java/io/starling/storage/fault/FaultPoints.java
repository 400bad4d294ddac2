package io.starling.storage.fault;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named fault points (STYLE.md #16): places in production code where a test can simulate a crash. Off by
 * default; {@link #check} costs one volatile read when nothing is armed. A test arms a point (optionally only for
 * one table directory), runs the operation, which then throws {@link InjectedFault} at that point, and reopens
 * the table to check that it recovered the old or the new state. Thread-safe.
 */
public final class FaultPoints {
    /** A part is complete in its {@code tmp_*} directory and not yet renamed to its part name. */
    public static final String AFTER_PART_WRITE_BEFORE_RENAME = "AFTER_PART_WRITE_BEFORE_RENAME";
    /** A merged part is renamed into place; the active set still lists its sources. */
    public static final String DURING_MERGE_BEFORE_SWAP = "DURING_MERGE_BEFORE_SWAP";
    /** A mutation's new parts are complete in {@code tmp_*} directories; its commit record is not written yet. */
    public static final String DURING_MUTATION_BEFORE_COMMIT = "DURING_MUTATION_BEFORE_COMMIT";
    /** A mutation's commit record is durable and its parts are (partly) renamed; the active set is unchanged. */
    public static final String DURING_MUTATION_BEFORE_SWAP = "DURING_MUTATION_BEFORE_SWAP";

    /** A transaction's parts are in {@code tmp_*} directories and its intents written; no decision record yet. */
    public static final String TRANSACTION_BEFORE_DECISION = "TRANSACTION_BEFORE_DECISION";
    /** A transaction's decision record is durable; no table has renamed or published its parts yet. */
    public static final String TRANSACTION_AFTER_DECISION = "TRANSACTION_AFTER_DECISION";
    /** A transaction's first table has published its parts; the others have not (checked before each later table). */
    public static final String TRANSACTION_DURING_PUBLISH = "TRANSACTION_DURING_PUBLISH";

    private static final Map<String, Path> ARMED = new ConcurrentHashMap<>();
    private static final Path ANY = Path.of("");
    private static volatile boolean anyArmed;

    private FaultPoints() {
    }

    /** Makes {@code point} throw in every table. */
    public static void arm(String point) {
        ARMED.put(point, ANY);
        anyArmed = true;
    }

    /** Makes {@code point} throw only for the table in {@code directory}. */
    public static void arm(String point, Path directory) {
        ARMED.put(point, directory.toAbsolutePath().normalize());
        anyArmed = true;
    }

    public static void disarm(String point) {
        ARMED.remove(point);
        anyArmed = !ARMED.isEmpty();
    }

    public static void disarmAll() {
        ARMED.clear();
        anyArmed = false;
    }

    /** Throws {@link InjectedFault} when {@code point} is armed for {@code directory} (or for every table). */
    public static void check(String point, Path directory) {
        if (!anyArmed) {
            return;
        }
        Path armedFor = ARMED.get(point);
        if (armedFor != null && (armedFor == ANY || armedFor.equals(directory.toAbsolutePath().normalize()))) {
            throw new InjectedFault(point);
        }
    }

    /** The simulated crash. Code after a fault point must not clean up what a real crash would leave behind. */
    public static final class InjectedFault extends RuntimeException {
        public InjectedFault(String point) {
            super("Injected fault at [" + point + "]");
        }
    }
}
