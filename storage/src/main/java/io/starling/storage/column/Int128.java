package io.starling.storage.column;

/**
 * A mutable 128-bit two's complement integer register, for Decimal128 arithmetic, parsing and printing without
 * allocating per value: keep one per kernel, accumulator or parser and reuse it. Operations that can overflow
 * answer false and leave the register unspecified. Static helpers work on (high, low) pairs. Not thread-safe.
 */
public final class Int128 {
    private static final long[] POW10_HIGH = new long[39];
    private static final long[] POW10_LOW = new long[39];

    static {
        Int128 power = new Int128(0, 1);
        for (int i = 0; i <= 38; i++) {
            POW10_HIGH[i] = power.high;
            POW10_LOW[i] = power.low;
            power.multiplySmall(10);
        }
    }

    /** The high 64 bits, signed. */
    public long high;
    /** The low 64 bits, unsigned. */
    public long low;
    /** Scratch for printing, allocated on first use. */
    private byte[] digits;

    public Int128() {
    }

    public Int128(long high, long low) {
        this.high = high;
        this.low = low;
    }

    public Int128 set(long highWord, long lowWord) {
        high = highWord;
        low = lowWord;
        return this;
    }

    /** Sets a sign-extended long. */
    public Int128 set(long value) {
        return set(value >> 63, value);
    }

    public boolean isNegative() {
        return high < 0;
    }

    public boolean isZero() {
        return high == 0 && low == 0;
    }

    /** True when the value fits a long ({@link #low} then holds it). */
    public boolean fitsLong() {
        return fitsLong(high, low);
    }

    public static boolean fitsLong(long high, long low) {
        return high == (low >> 63);
    }

    public static int compare(long leftHigh, long leftLow, long rightHigh, long rightLow) {
        int result = Long.compare(leftHigh, rightHigh);
        return result != 0 ? result : Long.compareUnsigned(leftLow, rightLow);
    }

    public int compareTo(long otherHigh, long otherLow) {
        return compare(high, low, otherHigh, otherLow);
    }

    /** High word of 10^exponent (0 &lt;= exponent &lt;= 38). */
    public static long powerOfTenHigh(int exponent) {
        return POW10_HIGH[exponent];
    }

    /** Low word of 10^exponent (0 &lt;= exponent &lt;= 38). */
    public static long powerOfTenLow(int exponent) {
        return POW10_LOW[exponent];
    }

    /** True when |value| &lt; 10^precision, i.e. the value has at most {@code precision} digits. */
    public static boolean fitsPrecision(long high, long low, int precision) {
        if (precision >= 39) {
            return true;
        }
        long magnitudeHigh = high;
        long magnitudeLow = low;
        if (high < 0) {
            magnitudeLow = -low;
            magnitudeHigh = ~high + (low == 0 ? 1 : 0);
            if (magnitudeHigh < 0) {
                return false;
            }
        }
        return compare(magnitudeHigh, magnitudeLow, POW10_HIGH[precision], POW10_LOW[precision]) < 0;
    }

    public boolean fitsPrecision(int precision) {
        return fitsPrecision(high, low, precision);
    }

    /** Negates in place; answers false for the minimum value, which has no negation. */
    public boolean negate() {
        if (high == Long.MIN_VALUE && low == 0) {
            return false;
        }
        high = ~high + (low == 0 ? 1 : 0);
        low = -low;
        return true;
    }

    /** Adds a 128-bit value; false on overflow. */
    public boolean add(long otherHigh, long otherLow) {
        long sumLow = low + otherLow;
        long carry = Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0;
        long sumHigh = high + otherHigh + carry;
        boolean overflow = ((high ^ sumHigh) & (otherHigh ^ sumHigh)) < 0;
        high = sumHigh;
        low = sumLow;
        return !overflow;
    }

    /** Adds a sign-extended long; false on overflow. */
    public boolean add(long value) {
        return add(value >> 63, value);
    }

