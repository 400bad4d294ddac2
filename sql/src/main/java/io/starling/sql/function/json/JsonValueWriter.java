package io.starling.sql.function.json;

import io.starling.sql.function.Types;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.NullableColumnBuilder;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.StringType;

/**
 * Converts the JSON value at a scanner position into a ClickHouse type, as JSONExtract does: a value of the
 * wrong kind, or a number out of the target's range, gives the type's default (NULL for Nullable, [] for Array).
 */
final class JsonValueWriter {
    private final JsonScanner json;
    private long longValue;
    private double doubleValue;

    JsonValueWriter(JsonScanner json) {
        this.json = json;
    }

    /** Rejects target types JSONExtract cannot produce. */
    static void check(DataType type) {
        switch (type) {
            case NullableType nullable -> check(nullable.inner());
            case LowCardinalityType lowCardinality -> check(lowCardinality.inner());
            case ArrayType array -> check(array.element());
            case IntegerType ignored -> {
            }
            case BoolType ignored -> {
            }
            case FloatType ignored -> {
            }
            case StringType ignored -> {
            }
            case io.starling.storage.type.TupleType tuple -> tuple.elements().forEach(JsonValueWriter::check);
            case io.starling.storage.type.MapType map -> {
                if (!(Types.stripLowCardinality(map.key()) instanceof StringType)) {
                    throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "JSONExtract to [" + type.name()
                            + "]: JSON object keys are strings, so the map key type must be String");
                }
                check(map.value());
            }
            default -> throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "JSONExtract to type [" + type.name()
                    + "] is not supported yet; extract a String, number, Bool, Nullable(T), Array(T), Tuple(...) or Map(String, T)");
        }
    }

    /** Appends the value at {@code p} (-1: absent) converted to {@code type}. */
    void write(ColumnBuilder builder, DataType type, int p, boolean boolOnly) {
        switch (type) {
            case NullableType nullable -> {
                if (p < 0 || json.bytes[p] == 'n' || !convertible(nullable.inner(), p, boolOnly)) {
                    builder.appendNull();
                } else if (builder instanceof NullableColumnBuilder nullableBuilder && !isScalar(nullable.inner())) {
                    nullableBuilder.markNotNull();
                    write(nullableBuilder.valuesBuilder(), nullable.inner(), p, boolOnly);
                } else {
                    write(builder, nullable.inner(), p, boolOnly);
                }
            }
            case LowCardinalityType lowCardinality -> write(builder, lowCardinality.inner(), p, boolOnly);
            case ArrayType array -> {
                ArrayColumnBuilder arrays = (ArrayColumnBuilder) builder;
                if (p >= 0 && json.bytes[p] == '[') {
                    for (int child : json.children(p, false)) {
                        write(arrays.elements(), array.element(), child, boolOnly);
                    }
                }
                arrays.closeArray();
            }
            case StringType ignored -> {
                if (p >= 0 && json.decodeString(p)) {
                    builder.appendBytes(json.scratch(), 0, json.scratchLength());
                } else {
                    builder.appendDefault();
                }
            }
            case io.starling.storage.type.TupleType tuple -> writeTuple((io.starling.storage.column.TupleColumnBuilder) builder,
                    tuple, p, boolOnly);
            case io.starling.storage.type.MapType map -> {
                io.starling.storage.column.MapColumnBuilder maps = (io.starling.storage.column.MapColumnBuilder) builder;
                if (p >= 0 && json.bytes[p] == '{') {
                    int[] keys = json.children(p, true);
                    int[] values = json.children(p, false);
                    for (int i = 0; i < keys.length; i++) {
                        json.decodeString(keys[i]);
                        maps.keys().appendBytes(json.scratch(), 0, json.scratchLength());
                        write(maps.values(), map.value(), values[i], boolOnly);
                    }
                }
                maps.closeMap();
            }
            case FloatType ignored -> builder.appendDouble(convertible(type, p, boolOnly) ? doubleValue : 0);
            default -> builder.appendLong(convertible(type, p, boolOnly) ? longValue : 0);
        }
    }

    private static boolean isScalar(DataType type) {
        return !(type instanceof ArrayType) && !(type instanceof LowCardinalityType)
                && !(type instanceof io.starling.storage.type.TupleType) && !(type instanceof io.starling.storage.type.MapType);
    }

    /**
     * A named tuple reads an object's members by name; an unnamed one reads an array's elements, or an object's
     * members, in order. Anything else gives every element its default.
     */
    private void writeTuple(io.starling.storage.column.TupleColumnBuilder builder, io.starling.storage.type.TupleType tuple,
                            int p, boolean boolOnly) {
        int size = tuple.elements().size();
        int[] positions = new int[size];
        java.util.Arrays.fill(positions, -1);
        if (p >= 0 && json.bytes[p] == '{' && tuple.isNamed()) {
            for (int i = 0; i < size; i++) {
                positions[i] = json.member(p, tuple.names().get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } else if (p >= 0 && (json.bytes[p] == '[' || json.bytes[p] == '{')) {
            int[] children = json.children(p, false);
            for (int i = 0; i < Math.min(size, children.length); i++) {
                positions[i] = children[i];
            }
        }
        for (int i = 0; i < size; i++) {
            write(builder.element(i), tuple.elements().get(i), positions[i], boolOnly);
        }
        builder.closeTuple();
    }

    /** JSONExtractKeysAndValues: (key, value as {@code valueType}) for each member of the object at {@code p}. */
    void writeKeysAndValues(ArrayColumnBuilder builder, DataType valueType, int p, boolean raw) {
        if (p >= 0 && json.bytes[p] == '{') {
            io.starling.storage.column.TupleColumnBuilder pairs = (io.starling.storage.column.TupleColumnBuilder) builder.elements();
            int[] keys = json.children(p, true);
            int[] values = json.children(p, false);
            for (int i = 0; i < keys.length; i++) {
                json.decodeString(keys[i]);
                pairs.element(0).appendBytes(json.scratch(), 0, json.scratchLength());
                if (raw) {
                    json.minify(values[i]);
                    pairs.element(1).appendBytes(json.scratch(), 0, json.scratchLength());
                } else {
                    write(pairs.element(1), valueType, values[i], false);
                }
                pairs.closeTuple();
            }
        }
        builder.closeArray();
    }

    /** True when the value at {@code p} converts to {@code type}; leaves the number in longValue/doubleValue. */
    private boolean convertible(DataType type, int p, boolean boolOnly) {
        if (p < 0) {
            return false;
        }
        byte first = json.bytes[p];
        return switch (type) {
            case StringType ignored -> first == '"';
            case ArrayType ignored -> first == '[';
            case LowCardinalityType lowCardinality -> convertible(lowCardinality.inner(), p, boolOnly);
            case FloatType ignored -> {
                if (first == 't' || first == 'f') {
                    doubleValue = first == 't' ? 1 : 0;
                    yield true;
                }
                if (first != '-' && !JsonScanner.isDigit(first)) {
                    yield false;
                }
                doubleValue = json.parseDouble(p);
                yield true;
            }
            case IntegerType integer -> integer(p, first, integer.bits(), integer.signed(), boolOnly);
            case BoolType ignored -> integer(p, first, 8, false, boolOnly);
            default -> false;
        };
    }

    private boolean integer(int p, byte first, int bits, boolean signed, boolean boolOnly) {
        if (first == 't' || first == 'f') {
            longValue = first == 't' ? 1 : 0;
            return true;
        }
        if (boolOnly || (first != '-' && !JsonScanner.isDigit(first))) {
            return false;
        }
        if (json.isIntegerText(p)) {
            return parseInteger(p, bits, signed);
        }
        double value = json.parseDouble(p);
        if (value != Math.rint(value) || Double.isInfinite(value)) {
            return false;
        }
        if (!signed && bits == 64) {
            if (value < 0 || value >= 0x1p64) {
                return false;
            }
            longValue = value >= 0x1p63 ? (long) (value - 0x1p63) ^ Long.MIN_VALUE : (long) value;
            return true;
        }
        if (value < -0x1p63 || value >= 0x1p63) {
            return false;
        }
        return inRange((long) value, bits, signed);
    }

    private boolean parseInteger(int p, int bits, boolean signed) {
        boolean negative = json.bytes[p] == '-';
        int i = negative ? p + 1 : p;
        long value = 0;
        for (; i < json.end && JsonScanner.isDigit(json.bytes[i]); i++) {
            int digit = json.bytes[i] - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return false;
            }
            value = value * 10 + digit;
        }
        if (negative) {
            if (!signed && value != 0 || Long.compareUnsigned(value, Long.MIN_VALUE) > 0) {
                return false;
            }
            return inRange(-value, bits, signed);
        }
        if (!signed && bits == 64) {
            longValue = value;
            return true;
        }
        return value >= 0 && inRange(value, bits, signed);
    }

    private boolean inRange(long value, int bits, boolean signed) {
        IntegerType type = Types.integer(bits, signed);
        if (value < type.minValue() || value > type.maxValue()) {
            return false;
        }
        longValue = value;
        return true;
    }
}
