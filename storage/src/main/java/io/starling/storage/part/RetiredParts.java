package io.starling.storage.part;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes the files of retired parts (merged away, replaced, truncated) a while after they were retired, like
 * ClickHouse's {@code old_parts_lifetime} (480 s). The part's directory is renamed to {@code tmp_delete_*} at once,
 * so it is no longer a part and a restart removes it with the other {@code tmp_*} directories; only the deletion of
 * its files waits.
 *
 * <p>Why wait: on ext4 without a journal, the inode allocator passes over every inode freed within the last 60 s
 * (360 s while the inode's table block is not written back yet), checking each one. A node that deletes the files
 * of merged parts while it writes new ones made every file it created scan thousands of such inodes: creating a
 * file took 150-400 µs instead of 15, a quarter of the node's CPU under many small Events API requests, 2 ms of
 * each 8 MiB bulk request. Files freed {@link #lifetime} ago are no longer recent.
 *
 * <p>{@code -Dstarling.old-parts-lifetime-seconds=N} sets the lifetime (0 deletes at once). Thread-safe.
 */
public final class RetiredParts {
    private static final System.Logger LOG = System.getLogger(RetiredParts.class.getName());
    private static final Duration LIFETIME = Duration.ofSeconds(
            Long.getLong("starling.old-parts-lifetime-seconds", 480));
    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("starling-part-reaper").daemon(true).factory());

    private RetiredParts() {
    }

    /** How long the files of a retired part stay on disk. */
    public static Duration lifetime() {
        return LIFETIME;
    }

    /** Deletes {@code directory} (a retired part already renamed out of the way) once the lifetime has passed. */
    public static void deleteLater(Path directory) {
        deleteLater(directory, LIFETIME);
    }

    static void deleteLater(Path directory, Duration lifetime) {
        if (lifetime.isZero() || lifetime.isNegative()) {
            delete(directory);
            return;
        }
        REAPER.schedule(() -> delete(directory), lifetime.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void delete(Path directory) {
        try {
            PartFiles.deleteRecursively(directory);
        } catch (UncheckedIOException e) {
            if (Files.exists(directory)) {
                LOG.log(System.Logger.Level.WARNING, "Cannot delete retired part [" + directory
                        + "]; it will be removed at the next start: " + e);
            }
            // else its table was dropped with it in the meantime
        }
    }
}
