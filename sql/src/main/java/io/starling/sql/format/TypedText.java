package io.starling.sql.format;

import io.starling.storage.column.Int128;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.EnumType;

/**
 * Text forms of Decimal, UUID, IPv4, IPv6 and Enum values: parsing from {@code char[]} ranges into a caller's
 * scratch (no exceptions, no allocation) and writing into a {@link ByteSink}. Stateless apart from the
 * caller-owned {@link Scratch}.
 */
public final class TypedText {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private TypedText() {
    }

    /** Where a parse leaves its result: a long, a 128-bit value ({@link #wide}) or 16 bytes. One per parsing thread. */
    public static final class Scratch {
        public long value;
        public final byte[] bytes = new byte[16];
        public final Int128 wide = new Int128();
        /** A Decimal256 value. */
        public final io.starling.storage.column.Int256 huge = new io.starling.storage.column.Int256();
    }

    private static final ThreadLocal<Int128> PRINT_SCRATCH = ThreadLocal.withInitial(Int128::new);
    private static final ThreadLocal<byte[]> PRINT_BYTES = ThreadLocal.withInitial(() -> new byte[96]);
    private static final ThreadLocal<io.starling.storage.column.Int256> PRINT_HUGE =
            ThreadLocal.withInitial(io.starling.storage.column.Int256::new);

    // ---- Decimal ----

