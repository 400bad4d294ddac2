package io.starling.sql.catalog;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.engine.TableSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * A MergeTree table as a query source. Each scan takes a snapshot of the active parts and releases it when
 * the stream is closed, so merges never pull parts from under a running query. Thread-safe.
 */
public final class MergeTreeTableSource implements TableSource {
    private final String name;
    private final MergeTreeTable table;

    public MergeTreeTableSource(String name, MergeTreeTable table) {
        this.name = Objects.requireNonNull(name, "name");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnDefinition> columns() {
        return table.definition().columns();
    }

    /** The table's definition: sorting key and partition key for pruning. */
    public io.starling.storage.engine.TableDefinition definition() {
        return table.definition();
    }

    /**
     * A snapshot of the active parts for readers that pick granules themselves (key analysis, PREWHERE,
     * multi-threaded scans). The caller closes it when done.
     */
    public io.starling.storage.engine.MergeTreeSnapshot snapshot() {
        return table.snapshot();
    }

    @Override
    public BlockStream scan(List<String> columns, ScanStatistics statistics) {
        return scan(columns, statistics, false);
    }

    /** FINAL: the snapshot's {@link TableSnapshot#scanFinal} (the engine's rule applied across parts). */
    @Override
    public BlockStream scanFinal(List<String> columns, ScanStatistics statistics) {
        return scan(columns, statistics, true);
    }

    private BlockStream scan(List<String> columns, ScanStatistics statistics, boolean isFinal) {
        TableSnapshot snapshot = table.snapshot();
        BlockStream stream;
        try {
            stream = isFinal ? snapshot.scanFinal(columns, statistics) : snapshot.scan(columns, statistics);
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
        return new BlockStream() {
            private boolean closed;

            @Override
            public Block next() {
                return closed ? null : stream.next();
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    stream.close();
                } finally {
                    snapshot.close();
                }
            }
        };
    }
}
