package io.starling.sql.analyzer;

import io.starling.sql.parser.ast.QueryNode;
import io.starling.sql.plan.BoundExpression;

/** Runs uncorrelated subqueries used as values while a query is analysed. */
interface SubqueryRunner {
    /** A scalar subquery: the first column of the first row (NULL or default when there is no row). */
    BoundExpression.Constant scalar(QueryNode query);

    /** {@code x IN (SELECT ...)}: the first column's values as a constant array. */
    BoundExpression.Constant set(QueryNode query);
}
