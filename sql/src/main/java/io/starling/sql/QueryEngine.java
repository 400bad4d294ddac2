package io.starling.sql;

/**
 * Parses, analyses, plans and runs one ClickHouse-dialect SELECT. Thread-safe: one engine serves every query.
 * Errors are {@link io.starling.storage.error.StarlingException}s with ClickHouse codes
 * (62 SYNTAX_ERROR with line and column, 47 UNKNOWN_IDENTIFIER, 60 UNKNOWN_TABLE, ...).
 */
public final class QueryEngine {

    public QueryResult execute(String sql, QueryContext context) {
        throw new UnsupportedOperationException("sql: QueryEngine is being written");
    }
}
