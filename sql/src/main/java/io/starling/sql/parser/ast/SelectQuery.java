package io.starling.sql.parser.ast;

import java.util.List;

/**
 * One SELECT. Absent clauses are null (expressions) or empty (lists).
 *
 * @param with     WITH items: scalar aliases and common table expressions
 * @param distinct SELECT DISTINCT
 * @param select   the select list; aliases are {@link Alias} nodes
 * @param from     the FROM source, or null for none (a single row, like ClickHouse's system.one)
 * @param limit    LIMIT/OFFSET, or null
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
        LimitClause limit) implements QueryNode {

    public SelectQuery {
        with = List.copyOf(with);
        select = List.copyOf(select);
        groupBy = List.copyOf(groupBy);
        orderBy = List.copyOf(orderBy);
    }
}
