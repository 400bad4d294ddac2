package io.starling.sql.function.aggregate;

import io.starling.sql.function.hash.CityHash102;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.FloatType;

/**
 * The 64-bit hash ClickHouse's {@code uniq} takes of one value before its sketch ({@link UniquesSketch}) hashes it
 * again: integers (dates, enums and decimals held as integers too) are their own hash, floats their bits (-0 read
 * as 0, Float32 by its 32 bits), strings their CityHash64 v1.0.2.
 */
public final class UniqHash {
    private UniqHash() {
    }

    /** True when {@link #of} hashes values of this column kind as ClickHouse does. */
    public static boolean supports(Column column) {
        return column instanceof LongColumn || column instanceof DoubleColumn || column instanceof StringColumn;
    }

    public static long of(Column column, int row) {
        return switch (column) {
            case LongColumn longs -> longs.getLong(row);
            case DoubleColumn doubles -> ofFloat(doubles, doubles.getDouble(row));
            case StringColumn strings -> CityHash102.hash64(strings.rawBytes(), strings.valueOffset(row),
                    strings.valueLength(row));
            default -> throw new IllegalArgumentException("uniq hash of " + column.type().name());
        };
    }

    static long ofFloat(DoubleColumn column, double value) {
        if (value == 0) {
            return 0;
        }
        if (column.type() == FloatType.FLOAT32) {
            return Float.floatToRawIntBits((float) value) & 0xFFFFFFFFL;
        }
        return Double.doubleToRawLongBits(value);
    }
}
