package io.starling.storage.engine;

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
 * One table's share of a {@link TableTransaction}, written in the table directory before the transaction's decision
 * record: {@code txn_<id>.txt}, UTF-8 lines {@code transaction format version: 1}, {@code decision <absolute path of
 * the decision record>}, {@code add <tmp dir> <part name>} per new part and optionally {@code token <insert token>}.
 * At open ({@link #recover}, before temporary directories are removed) an intent whose decision record exists is
 * rolled forward (its temporary directories renamed to their part names, its token recorded); one without is rolled
 * back (the temporary directories are then removed like any unfinished write). Either way the intent is deleted.
 */
final class TransactionIntent {
    static final String PREFIX = "txn_";
    static final String SUFFIX = ".txt";
    private static final String HEADER = "transaction format version: 1";
    private static final System.Logger LOG = System.getLogger(TransactionIntent.class.getName());

    /** A new part waiting in {@code temporary} (a directory name in the table directory) for {@code part}. */
    record Rename(String temporary, String part) {
    }

    private TransactionIntent() {
    }

    static Path path(Path tableDirectory, String transactionId) {
        return tableDirectory.resolve(PREFIX + transactionId + SUFFIX);
    }

    /** Writes the intent durably (through a temporary file and an atomic rename). */
    static Path write(Path tableDirectory, String transactionId, Path decision, List<Rename> renames, String token) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("decision ").append(decision.toAbsolutePath().normalize()).append('\n');
        for (Rename rename : renames) {
            text.append("add ").append(rename.temporary()).append(' ').append(rename.part()).append('\n');
        }
        if (token != null) {
            text.append("token ").append(token).append('\n');
        }
        Path target = path(tableDirectory, transactionId);
        Path temporary = tableDirectory.resolve("tmp_" + target.getFileName());
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Files.deleteIfExists(temporary);
            PartFiles.writeDurably(temporary, bytes, bytes.length);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write transaction intent ["
                    + target + "]: " + e + ". Check that the table directory is writable and not full", e);
        }
        PartFiles.fsyncDirectory(tableDirectory);
        return target;
    }

    static void delete(Path intent) {
        try {
            Files.deleteIfExists(intent);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot delete transaction intent [" + intent + "]; it is replayed "
                    + "harmlessly at the next open: " + e);
        }
    }

    /** Rolls every intent in {@code tableDirectory} forward (decision present) or back (absent), then deletes it. */
    static void recover(Path tableDirectory) {
        List<Path> intents = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(tableDirectory, PREFIX + "*" + SUFFIX)) {
            stream.forEach(intents::add);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot list transaction intents in ["
                    + tableDirectory + "]: " + e, e);
        }
        intents.sort(null);
        for (Path intent : intents) {
            replay(tableDirectory, intent);
            delete(intent);
        }
        if (!intents.isEmpty()) {
            PartFiles.fsyncDirectory(tableDirectory);
        }
    }

    private static void replay(Path tableDirectory, Path intent) {
        List<String> lines;
        try {
            lines = Files.readAllLines(intent, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read transaction intent [" + intent
                    + "]: " + e, e);
        }
        if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("decision ")) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Transaction intent [" + intent + "] does not start"
                    + " with [" + HEADER + "] and a decision line. Inspect it: its parts may be half committed");
        }
        Path decision = Path.of(lines.get(1).substring("decision ".length()));
        if (!Files.exists(decision)) {
            LOG.log(System.Logger.Level.INFO, "Rolling back transaction [" + intent.getFileName() + "]: it was not "
                    + "committed; its temporary parts are removed");
            return;
        }
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.split(" ", 3);
            try {
                if (fields[0].equals("add") && fields.length == 3) {
                    Path temporary = tableDirectory.resolve(fields[1]);
                    Path part = tableDirectory.resolve(fields[2]);
                    if (Files.isDirectory(temporary) && !Files.exists(part)) {
                        Files.move(temporary, part, StandardCopyOption.ATOMIC_MOVE);
                        LOG.log(System.Logger.Level.INFO, "Finished committed transaction: renamed [" + temporary
                                + "] to [" + part + "]");
                    }
                } else if (fields[0].equals("token") && line.length() > "token ".length()) {
                    InsertTokens.appendTo(tableDirectory, line.substring("token ".length()));
                } else if (!line.isBlank()) {
                    throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Transaction intent [" + intent
                            + "] has an unknown line [" + line + "]");
                }
            } catch (IOException e) {
                throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot finish the transaction"
                        + " recorded in [" + intent + "]: " + e + ". Check that the table directory is writable", e);
            }
        }
    }
}
