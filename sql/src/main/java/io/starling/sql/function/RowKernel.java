package io.starling.sql.function;

import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;

/**
 * A kernel computed one row at a time over constant-form values ({@link Values}): for the less common functions
 * (formatting, IP and UUID text, arrays of small size) where clarity beats a specialised column loop.
 */
public final class RowKernel {
    private RowKernel() {
    }

    /** Computes one value from the row's argument values; returns null for NULL (result type must allow it). */
    @FunctionalInterface
    public interface Body {
        Object apply(Object[] values);
    }

    public static ScalarKernel of(DataType resultType, Body body) {
        return ScalarKernel.of(resultType, (operands, rows) -> {
            ColumnBuilder builder = ColumnBuilder.forType(resultType, rows);
            Object[] values = new Object[operands.length];
            for (int i = 0; i < rows; i++) {
                for (int a = 0; a < operands.length; a++) {
                    values[a] = Values.get(operands[a].column(), operands[a].row(i));
                }
                Values.append(builder, body.apply(values));
            }
            return builder.build();
        });
    }

    /** The value as text: Strings as they are, byte arrays decoded as UTF-8 (invalid bytes replaced). */
    public static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value);
    }

    /** The value's raw bytes: UTF-8 of a String, or the bytes themselves. */
    public static byte[] bytes(Object value) {
        return value instanceof byte[] bytes ? bytes : String.valueOf(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
