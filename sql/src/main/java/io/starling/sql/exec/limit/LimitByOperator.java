package io.starling.sql.exec.limit;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.aggregate.BytesHashTable;
import io.starling.sql.exec.aggregate.KeySerializer;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import java.util.Arrays;

/**
 * {@code LIMIT n OFFSET m BY keys}: streams its input and, per distinct value of the key columns, skips the first
 * {@code m} rows and passes the next {@code n}. Keys are serialised into a {@link BytesHashTable}; a count per key.
 */
public final class LimitByOperator extends Operator {
    private final Operator input;
    private final int[] keys;
    private final long limit;
    private final long offset;
    private final BytesHashTable seen = new BytesHashTable();
    private final KeySerializer serializer = new KeySerializer();
    private long[] counts = new long[1024];
    private final io.starling.sql.exec.QueryMemory.Reservation memory;

    public LimitByOperator(ExecutionContext context, Operator input, int[] keys, long limit, long offset) {
        super(context);
        this.memory = context.memory().reservation("LimitBy");
        this.input = input;
        this.keys = keys.clone();
        this.limit = limit;
        this.offset = offset;
    }

    @Override
    protected Block produce() {
        Block block = input.next();
        if (block == null) {
            return null;
        }
        Column[] keyColumns = new Column[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keyColumns[k] = block.column(keys[k]);
        }
        int rows = block.rowCount();
        int[] positions = new int[rows];
        int count = 0;
        for (int row = 0; row < rows; row++) {
            serializer.serialize(keyColumns, row);
            int id = seen.idOf(serializer.buffer(), serializer.length());
            if (id >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(id + 1, counts.length * 2));
            }
            long seenBefore = counts[id]++;
            if (seenBefore >= offset && seenBefore - offset < limit) {
                positions[count++] = row;
            }
        }
        memory.resizeTo(seen.memoryBytes() + 8L * counts.length);
        return count == rows ? block : block.select(positions, count);
    }

    @Override
    public void close() {
        memory.close();
        input.close();
    }
}
