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
 */
public record AnalyzedQuery(PlanNode plan, List<ColumnDefinition> columns, PlanNode.Limit topLimit) {
    public AnalyzedQuery {
        columns = List.copyOf(columns);
    }
}
