package io.starling.sql.exec.setop;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.aggregate.BytesHashTable;
import io.starling.sql.exec.aggregate.KeySerializer;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import java.util.Arrays;

/**
 * INTERSECT and EXCEPT: reads the right input whole into a hash table of serialised rows (with a count per
 * distinct row), then streams the left rows that are (INTERSECT) or are not (EXCEPT) found. With {@code all},
 * a right row is used up by the first left row it matches, so duplicates count (INTERSECT ALL keeps
 * min(l, r) copies, EXCEPT ALL keeps l - r); without it only membership counts.
 */
public final class SetOperationOperator extends Operator {
    private final Operator left;
    private final Operator right;
    private final boolean except;
    private final boolean all;
    private final BytesHashTable rows = new BytesHashTable();
    private final KeySerializer serializer = new KeySerializer();
    private long[] counts = new long[1024];
    private boolean built;
    private io.starling.sql.exec.QueryMemory.Reservation memory;

    public SetOperationOperator(ExecutionContext context, Operator left, Operator right, boolean except, boolean all) {
        super(context);
        this.left = left;
        this.right = right;
        this.except = except;
        this.all = all;
    }

    @Override
    protected Block produce() {
        if (!built) {
            build();
            built = true;
        }
        Block block = left.next();
        if (block == null) {
            return null;
        }
        Column[] columns = block.columns().toArray(Column[]::new);
        int count = 0;
        int[] positions = new int[block.rowCount()];
        for (int row = 0; row < block.rowCount(); row++) {
            serializer.serialize(columns, row);
            int id = rows.find(serializer.buffer(), serializer.length());
            boolean found = id >= 0 && counts[id] > 0;
            if (found && all) {
                counts[id]--;
            }
            if (found != except) {
                positions[count++] = row;
            }
        }
        return count == block.rowCount() ? block : block.select(positions, count);
    }

    private void build() {
        memory = context().memory().reservation("SetOperation");
        Block block;
        while ((block = right.next()) != null) {
            Column[] columns = block.columns().toArray(Column[]::new);
            for (int row = 0; row < block.rowCount(); row++) {
                serializer.serialize(columns, row);
                int id = rows.idOf(serializer.buffer(), serializer.length());
                if (id >= counts.length) {
                    counts = Arrays.copyOf(counts, Math.max(id + 1, counts.length * 2));
                }
                counts[id]++;
            }
            memory.resizeTo(rows.memoryBytes() + 8L * counts.length);
        }
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
        }
        left.close();
        right.close();
    }
}
