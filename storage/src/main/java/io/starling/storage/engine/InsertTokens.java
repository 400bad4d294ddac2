package io.starling.storage.engine;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.PartFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The insert deduplication tokens a table has committed (ClickHouse's {@code insert_deduplication_token}), the last
 * {@value #WINDOW} of them: a transaction carrying a token already here is a retry and writes nothing. Durable in
 * {@code insert_tokens.txt} (one token per line, appended and fsynced when a transaction commits; rewritten through a
 * temporary file when it holds twice the window). Tokens are recorded in the transaction's intent too, so a crash
 * between the commit decision and the append is repaired at open ({@link TransactionIntent#recover}). Thread-safe.
 */
final class InsertTokens {
    static final String FILE = "insert_tokens.txt";
    static final int WINDOW = 1000;

    private final Path file;
    /** Committed tokens, oldest first. Guarded by this. */
    private final LinkedHashSet<String> committed = new LinkedHashSet<>();
    /** Tokens of transactions between reserve and commit/release. Guarded by this. */
    private final Set<String> pending = new HashSet<>();
    private int linesOnDisk;

    private InsertTokens(Path file) {
        this.file = file;
    }

    static InsertTokens load(Path directory) {
        InsertTokens tokens = new InsertTokens(directory.resolve(FILE));
        if (Files.exists(tokens.file)) {
            try {
                for (String line : Files.readAllLines(tokens.file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        tokens.committed.remove(line);
                        tokens.committed.add(line);
                        tokens.linesOnDisk++;
                    }
                }
            } catch (IOException e) {
                throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read insert tokens [" + tokens.file
                        + "]: " + e + ". Check the file's permissions", e);
            }
            tokens.trim();
        }
        return tokens;
    }

    synchronized boolean contains(String token) {
        return committed.contains(token);
    }

    /** Claims {@code token} for a transaction; false when it is committed or another transaction holds it. */
    synchronized boolean reserve(String token) {
        return !committed.contains(token) && pending.add(token);
    }

    synchronized void release(String token) {
        pending.remove(token);
    }

    /** Records a reserved token as committed, durably. */
    synchronized void commit(String token) {
        pending.remove(token);
        if (committed.contains(token)) {
            return;
        }
        committed.add(token);
        append(file, token);
        linesOnDisk++;
        trim();
        if (linesOnDisk > 2 * WINDOW) {
            rewrite();
        }
    }

    /** Appends {@code token} to the token file of the table in {@code directory} (recovery, before the table loads). */
    static void appendTo(Path directory, String token) {
        append(directory.resolve(FILE), token);
    }

    private static void append(Path file, String token) {
        try {
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot record insert token in ["
                    + file + "]: " + e + ". Check that the table directory is writable and not full", e);
        }
    }

    private void trim() {
        while (committed.size() > WINDOW) {
            committed.remove(committed.iterator().next());
        }
    }

    private void rewrite() {
        List<String> lines = new ArrayList<>(committed);
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Path temporary = file.resolveSibling("tmp_" + FILE);
        try {
            Files.deleteIfExists(temporary);
            PartFiles.writeDurably(temporary, bytes, bytes.length);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot rewrite insert tokens ["
                    + file + "]: " + e, e);
        }
        PartFiles.fsyncDirectory(file.getParent());
        linesOnDisk = lines.size();
    }
}
