package io.starling.sql.format;

import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.MapColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.EnumType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.Ipv4Type;
import io.starling.storage.type.Ipv6Type;
import io.starling.storage.type.NothingType;
import io.starling.storage.type.SimpleAggregateFunctionType;
import io.starling.storage.type.TupleType;
import io.starling.storage.type.UuidType;

/**
 * Writes one value of a column as UTF-8 text in the escaping of an output format, straight into a
 * {@link ByteSink}: no String per value.
 */
public final class ValueWriter {
    /** How values are written. */
    public enum Style {
        /** ClickHouse's plain text: strings raw, NULL as {@code \N}, arrays as {@code ['a','b']}. */
        TEXT,
        /** TabSeparated: strings backslash-escaped, NULL as {@code \N}. */
        TSV,
        /** CSV: strings, dates and arrays in double quotes with {@code ""} escapes, NULL as {@code \N}. */
        CSV,
        /** JSON values: strings escaped and quoted, numbers bare, NULL and non-finite floats as {@code null}. */
        JSON,
        /** Inside an array in TEXT/TSV: strings and dates in single quotes, NULL as {@code NULL}. */
        QUOTED,
        /** Inside an array in CSV: like QUOTED, with double quotes doubled. */
        QUOTED_IN_CSV
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ValueWriter() {
    }

    public static void write(Column column, int row, Style style, ByteSink out) {
        switch (column) {
            case NullableColumn nullable -> {
                if (nullable.isNull(row)) {
                    writeNull(style, out);
                } else {
                    write(nullable.values(), row, style, out);
                }
            }
            case LowCardinalityColumn lowCardinality -> write(lowCardinality.dictionary(), lowCardinality.code(row), style, out);
            case LongColumn longs -> writeLong(longs.type(), longs.getLong(row), style, out);
            case Int128Column wide -> TypedText.writeDecimal128(wide.high(row), wide.low(row),
                    ((DecimalType) wide.type().behavesAs()).scale(), out);
            case DoubleColumn doubles -> writeDouble((FloatType) doubles.type().behavesAs(), doubles.getDouble(row), style, out);
            case StringColumn strings -> writeBytesValue(strings, row, style, out);
            case ArrayColumn array -> writeArray(array, row, style, out);
            case TupleColumn tuple -> writeTuple(tuple, row, style, out);
            case MapColumn map -> writeMap(map, row, style, out);
        }
    }

    /** String, FixedString, AggregateFunction states as strings; UUID, IPv6 and Decimal256 in their text forms. */
    private static void writeBytesValue(StringColumn strings, int row, Style style, ByteSink out) {
        DataType type = strings.type().behavesAs();
        if (type instanceof DecimalType decimal) {
            TypedText.writeDecimal256(strings, row, decimal.scale(), out);
            return;
        }
        if (type instanceof UuidType || type instanceof Ipv6Type) {
            int quote = openQuote(style, out);
            if (type instanceof UuidType) {
                TypedText.writeUuid(strings.rawBytes(), strings.valueOffset(row), out);
            } else {
                TypedText.writeIpv6(strings.rawBytes(), strings.valueOffset(row), out);
            }
            closeQuote(quote, out);
            return;
        }
        writeString(strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row), style, out);
    }

    /** The style of values nested in an array, tuple or map written in {@code style}. */
    private static Style nestedStyle(Style style) {
        return switch (style) {
            case TEXT, TSV, QUOTED -> Style.QUOTED;
            case CSV, QUOTED_IN_CSV -> Style.QUOTED_IN_CSV;
            case JSON -> Style.JSON;
        };
    }

    /** {@code (1,'a')}; in JSON an array, or an object for a named tuple. */
    private static void writeTuple(TupleColumn tuple, int row, Style style, ByteSink out) {
        Style elementStyle = nestedStyle(style);
        TupleType type = tuple.type();
        boolean object = style == Style.JSON && type.isNamed();
        if (style == Style.CSV) {
            out.write('"');
        }
        out.write(object ? '{' : style == Style.JSON ? '[' : '(');
        for (int i = 0; i < tuple.elements().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            if (object) {
                writeJsonString(type.names().get(i), out);
                out.write(':');
            }
            write(tuple.element(i), row, elementStyle, out);
        }
        out.write(object ? '}' : style == Style.JSON ? ']' : ')');
        if (style == Style.CSV) {
            out.write('"');
        }
    }

