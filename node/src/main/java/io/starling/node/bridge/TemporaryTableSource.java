package io.starling.node.bridge;

import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.engine.TableSnapshot;
import java.util.List;

/**
 * TEMPORARY stand-in for io.starling.sql.catalog.MergeTreeTableSource: scans a snapshot taken when the scan
 * starts and releases it when the stream is closed.
 */
final class TemporaryTableSource implements TableSource {
    private final String name;
    private final MergeTreeTable table;

    TemporaryTableSource(String name, MergeTreeTable table) {
        this.name = name;
        this.table = table;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnDefinition> columns() {
        return table.definition().columns();
    }

    @Override
    public BlockStream scan(List<String> columns, ScanStatistics statistics) {
        TableSnapshot snapshot = table.snapshot();
        BlockStream stream;
        try {
            stream = snapshot.scan(columns, statistics);
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
        return new BlockStream() {
            private boolean closed;

            @Override
            public Block next() {
                return stream.next();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    try {
                        stream.close();
                    } finally {
                        snapshot.close();
                    }
                }
            }
        };
    }
}
