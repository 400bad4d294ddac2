package io.starling.sql.parser.ast;

/**
 * A constant: {@link Long} (integers; {@code unsigned} marks UInt64 values above Long.MAX_VALUE, held as the
 * negative bit pattern), {@link Double}, {@link String}, {@link Boolean}, or null for NULL.
 */
public record Literal(Object value, boolean unsigned) implements Expression {
    public static final Literal NULL = new Literal(null, false);

    public static Literal of(Object value) {
        return new Literal(value, false);
    }
}
