package io.starling.sql.exec.aggregate;

import io.starling.sql.exec.Blocks;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.aggregate.Accumulator;
import io.starling.sql.function.logic.LogicalFunctions;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Aggregation over several grouping sets in one pass (ROLLUP, CUBE, GROUPING SETS) and WITH TOTALS. Every input
 * block feeds one {@link GroupTable} and accumulator set per grouping set, plus a single-group set for the
 * totals. Emits each set's groups in turn with the keys outside the set at their type's default (NULL for
 * Nullable), as ClickHouse does with group_by_use_nulls = 0, and a last UInt64 column numbering the set. A set without keys yields its row only when the
 * input had rows. The totals row is published in the execution context; with a HAVING condition, only rows of
 * the first set's groups that pass it count (ClickHouse's default totals_mode, after_having_exclusive), for
 * which the aggregate arguments are kept until the groups are known.
 */
public final class GroupingSetsOperator extends Operator {
    private final Operator input;
    private final PlanNode.GroupingSets node;
    private Iterator<Block> output;
    private io.starling.sql.exec.QueryMemory.Reservation memory;

    public GroupingSetsOperator(ExecutionContext context, Operator input, PlanNode.GroupingSets node) {
        super(context);
        this.input = input;
        this.node = node;
    }

    @Override
    protected Block produce() {
        if (output == null) {
            output = aggregate().iterator();
        }
        return output.hasNext() ? output.next() : null;
    }

