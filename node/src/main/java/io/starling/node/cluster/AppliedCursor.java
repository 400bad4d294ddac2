package io.starling.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How far a replica has applied its shard's log: one number in {@value #FILE} inside the replica's table directory
 * (the table loader ignores plain files). Written after each applied entry by an atomic rename; a crash between
 * applying an entry and writing the cursor re-applies it, which every entry kind tolerates (applying is
 * idempotent: a merge whose result is held, a drop whose parts are gone, a part already held are no-ops).
 */
final class AppliedCursor {
    static final String FILE = "replication-applied.txt";
    private static final String NEXT = "replication-applied.next";

    private AppliedCursor() {
    }

    /** The last applied entry index; 0 when the replica has applied nothing (or the file is unreadable). */
    static long read(Path tableDirectory) {
        Path file = tableDirectory.resolve(FILE);
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    static void write(Path tableDirectory, long index) {
        Path next = tableDirectory.resolve(NEXT);
        try {
            Files.writeString(next, Long.toString(index), StandardCharsets.UTF_8);
            Files.move(next, tableDirectory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the applied log index in [" + tableDirectory + "]", e);
        }
    }
}
