package io.starling.sql.parser.ast;

/**
 * One ORDER BY key.
 *
 * @param nullsFirst null when not given; ClickHouse then puts NULLs last in both directions
 */
public record OrderItem(Expression expression, boolean descending, Boolean nullsFirst) {
}
