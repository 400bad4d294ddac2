package io.starling.storage.ttl;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.merge.BlockFilter;
import java.util.ArrayList;
import java.util.List;

/** A {@link BlockFilter} that drops rows expired at a given instant (blocks in the table's column order). */
public final class TtlFilter implements BlockFilter {
    private final TtlEvaluator evaluator;
    private final int[] columnIndexes;
    private final long now;

    public TtlFilter(TtlEvaluator evaluator, List<ColumnDefinition> tableColumns, long now) {
        this.evaluator = evaluator;
        this.now = now;
        this.columnIndexes = new int[evaluator.columns().size()];
        for (int i = 0; i < columnIndexes.length; i++) {
            columnIndexes[i] = -1;
            for (int c = 0; c < tableColumns.size(); c++) {
                if (tableColumns.get(c).name().equals(evaluator.columns().get(i))) {
                    columnIndexes[i] = c;
                }
            }
            if (columnIndexes[i] < 0) {
                throw new IllegalArgumentException("TTL column [" + evaluator.columns().get(i) + "] is not in the table");
            }
        }
    }

    @Override
    public Block apply(Block block) {
        List<Column> columns = new ArrayList<>(columnIndexes.length);
        for (int index : columnIndexes) {
            columns.add(block.column(index));
        }
        long[] expiry = evaluator.expiresAt(new Block(columns, block.rowCount()));
        boolean[] drop = new boolean[block.rowCount()];
        boolean any = false;
        for (int row = 0; row < drop.length; row++) {
            drop[row] = expiry[row] <= now;
            any |= drop[row];
        }
        return any ? BlockFilter.dropRows(block, drop) : block;
    }
}