    /**
     * Parses {@code [-+]digits[.digits][e[-+]digits]} as the unscaled value of {@code type}; digits beyond the
     * scale are truncated (as ClickHouse does); too many integer digits is invalid.
     */
    public static boolean parseDecimal(char[] c, int start, int end, DecimalType type, Scratch out) {
        start = skipSpaces(c, start, end);
        end = trimSpaces(c, start, end);
        if (start == end) {
            return false;
        }
        boolean negative = c[start] == '-';
        int position = c[start] == '-' || c[start] == '+' ? start + 1 : start;
        long unscaled = 0;
        int integerDigits = 0;
        int fractionDigits = 0;
        boolean digits = false;
        int exponentAt = -1;
        for (; position < end; position++) {
            char ch = c[position];
            if (ch >= '0' && ch <= '9') {
                digits = true;
                if (integerDigits > 0 || ch != '0') {
                    integerDigits++;
                }
                if (integerDigits > 18) {
                    return false;
                }
                unscaled = unscaled * 10 + (ch - '0');
            } else {
                break;
            }
        }
        if (position < end && c[position] == '.') {
            position++;
            int keptFraction = type.scale() + positiveExponent(c, position, end);
            for (; position < end && c[position] >= '0' && c[position] <= '9'; position++) {
                digits = true;
                if (fractionDigits < keptFraction) {
                    if (unscaled > Long.MAX_VALUE / 10 - 1) {
                        return false;
                    }
                    unscaled = unscaled * 10 + (c[position] - '0');
                    fractionDigits++;
                }
            }
        }
        if (!digits) {
            return false;
        }
        int exponent = 0;
        if (position < end && (c[position] == 'e' || c[position] == 'E')) {
            exponentAt = position++;
            boolean negativeExponent = position < end && c[position] == '-';
            if (position < end && (c[position] == '-' || c[position] == '+')) {
                position++;
            }
            if (position == end) {
                return false;
            }
            for (; position < end && c[position] >= '0' && c[position] <= '9'; position++) {
                exponent = Math.min(exponent * 10 + (c[position] - '0'), 100);
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (position != end) {
            return false;
        }
        int missing = type.scale() - fractionDigits;
        if (exponentAt >= 0) {
            missing += exponent;
        }
        while (missing > 0) {
            if (Math.abs(unscaled) > Long.MAX_VALUE / 10) {
                return false;
            }
            unscaled *= 10;
            missing--;
        }
        while (missing < 0) {
            unscaled /= 10;
            missing++;
        }
        if (unscaled > type.maxUnscaled()) {
            return false;
        }
        out.value = negative ? -unscaled : unscaled;
        return true;
    }

    /** The exponent after an {@code e} in {@code c[start, end)} when positive (capped at 40), else 0. */
    private static int positiveExponent(char[] c, int start, int end) {
        int position = start;
        while (position < end && c[position] != 'e' && c[position] != 'E') {
            position++;
        }
        if (++position >= end || c[position] == '-') {
            return 0;
        }
        if (c[position] == '+') {
            position++;
        }
        int exponent = 0;
        for (; position < end && c[position] >= '0' && c[position] <= '9'; position++) {
            exponent = Math.min(exponent * 10 + (c[position] - '0'), 40);
        }
        return exponent;
    }

    /**
     * Parses a Decimal128 (precision 19..38) value exactly into {@code out.wide}: the same text forms and rules
     * as {@link #parseDecimal}, with no detour through double.
     */
    public static boolean parseDecimal128(char[] c, int start, int end, DecimalType type, Scratch out) {
        start = skipSpaces(c, start, end);
        end = trimSpaces(c, start, end);
        return out.wide.parseDecimal(c, start, end, type.precision(), type.scale());
    }

    /**
     * Parses a Decimal256 (precision 39..76) value exactly into {@code out.huge}: the same text forms and rules
     * as {@link #parseDecimal}.
     */
    public static boolean parseDecimal256(char[] c, int start, int end, DecimalType type, Scratch out) {
        start = skipSpaces(c, start, end);
        end = trimSpaces(c, start, end);
        return out.huge.parseDecimal(c, start, end, type.precision(), type.scale());
    }

    /** Writes a Decimal256 value (row {@code row} of its column) like {@link #writeDecimal}: no trailing fractional zeros. */
    public static void writeDecimal256(io.starling.storage.column.StringColumn column, int row, int scale, ByteSink out) {
        io.starling.storage.column.Int256 value = PRINT_HUGE.get().read(column, row);
        if (scale == 0 && value.fitsLong()) {
            out.writeLong(value.toLong());
            return;
        }
        byte[] text = PRINT_BYTES.get();
        int length = value.toDecimalAscii(scale, text);
        out.write(text, 0, length);
    }

    /** Writes an unscaled Decimal128 value like {@link #writeDecimal}: no trailing fractional zeros. */
    public static void writeDecimal128(long high, long low, int scale, ByteSink out) {
        if (scale == 0 && Int128.fitsLong(high, low)) {
            out.writeLong(low);
            return;
        }
        byte[] text = PRINT_BYTES.get();
        int length = PRINT_SCRATCH.get().set(high, low).toDecimalAscii(scale, text);
        out.write(text, 0, length);
    }

    /** A Decimal128 value as a double (for conversions to Float). */
    public static double decimal128ToDouble(long high, long low, DecimalType type) {
        if (Int128.fitsLong(high, low) && type.scale() <= 18) {
            return (double) low / DecimalType.powerOfTen(type.scale());
        }
        double value = Int128.toDouble(high, low);
        return type.scale() <= 22 ? value / POWERS_OF_TEN[type.scale()] : value / Math.pow(10, type.scale());
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Writes an unscaled decimal without trailing fractional zeros ({@code 1.50} as {@code 1.5}, {@code 2.00} as {@code 2}). */
    public static void writeDecimal(long unscaled, int scale, ByteSink out) {
        if (scale == 0) {
            out.writeLong(unscaled);
            return;
        }
        long factor = DecimalType.powerOfTen(scale);
        long integer = unscaled / factor;
        long fraction = Math.abs(unscaled % factor);
        if (unscaled < 0 && integer == 0) {
            out.write('-');
        }
        out.writeLong(integer);
        if (fraction == 0) {
            return;
        }
        int digits = scale;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        out.write('.');
        out.writePadded(fraction, digits);
    }

    /** The decimal as a double (for conversions to Float). */
    public static double decimalToDouble(long unscaled, DecimalType type) {
        return (double) unscaled / type.scaleFactor();
    }

    // ---- UUID ----

    /** {@code 8-4-4-4-12} hex digits (also 32 digits without dashes, optionally in braces) into 16 bytes. */
    public static boolean parseUuid(char[] c, int start, int end, Scratch out) {
        start = skipSpaces(c, start, end);
        end = trimSpaces(c, start, end);
        if (end - start >= 2 && c[start] == '{' && c[end - 1] == '}') {
            start++;
            end--;
        }
        int length = end - start;
        boolean dashed = length == 36;
        if (!dashed && length != 32) {
            return false;
        }
        int position = start;
        for (int i = 0; i < 16; i++) {
            if (dashed && (i == 4 || i == 6 || i == 8 || i == 10)) {
                if (c[position++] != '-') {
                    return false;
                }
            }
            int high = hexDigit(c[position++]);
            int low = hexDigit(c[position++]);
            if (high < 0 || low < 0) {
                return false;
            }
            out.bytes[i] = (byte) (high << 4 | low);
        }
        return true;
    }

    public static void writeUuid(byte[] bytes, int offset, ByteSink out) {
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out.write('-');
            }
            int b = bytes[offset + i] & 0xFF;
            out.write(HEX[b >> 4]);
            out.write(HEX[b & 0xF]);
        }
    }

    // ---- IPv4 / IPv6 ----

    /** Dotted quad into an unsigned 32-bit value. */
    public static boolean parseIpv4(char[] c, int start, int end, Scratch out) {
        start = skipSpaces(c, start, end);
        end = trimSpaces(c, start, end);
        long value = readIpv4(c, start, end);
        if (value < 0) {
            return false;
        }
        out.value = value;
        return true;
    }

    private static long readIpv4(char[] c, int start, int end) {
        long value = 0;
        int position = start;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (position >= end || c[position++] != '.') {
                    return -1;
                }
            }
            int octet = 0;
            int digits = 0;
            while (position < end && c[position] >= '0' && c[position] <= '9' && digits < 3) {
                octet = octet * 10 + (c[position++] - '0');
                digits++;
            }
            if (digits == 0 || octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return position == end ? value : -1;
    }

    public static void writeIpv4(long value, ByteSink out) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.writeLong((value >>> shift) & 0xFF);
            if (shift > 0) {
                out.write('.');
            }
        }
    }

    /** IPv6 text ({@code ::} compression, embedded IPv4 tail) or a bare IPv4 (mapped as {@code ::ffff:a.b.c.d}). */
    public static boolean parseIpv6(char[] c, int start, int end, Scratch out) {
        start = skipSpaces(c, start, end);
        end = trimSpaces(c, start, end);
        byte[] bytes = out.bytes;
        java.util.Arrays.fill(bytes, (byte) 0);
        long ipv4 = readIpv4(c, start, end);
        if (ipv4 >= 0) {
            bytes[10] = (byte) 0xFF;
            bytes[11] = (byte) 0xFF;
            writeInt(bytes, 12, ipv4);
            return true;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int position = start;
        if (position + 1 < end && c[position] == ':' && c[position + 1] == ':') {
            gap = 0;
            position += 2;
        }
        while (position < end) {
            int groupStart = position;
            int value = 0;
            while (position < end && hexDigit(c[position]) >= 0 && position - groupStart < 4) {
                value = value << 4 | hexDigit(c[position++]);
            }
            if (position < end && c[position] == '.') {
                long tail = readIpv4(c, groupStart, end);
                if (tail < 0 || count > 6) {
                    return false;
                }
                groups[count++] = (int) (tail >>> 16);
                groups[count++] = (int) (tail & 0xFFFF);
                position = end;
                break;
            }
            if (position == groupStart || count == 8) {
                return false;
            }
            groups[count++] = value;
            if (position == end) {
                break;
            }
            if (c[position++] != ':') {
                return false;
            }
            if (position < end && c[position] == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                position++;
            } else if (position == end) {
                return false;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return false;
        }
        int tail = gap < 0 ? 0 : count - gap;
        for (int i = 0; i < count; i++) {
            int slot = gap >= 0 && i >= gap ? 8 - tail + (i - gap) : i;
            bytes[slot * 2] = (byte) (groups[i] >> 8);
            bytes[slot * 2 + 1] = (byte) groups[i];
        }
        return true;
    }

    private static void writeInt(byte[] bytes, int offset, long value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
    }

    /** RFC 5952 form: lowercase, longest run of zero groups as {@code ::}, IPv4-mapped as {@code ::ffff:1.2.3.4}. */
    public static void writeIpv6(byte[] bytes, int offset, ByteSink out) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= bytes[offset + i] == 0;
        }
        if (mapped && bytes[offset + 10] == (byte) 0xFF && bytes[offset + 11] == (byte) 0xFF) {
            out.writeAscii("::ffff:");
            long ipv4 = (bytes[offset + 12] & 0xFFL) << 24 | (bytes[offset + 13] & 0xFFL) << 16
                    | (bytes[offset + 14] & 0xFFL) << 8 | (bytes[offset + 15] & 0xFFL);
            writeIpv4(ipv4, out);
            return;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (group(bytes, offset, i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && group(bytes, offset, j) == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.writeAscii(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            int value = group(bytes, offset, i);
            boolean leading = true;
            for (int shift = 12; shift >= 0; shift -= 4) {
                int digit = value >> shift & 0xF;
                if (digit != 0 || !leading || shift == 0) {
                    out.write(HEX[digit]);
                    leading = false;
                }
            }
            if (i < 7) {
                out.write(':');
            }
        }
    }

    private static int group(byte[] bytes, int offset, int index) {
        return (bytes[offset + index * 2] & 0xFF) << 8 | (bytes[offset + index * 2 + 1] & 0xFF);
    }

    // ---- Enum ----

    /** A member name, or (when no name matches) the member's number. */
    public static boolean parseEnum(char[] c, int start, int end, EnumType type, Scratch out) {
        for (EnumType.Member member : type.members()) {
            if (regionEquals(c, start, end, member.name())) {
                out.value = member.value();
                return true;
            }
        }
        int s = skipSpaces(c, start, end);
        int e = trimSpaces(c, s, end);
        if (s == e) {
            return false;
        }
        boolean negative = c[s] == '-';
        int position = negative ? s + 1 : s;
        long value = 0;
        if (position == e) {
            return false;
        }
        for (; position < e; position++) {
            if (c[position] < '0' || c[position] > '9' || value > 100_000) {
                return false;
            }
            value = value * 10 + (c[position] - '0');
        }
        value = negative ? -value : value;
        if (!type.hasValue(value)) {
            return false;
        }
        out.value = value;
        return true;
    }

    // ---- helpers ----

    private static boolean regionEquals(char[] c, int start, int end, String text) {
        if (end - start != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (c[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int hexDigit(char ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (ch >= 'a' && ch <= 'f') {
            return ch - 'a' + 10;
        }
        if (ch >= 'A' && ch <= 'F') {
            return ch - 'A' + 10;
        }
        return -1;
    }

    private static int skipSpaces(char[] c, int start, int end) {
        while (start < end && (c[start] == ' ' || c[start] == '\t')) {
            start++;
        }
        return start;
    }

    private static int trimSpaces(char[] c, int start, int end) {
        while (end > start && (c[end - 1] == ' ' || c[end - 1] == '\t')) {
            end--;
        }
        return end;
    }
}
