package io.starling.sql.parser.ast;

/** {@code expression AS name}. ClickHouse makes an alias visible anywhere in its query. */
public record Alias(Expression expression, String name) implements Expression {
}
