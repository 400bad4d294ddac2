package io.starling.sql.format;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;

/**
 * Values as ClickHouse text. Parsing follows {@link ValueParser} (append one value or answer false, no
 * exceptions); formatting follows {@link ValueWriter}'s plain style: {@code 18446744073709551615},
 * {@code 1.5}, {@code 2024-01-15 10:30:00.123}, {@code true}, {@code ['a','b']}, NULL as {@code \N}.
 *
 * <p>The static parse methods use a per-thread {@link ValueParser}; hot loops should hold their own.
 */
public final class ValueText {
    private static final ThreadLocal<ValueParser> PARSERS = ThreadLocal.withInitial(ValueParser::new);

    private ValueText() {
    }

    /** Parses {@code text} as {@code type} into {@code builder}; false (and nothing appended) when invalid. */
    public static boolean parseInto(DataType type, CharSequence text, ColumnBuilder builder) {
        return PARSERS.get().parseInto(type, text, builder);
    }

    public static boolean parseInto(DataType type, char[] chars, int offset, int length, ColumnBuilder builder) {
        return PARSERS.get().parseInto(type, chars, offset, length, builder);
    }

    /** A one-row column holding {@code text} parsed as {@code type}, or null when the text is not valid. */
    public static Column parseSingle(DataType type, CharSequence text) {
        ColumnBuilder builder = ColumnBuilder.forType(type, 1);
        return parseInto(type, text, builder) ? builder.build() : null;
    }

    /** The value at {@code row} as ClickHouse prints it in TabSeparatedRaw (strings unescaped). */
    public static String format(Column column, int row) {
        ByteSink sink = new ByteSink();
        ValueWriter.write(column, row, ValueWriter.Style.TEXT, sink);
        return sink.toString();
    }

    public static void appendTo(Column column, int row, StringBuilder target) {
        target.append(format(column, row));
    }

    /** Writes the value at {@code row} in {@code style} into {@code sink}. */
    public static void writeTo(Column column, int row, ValueWriter.Style style, ByteSink sink) {
        ValueWriter.write(column, row, style, sink);
    }
}
