package io.starling.storage.column;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A mutable 256-bit two's complement integer register, for Decimal256 arithmetic, parsing and printing without
 * allocating per value: keep one per kernel, accumulator or parser and reuse it. Operations that can overflow
 * answer false and leave the register unspecified. Not thread-safe.
 *
 * <p>Decimal256 values live in a {@link StringColumn} as {@value #BYTES} bytes each, in the <em>order-preserving
 * encoding</em> {@link #write} produces: the four 64-bit words big-endian, most significant first, with the sign
 * bit flipped. Unsigned bytewise comparison of two encodings then orders them as the signed numbers, so sorting,
 * sort keys, primary-key and min/max indexes, hashing and equality treat Decimal256 like any fixed-width bytes.
 * Zero is {@code 0x80} followed by 31 zero bytes ({@link #ZERO_ENCODED}).
 */
public final class Int256 {
    /** Bytes per encoded value. */
    public static final int BYTES = 32;
    /** Decimal digits every value below 10^76 in magnitude holds (Decimal256's precision). */
    public static final int MAX_DIGITS = 76;
    /** The encoding of zero (do not modify). */
    static final byte[] ZERO_ENCODED = new byte[BYTES];
    private static final VarHandle LONG_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);
    /** 10^0 .. 10^76 as little-endian words. */
    private static final long[][] POW10 = new long[MAX_DIGITS + 1][];

    static {
        ZERO_ENCODED[0] = (byte) 0x80;
        Int256 power = new Int256().set(1);
        for (int i = 0; i <= MAX_DIGITS; i++) {
            POW10[i] = power.words.clone();
            power.multiplyAddSmall(10, 0);
        }
    }

    /** words[0] is the least significant word, words[3] the most significant (its top bit is the sign). */
    private final long[] words = new long[4];
    private final long[] other = new long[4];
    private final long[] product = new long[8];
    private final long[] remainder = new long[4];
    private final byte[] encoded = new byte[BYTES];
    private byte[] digits;

    public Int256() {
    }

    // ---- setting and reading ----

    /** Sets a sign-extended long. */
    public Int256 set(long value) {
        long sign = value >> 63;
        words[0] = value;
        words[1] = sign;
        words[2] = sign;
        words[3] = sign;
        return this;
    }

    /** Sets a long read as unsigned (UInt64). */
    public Int256 setUnsigned(long value) {
        words[0] = value;
        words[1] = 0;
        words[2] = 0;
        words[3] = 0;
        return this;
    }

    /** Sets a sign-extended 128-bit value given as its high (signed) and low words. */
    public Int256 setInt128(long high, long low) {
        long sign = high >> 63;
        words[0] = low;
        words[1] = high;
        words[2] = sign;
        words[3] = sign;
        return this;
    }

    public Int256 set(Int256 source) {
        System.arraycopy(source.words, 0, words, 0, 4);
        return this;
    }

    /** Sets 10^exponent (0..76). */
    public Int256 setPowerOfTen(int exponent) {
        System.arraycopy(POW10[exponent], 0, words, 0, 4);
        return this;
    }

    /** Sets the value of a BigInteger; false when it needs more than 256 bits. */
    public boolean set(BigInteger value) {
        if (value.bitLength() > 255) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            words[i] = value.shiftRight(64 * i).longValue();
        }
        return true;
    }

    public BigInteger toBigInteger() {
        BigInteger result = BigInteger.valueOf(words[3]);
        for (int i = 2; i >= 0; i--) {
            result = result.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(words[i])));
        }
        return result;
    }

    /** Loads four words (least significant first) from {@code source[offset..offset + 4)}. */
    public Int256 readWords(long[] source, int offset) {
        System.arraycopy(source, offset, words, 0, 4);
        return this;
    }

    /** Stores the four words (least significant first) into {@code target[offset..offset + 4)}. */
    public void writeWords(long[] target, int offset) {
        System.arraycopy(words, 0, target, offset, 4);
    }

    /** Word {@code index} (0 = least significant, 3 = most significant, signed). */
    public long word(int index) {
        return words[index];
    }

    public boolean isNegative() {
        return words[3] < 0;
    }

    public boolean isZero() {
        return (words[0] | words[1] | words[2] | words[3]) == 0;
    }

    /** True when the value fits a long ({@link #toLong()}). */
    public boolean fitsLong() {
        long sign = words[0] >> 63;
        return words[1] == sign && words[2] == sign && words[3] == sign;
    }

    /** True when the value fits a UInt64 ({@link #toLong()} then holds its bit pattern). */
    public boolean fitsUnsignedLong() {
        return words[1] == 0 && words[2] == 0 && words[3] == 0;
    }

    /** The low 64 bits. */
    public long toLong() {
        return words[0];
    }

    /** True when the value fits a 128-bit integer ({@link #high()}, {@link #low()}). */
    public boolean fitsInt128() {
        long sign = words[1] >> 63;
        return words[2] == sign && words[3] == sign;
    }

    public long high() {
        return words[1];
    }

    public long low() {
        return words[0];
    }

    public int compareTo(Int256 right) {
        int result = Long.compare(words[3], right.words[3]);
        for (int i = 2; i >= 0 && result == 0; i--) {
            result = Long.compareUnsigned(words[i], right.words[i]);
        }
        return result;
    }

    // ---- the order-preserving byte encoding ----

    /** Writes the 32-byte order-preserving encoding at {@code out[offset..offset + 32)}. */
    public void write(byte[] out, int offset) {
        LONG_BIG_ENDIAN.set(out, offset, words[3] ^ Long.MIN_VALUE);
        LONG_BIG_ENDIAN.set(out, offset + 8, words[2]);
        LONG_BIG_ENDIAN.set(out, offset + 16, words[1]);
        LONG_BIG_ENDIAN.set(out, offset + 24, words[0]);
    }

    /** Reads an encoding written by {@link #write}. */
    public Int256 read(byte[] source, int offset) {
        words[3] = (long) LONG_BIG_ENDIAN.get(source, offset) ^ Long.MIN_VALUE;
        words[2] = (long) LONG_BIG_ENDIAN.get(source, offset + 8);
        words[1] = (long) LONG_BIG_ENDIAN.get(source, offset + 16);
        words[0] = (long) LONG_BIG_ENDIAN.get(source, offset + 24);
        return this;
    }

    /** Reads row {@code row} of a Decimal256 column; an empty value (never written) reads as zero. */
    public Int256 read(StringColumn column, int row) {
        if (column.valueLength(row) != BYTES) {
            return set(0);
        }
        return read(column.rawBytes(), column.valueOffset(row));
    }

    /** Appends the value to a Decimal256 column builder (no allocation). */
    public void appendTo(ColumnBuilder builder) {
        write(encoded, 0);
        builder.appendBytes(encoded, 0, BYTES);
    }

    /** The encoding of a long, for tests and constants. Allocates. */
    public static byte[] encode(long value) {
        byte[] out = new byte[BYTES];
        new Int256().set(value).write(out, 0);
        return out;
    }

    // ---- arithmetic ----

    /** Negates in place; false for the minimum value, which has no negation. */
    public boolean negate() {
        if (words[3] == Long.MIN_VALUE && words[2] == 0 && words[1] == 0 && words[0] == 0) {
            return false;
        }
        negateWords(words);
        return true;
    }

    /** Adds {@code value}; false on overflow. */
    public boolean add(Int256 value) {
        return addWords(value.words, false);
    }

    /** Adds a sign-extended long; false on overflow. */
    public boolean add(long value) {
        long sign = value >> 63;
        other[0] = value;
        other[1] = sign;
        other[2] = sign;
        other[3] = sign;
        return addWords(other, false);
    }

    /** Subtracts {@code value}; false on overflow. */
    public boolean subtract(Int256 value) {
        return addWords(value.words, true);
    }

    private boolean addWords(long[] operand, boolean subtract) {
        long leftSign = words[3];
        long rightSign = subtract ? ~operand[3] : operand[3];
        long carry = subtract ? 1 : 0;
        for (int i = 0; i < 4; i++) {
            long right = subtract ? ~operand[i] : operand[i];
            long sum = words[i] + right;
            long nextCarry = Long.compareUnsigned(sum, right) < 0 ? 1 : 0;
            long withCarry = sum + carry;
            if (carry != 0 && withCarry == 0) {
                nextCarry = 1;
            }
            words[i] = withCarry;
            carry = nextCarry;
        }
        return ((leftSign ^ words[3]) & (rightSign ^ words[3])) >= 0;
    }

    /** Multiplies by {@code value}; false on overflow. */
    public boolean multiply(Int256 value) {
        return multiplyWords(value.words);
    }

    /** Multiplies by 10^exponent (exponent &gt;= 0); false on overflow. */
    public boolean multiplyPowerOfTen(int exponent) {
        if (exponent == 0) {
            return true;
        }
        if (exponent > MAX_DIGITS) {
            return isZero();
        }
        return multiplyWords(POW10[exponent]);
    }

    private boolean multiplyWords(long[] operand) {
        boolean negative = (words[3] < 0) != (operand[3] < 0);
        System.arraycopy(operand, 0, other, 0, 4);
        if (other[3] < 0) {
            negateWords(other);
        }
        if (words[3] < 0) {
            negateWords(words);
        }
        Arrays.fill(product, 0);
        for (int i = 0; i < 4; i++) {
            if (words[i] == 0) {
                continue;
            }
            long carry = 0;
            for (int j = 0; j < 4; j++) {
                long lowPart = words[i] * other[j];
                long highPart = Math.unsignedMultiplyHigh(words[i], other[j]);
                long sum = product[i + j] + lowPart;
                if (Long.compareUnsigned(sum, lowPart) < 0) {
                    highPart++;
                }
                long withCarry = sum + carry;
                if (Long.compareUnsigned(withCarry, carry) < 0) {
                    highPart++;
                }
                product[i + j] = withCarry;
                carry = highPart;
            }
            product[i + 4] = carry;
        }
        boolean minimum = negative && product[3] == Long.MIN_VALUE && (product[2] | product[1] | product[0]) == 0;
        if ((product[4] | product[5] | product[6] | product[7]) != 0 || product[3] < 0 && !minimum) {
            return false;
        }
        System.arraycopy(product, 0, words, 0, 4);
        if (negative) {
            negateWords(words);
        }
        return true;
    }

    /** Divides by 10^exponent, truncating toward zero (as ClickHouse narrows a scale). */
    public void dividePowerOfTen(int exponent) {
        if (exponent <= 0) {
            return;
        }
        boolean negative = words[3] < 0;
        if (negative) {
            negateWords(words); // the minimum's magnitude 2^255 reads correctly as unsigned
        }
        while (exponent > 0 && !isZero()) {
            int step = Math.min(exponent, 9);
            divideUnsignedSmall((int) POW10[step][0]);
            exponent -= step;
        }
        if (negative) {
            negateWords(words);
        }
    }

    /**
     * Divides by {@code divisor}, truncating toward zero. The divisor must not be zero ({@link ArithmeticException});
     * false on overflow (the minimum value divided by -1).
     */
    public boolean divide(Int256 divisor) {
        if (divisor.isZero()) {
            throw new ArithmeticException("Division by zero");
        }
        boolean negative = (words[3] < 0) != (divisor.words[3] < 0);
        boolean wasMinimum = words[3] == Long.MIN_VALUE && words[2] == 0 && words[1] == 0 && words[0] == 0;
        System.arraycopy(divisor.words, 0, other, 0, 4);
        if (other[3] < 0) {
            negateWords(other);
        }
        if (words[3] < 0) {
            negateWords(words);
        }
        if (other[3] == 0 && other[2] == 0 && other[1] == 0 && other[0] > 0 && other[0] <= Integer.MAX_VALUE) {
            divideUnsignedSmall((int) other[0]);
        } else if (other[3] < 0) {
            // divisor magnitude 2^255: the quotient is 1 only for the minimum value itself
            set(wasMinimum ? 1 : 0);
        } else {
            divideUnsigned();
        }
        if (words[3] < 0 && !(negative && words[3] == Long.MIN_VALUE && (words[2] | words[1] | words[0]) == 0)) {
            return false;
        }
        if (negative) {
            negateWords(words);
        }
        return true;
    }

    /** Shift-and-subtract division of the register (unsigned) by {@link #other} (unsigned, below 2^255). */
    private void divideUnsigned() {
        Arrays.fill(remainder, 0);
        long[] quotient = product;
        Arrays.fill(quotient, 0);
        for (int bit = 255; bit >= 0; bit--) {
            remainder[3] = (remainder[3] << 1) | (remainder[2] >>> 63);
            remainder[2] = (remainder[2] << 1) | (remainder[1] >>> 63);
            remainder[1] = (remainder[1] << 1) | (remainder[0] >>> 63);
            remainder[0] = (remainder[0] << 1) | ((words[bit >>> 6] >>> (bit & 63)) & 1);
            if (compareUnsigned(remainder, other) >= 0) {
                long borrow = 0;
                for (int i = 0; i < 4; i++) {
                    long difference = remainder[i] - other[i] - borrow;
                    borrow = Long.compareUnsigned(remainder[i], other[i]) < 0
                            || borrow != 0 && remainder[i] == other[i] ? 1 : 0;
                    remainder[i] = difference;
                }
                quotient[bit >>> 6] |= 1L << (bit & 63);
            }
        }
        System.arraycopy(quotient, 0, words, 0, 4);
    }

    private static int compareUnsigned(long[] left, long[] right) {
        for (int i = 3; i >= 0; i--) {
            int result = Long.compareUnsigned(left[i], right[i]);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** Divides the register, read as unsigned, by {@code divisor} (1..2^31-1); answers the remainder. */
    private int divideUnsignedSmall(int divisor) {
        long rest = 0;
        for (int i = 3; i >= 0; i--) {
            long upper = (rest << 32) | (words[i] >>> 32);
            long quotientUpper = upper / divisor;
            rest = upper % divisor;
            long lower = (rest << 32) | (words[i] & 0xFFFFFFFFL);
            long quotientLower = lower / divisor;
            rest = lower % divisor;
            words[i] = (quotientUpper << 32) | quotientLower;
        }
        return (int) rest;
    }

    /** register = register * factor + addend, read as unsigned, ignoring overflow (factor, addend small, positive). */
    private void multiplyAddSmall(int factor, int addend) {
        long carry = addend;
        for (int i = 0; i < 4; i++) {
            long lowPart = words[i] * factor;
            long highPart = Math.unsignedMultiplyHigh(words[i], factor);
            long sum = lowPart + carry;
            if (Long.compareUnsigned(sum, lowPart) < 0) {
                highPart++;
            }
            words[i] = sum;
            carry = highPart;
        }
    }

    private static void negateWords(long[] target) {
        long carry = 1;
        for (int i = 0; i < 4; i++) {
            long inverted = ~target[i];
            long sum = inverted + carry;
            carry = carry != 0 && sum == 0 ? 1 : 0;
            target[i] = sum;
        }
    }

    /** True when |value| &lt; 10^precision, i.e. the value has at most {@code precision} digits. */
    public boolean fitsPrecision(int precision) {
        if (precision > MAX_DIGITS) {
            return true;
        }
        System.arraycopy(words, 0, other, 0, 4);
        if (other[3] < 0) {
            negateWords(other);
            if (other[3] < 0) {
                return false;
            }
        }
        return compareUnsigned(other, POW10[precision]) < 0;
    }

    /** The value as the nearest-ish double. */
    public double toDouble() {
        if (fitsLong()) {
            return words[0];
        }
        System.arraycopy(words, 0, other, 0, 4);
        boolean negative = other[3] < 0;
        if (negative) {
            negateWords(other);
        }
        double magnitude = 0;
        for (int i = 3; i >= 0; i--) {
            magnitude = magnitude * 0x1.0p64 + ((double) (other[i] >>> 1) * 2.0 + (other[i] & 1));
        }
        return negative ? -magnitude : magnitude;
    }

    // ---- text ----

    /**
     * Writes the value as a decimal with {@code scale} fraction digits into {@code out} as ASCII, without
     * trailing fractional zeros; answers the length. {@code out} needs at least 82 bytes. The register is left
     * unchanged.
     */
    public int toDecimalAscii(int scale, byte[] out) {
        System.arraycopy(words, 0, remainder, 0, 4);
        boolean negative = words[3] < 0;
        if (negative) {
            negateWords(words);
        }
        if (digits == null) {
            digits = new byte[90];
        }
        int count = 0;
        while (!isZero() || count <= scale) {
            int chunk = divideUnsignedSmall(1_000_000_000);
            for (int k = 0; k < 9; k++) {
                digits[count++] = (byte) ('0' + chunk % 10);
                chunk /= 10;
            }
        }
        while (count > scale + 1 && digits[count - 1] == '0') {
            count--;
        }
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
        System.arraycopy(remainder, 0, words, 0, 4);
        return length;
    }

    /** The value as decimal text with {@code scale} fraction digits (see {@link #toDecimalAscii}). Allocates. */
    public String toDecimalString(int scale) {
        byte[] out = new byte[96];
        int length = toDecimalAscii(scale, out);
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
                exponent = Math.min(exponent * 10 + (c[position] - '0'), 200);
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        int keptFraction = scale + Math.max(0, exponent);
        boolean negative = c[start] == '-';
        int position = c[start] == '-' || c[start] == '+' ? start + 1 : start;
        set(0);
        boolean anyDigit = false;
        int significant = 0;
        for (; position < mantissaEnd && c[position] >= '0' && c[position] <= '9'; position++) {
            anyDigit = true;
            if (significant > 0 || c[position] != '0') {
                if (++significant > MAX_DIGITS) {
                    return false;
                }
                multiplyAddSmall(10, c[position] - '0');
            }
        }
        int fractionDigits = 0;
        if (position < mantissaEnd && c[position] == '.') {
            position++;
            for (; position < mantissaEnd && c[position] >= '0' && c[position] <= '9'; position++) {
                anyDigit = true;
                if (fractionDigits < keptFraction) {
                    if ((significant > 0 || c[position] != '0') && ++significant > MAX_DIGITS) {
                        return false;
                    }
                    multiplyAddSmall(10, c[position] - '0');
                    fractionDigits++;
                }
            }
        }
        if (!anyDigit || position != mantissaEnd) {
            return false;
        }
        int missing = scale - fractionDigits + exponent;
        if (missing > 0 && !multiplyPowerOfTen(Math.min(missing, MAX_DIGITS + 1))) {
            return false;
        }
        if (missing < 0) {
            dividePowerOfTen(Math.min(-missing, MAX_DIGITS + 2));
        }
        if (!fitsPrecision(precision)) {
            return false;
        }
        return !negative || negate();
    }

    @Override
    public String toString() {
        return toDecimalString(0);
    }
}
