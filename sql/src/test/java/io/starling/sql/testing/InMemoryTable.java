package io.starling.sql.testing;

import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A table held in memory as blocks, for tests. Counts rows and bytes of the columns a scan reads. */
public final class InMemoryTable implements TableSource {
    private final String name;
    private final List<ColumnDefinition> columns;
    private final List<Block> blocks;
    private int openStreams;

    public InMemoryTable(String name, List<ColumnDefinition> columns, List<Block> blocks) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.blocks = List.copyOf(blocks);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnDefinition> columns() {
        return columns;
    }

    /** Streams opened and not yet closed (a test checks operators close their scans). */
    public synchronized int openStreams() {
        return openStreams;
    }

    @Override
    public synchronized BlockStream scan(List<String> names, ScanStatistics statistics) {
        int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = indexOf(names.get(i));
        }
        Iterator<Block> iterator = blocks.iterator();
        openStreams++;
        return new BlockStream() {
            private boolean closed;

            @Override
            public Block next() {
                if (!iterator.hasNext()) {
                    return null;
                }
                Block block = iterator.next();
                List<Column> selected = new ArrayList<>();
                for (int index : indexes) {
                    selected.add(block.column(index));
                }
                Block result = new Block(selected, block.rowCount());
                statistics.add(result.rowCount(), result.sizeInBytes());
                return result;
            }

            @Override
            public void close() {
                synchronized (InMemoryTable.this) {
                    if (!closed) {
                        closed = true;
                        openStreams--;
                    }
                }
            }
        };
    }

    private int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No column [" + column + "] in " + name);
    }
}
