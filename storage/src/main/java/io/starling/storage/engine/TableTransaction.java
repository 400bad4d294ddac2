package io.starling.storage.engine;

import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.fault.FaultPoints;
import io.starling.storage.part.PartFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Inserts into several tables of one node that become durable and visible together or not at all (an insert and
 * the rows its materialized views derive from it).
 *
 * <p>Protocol: {@link #insert} writes each block's parts into {@code tmp_*} directories of its table (nothing is
 * visible; a failure here leaves nothing). {@link #commit} then
 * <ol>
 *   <li>writes a {@link TransactionIntent} into every table directory (its temporary parts and their names),</li>
 *   <li>writes the decision record {@code txn_<id>.txt} into the transactions directory, fsynced: the commit
 *       point. Before it a crash rolls every table back; after it every table rolls forward,</li>
 *   <li>renames each table's parts into place and publishes them,</li>
 *   <li>records the insert token (if any) in the first table, deletes the intents, then the decision record.</li>
 * </ol>
 * A table's open ({@link MergeTreeTable#open}) reads its intents before removing temporary directories: intent plus
 * decision record means rename, intent alone means discard. Decision records whose intents are all gone are removed
 * by {@link #cleanUp}. Readers of one table see its new part atomically; parts of the different tables are published
 * one table after the other within microseconds (each query's snapshot of a table is its own anyway).
 *
 * <p>Deduplication: a transaction may carry an insert token for one table ({@link #claim}); when the table has
 * committed the token (within its last {@value InsertTokens#WINDOW}) or another transaction holds it, the claim
 * fails and the caller writes nothing. The token is committed with the transaction (it is in the table's intent).
 * Not thread-safe: one thread drives a transaction.
 */
public final class TableTransaction implements AutoCloseable {
    private static final String HEADER = "transaction decision format version: 1";

    private final Path decisions;
    private final String id = UUID.randomUUID().toString().replace("-", "");
    private final String token;
    private final Map<MergeTreeTable, List<MergeTreeTable.Prepared>> prepared = new LinkedHashMap<>();
    private MergeTreeTable tokenTable;
    private boolean tokenReserved;
    private boolean finished;

    /**
     * A transaction whose decision record goes into {@code decisionsDirectory} (created if needed; one per node,
     * beside the table directories). {@code insertToken} (nullable) deduplicates the insert into the first table.
     */
    public TableTransaction(Path decisionsDirectory, String insertToken) {
        this.decisions = decisionsDirectory;
        this.token = insertToken == null || insertToken.isBlank() ? null : insertToken.strip();
        if (token != null && (token.contains("\n") || token.contains("\r"))) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Insert token [" + token + "] spans lines; use a "
                    + "token without line breaks");
        }
        try {
            Files.createDirectories(decisionsDirectory);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot create the transactions "
                    + "directory [" + decisionsDirectory + "]: " + e + ". Check permissions and free disk space", e);
        }
    }

    /**
     * Claims the insert token on {@code table} (the table the token deduplicates; call before {@link #insert}):
     * false when the table already committed the token or another running transaction holds it; the caller should
     * then abandon the transaction (a retry: nothing to write). True without a token.
     */
    public boolean claim(MergeTreeTable table) {
        checkOpen();
        if (tokenTable != null) {
            throw new IllegalStateException("Transaction " + id + " already claimed its token");
        }
        tokenTable = table;
        if (token == null) {
            return true;
        }
        if (!table.insertTokens().reserve(token)) {
            return false;
        }
        tokenReserved = true;
        prepared.computeIfAbsent(table, ignored -> new ArrayList<>());
        return true;
    }

    /** Writes {@code block} (table column order) as temporary parts of {@code table}, invisible until {@link #commit}. */
    public void insert(MergeTreeTable table, Block block) {
        checkOpen();
        MergeTreeTable.Prepared part = table.prepare(block);
        prepared.computeIfAbsent(table, ignored -> new ArrayList<>()).add(part);
    }

    /** True when the insert token was committed by an earlier transaction of the first table. */
    public static boolean committed(MergeTreeTable table, String insertToken) {
        return insertToken != null && table.insertTokens().contains(insertToken.strip());
    }

    /** Makes every inserted block durable and visible, all or none (see the class comment). */
    public List<InsertResult> commit() {
        checkOpen();
        List<Path> intents = new ArrayList<>();
        Path decision = decisions.resolve(TransactionIntent.PREFIX + id + TransactionIntent.SUFFIX);
        for (Map.Entry<MergeTreeTable, List<MergeTreeTable.Prepared>> entry : prepared.entrySet()) {
            List<TransactionIntent.Rename> renames = new ArrayList<>();
            for (MergeTreeTable.Prepared part : entry.getValue()) {
                for (int i = 0; i < part.temporaries().size(); i++) {
                    renames.add(new TransactionIntent.Rename(part.temporaries().get(i).getFileName().toString(),
                            part.names().get(i).toString()));
                }
            }
            String tableToken = entry.getKey() == tokenTable && tokenReserved ? token : null;
            if (renames.isEmpty() && tableToken == null) {
                continue;
            }
            intents.add(TransactionIntent.write(entry.getKey().directory(), id, decision, renames, tableToken));
        }
        FaultPoints.check(FaultPoints.TRANSACTION_BEFORE_DECISION, decisions);
        writeDecision(decision, intents);
        finished = true;
        FaultPoints.check(FaultPoints.TRANSACTION_AFTER_DECISION, decisions);
        List<InsertResult> results = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<MergeTreeTable, List<MergeTreeTable.Prepared>> entry : prepared.entrySet()) {
            if (!first) {
                FaultPoints.check(FaultPoints.TRANSACTION_DURING_PUBLISH, decisions);
            }
            first = false;
            for (MergeTreeTable.Prepared part : entry.getValue()) {
                results.add(entry.getKey().publish(part));
            }
        }
        if (tokenReserved) {
            tokenTable.insertTokens().commit(token);
        }
        intents.forEach(TransactionIntent::delete);
        TransactionIntent.delete(decision);
        return results;
    }

    private void writeDecision(Path decision, List<Path> intents) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Path intent : intents) {
            text.append("intent ").append(intent.toAbsolutePath().normalize()).append('\n');
        }
        Path temporary = decisions.resolve("tmp_" + decision.getFileName());
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            PartFiles.writeDurably(temporary, bytes, bytes.length);
            Files.move(temporary, decision, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write the transaction "
                    + "decision [" + decision + "]: " + e + ". Nothing was committed; retry the insert", e);
        }
        PartFiles.fsyncDirectory(decisions);
    }

    /** Abandons an uncommitted transaction: removes its temporary parts and releases its token. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        for (Map.Entry<MergeTreeTable, List<MergeTreeTable.Prepared>> entry : prepared.entrySet()) {
            for (MergeTreeTable.Prepared part : entry.getValue()) {
                entry.getKey().discard(part);   // deletes its temporaries, and merges may cover its block again
            }
            TransactionIntent.delete(TransactionIntent.path(entry.getKey().directory(), id));
        }
        if (tokenReserved) {
            tokenTable.insertTokens().release(token);
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("Transaction " + id + " is already committed or closed");
        }
    }

    /**
     * Removes decision records in {@code decisionsDirectory} whose intents are all gone (their tables were opened
     * and rolled forward, or dropped) and unfinished temporary records. Call at node start; safe at any time.
     */
    public static void cleanUp(Path decisionsDirectory) {
        if (!Files.isDirectory(decisionsDirectory)) {
            return;
        }
        List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(decisionsDirectory)) {
            stream.forEach(records::add);
        } catch (IOException e) {
            return;
        }
        for (Path record : records) {
            String name = record.getFileName().toString();
            if (name.startsWith("tmp_")) {
                TransactionIntent.delete(record);
                continue;
            }
            try {
                boolean pending = false;
                for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                    pending |= line.startsWith("intent ") && Files.exists(Path.of(line.substring("intent ".length())));
                }
                if (!pending) {
                    TransactionIntent.delete(record);
                }
            } catch (IOException e) {
                // unreadable now; tried again at the next clean-up
            }
        }
    }
}
