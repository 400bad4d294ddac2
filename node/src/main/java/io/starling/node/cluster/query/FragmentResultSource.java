package io.starling.node.cluster.query;

import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The fragments' results as a table for the merge query: {@code columns} is the fragment's result schema, and a
 * scan starts the fragments ({@code open}) and answers the asked columns of their blocks. Thread-safe.
 */
final class FragmentResultSource implements TableSource {
    private final String name;
    private final List<ColumnDefinition> columns;
    private final Function<ScanStatistics, BlockStream> open;

    FragmentResultSource(String name, List<ColumnDefinition> columns, Function<ScanStatistics, BlockStream> open) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.open = open;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnDefinition> columns() {
        return columns;
    }

    @Override
    public BlockStream scan(List<String> names, ScanStatistics statistics) {
        int[] positions = new int[names.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = indexOf(names.get(i));
        }
        BlockStream all = open.apply(statistics);
        return new BlockStream() {
            @Override
            public Block next() {
                Block block = all.next();
                if (block == null) {
                    return null;
                }
                if (block.columnCount() != columns.size()) {
                    all.close();
                    throw new StarlingException(ErrorCode.LOGICAL_ERROR, "A query fragment answered "
                            + block.columnCount() + " columns where " + columns.size() + " were expected");
                }
                List<Column> picked = new ArrayList<>(positions.length);
                for (int position : positions) {
                    picked.add(block.column(position));
                }
                return new Block(picked, block.rowCount());
            }

            @Override
            public void close() {
                all.close();
            }
        };
    }

    private int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new StarlingException(ErrorCode.LOGICAL_ERROR, "The fragments' result has no column [" + column + "]");
    }
}
