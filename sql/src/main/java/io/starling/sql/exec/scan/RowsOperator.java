package io.starling.sql.exec.scan;

import io.starling.sql.exec.Blocks;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.function.Values;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The constant rows of the values table function, built once into columns. */
public final class RowsOperator extends Operator {
    private final PlanNode.Rows node;
    private Iterator<Block> output;

    public RowsOperator(ExecutionContext context, PlanNode.Rows node) {
        super(context);
        this.node = node;
    }

    @Override
    protected Block produce() {
        if (output == null) {
            List<Column> columns = new ArrayList<>();
            for (int c = 0; c < node.output().size(); c++) {
                ColumnBuilder builder = ColumnBuilder.forType(node.output().get(c).type(), node.rows().size());
                for (List<Object> row : node.rows()) {
                    Values.append(builder, row.get(c));
                }
                columns.add(builder.build());
            }
            context().statistics().add(node.rows().size(), 0);
            output = Blocks.split(columns, node.rows().size()).iterator();
        }
        return output.hasNext() ? output.next() : null;
    }
}
