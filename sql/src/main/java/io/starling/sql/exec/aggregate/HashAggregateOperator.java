package io.starling.sql.exec.aggregate;

import io.starling.sql.exec.Blocks;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.aggregate.Accumulator;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hash aggregation: consumes its whole input on the first {@link #next()}, assigning each row a group id with
 * a {@link GroupTable} specialised by key shape and feeding every aggregate's {@link Accumulator} a block at a
 * time. Emits the key columns followed by one column per aggregate.
 */
public final class HashAggregateOperator extends Operator {
    private final Operator input;
    private final List<BoundExpression> keys;
    private final List<PlanNode.AggregateCall> aggregates;
    private Iterator<Block> output;
    private io.starling.sql.exec.QueryMemory.Reservation memory;

    public HashAggregateOperator(ExecutionContext context, Operator input, List<BoundExpression> keys,
                                 List<PlanNode.AggregateCall> aggregates) {
        super(context);
        this.input = input;
        this.keys = List.copyOf(keys);
        this.aggregates = List.copyOf(aggregates);
    }

    @Override
    protected Block produce() {
        if (output == null) {
            output = aggregate().iterator();
        }
        if (!output.hasNext()) {
            return null;
        }
        Block block = output.next();
        // handed to the consumer, which accounts for it if it keeps it
        memory.resizeTo(Math.max(0, memory.bytes() - block.sizeInBytes()));
        return block;
    }

    private List<Block> aggregate() {
        List<DataType> keyTypes = keys.stream().map(BoundExpression::type).toList();
        GroupTable groups = GroupTable.forKeys(keyTypes);
        List<Accumulator> accumulators = new ArrayList<>();
        for (PlanNode.AggregateCall call : aggregates) {
            accumulators.add(call.function().newAccumulator());
        }
        int[] groupIds = new int[Block.MAX_ROWS];
        memory = context().memory().reservation("HashAggregate");
        Block block;
        while ((block = input.next()) != null) {
            int rows = block.rowCount();
            if (groupIds.length < rows) {
                groupIds = new int[rows];
            }
            Column[] keyColumns = new Column[keys.size()];
            for (int k = 0; k < keyColumns.length; k++) {
                keyColumns[k] = ExpressionEvaluator.column(keys.get(k), block);
            }
            groups.assign(keyColumns, rows, groupIds);
            for (int a = 0; a < accumulators.size(); a++) {
                accumulators.get(a).add(arguments(aggregates.get(a), block), groupIds, rows, groups.groupCount());
            }
            memory.resizeTo(AggregationMemory.estimate(groups, accumulators));
        }
        int groupCount = groups.groupCount();
        long state = memory.bytes();
        List<Column> columns = new ArrayList<>(groups.keyColumns());
        memory.resizeTo(state + AggregationMemory.columnBytes(columns));
        for (Accumulator accumulator : accumulators) {
            columns.add(accumulator.result(groupCount));
            memory.resizeTo(state + AggregationMemory.columnBytes(columns));
        }
        // the states become garbage once this returns: what stays is the result
        memory.resizeTo(AggregationMemory.columnBytes(columns));
        return Blocks.split(columns, groupCount);
    }

    private static Column[] arguments(PlanNode.AggregateCall call, Block block) {
        Column[] arguments = new Column[call.arguments().size()];
        for (int i = 0; i < arguments.length; i++) {
            Column column = ExpressionEvaluator.column(call.arguments().get(i), block);
            arguments[i] = column instanceof LowCardinalityColumn lowCardinality ? lowCardinality.decode() : column;
        }
        return arguments;
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
        }
        input.close();
    }
}
