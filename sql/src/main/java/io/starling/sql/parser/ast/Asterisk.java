package io.starling.sql.parser.ast;

/** {@code *} or {@code t.*}; {@code qualifier} is null for a bare star. */
public record Asterisk(String qualifier) implements Expression {
}
