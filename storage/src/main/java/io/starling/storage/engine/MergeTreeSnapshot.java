package io.starling.storage.engine;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.DataPart;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** Takes ownership of one reference on each part. */
    MergeTreeSnapshot(TableDefinition definition, List<DataPart> parts) {
        this.definition = definition;
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
        List<DataPart> held = new ArrayList<>(parts.size());
        for (DataPart part : parts) {
            if (!part.tryAcquire()) {
                held.forEach(DataPart::release);
                throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Part [" + part.name()
                        + "] was removed while the snapshot still listed it; take a new snapshot");
            }
            held.add(part);
        }
        return new SnapshotScan(held, wanted, statistics, filter);
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
}
