package io.starling.sql.format.parquet;

import io.starling.sql.format.ByteSink;
import io.starling.sql.format.DateTimeText;
import io.starling.sql.format.ValueWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Writes one Parquet record as a JSON object, the form the NDJSON ingest path maps to columns by jsonpath:
 * <ul>
 *   <li>integers as numbers (unsigned ones read unsigned), floats as numbers ({@code "nan"}, {@code "inf"},
 *       {@code "-inf"} as strings), booleans as true/false, DECIMAL as an exact decimal number;</li>
 *   <li>DATE as {@code "YYYY-MM-DD"}; TIMESTAMP (millis, micros, nanos) and INT96 as unix seconds with the
 *       fraction ({@code 1700000000.123456}), which DateTime/DateTime64 columns read exactly and integer columns
 *       read when the fraction is zero; TIME as its integer count of units;</li>
 *   <li>strings, enums, JSON and plain byte arrays as JSON strings (bytes that are not UTF-8 as {@code \\u00XX});
 *       UUID as its 8-4-4-4-12 text;</li>
 *   <li>LIST (and bare repeated fields) as arrays, MAP as objects keyed by the key's text, other groups as
 *       objects; a missing or null field is left out (the column then takes its DEFAULT, NULL, or quarantines).</li>
 * </ul>
 * Not thread-safe.
 */
final class ParquetJsonValues {
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private final ByteSink scratch = new ByteSink();

    void writeRow(Group row, ByteSink out) {
        writeObject(row, row.getType(), out);
    }

