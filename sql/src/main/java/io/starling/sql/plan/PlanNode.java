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
