package io.starling.storage.type;

/**
 * Decimal(P, S): a fixed-point number with P significant digits, S of them after the point. Values are held as
 * the unscaled integer (value * 10^S): precisions up to 18 (Decimal32, Decimal64) in a LongColumn, precisions 19
 * to 38 (Decimal128) as 128-bit two's complement integers in an {@code Int128Column}. Precisions above 38
 * (Decimal256) are refused when the type is parsed.
 */
public record DecimalType(int precision, int scale) implements DataType {
    /** The widest precision a long holds exactly. */
    public static final int MAX_LONG_PRECISION = 18;
    /** The widest precision held (Decimal128). */
    public static final int MAX_PRECISION = 38;

    public DecimalType {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("Decimal precision [" + precision + "] must be between 1 and "
                    + MAX_PRECISION);
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

    @Override
    public String name() {
        return "Decimal(" + precision + ", " + scale + ")";
    }

    @Override
    public PhysicalKind physical() {
        return isWide() ? PhysicalKind.INT128 : PhysicalKind.LONG;
    }

    /** True for Decimal128 (precision 19..38), held in an Int128Column; false for values held in a long. */
    public boolean isWide() {
        return precision > MAX_LONG_PRECISION;
    }

    /** The precision of the storage class: 9 (Decimal32), 18 (Decimal64) or 38 (Decimal128). */
    public int storagePrecision() {
        return precision <= 9 ? 9 : precision <= MAX_LONG_PRECISION ? MAX_LONG_PRECISION : MAX_PRECISION;
    }

    /** 10^scale: the unscaled value of 1. Only for scales up to 18; wide scales use {@code Int128}. */
    public long scaleFactor() {
        return powerOfTen(scale);
    }

    /** 10^precision - 1: the largest unscaled value, for precisions up to 18 (use {@code Int128} beyond). */
    public long maxUnscaled() {
        if (isWide()) {
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
