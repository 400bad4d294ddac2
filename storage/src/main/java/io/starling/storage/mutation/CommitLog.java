package io.starling.storage.mutation;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.PartFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable records of multi-part swaps (mutations, replaces, TTL drops) so that a crash leaves the old or the new
 * parts, never a mix. A swap first writes its new parts into {@code tmp_*} directories, then writes
 * {@code commit_<seq>.txt} (through a temporary file, fsync and atomic rename: the swap is decided when the file
 * exists), then renames the parts into place and retires the old ones. At open, {@link #recover} finishes every
 * recorded swap (renames the temporary directories that are left, removes retired parts) before temporary
 * directories are cleaned up; without a record, the temporary directories are removed and the old parts stay.
 *
 * <p>Record format (UTF-8 lines): {@code commit format version: 1}, then {@code add <tmp dir> <part name>} and
 * {@code retire <part name>} lines. Thread-safe for distinct records.
 */
public final class CommitLog {
    static final String PREFIX = "commit_";
    static final String SUFFIX = ".txt";
    private static final String HEADER = "commit format version: 1";
    private static final System.Logger LOG = System.getLogger(CommitLog.class.getName());

    /** A new part waiting in {@code temporary} (a directory name in the table directory) for its part name. */
    public record Rename(String temporary, String part) {
    }

    private CommitLog() {
    }

    /** Writes the record durably; the swap is committed when this returns. Answers the record's path. */
    public static Path write(Path tableDirectory, long sequence, List<Rename> renames, List<String> retired) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Rename rename : renames) {
            text.append("add ").append(rename.temporary()).append(' ').append(rename.part()).append('\n');
        }
        for (String part : retired) {
            text.append("retire ").append(part).append('\n');
        }
        String name = PREFIX + String.format("%020d", sequence) + SUFFIX;
        Path temporary = tableDirectory.resolve("tmp_" + name);
        Path target = tableDirectory.resolve(name);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Files.deleteIfExists(temporary);
            PartFiles.writeDurably(temporary, bytes, bytes.length);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write commit record ["
                    + target + "]: " + e + ". Check that the table directory is writable and not full", e);
        }
        PartFiles.fsyncDirectory(tableDirectory);
        return target;
    }

    /** Deletes a record whose swap is complete on disk (its parts renamed, its retired parts deleted). */
    public static void forget(Path record) {
        try {
            Files.deleteIfExists(record);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot delete commit record [" + record + "]; it is replayed "
                    + "harmlessly at the next open: " + e);
        }
    }

    /** True when no part the record retires is left on disk. */
    public static boolean retiredPartsGone(Path record) {
        for (String line : lines(record)) {
            if (line.startsWith("retire ") && Files.exists(record.resolveSibling(line.substring("retire ".length())))) {
                return false;
            }
        }
        return true;
    }

    /** Finishes every recorded swap in {@code tableDirectory} and deletes the records. Returns the sequence to use next. */
    public static long recover(Path tableDirectory) {
        List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(tableDirectory, PREFIX + "*" + SUFFIX)) {
            stream.forEach(records::add);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot list commit records in ["
                    + tableDirectory + "]: " + e, e);
        }
        records.sort(null);
        long next = 1;
        for (Path record : records) {
            String name = record.getFileName().toString();
            next = Math.max(next, Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())) + 1);
            replay(tableDirectory, record);
            forget(record);
        }
        PartFiles.fsyncDirectory(tableDirectory);
        return next;
    }

    private static void replay(Path tableDirectory, Path record) {
        List<String> lines = lines(record);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Commit record [" + record + "] does not start with ["
                    + HEADER + "]. Inspect it: its swap may be half applied");
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(" ");
            try {
                if (fields[0].equals("add") && fields.length == 3) {
                    Path temporary = tableDirectory.resolve(fields[1]);
                    Path part = tableDirectory.resolve(fields[2]);
                    if (Files.isDirectory(temporary) && !Files.exists(part)) {
                        Files.move(temporary, part, StandardCopyOption.ATOMIC_MOVE);
                        LOG.log(System.Logger.Level.INFO, "Finished committed swap: renamed [" + temporary + "] to [" + part + "]");
                    }
                } else if (fields[0].equals("retire") && fields.length == 2) {
                    Path part = tableDirectory.resolve(fields[1]);
                    if (Files.exists(part)) {
                        Path doomed = tableDirectory.resolve("tmp_delete_" + fields[1]);
                        Files.move(part, doomed, StandardCopyOption.ATOMIC_MOVE);
                        PartFiles.deleteRecursively(doomed);
                        LOG.log(System.Logger.Level.INFO, "Finished committed swap: removed retired part [" + part + "]");
                    }
                } else if (!line.isBlank()) {
                    throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Commit record [" + record
                            + "] has an unknown line [" + line + "]");
                }
            } catch (IOException e) {
                throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot finish the swap recorded"
                        + " in [" + record + "]: " + e + ". Check that the table directory is writable", e);
            }
        }
    }

    private static List<String> lines(Path record) {
        try {
            return Files.readAllLines(record, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read commit record [" + record + "]: " + e, e);
        }
    }
}
