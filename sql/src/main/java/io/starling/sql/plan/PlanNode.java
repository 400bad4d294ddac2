package io.starling.sql.plan;

import io.starling.sql.catalog.TableSource;
import io.starling.sql.function.aggregate.AggregateFunction;
import io.starling.storage.engine.ColumnDefinition;
import java.util.List;

/**
 * A step of a logical plan. Each node states its output columns; expressions refer to the input's
 * columns by index. The executor turns nodes into operators one to one.
 */
public sealed interface PlanNode {
    List<ColumnDefinition> output();

    /** Reads {@code columns} of a table. */
    record Scan(TableSource table, List<String> columns, List<ColumnDefinition> output) implements PlanNode {
    }

    /** The numbers table function: {@code count} rows of {@code start, start+1, ...} in column {@code number}. */
    record Numbers(long start, long count, List<ColumnDefinition> output) implements PlanNode {
    }

    /** Constant rows (the values table function): one value per column per row, as {@code Values} constants. */
    record Rows(List<List<Object>> rows, List<ColumnDefinition> output) implements PlanNode {
    }

    /** One row with one UInt8 column {@code dummy} = 0: a SELECT without FROM. */
    record OneRow(List<ColumnDefinition> output) implements PlanNode {
    }

    /** Rows where {@code predicate} is true (non-zero and not NULL). */
    record Filter(PlanNode input, BoundExpression predicate) implements PlanNode {
        @Override
        public List<ColumnDefinition> output() {
            return input.output();
        }
    }

    /** Computes {@code expressions} per row. */
    record Project(PlanNode input, List<BoundExpression> expressions, List<ColumnDefinition> output) implements PlanNode {
    }

    /** Groups by {@code keys}; the output is the keys, then one column per aggregate. */
    record Aggregate(PlanNode input, List<BoundExpression> keys, List<AggregateCall> aggregates,
                     List<ColumnDefinition> output) implements PlanNode {
    }

    /** Sorts by {@code keys} (stable). */
    record Sort(PlanNode input, List<SortKey> keys) implements PlanNode {
        @Override
        public List<ColumnDefinition> output() {
            return input.output();
        }
    }

    /** Skips {@code offset} rows, then passes at most {@code limit} (-1: all). */
    record Limit(PlanNode input, long limit, long offset) implements PlanNode {
        @Override
        public List<ColumnDefinition> output() {
            return input.output();
        }
    }

    /** Drops repeated rows, keeping the first of each. */
    record Distinct(PlanNode input) implements PlanNode {
        @Override
        public List<ColumnDefinition> output() {
            return input.output();
        }
    }

    /** The rows of every input in turn. */
    record Union(List<PlanNode> inputs, List<ColumnDefinition> output) implements PlanNode {
    }

    /**
     * One row per element of {@code arrays} (equal sizes per row), appended as columns after the input's.
     * With {@code left}, a row whose arrays are empty stays once, with default elements.
     */
    record ArrayJoin(PlanNode input, List<BoundExpression> arrays, boolean left, List<ColumnDefinition> output)
            implements PlanNode {
    }

    /**
     * A hash join: the output is the left columns then the right columns. Keys are bound over each side's own
     * columns; {@code residual} (or null) over the combined columns. Non-matched sides get type defaults
     * (NULL for Nullable), as ClickHouse does with join_use_nulls = 0. For rows only the right side has,
     * left column {@code usingLeft[i]} takes right column {@code usingRight[i]} (USING keys).
     *
     * @param kind       INNER, LEFT, RIGHT, FULL or CROSS
     * @param strictness ALL, ANY, SEMI or ANTI
     */
    record Join(PlanNode left, PlanNode right, String kind, String strictness, List<BoundExpression> leftKeys,
                List<BoundExpression> rightKeys, BoundExpression residual, int[] usingLeft, int[] usingRight,
                List<ColumnDefinition> output) implements PlanNode {
    }

