package io.starling.sql.parser.ast;

import java.util.Map;

/**
 * A whole statement: the query, the FORMAT clause (null when absent) and SETTINGS (empty when absent).
 */
public record Statement(QueryNode query, String format, Map<String, String> settings) {
    public Statement {
        settings = Map.copyOf(settings);
    }
}
