package io.starling.storage.part;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import net.jpountz.xxhash.StreamingXXHash64;

/**
 * The {@code checksums.txt} of a part: size and XXH64 hash of every other file of the part.
 *
 * <pre>
 * checksums format version: 1
 * {file name}\t{size in bytes}\t{XXH64, seed 0, 16 lowercase hex digits}
 * ...                                              (one line per file, sorted by name)
 * </pre>
 */
public final class Checksums {
    private static final String HEADER = "checksums format version: 1";

    /** Size and hash of one file. */
    public record Entry(long size, long hash) {
    }

    private final Map<String, Entry> entries;

    public Checksums(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** Sum of the listed files' sizes. */
    public long totalSize() {
        long total = 0;
        for (Entry entry : entries.values()) {
            total += entry.size();
        }
        return total;
    }

    public String format() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        entries.forEach((name, entry) -> text.append(name).append('\t').append(entry.size()).append('\t')
                .append(PartFiles.hashHex(entry.hash())).append('\n'));
        return text.toString();
    }

    public static Checksums parse(String text, Path where) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw corrupt(where, "the first line is not [" + HEADER + "]");
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split("\t");
            if (fields.length != 3) {
                throw corrupt(where, "line " + (i + 1) + " does not have 3 tab-separated fields");
            }
            try {
                entries.put(fields[0], new Entry(Long.parseLong(fields[1]), Long.parseUnsignedLong(fields[2], 16)));
            } catch (NumberFormatException e) {
                throw corrupt(where, "line " + (i + 1) + " has a malformed size or hash");
            }
        }
        return new Checksums(entries);
    }

    /** Reads and hashes every listed file of {@code directory}; throws when one is missing or differs. */
    public void verify(Path directory) {
        byte[] buffer = new byte[1 << 16];
        for (Map.Entry<String, Entry> listed : entries.entrySet()) {
            Path file = directory.resolve(listed.getKey());
            long size = 0;
            try (InputStream input = Files.newInputStream(file);
                 StreamingXXHash64 hash = PartFiles.HASHES.newStreamingHash64(PartFiles.HASH_SEED)) {
                int read;
                while ((read = input.read(buffer)) > 0) {
                    hash.update(buffer, 0, read);
                    size += read;
                }
                if (size != listed.getValue().size() || hash.getValue() != listed.getValue().hash()) {
                    throw new StarlingException(ErrorCode.CHECKSUM_DOESNT_MATCH, "Checksum of part file [" + file
                            + "] does not match: expected " + listed.getValue().size() + " bytes with hash "
                            + PartFiles.hashHex(listed.getValue().hash()) + ", found " + size + " bytes with hash "
                            + PartFiles.hashHex(hash.getValue()) + ". The part is corrupt; fetch it again from a replica");
                }
            } catch (java.nio.file.NoSuchFileException e) {
                throw corrupt(directory, "file [" + listed.getKey() + "] listed in " + PartFiles.CHECKSUMS + " is missing");
            } catch (IOException e) {
                throw corrupt(directory, "file [" + listed.getKey() + "] cannot be read (" + e + ")");
            }
        }
    }

    private static StarlingException corrupt(Path where, String why) {
        return new StarlingException(ErrorCode.CORRUPTED_DATA, "Part [" + where + "] is corrupt: " + why
                + ". Detach the part and fetch it again from a replica");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
