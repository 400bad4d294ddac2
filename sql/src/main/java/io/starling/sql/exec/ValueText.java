package io.starling.sql.exec;

import io.starling.sql.format.ByteSink;
import io.starling.sql.format.ValueWriter;
import io.starling.sql.function.Types;
import io.starling.sql.function.date.DateTimes;
import io.starling.sql.parser.ast.FloatText;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.AggregateFunctionType;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.StringType;

/**
 * Values as ClickHouse writes them as text: numbers, {@code 2024-01-15 10:00:00}, arrays as
 * {@code ['a','b']}. {@link #appendTsv} adds TabSeparated escaping and {@code \N} for NULL.
 */
public final class ValueText {
    private ValueText() {
    }

    /** The value as toString() would produce it (NULL as {@code NULL}). */
    public static String toText(Column column, int row) {
        StringBuilder out = new StringBuilder();
        appendPlain(out, column, row, false);
        return out.toString();
    }

    public static void appendTsv(StringBuilder out, Column column, int row) {
        if (column.isNull(row)) {
            out.append("\\N");
            return;
        }
        Column base = unwrap(column, row);
        int baseRow = baseRow(column, row);
        if (base instanceof StringColumn strings && !isExtended(base)) {
            escapeTsv(out, strings.getString(baseRow));
            return;
        }
        appendPlain(out, base, baseRow, false);
    }

    private static void escapeTsv(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\0' -> out.append("\\0");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
    }

    /** Appends the value; inside arrays ({@code quoted}) strings and dates are single-quoted. */
    public static void appendPlain(StringBuilder out, Column column, int row, boolean quoted) {
        if (column.isNull(row)) {
            out.append(quoted ? "NULL" : "\\N");
            return;
        }
        Column base = unwrap(column, row);
        int baseRow = baseRow(column, row);
        DataType type = base.type().behavesAs();
        if (isExtended(base)) {
            ByteSink sink = new ByteSink();
            ValueWriter.write(base, baseRow, quoted ? ValueWriter.Style.QUOTED : ValueWriter.Style.TEXT, sink);
            out.append(sink);
            return;
        }
        switch (base) {
            case LongColumn longs -> appendLong(out, longs.getLong(baseRow), type, quoted);
            case DoubleColumn doubles -> out.append(type.equals(FloatType.FLOAT32)
                    ? FloatText.formatFloat32(doubles.getDouble(baseRow)) : FloatText.format(doubles.getDouble(baseRow)));
            case StringColumn strings -> {
                if (quoted) {
                    quote(out, strings.getString(baseRow));
                } else {
                    out.append(strings.getString(baseRow));
                }
            }
            case ArrayColumn array -> {
                out.append('[');
                int start = array.elementStart(baseRow);
                for (int i = 0; i < array.elementCount(baseRow); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendPlain(out, array.elements(), start + i, true);
                }
                out.append(']');
            }
            default -> throw new IllegalStateException("Unexpected column " + base.getClass().getSimpleName());
        }
    }

    /** Types this class leaves to {@link ValueWriter}: Decimal, UUID, IPs, Enums, Date32, Tuple, Map, Nothing. */
    private static boolean isExtended(Column base) {
        return switch (base.type().behavesAs()) {
            case IntegerType ignored -> false;
            case FloatType ignored -> false;
            case BoolType ignored -> false;
            case StringType ignored -> false;
            case FixedStringType ignored -> false;
            case AggregateFunctionType ignored -> false;
            case DateType ignored -> false;
            case DateTimeType ignored -> false;
            case DateTime64Type ignored -> false;
            case ArrayType ignored -> false;
            default -> true;
        };
    }

    private static void appendLong(StringBuilder out, long value, DataType type, boolean quoted) {
        if (type instanceof DateType) {
            wrapQuoted(out, quoted, () -> DateTimes.appendDate(out, value));
        } else if (type instanceof DateTimeType) {
            wrapQuoted(out, quoted, () -> DateTimes.appendDateTime(out, value, DateTimes.zoneOf(type)));
        } else if (type instanceof DateTime64Type dateTime64) {
            wrapQuoted(out, quoted, () -> DateTimes.appendDateTime64(out, value, dateTime64));
        } else if (type instanceof BoolType) {
            out.append(value != 0 ? "true" : "false");
        } else if (Types.isUnsigned64(type)) {
            out.append(Long.toUnsignedString(value));
        } else {
            out.append(value);
        }
    }

    private static void wrapQuoted(StringBuilder out, boolean quoted, Runnable body) {
        if (quoted) {
            out.append('\'');
        }
        body.run();
        if (quoted) {
            out.append('\'');
        }
    }

    private static void quote(StringBuilder out, String text) {
        out.append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('\'');
    }

    /** The column that holds the value of {@code row} without Nullable/LowCardinality wrappers. */
    private static Column unwrap(Column column, int row) {
        if (column instanceof NullableColumn nullable) {
            return unwrap(nullable.values(), row);
        }
        if (column instanceof LowCardinalityColumn lowCardinality) {
            return unwrap(lowCardinality.dictionary(), lowCardinality.code(row));
        }
        return column;
    }

    private static int baseRow(Column column, int row) {
        if (column instanceof NullableColumn nullable) {
            return baseRow(nullable.values(), row);
        }
        if (column instanceof LowCardinalityColumn lowCardinality) {
            return baseRow(lowCardinality.dictionary(), lowCardinality.code(row));
        }
        return row;
    }
}