    /** {@code {'a':1,'b':2}}; in JSON an object whose keys are always strings. */
    private static void writeMap(MapColumn map, int row, Style style, ByteSink out) {
        Style elementStyle = nestedStyle(style);
        if (style == Style.CSV) {
            out.write('"');
        }
        out.write('{');
        int start = map.entryStart(row);
        for (int i = 0; i < map.entryCount(row); i++) {
            if (i > 0) {
                out.write(',');
            }
            if (style == Style.JSON) {
                writeJsonKey(map.keys(), start + i, out);
            } else {
                write(map.keys(), start + i, elementStyle, out);
            }
            out.write(':');
            write(map.values(), start + i, elementStyle, out);
        }
        out.write('}');
        if (style == Style.CSV) {
            out.write('"');
        }
    }

    private static void writeJsonKey(Column keys, int row, ByteSink out) {
        ByteSink key = new ByteSink();
        write(keys, row, Style.TEXT, key);
        byte[] bytes = key.rawBytes();
        writeJsonString(bytes, 0, key.size(), out);
    }

    private static void writeJsonString(String text, ByteSink out) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        writeJsonString(bytes, 0, bytes.length, out);
    }

    public static void writeNull(Style style, ByteSink out) {
        switch (style) {
            case TEXT, TSV, CSV -> out.writeAscii("\\N");
            case JSON -> out.writeAscii("null");
            case QUOTED, QUOTED_IN_CSV -> out.writeAscii("NULL");
        }
    }

    private static void writeLong(DataType type, long value, Style style, ByteSink out) {
        switch (type) {
            case IntegerType integer -> {
                if (!integer.signed() && integer.bits() == 64) {
                    out.writeUnsignedLong(value);
                } else {
                    out.writeLong(value);
                }
            }
            case BoolType ignored -> out.writeAscii(value != 0 ? "true" : "false");
            case DateType ignored -> {
                int quote = openQuote(style, out);
                DateTimeText.writeDate(value, out);
                closeQuote(quote, out);
            }
            case DateTimeType dateTime -> {
                int quote = openQuote(style, out);
                DateTimeText.writeDateTime(value, DateTimeText.zone(dateTime.timeZone()), out);
                closeQuote(quote, out);
            }
            case DateTime64Type dateTime64 -> {
                int quote = openQuote(style, out);
                DateTimeText.writeDateTime64(value, dateTime64.precision(), DateTimeText.zone(dateTime64.timeZone()), out);
                closeQuote(quote, out);
            }
            case DecimalType decimal -> TypedText.writeDecimal(value, decimal.scale(), out);
            case Date32Type ignored -> {
                int quote = openQuote(style, out);
                DateTimeText.writeDate(value, out);
                closeQuote(quote, out);
            }
            case EnumType enumType -> {
                String name = enumType.nameOf(value);
                if (name == null) {
                    out.writeLong(value);
                    return;
                }
                byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                writeString(bytes, 0, bytes.length, style, out);
            }
            case Ipv4Type ignored -> {
                int quote = openQuote(style, out);
                TypedText.writeIpv4(value, out);
                closeQuote(quote, out);
            }
            case NothingType ignored -> writeNull(style, out);
            case SimpleAggregateFunctionType simple -> writeLong(simple.inner(), value, style, out);
            default -> throw new IllegalArgumentException("Type [" + type.name() + "] is not held in a LongColumn");
        }
    }

    private static int openQuote(Style style, ByteSink out) {
        int quote = switch (style) {
            case TEXT, TSV -> 0;
            case CSV, JSON -> '"';
            case QUOTED, QUOTED_IN_CSV -> '\'';
        };
        if (quote != 0) {
            out.write(quote);
        }
        return quote;
    }

    private static void closeQuote(int quote, ByteSink out) {
        if (quote != 0) {
            out.write(quote);
        }
    }

    private static void writeDouble(FloatType type, double value, Style style, ByteSink out) {
        if (style == Style.JSON && (Double.isNaN(value) || Double.isInfinite(value))) {
            out.writeAscii("null");
            return;
        }
        FloatText.write(value, type.bits() == 32, out);
    }

    public static void writeString(byte[] bytes, int offset, int length, Style style, ByteSink out) {
        switch (style) {
            case TEXT -> out.write(bytes, offset, length);
            case TSV -> writeEscaped(bytes, offset, length, false, out);
            case CSV -> writeCsvQuoted(bytes, offset, length, out);
            case JSON -> writeJsonString(bytes, offset, length, out);
            case QUOTED, QUOTED_IN_CSV -> {
                out.write('\'');
                writeEscaped(bytes, offset, length, style == Style.QUOTED_IN_CSV, out);
                out.write('\'');
            }
        }
    }

    /** Backslash escapes of TabSeparated and quoted strings; optionally doubles {@code "} for CSV. */
    private static void writeEscaped(byte[] bytes, int offset, int length, boolean doubleQuotes, ByteSink out) {
        int end = offset + length;
        int runStart = offset;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            int escape = switch (b) {
                case '\\' -> '\\';
                case '\'' -> '\'';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case '\b' -> 'b';
                case '\f' -> 'f';
                case 0 -> '0';
                case '"' -> doubleQuotes ? '"' : -1;
                default -> -1;
            };
            if (escape < 0) {
                continue;
            }
            out.write(bytes, runStart, i - runStart);
            out.write(b == '"' ? '"' : '\\');
            out.write(escape);
            runStart = i + 1;
        }
        out.write(bytes, runStart, end - runStart);
    }

    private static void writeCsvQuoted(byte[] bytes, int offset, int length, ByteSink out) {
        out.write('"');
        int end = offset + length;
        int runStart = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '"') {
                out.write(bytes, runStart, i + 1 - runStart);
                out.write('"');
                runStart = i + 1;
            }
        }
        out.write(bytes, runStart, end - runStart);
        out.write('"');
    }

    /** A JSON string as ClickHouse writes it: {@code /} escaped, control characters as {@code \\uXXXX}. */
    public static void writeJsonString(byte[] bytes, int offset, int length, ByteSink out) {
        out.write('"');
        int end = offset + length;
        int runStart = offset;
        for (int i = offset; i < end; i++) {
            int b = bytes[i] & 0xFF;
            int escape = switch (b) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case '\b' -> 'b';
                case '\f' -> 'f';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case '\t' -> 't';
                default -> b < 0x20 ? 'u' : -1;
            };
            boolean lineSeparator = b == 0xE2 && i + 2 < end && bytes[i + 1] == (byte) 0x80
                    && (bytes[i + 2] == (byte) 0xA8 || bytes[i + 2] == (byte) 0xA9);
            if (escape < 0 && !lineSeparator) {
                continue;
            }
            out.write(bytes, runStart, i - runStart);
            out.write('\\');
            if (lineSeparator) {
                out.writeAscii(bytes[i + 2] == (byte) 0xA8 ? "u2028" : "u2029");
                i += 2;
            } else if (escape == 'u') {
                out.writeAscii("u00");
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 0xF]);
            } else {
                out.write(escape);
            }
            runStart = i + 1;
        }
        out.write(bytes, runStart, end - runStart);
        out.write('"');
    }

    private static void writeArray(ArrayColumn array, int row, Style style, ByteSink out) {
        Style elementStyle = switch (style) {
            case TEXT, TSV, QUOTED -> Style.QUOTED;
            case CSV, QUOTED_IN_CSV -> Style.QUOTED_IN_CSV;
            case JSON -> Style.JSON;
        };
        if (style == Style.CSV) {
            out.write('"');
        }
        out.write('[');
        Column elements = array.elements();
        int start = array.elementStart(row);
        int count = array.elementCount(row);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            write(elements, start + i, elementStyle, out);
        }
        out.write(']');
        if (style == Style.CSV) {
            out.write('"');
        }
    }
}
