package io.starling.storage.type;

/**
 * Decimal(P, S): a fixed-point number with P significant digits, S of them after the point. Values are held as
 * the unscaled integer (value * 10^S) in a LongColumn; precisions above 18 are refused when the type is parsed.
 */
public record DecimalType(int precision, int scale) implements DataType {
    /** The widest precision a long holds exactly. */
    public static final int MAX_LONG_PRECISION = 18;

    public DecimalType {
        if (precision < 1 || precision > MAX_LONG_PRECISION) {
            throw new IllegalArgumentException("Decimal precision [" + precision + "] must be between 1 and "
                    + MAX_LONG_PRECISION);
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("Decimal scale [" + scale + "] must be between 0 and the precision ["
                    + precision + "]");
        }
    }

    @Override
    public String name() {
        return "Decimal(" + precision + ", " + scale + ")";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }

    /** 10^scale: the unscaled value of 1. */
    public long scaleFactor() {
        return powerOfTen(scale);
    }

    /** 10^precision - 1: the largest unscaled value. */
    public long maxUnscaled() {
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
