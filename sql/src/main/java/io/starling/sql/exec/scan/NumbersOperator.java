package io.starling.sql.exec.scan;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.function.Types;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import java.util.List;

/** The numbers(N) / numbers(start, N) table function: UInt64 values in blocks of up to 65,536 rows. */
public final class NumbersOperator extends Operator {
    private final long end;
    private long next;

    public NumbersOperator(ExecutionContext context, long start, long count) {
        super(context);
        this.next = start;
        this.end = start + count;
    }

    @Override
    protected Block produce() {
        if (next >= end) {
            return null;
        }
        int rows = (int) Math.min(Block.MAX_ROWS, end - next);
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = next + i;
        }
        next += rows;
        context().statistics().add(rows, (long) rows * Long.BYTES);
        return new Block(List.of(new LongColumn(Types.UINT64, values)), rows);
    }
}
