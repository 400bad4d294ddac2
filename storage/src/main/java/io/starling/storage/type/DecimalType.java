package io.starling.storage.type;

/**
 * Decimal(P, S): a fixed-point number with P significant digits, S of them after the point. Values are held as
 * the unscaled integer (value * 10^S): precisions up to 18 (Decimal32, Decimal64) in a LongColumn, precisions 19
 * to 38 (Decimal128) as 128-bit two's complement integers in an {@code Int128Column}, precisions 39 to 76
 * (Decimal256) as 32-byte order-preserving encodings of 256-bit integers in a {@code StringColumn} (see
 * {@code io.starling.storage.column.Int256}).
 */
public record DecimalType(int precision, int scale) implements DataType {
    /** The widest precision a long holds exactly. */
    public static final int MAX_LONG_PRECISION = 18;
    /** The widest precision of Decimal128 (held in an Int128Column). */
    public static final int MAX_PRECISION = 38;
    /** The widest precision held (Decimal256). */
    public static final int MAX_DECIMAL256_PRECISION = 76;

    public DecimalType {
        if (precision < 1 || precision > MAX_DECIMAL256_PRECISION) {
            throw new IllegalArgumentException("Decimal precision [" + precision + "] must be between 1 and "
                    + MAX_DECIMAL256_PRECISION);
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("Decimal scale [" + scale + "] must be between 0 and the precision ["
                    + precision + "]");
        }
    }

    /** Decimal128(S): Decimal(38, S). */
    public static DecimalType decimal128(int scale) {
        return new DecimalType(MAX_PRECISION, scale);
    }

    /** Decimal256(S): Decimal(76, S). */
    public static DecimalType decimal256(int scale) {
        return new DecimalType(MAX_DECIMAL256_PRECISION, scale);
    }

    @Override
    public String name() {
        return "Decimal(" + precision + ", " + scale + ")";
    }

    @Override
    public PhysicalKind physical() {
        return is256() ? PhysicalKind.BYTES : isWide() ? PhysicalKind.INT128 : PhysicalKind.LONG;
    }

    /** True for Decimal128 (precision 19..38), held in an Int128Column; false for values held in a long and Decimal256. */
    public boolean isWide() {
        return precision > MAX_LONG_PRECISION && precision <= MAX_PRECISION;
    }

    /** True for Decimal256 (precision 39..76), held as 32-byte encodings in a StringColumn. */
    public boolean is256() {
        return precision > MAX_PRECISION;
    }

    /** The precision of the storage class: 9 (Decimal32), 18 (Decimal64), 38 (Decimal128) or 76 (Decimal256). */
    public int storagePrecision() {
        return precision <= 9 ? 9 : precision <= MAX_LONG_PRECISION ? MAX_LONG_PRECISION
                : precision <= MAX_PRECISION ? MAX_PRECISION : MAX_DECIMAL256_PRECISION;
    }

    /** 10^scale: the unscaled value of 1. Only for scales up to 18; wide scales use {@code Int128}. */
    public long scaleFactor() {
        return powerOfTen(scale);
    }

    /** 10^precision - 1: the largest unscaled value, for precisions up to 18 (use {@code Int128} beyond). */
    public long maxUnscaled() {
        if (precision > MAX_LONG_PRECISION) {
            throw new IllegalStateException("Decimal [" + name() + "] does not fit a long; use Int128.fitsPrecision");
        }
        return powerOfTen(precision) - 1;
    }

    public static long powerOfTen(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