    /** Subtracts a 128-bit value; false on overflow. */
    public boolean subtract(long otherHigh, long otherLow) {
        long differenceLow = low - otherLow;
        long borrow = Long.compareUnsigned(low, otherLow) < 0 ? 1 : 0;
        long differenceHigh = high - otherHigh - borrow;
        boolean overflow = ((high ^ otherHigh) & (high ^ differenceHigh)) < 0;
        high = differenceHigh;
        low = differenceLow;
        return !overflow;
    }

    /** Multiplies by a 128-bit value; false on overflow. */
    public boolean multiply(long otherHigh, long otherLow) {
        boolean negative = (high < 0) != (otherHigh < 0);
        if (!absolute()) {
            return false;
        }
        long otherMagnitudeHigh = otherHigh;
        long otherMagnitudeLow = otherLow;
        if (otherHigh < 0) {
            if (otherHigh == Long.MIN_VALUE && otherLow == 0) {
                return false;
            }
            otherMagnitudeHigh = ~otherHigh + (otherLow == 0 ? 1 : 0);
            otherMagnitudeLow = -otherLow;
        }
        if (high != 0 && otherMagnitudeHigh != 0) {
            return false;
        }
        long productLow = low * otherMagnitudeLow;
        long productHigh = Math.unsignedMultiplyHigh(low, otherMagnitudeLow);
        if (Math.unsignedMultiplyHigh(high, otherMagnitudeLow) != 0
                || Math.unsignedMultiplyHigh(low, otherMagnitudeHigh) != 0) {
            return false;
        }
        long cross = high * otherMagnitudeLow + low * otherMagnitudeHigh;
        if (Long.compareUnsigned(cross, high * otherMagnitudeLow) < 0) {
            return false;
        }
        long total = productHigh + cross;
        if (Long.compareUnsigned(total, productHigh) < 0 || total < 0) {
            return false;
        }
        high = total;
        low = productLow;
        return !negative || negate();
    }

    /** Multiplies by 10^exponent (0..38); false on overflow. */
    public boolean multiplyPowerOfTen(int exponent) {
        if (exponent == 0) {
            return true;
        }
        if (exponent > 38) {
            return isZero();
        }
        return multiply(POW10_HIGH[exponent], POW10_LOW[exponent]);
    }

    /** Divides by 10^exponent, truncating toward zero (as ClickHouse narrows a scale). */
    public void dividePowerOfTen(int exponent) {
        if (exponent <= 0) {
            return;
        }
        boolean negative = high < 0;
        if (!absolute()) {
            // |MIN| / 10 fits: divide the unsigned magnitude 2^127.
            high = Long.MIN_VALUE;
            low = 0;
        }
        while (exponent > 0) {
            int step = Math.min(exponent, 9);
            divideUnsignedSmall((int) POW10_LOW[step]);
            exponent -= step;
        }
        if (negative) {
            negate();
        }
    }

    /**
     * Divides by a 128-bit value, truncating toward zero. The divisor must not be zero; false on overflow
     * (the minimum value divided by -1).
     */
    public boolean divide(long otherHigh, long otherLow) {
        if (otherHigh == 0 && otherLow == 0) {
            throw new ArithmeticException("Division by zero");
        }
        if (fitsLong() && fitsLong(otherHigh, otherLow)) {
            if (low == Long.MIN_VALUE && otherLow == -1) {
                set(0, Long.MIN_VALUE);
                return true;
            }
            set(low / otherLow);
            return true;
        }
        boolean negative = (high < 0) != (otherHigh < 0);
        if (!absolute()) {
            return false;
        }
        long divisorHigh = otherHigh;
        long divisorLow = otherLow;
        if (otherHigh < 0) {
            if (otherHigh == Long.MIN_VALUE && otherLow == 0) {
                set(0);
                return true;
            }
            divisorHigh = ~otherHigh + (otherLow == 0 ? 1 : 0);
            divisorLow = -otherLow;
        }
        divideUnsigned(divisorHigh, divisorLow);
        return !negative || negate();
    }

