package io.starling.sql.analyzer;

import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import java.util.List;

/**
 * A query ready to run.
 *
 * @param plan     the logical plan
 * @param columns  the result columns as ClickHouse names them
 * @param topLimit the LIMIT node whose input row count is rows_before_limit, or null without LIMIT
 * @param totals   the plan of the WITH TOTALS row (same columns), run after {@code plan}; null without it
 */
public record AnalyzedQuery(PlanNode plan, List<ColumnDefinition> columns, PlanNode.Limit topLimit, PlanNode totals) {
    public AnalyzedQuery {
        columns = List.copyOf(columns);
    }

    public AnalyzedQuery(PlanNode plan, List<ColumnDefinition> columns, PlanNode.Limit topLimit) {
        this(plan, columns, topLimit, null);
    }
}
