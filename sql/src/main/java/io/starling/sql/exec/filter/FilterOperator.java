package io.starling.sql.exec.filter;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.Operand;
import io.starling.sql.function.logic.LogicalFunctions;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;

/** Keeps the rows whose predicate is non-zero and not NULL: predicate column → selection vector → select. */
public final class FilterOperator extends Operator {
    private final Operator input;
    private final BoundExpression predicate;

    public FilterOperator(ExecutionContext context, Operator input, BoundExpression predicate) {
        super(context);
        this.input = input;
        this.predicate = predicate;
    }

    @Override
    protected Block produce() {
        Block block = input.next();
        if (block == null) {
            return null;
        }
        Operand result = ExpressionEvaluator.evaluate(predicate, block);
        if (result.constant()) {
            return LogicalFunctions.truth(result.column(), 0) ? block : new Block(block.columns().stream()
                    .map(column -> column.region(0, 0)).toList(), 0);
        }
        int rows = block.rowCount();
        int[] positions = new int[rows];
        int count = selection(result.column(), rows, positions);
        if (count == rows) {
            return block;
        }
        return block.select(positions, count);
    }

    private static int selection(Column column, int rows, int[] positions) {
        int count = 0;
        if (column instanceof LongColumn longs) {
            long[] values = longs.rawValues();
            int offset = longs.rawOffset();
            for (int i = 0; i < rows; i++) {
                positions[count] = i;
                count += values[offset + i] != 0 ? 1 : 0;
            }
            return count;
        }
        for (int i = 0; i < rows; i++) {
            if (LogicalFunctions.truth(column, i)) {
                positions[count++] = i;
            }
        }
        return count;
    }

    @Override
    public void close() {
        input.close();
    }
}