    /** Unsigned shift-and-subtract division of the register by a nonzero unsigned divisor. */
    private void divideUnsigned(long divisorHigh, long divisorLow) {
        if (divisorHigh == 0 && divisorLow > 0 && divisorLow <= Integer.MAX_VALUE) {
            divideUnsignedSmall((int) divisorLow);
            return;
        }
        long quotientHigh = 0;
        long quotientLow = 0;
        long remainderHigh = 0;
        long remainderLow = 0;
        for (int bit = 127; bit >= 0; bit--) {
            remainderHigh = (remainderHigh << 1) | (remainderLow >>> 63);
            remainderLow = (remainderLow << 1) | (bit >= 64 ? (high >>> (bit - 64)) & 1 : (low >>> bit) & 1);
            if (compareUnsigned(remainderHigh, remainderLow, divisorHigh, divisorLow) >= 0) {
                long newLow = remainderLow - divisorLow;
                remainderHigh = remainderHigh - divisorHigh - (Long.compareUnsigned(remainderLow, divisorLow) < 0 ? 1 : 0);
                remainderLow = newLow;
                if (bit >= 64) {
                    quotientHigh |= 1L << (bit - 64);
                } else {
                    quotientLow |= 1L << bit;
                }
            }
        }
        high = quotientHigh;
        low = quotientLow;
    }

    private static int compareUnsigned(long leftHigh, long leftLow, long rightHigh, long rightLow) {
        int result = Long.compareUnsigned(leftHigh, rightHigh);
        return result != 0 ? result : Long.compareUnsigned(leftLow, rightLow);
    }

    /** Divides the register, read as unsigned, by {@code divisor} (1..2^31-1); answers the remainder. */
    private int divideUnsignedSmall(int divisor) {
        long quotientHigh = Long.divideUnsigned(high, divisor);
        long remainder = Long.remainderUnsigned(high, divisor);
        long upper = (remainder << 32) | (low >>> 32);
        long quotientUpper = upper / divisor;
        remainder = upper % divisor;
        long lower = (remainder << 32) | (low & 0xFFFFFFFFL);
        long quotientLower = lower / divisor;
        remainder = lower % divisor;
        high = quotientHigh;
        low = (quotientUpper << 32) | quotientLower;
        return (int) remainder;
    }

    /** Multiplies the register, read as unsigned, by a small positive factor, ignoring overflow. */
    private void multiplySmall(int factor) {
        long productHigh = Math.unsignedMultiplyHigh(low, factor) + high * factor;
        low = low * factor;
        high = productHigh;
    }

    /** Replaces the value by its magnitude; false for the minimum value. */
    private boolean absolute() {
        return high >= 0 || negate();
    }

    /** The value as the nearest-ish double (the high word scaled plus the unsigned low word). */
    public static double toDouble(long high, long low) {
        if (fitsLong(high, low)) {
            return low;
        }
        boolean negative = high < 0;
        long magnitudeHigh = high;
        long magnitudeLow = low;
        if (negative) {
            magnitudeHigh = ~high + (low == 0 ? 1 : 0);
            magnitudeLow = -low;
        }
        double lowPart = (double) (magnitudeLow >>> 1) * 2.0 + (magnitudeLow & 1);
        double magnitude = (double) magnitudeHigh * 0x1.0p64 + lowPart;
        return negative ? -magnitude : magnitude;
    }

