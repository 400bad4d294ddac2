package io.starling.sql.exec.aggregate;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;

/** SELECT DISTINCT: streams rows whose values were not seen before, keeping the first occurrence. */
public final class DistinctOperator extends Operator {
    private final Operator input;
    private final BytesHashTable seen = new BytesHashTable();
    private final KeySerializer serializer = new KeySerializer();
    private final io.starling.sql.exec.QueryMemory.Reservation memory;

    public DistinctOperator(ExecutionContext context, Operator input) {
        super(context);
        this.input = input;
        this.memory = context.memory().reservation("Distinct");
    }

    @Override
    protected Block produce() {
        Block block = input.next();
        if (block == null) {
            return null;
        }
        Column[] columns = block.columns().toArray(Column[]::new);
        int rows = block.rowCount();
        int[] positions = new int[rows];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            serializer.serialize(columns, i);
            if (seen.add(serializer.buffer(), serializer.length())) {
                positions[count++] = i;
            }
        }
        memory.resizeTo(seen.memoryBytes());
        return count == rows ? block : block.select(positions, count);
    }

    @Override
    public void close() {
        memory.close();
        input.close();
    }
}
