package io.starling.sql.exec.project;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import java.util.ArrayList;
import java.util.List;

/** Computes one column per expression, a whole block at a time. */
public final class ProjectOperator extends Operator {
    private final Operator input;
    private final List<BoundExpression> expressions;

    public ProjectOperator(ExecutionContext context, Operator input, List<BoundExpression> expressions) {
        super(context);
        this.input = input;
        this.expressions = List.copyOf(expressions);
    }

    @Override
    protected Block produce() {
        Block block = input.next();
        if (block == null) {
            return null;
        }
        List<Column> columns = new ArrayList<>(expressions.size());
        for (BoundExpression expression : expressions) {
            columns.add(ExpressionEvaluator.column(expression, block));
        }
        return new Block(columns, block.rowCount());
    }

    @Override
    public void close() {
        input.close();
    }
}
