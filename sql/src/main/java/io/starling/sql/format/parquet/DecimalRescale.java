package io.starling.sql.format.parquet;

import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DecimalType;
import java.math.BigInteger;
import org.apache.parquet.io.api.Binary;

/**
 * Rescales a Parquet DECIMAL's unscaled value from its scale to a Decimal(P, S) column's: multiplied by 10^k to a
 * larger scale, divided (truncated toward zero, as text input drops extra fraction digits) to a smaller one. A value
 * with more than P digits does not fit. Long arithmetic while the value fits 64 bits; BigInteger beyond (Decimal128
 * values past 18 digits, FIXED_LEN_BYTE_ARRAY decimals over 8 bytes). Immutable.
 */
final class DecimalRescale {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final int shift;
    private final long factor;
    private final BigInteger bigFactor;
    private final boolean wide;
    /** Decimal256 targets take every value through the BigInteger path. */
    private final boolean huge;
    /** 10^P - 1: the largest unscaled value of the column. */
    private final BigInteger bigMax;
    private final long longMax;

    DecimalRescale(int sourceScale, DecimalType target) {
        this.shift = target.scale() - sourceScale;
        this.bigFactor = BigInteger.TEN.pow(Math.abs(shift));
        this.factor = Math.abs(shift) <= 18 ? bigFactor.longValueExact() : 0;
        this.wide = target.isWide();
        this.huge = target.is256();
        this.bigMax = BigInteger.TEN.pow(target.precision()).subtract(BigInteger.ONE);
        this.longMax = target.precision() <= 18 ? bigMax.longValueExact() : Long.MAX_VALUE;
    }

    boolean append(long unscaled, ColumnBuilder builder) {
        if (huge) {
            return append(BigInteger.valueOf(unscaled), builder);
        }
        long value;
        if (shift == 0) {
            value = unscaled;
        } else if (shift < 0) {
            value = factor == 0 ? 0 : unscaled / factor;
        } else if (factor == 0) {
            return append(BigInteger.valueOf(unscaled), builder);
        } else {
            long high = Math.multiplyHigh(unscaled, factor);
            value = unscaled * factor;
            if (high != (value >> 63)) {
                return append(BigInteger.valueOf(unscaled), builder);
            }
        }
        if (value > longMax || value < -longMax) {
            return wide && append(BigInteger.valueOf(value), builder, false);
        }
        if (wide) {
            builder.appendInt128(value < 0 ? -1L : 0L, value);
        } else {
            builder.appendLong(value);
        }
        return true;
    }

    boolean append(Binary unscaled, ColumnBuilder builder) {
        int length = unscaled.length();
        if (length > 0 && length <= 8) {
            java.nio.ByteBuffer bytes = unscaled.toByteBuffer();
            long value = bytes.get(bytes.position());
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (bytes.get(bytes.position() + i) & 0xFF);
            }
            return append(value, builder);
        }
        return append(ParquetConverters.unscaled(unscaled), builder);
    }

    private boolean append(BigInteger unscaled, ColumnBuilder builder) {
        return append(unscaled, builder, true);
    }

    private boolean append(BigInteger unscaled, ColumnBuilder builder, boolean rescale) {
        BigInteger value = !rescale || shift == 0 ? unscaled
                : shift > 0 ? unscaled.multiply(bigFactor) : unscaled.divide(bigFactor);
        if (value.abs().compareTo(bigMax) > 0) {
            return false;
        }
        if (huge) {
            io.starling.storage.column.Int256 register = new io.starling.storage.column.Int256();
            register.set(value);
            register.appendTo(builder);
            return true;
        }
        if (!wide) {
            builder.appendLong(value.longValueExact());
            return true;
        }
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            long small = value.longValue();
            builder.appendInt128(small < 0 ? -1L : 0L, small);
        } else {
            builder.appendInt128(value.shiftRight(64).longValue(), value.longValue());
        }
        return true;
    }
}
