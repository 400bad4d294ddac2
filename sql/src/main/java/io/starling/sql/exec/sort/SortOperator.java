package io.starling.sql.exec.sort;

import io.starling.sql.exec.Blocks;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * ORDER BY: materialises its input, sorts a permutation of row numbers with a stable merge sort over the key
 * columns, and emits the rows in order in blocks of up to 65,536 rows.
 */
public final class SortOperator extends Operator {
    private final Operator input;
    private final List<PlanNode.SortKey> keys;
    private final List<DataType> types;
    private Iterator<Block> output;

    public SortOperator(ExecutionContext context, Operator input, List<PlanNode.SortKey> keys, List<DataType> types) {
        super(context);
        this.input = input;
        this.keys = List.copyOf(keys);
        this.types = List.copyOf(types);
    }

    @Override
    protected Block produce() {
        if (output == null) {
            output = sort().iterator();
        }
        return output.hasNext() ? output.next() : null;
    }

    private List<Block> sort() {
        List<Block> blocks = new ArrayList<>();
        int total = 0;
        Block block;
        while ((block = input.next()) != null) {
            blocks.add(block);
            total += block.rowCount();
        }
        if (total == 0) {
            return List.of();
        }
        List<Column> columns = Blocks.concat(blocks, types);
        RowComparator[] comparators = new RowComparator[keys.size()];
        for (int k = 0; k < comparators.length; k++) {
            PlanNode.SortKey key = keys.get(k);
            comparators[k] = new RowComparator(columns.get(key.column()), key.descending(), key.nullsFirst());
        }
        int[] permutation = new int[total];
        for (int i = 0; i < total; i++) {
            permutation[i] = i;
        }
        IntMergeSort.sort(permutation, (left, right) -> {
            for (RowComparator comparator : comparators) {
                int comparison = comparator.compare(left, right);
                if (comparison != 0) {
                    return comparison;
                }
            }
            return 0;
        });
        List<Column> sorted = new ArrayList<>(columns.size());
        for (Column column : columns) {
            sorted.add(column.select(permutation, total));
        }
        return Blocks.split(sorted, total);
    }

    @Override
    public void close() {
        input.close();
    }
}