    /**
     * Aggregation over several grouping sets at once (ROLLUP, CUBE, GROUPING SETS) and/or WITH TOTALS. The output
     * is the layout of {@link Aggregate} (every key, then the aggregates) plus a UInt64 column with the number of
     * the row's grouping set; each set's rows come in turn, keys
     * outside the set holding their type's default value (NULL for Nullable). With {@code totalsSlot >= 0} the
     * aggregates over all rows (of the groups of the first set passing {@code totalsHaving}, when not null) are
     * published as one row in that slot of the execution context, for a {@link Totals} node to read.
     *
     * @param sets grouping sets as positions in {@code keys}; a plain GROUP BY has one set of every key
     */
    record GroupingSets(PlanNode input, List<BoundExpression> keys, List<AggregateCall> aggregates,
                        List<List<Integer>> sets, int totalsSlot, BoundExpression totalsHaving,
                        List<ColumnDefinition> output) implements PlanNode {
    }

    /** The one row a {@link GroupingSets} node published in {@code slot} (run after the main plan). */
    record Totals(int slot, List<ColumnDefinition> output) implements PlanNode {
    }

    /**
     * ORDER BY ... WITH FILL over sorted input: inserts rows for the missing values of each fill key; other
     * columns of inserted rows take their type's default, except the sort keys before the first fill key, which
     * keep the values of the group being filled.
     *
     * @param prefix the sort-key columns before the first fill key (filling restarts when they change)
     */
    record Fill(PlanNode input, int[] prefix, List<FillKey> keys) implements PlanNode {
        @Override
        public List<ColumnDefinition> output() {
            return input.output();
        }
    }

    /**
     * One WITH FILL key.
     *
     * @param column     the input column
     * @param descending the sort direction (the step is negative)
     * @param from       the first value (Long or Double in the column's representation), or null: the first row's
     * @param to         the exclusive bound, or null: the last row's value
     * @param step       the step as a number in the column's units (Long or Double), when {@code unit} is null
     * @param unit       an INTERVAL step's unit (Second ... Year) for dates, or null
     * @param count      an INTERVAL step's count
     */
    record FillKey(int column, boolean descending, Object from, Object to, Object step, String unit, long count) {
    }

    /** {@code LIMIT n OFFSET m BY keys}: per distinct value of the key columns, skips m rows and passes n. */
    record LimitBy(PlanNode input, int[] keys, long limit, long offset) implements PlanNode {
        @Override
        public List<ColumnDefinition> output() {
            return input.output();
        }
    }

    /**
     * {@code left INTERSECT right} or {@code left EXCEPT right} (same column types on both sides): the left rows,
     * in order, that are (INTERSECT) or are not (EXCEPT) among the right rows. With {@code all} each right row
     * matches at most one left row (multiset semantics); without it membership alone decides.
     */
    record SetOperation(PlanNode left, PlanNode right, boolean except, boolean all) implements PlanNode {
        @Override
        public List<ColumnDefinition> output() {
            return left.output();
        }
    }

    /** Appends one column per window function call to the input's columns; rows keep their order. */
    record Window(PlanNode input, List<WindowCall> calls, List<ColumnDefinition> output) implements PlanNode {
    }

    /**
     * One window function call.
     *
     * @param function   the function name (row_number, lagInFrame, ...; an aggregate when {@code aggregate} is set)
     * @param aggregate  the aggregate computed over the frame, or null
     * @param arguments  the function's arguments, over the input columns
     * @param descending one flag per {@code order} key
     * @param rowsFrame  true for ROWS frames, false for RANGE (peers of the current row belong together)
     * @param frameStart offset of the frame start from the current row (Long.MIN_VALUE: unbounded preceding)
     * @param frameEnd   offset of the frame end (Long.MAX_VALUE: unbounded following)
     */
    record WindowCall(String function, AggregateFunction aggregate, List<BoundExpression> arguments,
                      List<BoundExpression> partition, List<BoundExpression> order, boolean[] descending,
                      boolean rowsFrame, long frameStart, long frameEnd, io.starling.storage.type.DataType type) {
    }

    /** One aggregate of an {@link Aggregate} node. */
    record AggregateCall(AggregateFunction function, List<BoundExpression> arguments) {
    }

    /** One ORDER BY key: a column of the input. */
    record SortKey(int column, boolean descending, boolean nullsFirst) {
    }
}
