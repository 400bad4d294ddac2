package io.starling.sql.exec.scan;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.function.Types;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import java.util.List;

/** One row with column {@code dummy} = 0, for SELECT without FROM (ClickHouse's system.one). */
public final class OneRowOperator extends Operator {
    private boolean done;

    public OneRowOperator(ExecutionContext context) {
        super(context);
    }

    @Override
    protected Block produce() {
        if (done) {
            return null;
        }
        done = true;
        context().statistics().add(1, 1);
        return new Block(List.of(new LongColumn(Types.UINT8, new long[1])), 1);
    }
}
