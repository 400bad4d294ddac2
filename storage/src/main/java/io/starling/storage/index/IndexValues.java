package io.starling.storage.index;

import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.PhysicalKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * How indexes see values: the "leaf" values of a column (Nullable, LowCardinality and Array unwrapped, NULLs
 * skipped), their hashes, and constants converted to leaf columns. Stateless and thread-safe.
 */
final class IndexValues {
    private static final XXHash64 XXH = XXHashFactory.fastestInstance().hash64();

    /** Receives one leaf value: row {@code row} of the plain column {@code base}. */
    interface LeafConsumer {
        void accept(Column base, int row);
    }

    private IndexValues() {
    }

    /** The type of the leaf values: Nullable, LowCardinality and Array stripped. */
    static DataType leafType(DataType type) {
        return switch (type) {
            case NullableType nullable -> leafType(nullable.inner());
            case LowCardinalityType dictionary -> leafType(dictionary.inner());
            case ArrayType array -> leafType(array.element());
            default -> type;
        };
    }

    /**
     * True when indexes can hold values of this type: numbers (Decimal128 included), strings, and arrays or
     * Nullable/LowCardinality wrappers of them.
     */
    static boolean indexable(DataType type) {
        PhysicalKind kind = leafType(type).physical();
        return kind == PhysicalKind.LONG || kind == PhysicalKind.DOUBLE || kind == PhysicalKind.INT128
                || kind == PhysicalKind.BYTES;
    }

    static void forEachLeaf(Column column, LeafConsumer consumer) {
        for (int row = 0; row < column.size(); row++) {
            leaf(column, row, consumer);
        }
    }

    private static void leaf(Column column, int row, LeafConsumer consumer) {
        switch (column) {
            case NullableColumn nullable -> {
                if (!nullable.isNull(row)) {
                    leaf(nullable.values(), row, consumer);
                }
            }
            case LowCardinalityColumn dictionary -> leaf(dictionary.dictionary(), dictionary.code(row), consumer);
            case ArrayColumn array -> {
                int start = array.elementStart(row);
                int end = start + array.elementCount(row);
                for (int i = start; i < end; i++) {
                    leaf(array.elements(), i, consumer);
                }
            }
            case LongColumn longs -> consumer.accept(longs, row);
            case DoubleColumn doubles -> consumer.accept(doubles, row);
            case Int128Column wide -> consumer.accept(wide, row);
            case StringColumn strings -> consumer.accept(strings, row);
            default -> {
                // Tuples and maps are not indexed.
            }
        }
    }

    static long hash(Column base, int row, long seed) {
        return switch (base) {
            case LongColumn longs -> mix(longs.getLong(row) ^ seed);
            case DoubleColumn doubles -> {
                double value = doubles.getDouble(row);
                yield mix(Double.doubleToLongBits(value == 0.0 ? 0.0 : value) ^ seed);
            }
            // both words feed the hash: values that differ only in the high word (the sign) hash apart
            case Int128Column wide -> mix(wide.low(row) ^ mix(wide.high(row) ^ seed));
            case StringColumn strings -> XXH.hash(strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row), seed);
            default -> throw new IllegalArgumentException("Column of [" + base.type().name() + "] is not a leaf");
        };
    }

    static long hashBytes(byte[] bytes, int offset, int length, long seed) {
        return XXH.hash(bytes, offset, length, seed);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * A one-row column of {@code type} (a leaf type) holding {@code value}, or null when the constant cannot be
     * represented exactly (then the index cannot rule anything out). Accepts Number, BigInteger, Boolean,
     * String and byte[]. Decimal constants are unscaled: a long for Decimal32/64, a BigInteger or long for
     * Decimal128, the 32-byte encoding for Decimal256.
     */
    static Column constant(DataType type, Object value) {
        if (value == null) {
            return null;
        }
        ColumnBuilder builder = ColumnBuilder.forType(type, 1);
        try {
            switch (type.physical()) {
                case LONG -> {
                    Long number = toLong(type, value);
                    if (number == null) {
                        return null;
                    }
                    builder.appendLong(number);
                }
                case DOUBLE -> {
                    double number;
                    if (value instanceof Number n) {
                        number = n.doubleValue();
                    } else if (value instanceof String text) {
                        number = Double.parseDouble(text.trim());
                    } else {
                        return null;
                    }
                    boolean float32 = ((io.starling.storage.type.FloatType) type.behavesAs()).bits() == 32;
                    if (float32 && (double) (float) number != number) {
                        return null;
                    }
                    builder.appendDouble(number);
                }
                case INT128 -> {
                    BigInteger number = toInt128(value);
                    if (number == null) {
                        return null;
                    }
                    builder.appendInt128(number.shiftRight(64).longValue(), number.longValue());
                }
                case BYTES -> {
                    if (value instanceof byte[] bytes) {
                        builder.appendBytes(bytes, 0, bytes.length);
                    } else if (value instanceof String text) {
                        builder.appendString(text);
                    } else {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return builder.build();
    }

    /** A one-row column of any scalar key type (LowCardinality and Nullable included), or null. */
    static Column keyConstant(DataType type, Object value) {
        Column leaf = constant(leafType(type), value);
        if (leaf == null || type instanceof ArrayType) {
            return null;
        }
        if (leaf.type().equals(type)) {
            return leaf;
        }
        ColumnBuilder builder = ColumnBuilder.forType(type, 1);
        try {
            switch (leaf) {
                case LongColumn longs -> builder.appendLong(longs.getLong(0));
                case DoubleColumn doubles -> builder.appendDouble(doubles.getDouble(0));
                case Int128Column wide -> builder.appendInt128(wide.high(0), wide.low(0));
                case StringColumn strings -> builder.appendBytes(strings.rawBytes(), strings.valueOffset(0), strings.valueLength(0));
                default -> {
                    return null;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return builder.build();
    }

    private static Long toLong(DataType type, Object value) {
        boolean unsigned64 = type.behavesAs() instanceof IntegerType integer && integer.bits() == 64 && !integer.signed();
        return switch (value) {
            case Boolean flag -> flag ? 1L : 0L;
            case BigInteger big -> big.bitLength() <= 63 || (unsigned64 && big.signum() >= 0 && big.bitLength() <= 64)
                    ? big.longValue() : null;
            case BigDecimal decimal -> {
                try {
                    yield decimal.longValueExact();
                } catch (ArithmeticException e) {
                    yield null;
                }
            }
            case Double d -> d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (long) d.doubleValue() : null;
            case Float f -> f == Math.rint(f) && Math.abs(f) < 0x1p63 ? (long) f.floatValue() : null;
            case Number number -> number.longValue();
            case String text -> {
                try {
                    yield unsigned64 ? Long.parseUnsignedLong(text.trim()) : Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    /** An unscaled Decimal128 constant: integers that fit 128-bit two's complement; null for anything else. */
    private static BigInteger toInt128(Object value) {
        BigInteger number = switch (value) {
            case BigInteger big -> big;
            case Long l -> BigInteger.valueOf(l);
            case Integer i -> BigInteger.valueOf(i);
            case Short s -> BigInteger.valueOf(s);
            case Byte b -> BigInteger.valueOf(b);
            case BigDecimal decimal -> {
                try {
                    yield decimal.toBigIntegerExact();
                } catch (ArithmeticException e) {
                    yield null;
                }
            }
            case String text -> {
                try {
                    yield new BigInteger(text.trim());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            default -> null;
        };
        return number == null || number.bitLength() > 127 ? null : number;
    }

    static byte[] utf8(Object value) {
        return value instanceof byte[] bytes ? bytes : value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
