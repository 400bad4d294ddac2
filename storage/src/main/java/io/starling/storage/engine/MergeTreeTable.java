package io.starling.storage.engine;

import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.fault.FaultPoints;
import io.starling.storage.merge.MergeScheduler;
import io.starling.storage.merge.MergeSelector;
import io.starling.storage.mutation.RowPredicate;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartFiles;
import io.starling.storage.part.PartName;
import io.starling.storage.part.PartSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table of the MergeTree family: a directory of immutable parts (see {@link TableFiles} for the directory and
 * {@link io.starling.storage.part.PartWriter} for the part layout) and the engine's rule for rows of equal sorting
 * key ({@link EngineSpec}), applied within each insert, by merges and by {@link MergeTreeSnapshot#scanFinal}.
 *
 * <p>Threading: every method may be called from several threads. Inserts write their parts outside any lock and
 * publish them atomically; {@link #snapshot} never waits for inserts, merges or mutations. Merges run on the
 * caller's thread ({@link #mergeOnce}, {@link #maybeMerge}) or on a {@link MergeScheduler}'s
 * ({@link #startBackgroundMerges}). A retired part (merged away, mutated, truncated) is deleted from disk when the
 * last snapshot holding it closes. A crash at any point leaves the old or the new set of parts: merged parts cover
 * their sources; multi-part swaps (mutations, replaces, TTL drops) are decided by a durable commit record.
 */
public final class MergeTreeTable implements AutoCloseable {
    /** Setting: active parts per partition above which inserts fail with TOO_MANY_PARTS. */
    public static final String PARTS_TO_THROW_INSERT = TableSettings.PARTS_TO_THROW_INSERT;
    private static final int MAX_MERGES_PER_CALL = 64;

    private final TableContext context;
    private final InsertTokens insertTokens;
    private final TableMerges merges;
    private final TableMutations mutations;
    private final MergeTreeSnapshot.FinalMerger finalMerger;
    private volatile MergeScheduler scheduler;
    private volatile MergeScheduler.MergeSource mergeSource;

    private MergeTreeTable(TableContext context) {
        this(context, InsertTokens.load(context.directory()));
    }

    private MergeTreeTable(TableContext context, InsertTokens insertTokens) {
        this.context = context;
        this.insertTokens = insertTokens;
        this.merges = new TableMerges(context);
        this.mutations = new TableMutations(context);
        this.finalMerger = new MergeTreeSnapshot.FinalMerger(context.schema(), context::newRule);
    }

    /** Opens (or creates) the table with default services: no TTL, no aggregate-state merger, the system clock. */
    public static MergeTreeTable open(Path directory, TableDefinition definition, KeyEvaluator keys) {
        return open(directory, definition, keys, EngineServices.DEFAULT);
    }

    /**
     * Opens (or creates) the table in {@code directory}: finishes committed swaps, removes temporary directories,
     * loads and verifies parts. Fails with BAD_ARGUMENTS when the engine or its settings are invalid.
     */
    public static MergeTreeTable open(Path directory, TableDefinition definition, KeyEvaluator keys,
                                      EngineServices services) {
        TableFiles.Loaded loaded = TableFiles.load(directory);
        PartSet parts = new PartSet(loaded.active(), loaded.truncatedUpTo());
        return new MergeTreeTable(context(directory, definition, keys, services, parts,
                new SwapCommitter(directory, parts, loaded.nextCommit()), new AtomicLong(loaded.highestBlock())));
    }

    /**
     * This table under a new definition (columns added, a new TTL): the answer shares this instance's parts, commit
     * log, block numbers and insert tokens, so inserts, fetches and merges still running on this instance publish
     * into the same part set and stay visible through the new one (reopening the directory could miss them). Parts
     * written under the old definition read the added columns through the new services' {@link
     * io.starling.storage.part.MissingColumns} (their DEFAULT expressions). This instance's background
     * merges stop; start the new one's. Do not {@link #close} this instance afterwards: that closes the shared parts.
     */
    public MergeTreeTable withDefinition(TableDefinition definition, KeyEvaluator keys, EngineServices services) {
        checkOpen();
        stopBackgroundMerges();
        return new MergeTreeTable(context(context.directory(), definition, keys, services, context.parts(),
                context.committer(), context.lastBlockNumber()), insertTokens);
    }

    private static TableContext context(Path directory, TableDefinition definition, KeyEvaluator keys,
                                        EngineServices services, PartSet parts, SwapCommitter committer,
                                        AtomicLong lastBlockNumber) {
        EngineSpec engine = EngineSpec.parse(definition.engine());
        TableSettings settings = TableSettings.of(definition.settings());
        PartSchema schema = PartSchema.of(definition, keys);
        EngineServices actual = services == null ? EngineServices.DEFAULT : services;
        parts.useMissingColumns(actual.missingColumns());
        io.starling.storage.merge.MergeRules.forTable(definition, engine, actual.aggregates());
        PartBuilder builder = new PartBuilder(directory, schema,
                () -> io.starling.storage.merge.MergeRules.forTable(definition, engine, actual.aggregates()),
                settings.optimizeOnInsert());
        return new TableContext(directory, definition, engine, schema, actual, settings, parts, builder, committer,
                lastBlockNumber);
    }

    public TableDefinition definition() {
        return context.definition();
    }

    public EngineSpec engine() {
        return context.engine();
    }

    public TableSettings settings() {
        return context.settings();
    }

    public Path directory() {
        return context.directory();
    }

    /**
     * Writes the block (in the table's column order) as new parts, one per partition; durable when this returns.
     * With the Null engine the rows are accepted and discarded. When a partition has
     * {@code parts_to_delay_insert} active parts or more the insert first waits (longer the closer the count is to
     * {@code parts_to_throw_insert}); at {@code parts_to_throw_insert} it fails with TOO_MANY_PARTS (252).
     */
    public InsertResult insert(Block block) {
        checkOpen();
        checkShape(block);
        if (block.rowCount() == 0 || context.engine().kind() == EngineSpec.Kind.NULL) {
            return new InsertResult(block.rowCount(), List.of());
        }
        long blockNumber = context.parts().allocatePending(context.lastBlockNumber());
        try {
            return write(block, blockNumber);
        } finally {
            context.parts().unpend(blockNumber);
        }
    }

    /**
     * Replication: writes the block like {@link #insert(Block)} but with a block number allocated by the shard's
     * log (every replica names the part alike: {@code {partition}_{n}_{n}_0}). Block numbers of this table's own
     * allocation continue above the highest number seen.
     */
    public InsertResult insert(Block block, long blockNumber) {
        checkOpen();
        checkShape(block);
        if (blockNumber <= 0) {
            throw new IllegalArgumentException("Block number [" + blockNumber + "] must be positive");
        }
        context.lastBlockNumber().accumulateAndGet(blockNumber, Math::max);
        if (block.rowCount() == 0 || context.engine().kind() == EngineSpec.Kind.NULL) {
            return new InsertResult(block.rowCount(), List.of());
        }
        return write(block, blockNumber);
    }

    /**
     * Replication: adopts a complete part directory prepared beside the table (a {@code tmp_*} directory inside
     * {@link #directory()}, e.g. fetched from a replica). Verifies every file against its {@code checksums.txt},
     * renames it to {@code name} and publishes it, retiring active parts it covers. Answers false (and deletes
     * {@code prepared}) when an active part already holds these blocks; fails with ABORTED when an active part
     * overlaps it only partly (merges diverged; the caller fetches the covering part instead) and with
     * CHECKSUM_DOESNT_MATCH / CORRUPTED_DATA when the files are not what checksums.txt lists.
     */
    public boolean attachPart(Path prepared, PartName name) {
        checkOpen();
        io.starling.storage.part.Checksums.parse(PartFiles.readText(prepared.resolve(PartFiles.CHECKSUMS)), prepared)
                .verify(prepared);
        synchronized (context.committer().lock()) {
            List<DataPart> retired = new ArrayList<>();
            for (DataPart part : context.parts().active()) {
                PartName other = part.partName();
                if (other.equals(name) || other.covers(name)) {
                    PartFiles.deleteRecursively(prepared);
                    return false;
                }
                if (name.covers(other)) {
                    retired.add(part);
                } else if (other.partitionId().equals(name.partitionId()) && other.minBlock() <= name.maxBlock()
                        && name.minBlock() <= other.maxBlock()) {
                    throw new StarlingException(ErrorCode.ABORTED, "Part [" + name + "] overlaps the active part ["
                            + other + "] without covering it; fetch the part that covers both instead");
                }
            }
            if (context.parts().truncated(name.maxBlock())) {
                PartFiles.deleteRecursively(prepared);
                return false;
            }
            DataPart part = TableFiles.renameIntoPlace(context.directory(), prepared, name);
            context.lastBlockNumber().accumulateAndGet(name.maxBlock(), Math::max);
            if (!context.parts().swap(retired, List.of(part), name.maxBlock())) {
                part.release();
                throw new StarlingException(ErrorCode.ABORTED, "Part [" + name + "] could not be published: the"
                        + " parts it covers changed meanwhile; retry");
            }
            retired.forEach(DataPart::release);
            return true;
        }
    }

    /**
     * Replication: merges the named active parts (adjacent, one partition) into a {@link PreparedPart} without
     * publishing it; the caller records the merge in the shard's log, then publishes with {@link #attachPart} (the
     * result covers its sources, which retire in the same swap). Deterministic: the same sources give a
     * byte-identical part on every replica (no TTL is applied; {@code wholePartition} decides the engine's final
     * pass, e.g. ReplacingMergeTree's deleted rows). ABORTED when a source is not active or is being merged.
     */
    public PreparedPart prepareMerge(List<String> sources, boolean wholePartition) {
        checkOpen();
        return merges.prepare(sources, wholePartition);
    }

    /**
     * Replication: writes the blocks' rows (table column order) as parts named {@code {partition}_{n}_{n}_0} for the
     * log-allocated block number {@code n}, into temporary directories, publishing nothing (no part limit: a
     * replace retires parts in the same swap).
     */
    public List<PreparedPart> prepareRows(List<Block> blocks, long blockNumber) {
        checkOpen();
        blocks.forEach(this::checkShape);
        List<PreparedPart> prepared = new ArrayList<>();
        Map<String, List<Block>> byPartition = new java.util.TreeMap<>();
        for (Block block : blocks) {
            if (block.rowCount() > 0) {
                context.builder().splitByPartition(block)
                        .forEach((id, rows) -> byPartition.computeIfAbsent(id, key -> new ArrayList<>()).add(rows));
            }
        }
        if (byPartition.isEmpty()) {
            return prepared;
        }
        context.lastBlockNumber().accumulateAndGet(blockNumber, Math::max);
        try {
            for (Map.Entry<String, List<Block>> partition : byPartition.entrySet()) {
                Path temporary = context.builder().writeRows("replace", partition.getKey(),
                        context.builder().concat(partition.getValue()));
                if (temporary != null) {
                    prepared.add(new PreparedPart(new PartName(partition.getKey(), blockNumber, blockNumber, 0),
                            temporary, PreparedPart.checksumOf(temporary)));
                }
            }
        } catch (RuntimeException e) {
            prepared.forEach(PreparedPart::discard);
            throw e;
        }
        return prepared;
    }

    /**
     * Replication: the rows that remain of active part {@code part} after a delete, written as its replacement
     * {@code {partition}_{min}_{max}_{level+1}} (it covers the old part) into a temporary directory. The rows must
     * belong to the part's partition. Empty (nothing written) when no row remains.
     */
    public PreparedPart prepareRewrite(String part, List<Block> remaining) {
        checkOpen();
        PartName old = PartName.tryParse(part).orElseThrow(() -> new IllegalArgumentException("[" + part
                + "] is not a part name"));
        PartName name = new PartName(old.partitionId(), old.minBlock(), old.maxBlock(), old.level() + 1);
        List<Block> nonEmpty = remaining.stream().filter(block -> block.rowCount() > 0).toList();
        nonEmpty.forEach(this::checkShape);
        if (nonEmpty.isEmpty()) {
            return new PreparedPart(name, null, "");
        }
        Path temporary = context.builder().writeRows("mutation", old.partitionId(), context.builder().concat(nonEmpty));
        return new PreparedPart(name, temporary, temporary == null ? "" : PreparedPart.checksumOf(temporary));
    }

    /**
     * Replication: a complete part directory prepared inside {@link #directory()} (e.g. fetched from a replica),
     * verified against its checksums, as a {@link PreparedPart} to publish with {@link #swapParts}.
     */
    public PreparedPart adoptPrepared(Path prepared, PartName name) {
        checkOpen();
        io.starling.storage.part.Checksums.parse(PartFiles.readText(prepared.resolve(PartFiles.CHECKSUMS)), prepared)
                .verify(prepared);
        return new PreparedPart(name, prepared, PreparedPart.checksumOf(prepared));
    }

    /**
     * Replication: retires the named active parts and publishes the prepared parts in one atomic swap (readers and
     * a crash see all of the old parts or all of the new ones). Waits for running merges of the retired parts;
     * ABORTED (and the prepared parts deleted) when a retired part is not active.
     */
    public void swapParts(Collection<String> retire, List<PreparedPart> add) {
        checkOpen();
        mutations.swap(retire, add);
    }

    /** The checksum ({@link PreparedPart#checksumOf}) of the active part {@code part}, if it is active. */
    public Optional<String> activePartChecksum(String part) {
        for (DataPart active : context.parts().active()) {
            if (active.name().equals(part)) {
                return Optional.of(PreparedPart.checksumOf(active.directory()));
            }
        }
        return Optional.empty();
    }

    /** An insert's parts written into temporary directories, not yet visible ({@link TableTransaction}). */
    record Prepared(long blockNumber, List<Path> temporaries, List<PartName> names, long rows) {
    }

    /**
     * Transactions: writes the block like {@link #insert(Block)} (same checks, same throttling) into temporary
     * directories, publishing nothing. A failure removes what was written.
     */
    Prepared prepare(Block block) {
        checkOpen();
        checkShape(block);
        if (block.rowCount() == 0 || context.engine().kind() == EngineSpec.Kind.NULL) {
            return new Prepared(context.lastBlockNumber().incrementAndGet(), List.of(), List.of(), block.rowCount());
        }
        // Pending until published or discarded, so no merge covers the block meanwhile.
        long blockNumber = context.parts().allocatePending(context.lastBlockNumber());
        try {
            return prepareRows(block, blockNumber);
        } catch (RuntimeException | Error e) {
            context.parts().unpend(blockNumber);
            throw e;
        }
    }

    private Prepared prepareRows(Block block, long blockNumber) {
        Map<String, Block> partitions = context.builder().splitByPartition(block);
        throttle(partitions.keySet());
        List<Path> written = new ArrayList<>(partitions.size());
        List<PartName> names = new ArrayList<>(partitions.size());
        try {
            for (Map.Entry<String, Block> partition : partitions.entrySet()) {
                Path temporary = context.builder().writeRows("txn", partition.getKey(), partition.getValue());
                if (temporary != null) {
                    written.add(temporary);
                    names.add(new PartName(partition.getKey(), blockNumber, blockNumber, 0));
                }
            }
        } catch (RuntimeException e) {
            written.forEach(PartFiles::deleteRecursively);
            throw e;
        }
        return new Prepared(blockNumber, List.copyOf(written), List.copyOf(names), block.rowCount());
    }

    /** Transactions: deletes the temporary parts of a prepared block that will not be published. */
    void discard(Prepared prepared) {
        try {
            prepared.temporaries().forEach(PartFiles::deleteRecursively);
        } finally {
            context.parts().unpend(prepared.blockNumber());
        }
    }

    /** Transactions: renames prepared parts into place and publishes them (after the commit decision). */
    InsertResult publish(Prepared prepared) {
        try {
            return publishPrepared(prepared);
        } finally {
            context.parts().unpend(prepared.blockNumber());
        }
    }

    private InsertResult publishPrepared(Prepared prepared) {
        List<DataPart> parts = new ArrayList<>(prepared.temporaries().size());
        for (int i = 0; i < prepared.temporaries().size(); i++) {
            parts.add(TableFiles.renameIntoPlace(context.directory(), prepared.temporaries().get(i),
                    prepared.names().get(i)));
        }
        if (!parts.isEmpty() && !context.parts().swap(List.of(), parts, prepared.blockNumber())) {
            parts.forEach(DataPart::release);
        }
        MergeScheduler current = scheduler;
        if (current != null && !parts.isEmpty()) {
            current.insertHappened();
        }
        return new InsertResult(prepared.rows(), prepared.names().stream().map(PartName::toString).toList());
    }

    InsertTokens insertTokens() {
        return insertTokens;
    }

    /** True when a {@link TableTransaction} with insert token {@code token} committed here (within the token window). */
    public boolean hasInsertToken(String token) {
        return token != null && insertTokens.contains(token.strip());
    }

    private InsertResult write(Block block, long blockNumber) {
        Map<String, Block> partitions = context.builder().splitByPartition(block);
        throttle(partitions.keySet());
        List<Path> written = new ArrayList<>(partitions.size());
        List<PartName> names = new ArrayList<>(partitions.size());
        boolean crashed = false;
        try {
            for (Map.Entry<String, Block> partition : partitions.entrySet()) {
                Path temporary = context.builder().writeRows("insert", partition.getKey(), partition.getValue());
                if (temporary != null) {
                    written.add(temporary);
                    names.add(new PartName(partition.getKey(), blockNumber, blockNumber, 0));
                }
            }
            List<DataPart> parts = new ArrayList<>(written.size());
            for (int i = 0; i < written.size(); i++) {
                FaultPoints.check(FaultPoints.AFTER_PART_WRITE_BEFORE_RENAME, context.directory());
                parts.add(TableFiles.renameIntoPlace(context.directory(), written.get(i), names.get(i)));
                written.set(i, null);
            }
            if (!context.parts().swap(List.of(), parts, blockNumber)) {
                // A concurrent truncate ordered itself after this insert: its rows are gone, as if truncated.
                parts.forEach(DataPart::release);
            }
        } catch (FaultPoints.InjectedFault e) {
            crashed = true;
            throw e;
        } finally {
            if (!crashed) {
                for (Path leftover : written) {
                    if (leftover != null) {
                        PartFiles.deleteRecursively(leftover);
                    }
                }
            }
        }
        MergeScheduler current = scheduler;
        if (current != null) {
            current.insertHappened();
        }
        return new InsertResult(block.rowCount(), names.stream().map(PartName::toString).toList());
    }

    private void throttle(Set<String> partitionIds) {
        int most = 0;
        String fullest = null;
        for (String partitionId : partitionIds) {
            int count = context.parts().countInPartition(partitionId);
            if (count > most) {
                most = count;
                fullest = partitionId;
            }
        }
        if (most >= context.settings().partsToThrowInsert()) {
            throw new StarlingException(ErrorCode.TOO_MANY_PARTS, "Too many parts (" + most + ") in partition ["
                    + fullest + "]; merges are slower than inserts. Insert bigger, less frequent batches");
        }
        long delay = context.settings().insertDelayMillis(most);
        if (delay > 0) {
            try {
                context.services().insertDelay().pause(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "Insert was interrupted while delayed for"
                        + " too many parts in partition [" + fullest + "]", e);
            }
        }
    }

    private void checkShape(Block block) {
        List<ColumnDefinition> columns = context.definition().columns();
        if (block.columnCount() != columns.size()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Block has " + block.columnCount()
                    + " columns but the table has " + columns.size() + "; send every column in table order");
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!block.column(i).type().equals(columns.get(i).type())) {
                throw new StarlingException(ErrorCode.TYPE_MISMATCH, "Column [" + columns.get(i).name() + "] has type ["
                        + columns.get(i).type().name() + "] but the block holds [" + block.column(i).type().name()
                        + "]; convert the values before inserting");
            }
        }
    }

    /**
     * Atomically replaces the rows of the parts named {@code retire} with {@code blocks} (in table column order):
     * readers see the old parts or the new ones, never a mix, and so does a crash. In each partition the new part
     * is named to cover the retired parts' block range. Fails with ABORTED (236) when a retired part is no longer
     * active or is being merged: retry. Parts inserted concurrently (not in {@code retire}) stay.
     */
    public InsertResult replaceParts(Collection<String> retire, List<Block> blocks) {
        checkOpen();
        blocks.forEach(this::checkShape);
        return mutations.replaceParts(retire, blocks);
    }

    /**
     * Replace by condition (spec data-plane §4.6): keeps the rows of {@code newRows} matching {@code condition}
     * (null: all of them); in the partitions those rows touch, removes the existing rows matching
     * {@code condition} (null: every existing row) and adds the new rows, in one atomic swap. Other partitions
     * are untouched. Returns the rows added.
     */
    public InsertResult replacePartitions(List<Block> newRows, RowPredicate condition) {
        checkOpen();
        newRows.forEach(this::checkShape);
        return mutations.replacePartitions(newRows, condition);
    }

    /**
     * Deletes the rows matching {@code predicate} (over blocks in table column order) from the rows present when
     * the call starts: each affected part is rewritten, and all are swapped in at once. Returns the rows deleted.
     * Blocking; waits for running merges of the affected parts.
     */
    public long deleteWhere(RowPredicate predicate) {
        checkOpen();
        return mutations.deleteWhere(predicate);
    }

    /** The partition ids of the block's rows (by the table's partition key), distinct. */
    public Set<String> partitionIds(Block block) {
        checkShape(block);
        return block.rowCount() == 0 ? Set.of()
                : new HashSet<>(Arrays.asList(context.schema().keys().partitionIds(block)));
    }

    /** A consistent, reference-counted view of the active parts. Close it when done. */
    public MergeTreeSnapshot snapshot() {
        checkOpen();
        return new MergeTreeSnapshot(context.definition(), context.parts().acquireActive(), finalMerger);
    }

    /** Removes every row atomically for readers; open snapshots keep reading what they saw. */
    public void truncate() {
        checkOpen();
        List<DataPart> retired;
        synchronized (context.committer().lock()) {
            long upTo = context.lastBlockNumber().get();
            TableFiles.writeTruncateMark(context.directory(), upTo);
            retired = context.parts().truncate(upTo);
        }
        retired.forEach(DataPart::release);
    }

    public TableStatistics statistics() {
        List<DataPart> parts = context.parts().active();
        long rows = 0;
        long bytes = 0;
        for (DataPart part : parts) {
            rows += part.rowCount();
            bytes += part.bytesOnDisk();
        }
        return new TableStatistics(rows, bytes, parts.size());
    }

    /** Metadata of the active parts (no references are taken: do not read their files; use a snapshot for that). */
    public List<DataPart> activeParts() {
        return context.parts().active();
    }

    /**
     * Merges one run of adjacent parts of one partition (up to {@link MergeSelector#MAX_PARTS_PER_MERGE}, the
     * smallest balanced run preferred) into a part of the next level, if any partition has two or more parts.
     * Runs on the calling thread. Returns the new part's name.
     */
    public Optional<String> mergeOnce() {
        checkOpen();
        return merges.mergeOnce(2, true, Long.MAX_VALUE);
    }

    /**
     * Merges while some partition has a balanced run of at least 3 adjacent parts; call it after inserts. Returns
     * the number of merges done (at most {@value #MAX_MERGES_PER_CALL}).
     */
    public int maybeMerge() {
        checkOpen();
        int done = 0;
        while (done < MAX_MERGES_PER_CALL && merges.mergeOnce(3, false, Long.MAX_VALUE).isPresent()) {
            done++;
        }
        return done;
    }

    /**
     * OPTIMIZE FINAL: merges all the parts of each partition into one, applying the engine's rule as a final
     * pass (ReplacingMergeTree's deleted rows go). Returns the number of merges.
     */
    public int optimizeFinal() {
        checkOpen();
        return merges.optimizeFinal();
    }

    /**
     * Applies the row TTL now (on the calling thread): drops parts whose rows have all expired without rewriting
     * them (a partition past its latest expiry disappears whole) and rewrites parts with some expired rows unless
     * {@code ttl_only_drop_parts=1}. Returns the parts dropped or rewritten; 0 without a TTL evaluator.
     */
    public int applyTtl() {
        checkOpen();
        return merges.applyTtl(Long.MAX_VALUE);
    }

    /**
     * Lets {@code mergeScheduler} merge this table in the background (and apply TTL every
     * {@code merge_with_ttl_timeout} seconds) until {@link #stopBackgroundMerges} or {@link #close}.
     */
    public void startBackgroundMerges(MergeScheduler mergeScheduler) {
        checkOpen();
        stopBackgroundMerges();
        MergeScheduler.MergeSource source = merges::nextTask;
        this.mergeSource = source;
        this.scheduler = mergeScheduler;
        mergeScheduler.register(source);
    }

    /** Stops scheduling background merges of this table; merges already running finish. */
    public void stopBackgroundMerges() {
        MergeScheduler current = scheduler;
        MergeScheduler.MergeSource source = mergeSource;
        if (current != null && source != null) {
            current.unregister(source);
        }
        scheduler = null;
        mergeSource = null;
    }

    private void checkOpen() {
        if (context.parts().isClosed()) {
            throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Table [" + context.directory()
                    + "] is closed; open it again");
        }
    }

    /** Stops inserts, merges and new snapshots. Parts stay on disk; open snapshots remain readable. */
    @Override
    public void close() {
        stopBackgroundMerges();
        context.parts().close();
    }
}
