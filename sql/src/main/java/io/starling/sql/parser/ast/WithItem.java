package io.starling.sql.parser.ast;

/** An item of a WITH clause. */
public sealed interface WithItem {
    /** {@code WITH expression AS name}: a scalar alias visible in the query. */
    record ScalarAlias(Expression expression, String name) implements WithItem {
    }

    /** {@code WITH name AS (SELECT ...)}: a common table expression usable in FROM. */
    record CommonTable(String name, QueryNode query) implements WithItem {
    }
}
