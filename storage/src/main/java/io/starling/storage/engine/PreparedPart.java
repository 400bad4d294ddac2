package io.starling.storage.engine;

import io.starling.storage.part.PartFiles;
import io.starling.storage.part.PartName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A complete part written (or fetched) into a temporary directory inside its table's directory, not yet visible:
 * replication prepares a merge or a rewrite, records it in the shard's log, and only then publishes it
 * ({@link MergeTreeTable#attachPart}, {@link MergeTreeTable#swapParts}). {@code directory} is null when the
 * part would have no rows (nothing was written). The checksum identifies the part's bytes: two replicas that
 * merged the same sources hold byte-identical parts exactly when their checksums are equal.
 */
public record PreparedPart(PartName name, Path directory, String checksum) {

    /** True when the part has no rows and nothing was written. */
    public boolean empty() {
        return directory == null;
    }

    /** The checksum of the part in {@code directory}: XXH64 of its {@code checksums.txt}, 16 hex digits. */
    public static String checksumOf(Path directory) {
        byte[] text = PartFiles.readText(directory.resolve(PartFiles.CHECKSUMS)).getBytes(StandardCharsets.UTF_8);
        return PartFiles.hashHex(PartFiles.hash(text, 0, text.length));
    }

    /** Deletes the temporary directory (a prepared part that will not be published). */
    public void discard() {
        if (directory != null) {
            PartFiles.deleteRecursively(directory);
        }
    }
}