    private void writeObject(Group group, GroupType type, ByteSink out) {
        out.write('{');
        boolean first = true;
        for (int field = 0; field < type.getFieldCount(); field++) {
            Type fieldType = type.getType(field);
            int count = group.getFieldRepetitionCount(field);
            boolean repeated = fieldType.isRepetition(Type.Repetition.REPEATED);
            if (count == 0 && !repeated) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            writeKey(fieldType.getName(), out);
            if (repeated) {
                out.write('[');
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    writeValue(group, field, i, fieldType, out);
                }
                out.write(']');
            } else {
                writeValue(group, field, 0, fieldType, out);
            }
        }
        out.write('}');
    }

    private static void writeKey(String name, ByteSink out) {
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ValueWriter.writeJsonString(bytes, 0, bytes.length, out);
        out.write(':');
    }

    private void writeValue(Group group, int field, int index, Type type, ByteSink out) {
        if (type.isPrimitive()) {
            writePrimitive(group, field, index, type.asPrimitiveType(), out);
            return;
        }
        Group value = group.getGroup(field, index);
        GroupType groupType = type.asGroupType();
        LogicalTypeAnnotation logical = groupType.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && groupType.getFieldCount() == 1) {
            writeList(value, groupType, out);
        } else if ((logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
                && groupType.getFieldCount() == 1 && !groupType.getType(0).isPrimitive()
                && groupType.getType(0).asGroupType().getFieldCount() >= 1) {
            writeMap(value, groupType.getType(0).asGroupType(), out);
        } else {
            writeObject(value, groupType, out);
        }
    }

    /**
     * A LIST group: {@code repeated group list { element }} (three levels), or the legacy two-level forms where
     * the repeated field itself is the element (a primitive, or a group of several fields or named
     * {@code array} / {@code *_tuple}).
     */
    private void writeList(Group list, GroupType listType, ByteSink out) {
        Type repeated = listType.getType(0);
        int count = list.getFieldRepetitionCount(0);
        boolean threeLevel = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
                && !repeated.getName().equals("array") && !repeated.getName().endsWith("_tuple");
        out.write('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (threeLevel) {
                Group wrapper = list.getGroup(0, i);
                Type element = repeated.asGroupType().getType(0);
                if (wrapper.getFieldRepetitionCount(0) == 0) {
                    // ClickHouse has no NULL arrays or maps: a null one inside a list reads as empty
                    out.writeAscii(emptyContainer(element));
                } else {
                    writeValue(wrapper, 0, 0, element, out);
                }
            } else {
                writeValue(list, 0, i, repeated, out);
            }
        }
        out.write(']');
    }

    /**
     * The text of a field that is absent (its definition level stops short): an empty container for a list
     * element of list or map type, else null (JSON null).
     */
    static String absentText(Type type, boolean listElement) {
        String empty = listElement ? emptyContainer(type) : "null";
        return empty.equals("null") ? null : empty;
    }

    /**
     * Reads the leaf's current primitive as the NDJSON text path sees it and consumes it: its JSON form goes into
     * {@code json} (see {@link #firstByte}), the answer is its text, null for a JSON null.
     */
    static String primitiveText(ParquetLeafCursor leaf, ByteSink json) {
        json.reset();
        writePrimitive(leaf.reader, leaf.type, json);
        String text = firstByte(json) == 'n' ? null : ParquetValueText.of(leaf.reader, leaf.type);
        leaf.consume();
        return text;
    }

    /** The first byte of a JSON value written by {@link #writePrimitive}: '"' string, 't'/'f', digit or '-', 'n'. */
    static byte firstByte(ByteSink json) {
        return json.size() == 0 ? (byte) 'n' : json.rawBytes()[0];
    }

    static String emptyContainer(Type type) {
        if (!type.isPrimitive()) {
            if (ParquetColumns.isList(type.asGroupType())) {
                return "[]";
            }
            if (ParquetColumns.isMap(type.asGroupType())) {
                return "{}";
            }
        }
        return "null";
    }

    /** A MAP group's {@code repeated group key_value { key; value }} as a JSON object keyed by the key's text. */
    private void writeMap(Group map, GroupType entryType, ByteSink out) {
        int count = map.getFieldRepetitionCount(0);
        out.write('{');
        boolean first = true;
        for (int i = 0; i < count; i++) {
            Group entry = map.getGroup(0, i);
            if (entry.getFieldRepetitionCount(0) == 0) {
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            scratch.reset();
            Type keyType = entryType.getType(0);
            if (keyType.isPrimitive()) {
                writePrimitive(entry, 0, 0, keyType.asPrimitiveType(), scratch);
            } else {
                writeValue(entry, 0, 0, keyType, scratch);
            }
            byte[] key = scratch.rawBytes();
            int length = scratch.size();
            if (length >= 2 && key[0] == '"') {
                out.write(key, 0, length);
            } else {
                ValueWriter.writeJsonString(java.util.Arrays.copyOf(key, length), 0, length, out);
            }
            out.write(':');
            if (entryType.getFieldCount() < 2 || entry.getFieldRepetitionCount(1) == 0) {
                out.writeAscii("null");
            } else {
                writeValue(entry, 1, 0, entryType.getType(1), out);
            }
        }
        out.write('}');
    }

    private void writePrimitive(Group group, int field, int index, PrimitiveType type, ByteSink out) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> out.writeAscii(group.getBoolean(field, index) ? "true" : "false");
            case INT32 -> writeInt32(group.getInteger(field, index), logical, out);
            case INT64 -> writeInt64(group.getLong(field, index), logical, out);
            case INT96 -> writeInt96(group.getInt96(field, index), out);
            case FLOAT -> writeFloating(group.getFloat(field, index), true, out);
            case DOUBLE -> writeFloating(group.getDouble(field, index), false, out);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> writeBinary(group.getBinary(field, index), logical, out);
        }
    }

    /** The column reader's current (non-null) value as JSON, spelled as {@link #writeRow} spells it. */
    static void writePrimitive(ColumnReader reader, PrimitiveType type, ByteSink out) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> out.writeAscii(reader.getBoolean() ? "true" : "false");
            case INT32 -> writeInt32(reader.getInteger(), logical, out);
            case INT64 -> writeInt64(reader.getLong(), logical, out);
            case INT96 -> writeInt96(reader.getBinary(), out);
            case FLOAT -> writeFloating(reader.getFloat(), true, out);
            case DOUBLE -> writeFloating(reader.getDouble(), false, out);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> writeBinary(reader.getBinary(), logical, out);
        }
    }

    private static void writeInt32(int value, LogicalTypeAnnotation logical, ByteSink out) {
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            writeDecimal(BigInteger.valueOf(value), decimal.getScale(), out);
        } else if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            out.write('"');
            writeDate(value, out);
            out.write('"');
        } else if (logical instanceof IntLogicalTypeAnnotation integer && !integer.isSigned()) {
            out.writeLong(Integer.toUnsignedLong(value));
        } else {
            out.writeLong(value);
        }
    }

    private static void writeInt64(long value, LogicalTypeAnnotation logical, ByteSink out) {
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            writeDecimal(BigInteger.valueOf(value), decimal.getScale(), out);
        } else if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
            writeSeconds(value, unitDigits(timestamp.getUnit()), out);
        } else if (logical instanceof IntLogicalTypeAnnotation integer && !integer.isSigned()) {
            out.writeUnsignedLong(value);
        } else {
            out.writeLong(value);
        }
    }

    private static void writeBinary(Binary binary, LogicalTypeAnnotation logical, ByteSink out) {
        byte[] bytes = binary.getBytesUnsafe();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            writeDecimal(bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes), decimal.getScale(), out);
        } else if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            out.write('"');
            out.writeAscii(new java.util.UUID(buffer.getLong(), buffer.getLong()).toString());
            out.write('"');
        } else if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation && bytes.length == 2) {
            short bits = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort();
            writeFloating(Float.float16ToFloat(bits), true, out);
        } else if (isUtf8(bytes)) {
            ValueWriter.writeJsonString(bytes, 0, bytes.length, out);
        } else {
            writeLatin1String(bytes, out);
        }
    }

    private static void writeFloating(double value, boolean single, ByteSink out) {
        if (Double.isNaN(value)) {
            out.writeAscii("\"nan\"");
        } else if (Double.isInfinite(value)) {
            out.writeAscii(value > 0 ? "\"inf\"" : "\"-inf\"");
        } else {
            out.writeAscii(single ? Float.toString((float) value) : Double.toString(value));
        }
    }

    private static void writeDecimal(BigInteger unscaled, int scale, ByteSink out) {
        out.writeAscii(new BigDecimal(unscaled, scale).toPlainString());
    }

    private static void writeDate(long days, ByteSink out) {
        DateTimeText.writeDate(days, out);
    }

    private static int unitDigits(TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> 3;
            case MICROS -> 6;
            case NANOS -> 9;
        };
    }

    /** {@code ticks} of 10^-digits seconds as {@code seconds[.fraction]}, the fraction left out when zero. */
    static void writeSeconds(long ticks, int digits, ByteSink out) {
        long perSecond = digits == 3 ? 1_000L : digits == 6 ? 1_000_000L : 1_000_000_000L;
        if (ticks < 0) {
            out.write('-');
        }
        long magnitude = ticks == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(ticks);
        out.writeLong(magnitude / perSecond);
        long fraction = magnitude % perSecond;
        if (fraction != 0) {
            out.write('.');
            out.writePadded(fraction, digits);
        }
    }

    /** Impala's INT96 timestamp: nanoseconds of the day (8 bytes) then the Julian day (4 bytes), little-endian. */
    private static void writeInt96(Binary binary, ByteSink out) {
        ByteBuffer buffer = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buffer.getLong();
        long julianDay = Integer.toUnsignedLong(buffer.getInt());
        long days = julianDay - JULIAN_EPOCH_DAY;
        long seconds = days * 86_400L + Math.floorDiv(nanosOfDay, 1_000_000_000L);
        long nanos = Math.floorMod(nanosOfDay, 1_000_000_000L);
        if (nanosOfDay >= NANOS_PER_DAY || nanosOfDay < 0) {
            // malformed; still write what the fields say
            seconds = days * 86_400L + nanosOfDay / 1_000_000_000L;
        }
        if (seconds < 0 && nanos != 0) {
            out.write('-');
            long magnitude = -(seconds * 1_000_000_000L + nanos);
            out.writeLong(magnitude / 1_000_000_000L);
            out.write('.');
            out.writePadded(magnitude % 1_000_000_000L, 9);
            return;
        }
        out.writeLong(seconds);
        if (nanos != 0) {
            out.write('.');
            out.writePadded(nanos, 9);
        }
    }

    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        int length = bytes.length;
        while (i < length) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
            } else {
                return false;
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= length || (bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += extra + 1;
        }
        return true;
    }

    /** Bytes that are not UTF-8: each byte as the character of that code (Latin-1), escaped. */
    private static void writeLatin1String(byte[] bytes, ByteSink out) {
        StringBuilder text = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            text.append((char) (b & 0xFF));
        }
        byte[] utf8 = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ValueWriter.writeJsonString(utf8, 0, utf8.length, out);
    }
}