    private List<Block> aggregate() {
        List<BoundExpression> keys = node.keys();
        List<PlanNode.AggregateCall> aggregates = node.aggregates();
        int setCount = node.sets().size();
        GroupTable[] tables = new GroupTable[setCount];
        List<List<Accumulator>> accumulators = new ArrayList<>();
        for (int s = 0; s < setCount; s++) {
            List<DataType> types = new ArrayList<>();
            for (int key : node.sets().get(s)) {
                types.add(keys.get(key).type());
            }
            tables[s] = GroupTable.forKeys(types);
            accumulators.add(newAccumulators(aggregates));
        }
        boolean totals = node.totalsSlot() >= 0;
        boolean buffered = totals && node.totalsHaving() != null;
        List<Accumulator> totalAccumulators = totals ? newAccumulators(aggregates) : List.of();
        List<Column[][]> keptArguments = new ArrayList<>();
        List<int[]> keptGroups = new ArrayList<>();
        int[] groupIds = new int[Block.MAX_ROWS];
        int[] zeros = new int[Block.MAX_ROWS];
        long inputRows = 0;
        memory = context().memory().reservation("GroupingSets");
        long kept = 0;
        Block block;
        while ((block = input.next()) != null) {
            int rows = block.rowCount();
            inputRows += rows;
            if (groupIds.length < rows) {
                groupIds = new int[rows];
                zeros = new int[rows];
            }
            Column[] keyColumns = new Column[keys.size()];
            for (int k = 0; k < keyColumns.length; k++) {
                keyColumns[k] = ExpressionEvaluator.column(keys.get(k), block);
            }
            Column[][] arguments = new Column[aggregates.size()][];
            for (int a = 0; a < arguments.length; a++) {
                arguments[a] = arguments(aggregates.get(a), block);
            }
            for (int s = 0; s < setCount; s++) {
                List<Integer> set = node.sets().get(s);
                Column[] setKeys = new Column[set.size()];
                for (int k = 0; k < setKeys.length; k++) {
                    setKeys[k] = keyColumns[set.get(k)];
                }
                tables[s].assign(setKeys, rows, groupIds);
                for (int a = 0; a < arguments.length; a++) {
                    accumulators.get(s).get(a).add(arguments[a], groupIds, rows, tables[s].groupCount());
                }
                if (s == 0 && buffered) {
                    keptArguments.add(arguments);
                    keptGroups.add(java.util.Arrays.copyOf(groupIds, rows));
                }
            }
            if (totals && !buffered) {
                for (int a = 0; a < arguments.length; a++) {
                    totalAccumulators.get(a).add(arguments[a], zeros, rows, 1);
                }
            }
            if (buffered) {
                kept += block.sizeInBytes() + 4L * rows;
            }
            long estimate = kept;
            for (int s = 0; s < setCount; s++) {
                estimate += AggregationMemory.estimate(tables[s], accumulators.get(s));
            }
            memory.resizeTo(estimate);
        }
        List<Block> blocks = new ArrayList<>();
        Block firstSet = null;
        for (int s = 0; s < setCount; s++) {
            List<Integer> set = node.sets().get(s);
            int groups = tables[s].groupCount();
            if (set.isEmpty() && inputRows == 0 && setCount > 1) {
                continue;
            }
            List<Column> setKeyColumns = tables[s].keyColumns();
            List<Column> columns = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                int inSet = set.indexOf(k);
                columns.add(inSet >= 0 ? setKeyColumns.get(inSet) : defaults(keys.get(k).type(), groups));
            }
            for (Accumulator accumulator : accumulators.get(s)) {
                columns.add(accumulator.result(groups));
            }
            columns.add(setNumbers(s, groups));
            memory.grow(AggregationMemory.columnBytes(columns));
            if (s == 0) {
                firstSet = new Block(columns, groups);
            }
            blocks.addAll(Blocks.split(columns, groups));
        }
        if (totals) {
            if (buffered) {
                addPassingRows(firstSet, keptArguments, keptGroups, totalAccumulators);
            }
            List<Column> columns = new ArrayList<>();
            for (BoundExpression key : keys) {
                columns.add(defaults(key.type(), 1));
            }
            for (Accumulator accumulator : totalAccumulators) {
                columns.add(accumulator.result(1));
            }
            columns.add(setNumbers(0, 1));
            context().putTotals(node.totalsSlot(), new Block(columns, 1));
        }
        return blocks;
    }

    /** Feeds the totals with the kept rows whose first-set group passes HAVING. */
    private void addPassingRows(Block firstSet, List<Column[][]> keptArguments, List<int[]> keptGroups,
                                List<Accumulator> totals) {
        boolean[] passing = new boolean[firstSet == null ? 0 : firstSet.rowCount()];
        if (firstSet != null && firstSet.rowCount() > 0) {
            Column condition = ExpressionEvaluator.column(node.totalsHaving(), firstSet);
            for (int group = 0; group < passing.length; group++) {
                passing[group] = LogicalFunctions.truth(condition, group);
            }
        }
        for (int b = 0; b < keptArguments.size(); b++) {
            int[] groups = keptGroups.get(b);
            int[] positions = new int[groups.length];
            int count = 0;
            for (int row = 0; row < groups.length; row++) {
                if (passing[groups[row]]) {
                    positions[count++] = row;
                }
            }
            if (count == 0) {
                continue;
            }
            Column[][] arguments = keptArguments.get(b);
            int[] zeros = new int[count];
            for (int a = 0; a < arguments.length; a++) {
                Column[] selected = new Column[arguments[a].length];
                for (int i = 0; i < selected.length; i++) {
                    selected[i] = count == groups.length ? arguments[a][i] : arguments[a][i].select(positions, count);
                }
                totals.get(a).add(selected, zeros, count, 1);
            }
        }
    }

    /** The last output column: which grouping set a row belongs to. */
    private static Column setNumbers(int set, int rows) {
        long[] values = new long[rows];
        java.util.Arrays.fill(values, set);
        return new io.starling.storage.column.LongColumn(io.starling.storage.type.IntegerType.UINT64, values);
    }

    private static List<Accumulator> newAccumulators(List<PlanNode.AggregateCall> aggregates) {
        List<Accumulator> accumulators = new ArrayList<>();
        for (PlanNode.AggregateCall call : aggregates) {
            accumulators.add(call.function().newAccumulator());
        }
        return accumulators;
    }

    /** {@code rows} default values of {@code type}: 0, '', [] or NULL for Nullable. */
    static Column defaults(DataType type, int rows) {
        ColumnBuilder builder = ColumnBuilder.forType(type, rows);
        for (int i = 0; i < rows; i++) {
            builder.appendNull();
        }
        return builder.build();
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
