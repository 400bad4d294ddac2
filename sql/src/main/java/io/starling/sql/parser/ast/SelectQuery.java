package io.starling.sql.parser.ast;

import java.util.List;

/**
 * One SELECT. Absent clauses are null (expressions) or empty (lists).
 *
 * @param with         WITH items: scalar aliases and common table expressions
 * @param distinct     SELECT DISTINCT
 * @param select       the select list; aliases are {@link Alias} nodes
 * @param from         the FROM source, or null for none (a single row, like ClickHouse's system.one)
 * @param groupBy      every GROUP BY key expression, each once, in order of appearance
 * @param limit        LIMIT/OFFSET, or null
 * @param groupingSets null for a plain GROUP BY; else the grouping sets as positions in {@code groupBy}
 *                     ({@code WITH ROLLUP}, {@code WITH CUBE}, {@code ROLLUP(...)}, {@code CUBE(...)},
 *                     {@code GROUPING SETS (...)})
 * @param withTotals   {@code WITH TOTALS}: one more row aggregating every row, returned apart from the data
 * @param limitBy      {@code LIMIT n BY ...}, or null
 * @param qualify      the QUALIFY condition (a filter after window functions), or null
 */
public record SelectQuery(
        List<WithItem> with,
        boolean distinct,
        List<Expression> select,
        TableExpression from,
        Expression where,
        List<Expression> groupBy,
        Expression having,
        List<OrderItem> orderBy,
        LimitClause limit,
        List<List<Integer>> groupingSets,
        boolean withTotals,
        LimitByClause limitBy,
        Expression qualify) implements QueryNode {

    public SelectQuery {
        with = List.copyOf(with);
        select = List.copyOf(select);
        groupBy = List.copyOf(groupBy);
        orderBy = List.copyOf(orderBy);
        groupingSets = groupingSets == null ? null : groupingSets.stream().map(List::copyOf).toList();
    }

    public SelectQuery(List<WithItem> with, boolean distinct, List<Expression> select, TableExpression from,
                       Expression where, List<Expression> groupBy, Expression having, List<OrderItem> orderBy,
                       LimitClause limit) {
        this(with, distinct, select, from, where, groupBy, having, orderBy, limit, null, false, null, null);
    }

    /** This query with other clauses, keeping the grouping modifiers, LIMIT BY and QUALIFY. */
    public SelectQuery withClauses(List<Expression> select, TableExpression from, Expression where,
                                   List<Expression> groupBy, List<OrderItem> orderBy) {
        return new SelectQuery(with, distinct, select, from, where, groupBy, having, orderBy, limit, groupingSets,
                withTotals, limitBy, qualify);
    }
}
