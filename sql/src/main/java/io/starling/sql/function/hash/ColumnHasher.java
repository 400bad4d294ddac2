package io.starling.sql.function.hash;

import io.starling.sql.function.Errors;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.Int256;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.EnumType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.Ipv4Type;
import io.starling.storage.type.Ipv6Type;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.StringType;
import io.starling.storage.type.TupleType;
import io.starling.storage.type.UuidType;
import java.util.Arrays;

/**
 * Hashes whole columns the way ClickHouse's multi-argument hash functions do: strings by their bytes, numbers
 * and dates by their little-endian in-memory bytes of the type's width (cityHash64: {@code intHash64} of the
 * value instead, except for Decimals and DateTime64, whose bytes every function hashes: 4, 8, 16 or 32 bytes of
 * two's complement for Decimal32/64/128/256), arrays as the hash of their length combined with each element's
 * hash, tuples as their elements in order. The first argument's hash starts the running hash; later ones are combined into it.
 */
final class ColumnHasher {
    private final HashAlgorithm algorithm;
    private final byte[] scratch = new byte[32];

    ColumnHasher(HashAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    /** Throws ILLEGAL_TYPE_OF_ARGUMENT unless values of {@code type} can be hashed. */
    static void check(String function, DataType type) {
        DataType t = type.behavesAs();
        switch (t) {
            case NullableType nullable -> check(function, nullable.inner());
            case LowCardinalityType lowCardinality -> check(function, lowCardinality.inner());
            case ArrayType array -> check(function, array.element());
            case TupleType tuple -> tuple.elements().forEach(element -> check(function, element));
            default -> {
                if (width(t) < 0 && !(t instanceof FloatType) && !(t instanceof StringType)
                        && !(t instanceof FixedStringType) && !(t instanceof UuidType) && !(t instanceof Ipv6Type)) {
                    throw Errors.illegalType(function, type);
                }
            }
        }
    }

    /** Hashes rows {@code [0, rows)} of {@code column} into {@code out}, starting or combining. */
    void hash(Column column, int rows, long[] out, boolean first) {
        switch (column) {
            case LongColumn longs -> hashLongs(longs, rows, out, first);
            case Int128Column wide -> hashWide(wide, rows, out, first);
            case DoubleColumn doubles -> hashDoubles(doubles, rows, out, first);
            case StringColumn strings -> hashStrings(strings, rows, out, first);
            case ArrayColumn array -> hashArrays(array, rows, out, first);
            case TupleColumn tuple -> {
                boolean start = first;
                for (Column element : tuple.elements()) {
                    hash(element, rows, out, start);
                    start = false;
                }
            }
            case NullableColumn nullable -> hash(nullable.values(), rows, out, first);
            case LowCardinalityColumn lowCardinality -> hash(lowCardinality.decode(), rows, out, first);
            default -> throw Errors.illegalType(algorithm.functionName(), column.type());
        }
    }

    private void put(long[] out, int row, long hash, boolean first) {
        out[row] = first ? hash : algorithm.combine(out[row], hash);
    }

    private void hashLongs(LongColumn column, int rows, long[] out, boolean first) {
        DataType type = column.type().behavesAs();
        int width = width(type);
        long mask = width == 8 ? -1L : (1L << (8 * width)) - 1;
        boolean raw = hashesRawBytes(type);
        for (int i = 0; i < rows; i++) {
            long bits = column.getLong(i) & mask;
            put(out, i, raw ? littleEndian(bits, width) : number(bits, width), first);
        }
    }

    /**
     * True for the types ClickHouse hashes by their in-memory bytes even in cityHash64 (which otherwise passes
     * plain numbers through {@code intHash64}): every Decimal width and DateTime64 (a Decimal64 underneath).
     */
    private static boolean hashesRawBytes(DataType type) {
        return type instanceof DecimalType || type instanceof DateTime64Type;
    }

    private long littleEndian(long bits, int width) {
        Bytes.put64(scratch, 0, bits);
        return algorithm.bytes(scratch, 0, width);
    }

    /** Decimal128: its 16 little-endian bytes, as ClickHouse hashes values wider than 64 bits (no intHash64). */
    private void hashWide(Int128Column column, int rows, long[] out, boolean first) {
        for (int i = 0; i < rows; i++) {
            Bytes.put64(scratch, 0, column.low(i));
            Bytes.put64(scratch, 8, column.high(i));
            put(out, i, algorithm.bytes(scratch, 0, 16), first);
        }
    }

    private void hashDoubles(DoubleColumn column, int rows, long[] out, boolean first) {
        boolean float32 = column.type().behavesAs() instanceof FloatType floating && floating.bits() == 32;
        for (int i = 0; i < rows; i++) {
            double value = column.getDouble(i);
            long bits = float32 ? Float.floatToRawIntBits((float) value) & 0xFFFFFFFFL : Double.doubleToRawLongBits(value);
            put(out, i, number(bits, float32 ? 4 : 8), first);
        }
    }

    private long number(long bits, int width) {
        if (algorithm.intHashForNumbers()) {
            return Murmur.intHash64(bits);
        }
        return littleEndian(bits, width);
    }

    private void hashStrings(StringColumn column, int rows, long[] out, boolean first) {
        DataType type = column.type().behavesAs();
        boolean uuid = type instanceof UuidType;
        boolean decimal256 = type instanceof DecimalType;
        byte[] bytes = column.rawBytes();
        for (int i = 0; i < rows; i++) {
            int offset = column.valueOffset(i);
            if (decimal256) {
                put(out, i, algorithm.bytes(decimal256LittleEndian(column, i), 0, Int256.BYTES), first);
            } else if (uuid) {
                // ClickHouse holds a UUID as two little-endian UInt64 halves.
                for (int k = 0; k < 8; k++) {
                    scratch[k] = bytes[offset + 7 - k];
                    scratch[8 + k] = bytes[offset + 15 - k];
                }
                put(out, i, algorithm.bytes(scratch, 0, 16), first);
            } else {
                put(out, i, algorithm.bytes(bytes, offset, column.valueLength(i)), first);
            }
        }
    }

    /**
     * Decimal256 row {@code row} as ClickHouse holds it in memory (32 bytes of a two's complement Int256, least
     * significant byte first), in {@code scratch}. Our column holds the order-preserving encoding instead: the
     * same 32 bytes most significant first with the sign bit flipped, so undo the flip and reverse the bytes.
     * A never-written (empty) value is zero.
     */
    private byte[] decimal256LittleEndian(StringColumn column, int row) {
        if (column.valueLength(row) != Int256.BYTES) {
            Arrays.fill(scratch, 0, Int256.BYTES, (byte) 0);
            return scratch;
        }
        byte[] bytes = column.rawBytes();
        int offset = column.valueOffset(row);
        for (int k = 0; k < Int256.BYTES; k++) {
            scratch[k] = bytes[offset + Int256.BYTES - 1 - k];
        }
        scratch[Int256.BYTES - 1] ^= (byte) 0x80;
        return scratch;
    }

    private void hashArrays(ArrayColumn column, int rows, long[] out, boolean first) {
        Column elements = column.elements();
        int start = rows == 0 ? 0 : column.elementStart(0);
        int end = rows == 0 ? 0 : column.elementStart(rows - 1) + column.elementCount(rows - 1);
        long[] elementHashes = new long[end - start];
        hash(elements.region(start, end - start), end - start, elementHashes, true);
        for (int i = 0; i < rows; i++) {
            int count = column.elementCount(i);
            long running = algorithm.intHash(count);
            running = first ? running : algorithm.combine(out[i], running);
            int from = column.elementStart(i) - start;
            for (int j = 0; j < count; j++) {
                running = algorithm.combine(running, elementHashes[from + j]);
            }
            out[i] = running;
        }
    }

    /** Bytes a value of a LongColumn type occupies in ClickHouse, or -1 for types not held as integers. */
    static int width(DataType type) {
        return switch (type) {
            case IntegerType integer -> integer.bits() / 8;
            case BoolType bool -> 1;
            case DateType date -> 2;
            case Date32Type date -> 4;
            case DateTimeType dateTime -> 4;
            case DateTime64Type dateTime -> 8;
            case EnumType enumType -> enumType.bits() / 8;
            case Ipv4Type ipv4 -> 4;
            case DecimalType decimal -> decimal.is256() ? Int256.BYTES : decimal.isWide() ? 16
                    : decimal.precision() <= 9 ? 4 : 8;
            default -> -1;
        };
    }
}
