package io.starling.storage.engine;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.merge.MergeRule;
import io.starling.storage.merge.MergeStream;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartSchema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A {@link TableSnapshot} of a {@link MergeTreeTable}: the active parts at one instant, each referenced until
 * {@link #close()}. Every scan stream takes its own references too, so a stream stays readable even if the
 * snapshot is closed first. Thread-safe; each stream has one consumer.
 */
public final class MergeTreeSnapshot implements TableSnapshot {
    private final TableDefinition definition;
    private final List<DataPart> parts;
    private final long rowCount;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FinalMerger finalMerger;

    /** How FINAL reads merge a partition's parts: the table's part schema and a supplier of its engine rule. */
    record FinalMerger(PartSchema schema, Supplier<MergeRule> rules) {
    }

    /** Takes ownership of one reference on each part. */
    MergeTreeSnapshot(TableDefinition definition, List<DataPart> parts) {
        this(definition, parts, null);
    }

    /** Takes ownership of one reference on each part. */
    MergeTreeSnapshot(TableDefinition definition, List<DataPart> parts, FinalMerger finalMerger) {
        this.definition = definition;
        this.finalMerger = finalMerger;
        this.parts = List.copyOf(parts);
        long rows = 0;
        for (DataPart part : parts) {
            rows += part.rowCount();
        }
        this.rowCount = rows;
    }

    /** The parts this snapshot sees, in scan order (partition id, then block number). */
    public List<DataPart> parts() {
        return parts;
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public BlockStream scan(List<String> columns, ScanStatistics statistics) {
        return scan(columns, statistics, null);
    }

    @Override
    public BlockStream scan(List<String> columns, ScanStatistics statistics, GranuleFilter filter) {
        return new SnapshotScan(acquireParts(), resolve(columns), statistics, filter);
    }

    /**
     * SELECT ... FINAL: the named columns with the engine's rule applied across the parts of each partition, as if
     * every partition had been fully merged (ReplacingMergeTree: one row per key, deleted rows gone; Summing and
     * Aggregating: one row per key; Collapsing: pairs cancelled). Rows come sorted by the sorting key within
     * each partition. For MergeTree and Null this is {@link #scan(List, ScanStatistics)}. Every column is read.
     */
    @Override
    public BlockStream scanFinal(List<String> columns, ScanStatistics statistics) {
        List<ColumnDefinition> wanted = resolve(columns);
        MergeRule probe = finalMerger == null ? null : finalMerger.rules().get();
        if (probe == null) {
            return new SnapshotScan(acquireParts(), wanted, statistics, null);
        }
        int[] projection = new int[wanted.size()];
        for (int i = 0; i < projection.length; i++) {
            projection[i] = definition.columnIndex(wanted.get(i).name());
        }
        return new FinalScan(acquireParts(), finalMerger, probe, projection, statistics);
    }

    private List<ColumnDefinition> resolve(List<String> columns) {
        if (closed.get()) {
            throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Snapshot is closed; take a new snapshot to scan");
        }
        List<ColumnDefinition> wanted = new ArrayList<>(columns.size());
        for (String name : columns) {
            int index = definition.columnIndex(name);
            if (index < 0) {
                throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "Column [" + name
                        + "] does not exist in the table; the columns are " + definition.columns().stream()
                        .map(ColumnDefinition::name).toList());
            }
            wanted.add(definition.columns().get(index));
        }
        return wanted;
    }

    private List<DataPart> acquireParts() {
        List<DataPart> held = new ArrayList<>(parts.size());
        for (DataPart part : parts) {
            if (!part.tryAcquire()) {
                held.forEach(DataPart::release);
                throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Part [" + part.name()
                        + "] was removed while the snapshot still listed it; take a new snapshot");
            }
            held.add(part);
        }
        return held;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (DataPart part : parts) {
                part.release();
            }
        }
    }

    /** Reads the parts one after the other; releases each part's reference when done with it. */
    private static final class SnapshotScan implements BlockStream {
        private final List<DataPart> parts;
        private final List<ColumnDefinition> wanted;
        private final ScanStatistics statistics;
        private final GranuleFilter filter;
        private int nextPart;
        private BlockStream current;

        SnapshotScan(List<DataPart> parts, List<ColumnDefinition> wanted, ScanStatistics statistics, GranuleFilter filter) {
            this.parts = parts;
            this.wanted = wanted;
            this.statistics = statistics;
            this.filter = filter;
        }

        @Override
        public Block next() {
            while (true) {
                if (current != null) {
                    Block block = current.next();
                    if (block != null) {
                        return block;
                    }
                    finishCurrent();
                }
                if (nextPart >= parts.size()) {
                    return null;
                }
                DataPart part = parts.get(nextPart++);
                BitSet granules = filter == null ? null : filter.granules(part);
                if (granules != null && granules.isEmpty()) {
                    part.release();
                    continue;
                }
                current = part.scan(wanted, granules, statistics);
            }
        }

        private void finishCurrent() {
            current.close();
            current = null;
            parts.get(nextPart - 1).release();
        }

        @Override
        public void close() {
            if (current != null) {
                finishCurrent();
            }
            while (nextPart < parts.size()) {
                parts.get(nextPart++).release();
            }
        }
    }

    /** Merges the parts of one partition after the other with the engine's rule; releases each part when done. */
    private static final class FinalScan implements BlockStream {
        private final List<DataPart> parts;
        private final FinalMerger merger;
        private final int[] projection;
        private final ScanStatistics statistics;
        private MergeRule nextRule;
        private int nextPart;
        private int currentStart;
        private MergeStream current;

        FinalScan(List<DataPart> parts, FinalMerger merger, MergeRule firstRule, int[] projection,
                  ScanStatistics statistics) {
            this.parts = parts;
            this.merger = merger;
            this.nextRule = firstRule;
            this.projection = projection;
            this.statistics = statistics;
        }

        @Override
        public Block next() {
            while (true) {
                if (current != null) {
                    Block block = current.next();
                    if (block != null) {
                        return project(block);
                    }
                    finishCurrent();
                }
                if (nextPart >= parts.size()) {
                    return null;
                }
                int end = nextPart;
                String partition = parts.get(nextPart).partitionId();
                while (end < parts.size() && parts.get(end).partitionId().equals(partition)) {
                    end++;
                }
                List<BlockStream> sources = new ArrayList<>(end - nextPart);
                for (int i = nextPart; i < end; i++) {
                    sources.add(parts.get(i).scan(merger.schema().columns(), null, statistics));
                }
                MergeRule rule = nextRule != null ? nextRule : merger.rules().get();
                nextRule = null;
                currentStart = nextPart;
                nextPart = end;
                current = new MergeStream(sources, merger.schema(), rule, true, null, merger.schema().granularity());
            }
        }

        private Block project(Block block) {
            List<io.starling.storage.column.Column> columns = new ArrayList<>(projection.length);
            for (int index : projection) {
                columns.add(block.column(index));
            }
            return new Block(columns, block.rowCount());
        }

        private void finishCurrent() {
            current.close();
            current = null;
            for (int i = currentStart; i < nextPart; i++) {
                parts.get(i).release();
            }
            currentStart = nextPart;
        }

        @Override
        public void close() {
            if (current != null) {
                finishCurrent();
            }
            while (nextPart < parts.size()) {
                parts.get(nextPart++).release();
            }
        }
    }
}