    /**
     * Writes the value as a decimal with {@code scale} fraction digits into {@code out} as ASCII, without
     * trailing fractional zeros ({@code 1.50} as {@code 1.5}, {@code 2.00} as {@code 2}); answers the length.
     * {@code out} needs at least 42 bytes. The register is left unchanged.
     */
    public int toDecimalAscii(int scale, byte[] out) {
        long savedHigh = high;
        long savedLow = low;
        boolean negative = high < 0;
        if (!absolute()) {
            high = Long.MIN_VALUE;
            low = 0;
        }
        if (digits == null) {
            digits = new byte[40];
        }
        int count = 0;
        while (high != 0 || low != 0 || count <= scale) {
            digits[count++] = (byte) ('0' + divideUnsignedSmall(10));
        }
        // digits[0] is the least significant; drop trailing fractional zeros
        int firstKept = 0;
        while (firstKept < scale && digits[firstKept] == '0') {
            firstKept++;
        }
        int length = 0;
        if (negative) {
            out[length++] = '-';
        }
        for (int i = count - 1; i >= scale; i--) {
            out[length++] = digits[i];
        }
        if (firstKept < scale) {
            out[length++] = '.';
            for (int i = scale - 1; i >= firstKept; i--) {
                out[length++] = digits[i];
            }
        }
        high = savedHigh;
        low = savedLow;
        return length;
    }

    /** The value as decimal text with {@code scale} fraction digits (see {@link #toDecimalAscii}). Allocates. */
    public static String toDecimalString(long high, long low, int scale) {
        byte[] out = new byte[48];
        int length = new Int128(high, low).toDecimalAscii(scale, out);
        return new String(out, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Parses {@code [-+]digits[.digits][e[-+]digits]} into the unscaled value of a Decimal(precision, scale):
     * fraction digits beyond the scale are truncated; a value with more than {@code precision} digits is
     * invalid. Answers false (register unspecified) when the text is not such a number or does not fit.
     * Surrounding spaces must be trimmed by the caller.
     */
    public boolean parseDecimal(char[] c, int start, int end, int precision, int scale) {
        if (start >= end) {
            return false;
        }
        int mantissaEnd = start;
        while (mantissaEnd < end && c[mantissaEnd] != 'e' && c[mantissaEnd] != 'E') {
            mantissaEnd++;
        }
        int exponent = 0;
        if (mantissaEnd < end) {
            int position = mantissaEnd + 1;
            boolean negativeExponent = position < end && c[position] == '-';
            if (position < end && (c[position] == '-' || c[position] == '+')) {
                position++;
            }
            if (position == end) {
                return false;
            }
            for (; position < end; position++) {
                if (c[position] < '0' || c[position] > '9') {
                    return false;
                }
                exponent = Math.min(exponent * 10 + (c[position] - '0'), 100);
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        // fraction digits that survive: up to the scale, plus those a positive exponent moves before the point
        int keptFraction = scale + Math.max(0, exponent);
        boolean negative = c[start] == '-';
        int position = c[start] == '-' || c[start] == '+' ? start + 1 : start;
        set(0, 0);
        boolean digits = false;
        int significant = 0;
        for (; position < mantissaEnd && c[position] >= '0' && c[position] <= '9'; position++) {
            digits = true;
            if (significant > 0 || c[position] != '0') {
                significant++;
                if (significant > 38) {
                    return false;
                }
                multiplySmall(10);
                add(0, c[position] - '0');
            }
        }
        int fractionDigits = 0;
        if (position < mantissaEnd && c[position] == '.') {
            position++;
            for (; position < mantissaEnd && c[position] >= '0' && c[position] <= '9'; position++) {
                digits = true;
                if (fractionDigits < keptFraction) {
                    if (significant > 0 || c[position] != '0') {
                        significant++;
                        if (significant > 38) {
                            return false;
                        }
                    }
                    multiplySmall(10);
                    add(0, c[position] - '0');
                    fractionDigits++;
                }
            }
        }
        if (!digits || position != mantissaEnd) {
            return false;
        }
        int missing = scale - fractionDigits + exponent;
        if (missing > 0 && !multiplyPowerOfTen(Math.min(missing, 39))) {
            return false;
        }
        if (missing < 0) {
            dividePowerOfTen(Math.min(-missing, 40));
        }
        if (!fitsPrecision(precision)) {
            return false;
        }
        return !negative || negate();
    }
}
