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

    /** One aggregate of an {@link Aggregate} node. */
    record AggregateCall(AggregateFunction function, List<BoundExpression> arguments) {
    }

    /** One ORDER BY key: a column of the input. */
    record SortKey(int column, boolean descending, boolean nullsFirst) {
    }
}
