package io.starling.sql.function.hash;

import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.StringType;

/**
 * ClickHouse's hash of a row of several {@code uniq} arguments: CityHash64 v1.0.2 of the first value's bytes as
 * ClickHouse holds it in memory (an integer's little-endian bytes at its type's width, a float's bits with -0 as 0,
 * a string's bytes), then for each further argument {@code Hash128to64(CityHash64(its bytes), hash so far)}.
 */
public final class UniqArgumentsHash {
    private final byte[] scratch = new byte[8];

    /** True when every argument's in-memory bytes are known: integers, dates, floats, String and FixedString. */
    public static boolean supports(Column[] arguments, int count) {
        for (int a = 0; a < count; a++) {
            boolean known = switch (arguments[a]) {
                case LongColumn longs -> ColumnHasher.width(longs.type()) > 0 && ColumnHasher.width(longs.type()) <= 8;
                case DoubleColumn doubles -> true;
                case StringColumn strings -> strings.type() instanceof StringType
                        || strings.type() instanceof FixedStringType;
                default -> false;
            };
            if (!known) {
                return false;
            }
        }
        return true;
    }

    /** The hash of row {@code row} of the first {@code count} arguments (all {@link #supports supported}). */
    public long of(Column[] arguments, int count, int row) {
        long hash = valueHash(arguments[0], row);
        for (int a = 1; a < count; a++) {
            hash = CityHash102.hash128to64(valueHash(arguments[a], row), hash);
        }
        return hash;
    }

    private long valueHash(Column column, int row) {
        return switch (column) {
            case LongColumn longs -> littleEndian(longs.getLong(row), ColumnHasher.width(longs.type()));
            case DoubleColumn doubles -> {
                double value = doubles.getDouble(row);
                yield doubles.type() == FloatType.FLOAT32
                        ? littleEndian(value == 0 ? 0 : Float.floatToRawIntBits((float) value), 4)
                        : littleEndian(value == 0 ? 0 : Double.doubleToRawLongBits(value), 8);
            }
            case StringColumn strings -> CityHash102.hash64(strings.rawBytes(), strings.valueOffset(row),
                    strings.valueLength(row));
            default -> throw new IllegalArgumentException("uniq arguments hash of " + column.type().name());
        };
    }

    private long littleEndian(long value, int width) {
        for (int i = 0; i < width; i++) {
            scratch[i] = (byte) (value >>> (8 * i));
        }
        return CityHash102.hash64(scratch, 0, width);
    }
}
