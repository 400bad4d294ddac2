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
 * columns, and emits the rows in order in blocks of up to 65,536 rows. With a top-N bound (ORDER BY ... LIMIT n)
 * it keeps only the first n rows of that order in a heap (ties broken by input position, as the stable sort
 * would) and emits just those: O(rows log n) instead of a full sort.
 */
public final class SortOperator extends Operator {
    private final Operator input;
    private final List<PlanNode.SortKey> keys;
    private final List<DataType> types;
    private final int topN;
    private long inputRows;
    private Iterator<Block> output;
    private io.starling.sql.exec.QueryMemory.Reservation memory;

    public SortOperator(ExecutionContext context, Operator input, List<PlanNode.SortKey> keys, List<DataType> types) {
        this(context, input, keys, types, -1);
    }

    /** {@code topN} >= 0: emit only the first {@code topN} rows of the order; -1: all rows. */
    public SortOperator(ExecutionContext context, Operator input, List<PlanNode.SortKey> keys, List<DataType> types,
                        int topN) {
        super(context);
        this.input = input;
        this.keys = List.copyOf(keys);
        this.types = List.copyOf(types);
        this.topN = topN;
    }

    /** Rows read from the input (all of them once the first block was produced). */
    public long inputRows() {
        return inputRows;
    }

    @Override
    protected Block produce() {
        if (output == null) {
            output = sort().iterator();
        }
        if (!output.hasNext()) {
            return null;
        }
        Block block = output.next();
        // handed to the consumer, which accounts for it if it keeps it
        memory.resizeTo(Math.max(0, memory.bytes() - block.sizeInBytes()));
        return block;
    }

    private List<Block> sort() {
        List<Block> blocks = new ArrayList<>();
        int total = 0;
        memory = context().memory().reservation("Sort");
        Block block;
        while ((block = input.next()) != null) {
            blocks.add(block);
            total += block.rowCount();
            memory.grow(block.sizeInBytes());
        }
        inputRows = total;
        if (total == 0 || topN == 0) {
            return List.of();
        }
        List<Column> columns = Blocks.concat(blocks, types);
        if (blocks.size() > 1) {
            memory.grow(bytes(columns));
        }
        memory.grow(4L * total);
        RowComparator[] comparators = new RowComparator[keys.size()];
        for (int k = 0; k < comparators.length; k++) {
            PlanNode.SortKey key = keys.get(k);
            comparators[k] = new RowComparator(columns.get(key.column()), key.descending(), key.nullsFirst());
        }
        IntMergeSort.IntComparator order = (left, right) -> {
            for (RowComparator comparator : comparators) {
                int comparison = comparator.compare(left, right);
                if (comparison != 0) {
                    return comparison;
                }
            }
            return 0;
        };
        int[] permutation = topN >= 0 && topN < total ? TopN.select(total, topN, order) : identity(total);
        if (permutation.length == total) {
            IntMergeSort.sort(permutation, order);
        }
        int rows = permutation.length;
        List<Column> sorted = new ArrayList<>(columns.size());
        for (Column column : columns) {
            sorted.add(column.select(permutation, rows));
        }
        long sortedBytes = bytes(sorted);
        memory.grow(sortedBytes);
        // the buffered input becomes garbage once this returns: what stays is the sorted rows
        memory.resizeTo(sortedBytes);
        return Blocks.split(sorted, rows);
    }

    private static long bytes(List<Column> columns) {
        long bytes = 0;
        for (Column column : columns) {
            bytes += column.sizeInBytes();
        }
        return bytes;
    }

    private static int[] identity(int total) {
        int[] permutation = new int[total];
        for (int i = 0; i < total; i++) {
            permutation[i] = i;
        }
        return permutation;
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
        }
        input.close();
    }
}
