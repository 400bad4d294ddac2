package io.starling.sql.function;

import io.starling.storage.type.DataType;

/**
 * What a function knows about one argument when it is resolved: its type and, for constants, the value
 * ({@link Long}, {@link Double}, {@link String}, {@link java.util.List} for arrays and tuples, null for NULL).
 */
public record Argument(DataType type, boolean constant, Object value) {

    public static Argument column(DataType type) {
        return new Argument(type, false, null);
    }

    public String constantString(String function, int position) {
        if (!constant || !(value instanceof String text)) {
            throw Errors.illegalArgument(function, position, "a constant string");
        }
        return text;
    }

    public long constantLong(String function, int position) {
        if (!constant || !(value instanceof Number number)) {
            throw Errors.illegalArgument(function, position, "a constant integer");
        }
        return number.longValue();
    }
}
