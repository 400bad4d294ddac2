package io.starling.sql.format;

import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.AggregateFunctionType;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.EnumType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.Ipv4Type;
import io.starling.storage.type.Ipv6Type;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.NothingType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.SimpleAggregateFunctionType;
import io.starling.storage.type.StringType;
import io.starling.storage.type.TupleType;
import io.starling.storage.type.UuidType;

/**
 * Parses one text value into a {@link ColumnBuilder} of a {@link DataType}. A call appends exactly one value
 * and answers true, or appends nothing and answers false: failures are reported without exceptions, so bad
 * rows cost no stack traces. Rules:
 * <ul>
 *   <li>integers: optional sign and digits, range-checked per width (out of range is invalid);</li>
 *   <li>floats: decimal or exponent notation, {@code inf}, {@code -inf}, {@code nan};</li>
 *   <li>Bool: true/false, 1/0, yes/no, on/off, t/f, y/n (any case);</li>
 *   <li>Date {@code YYYY-MM-DD}; DateTime and DateTime64 as in {@link DateTimeText}, without an offset read
 *       in the type's zone;</li>
 *   <li>Nullable: empty text and {@code \N} are NULL, and {@code null}/{@code NULL} when the inner type is not
 *       a string;</li>
 *   <li>Array: {@code [1, 2]}, {@code ['a','b']} or {@code ["a","b"]} with backslash escapes;</li>
 *   <li>String: any text, stored as UTF-8. Surrounding spaces are kept for strings and ignored otherwise.</li>
 *   <li>Decimal: {@code -12.345}, extra fraction digits truncated; Date32 like Date over 1900..2299; Enum by
 *       name or number; UUID {@code 8-4-4-4-12}; IPv4 dotted; IPv6 full, compressed or IPv4; FixedString(N) up to
 *       N UTF-8 bytes (zero-padded); AggregateFunction states as raw text; SimpleAggregateFunction as its T;</li>
 *   <li>Tuple: {@code (1, 'a')} or {@code [1, "a"]}; Map: {@code {'k': 1}} or a JSON object.</li>
 * </ul>
 * Instances keep scratch buffers: not thread-safe, reuse one per parsing thread.
 */
public final class ValueParser {
    private static final long MAX_MANTISSA = 1L << 53;
    private static final double[] EXACT_POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
            1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private static final String[] TRUE_WORDS = {"true", "1", "yes", "on", "t", "y", "enable"};
    private static final String[] FALSE_WORDS = {"false", "0", "no", "off", "f", "n", "disable"};

    private long longValue;
    private double doubleValue;
    private byte[] utf8 = new byte[256];
    private char[] scratch = new char[64];
    private final TypedText.Scratch typed = new TypedText.Scratch();
    private final DateTimeParser dates = new DateTimeParser();
    private final CompositeParser composites = new CompositeParser(this);

    /** Parses {@code text}; see the class comment. */
    public boolean parseInto(DataType type, CharSequence text, ColumnBuilder builder) {
        int length = text.length();
        if (scratch.length < length) {
            scratch = new char[Math.max(length, scratch.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            scratch[i] = text.charAt(i);
        }
        return parse(type, scratch, 0, length, builder);
    }

    /** Parses {@code chars[offset, offset + length)}; see the class comment. */
    public boolean parseInto(DataType type, char[] chars, int offset, int length, ColumnBuilder builder) {
        return parse(type, chars, offset, offset + length, builder);
    }

    /** True when the text would parse as {@code type}; appends nothing. */
    public boolean isValid(DataType type, char[] chars, int offset, int length) {
        return parse(type, chars, offset, offset + length, null);
    }

    /** Appends chars as UTF-8 bytes (a String value) without any parsing. */
    public void appendString(char[] chars, int offset, int length, ColumnBuilder builder) {
        int byteLength = encodeUtf8(chars, offset, offset + length);
        builder.appendBytes(utf8, 0, byteLength);
    }

    /** True when the text is a NULL marker for a Nullable column whose inner type is {@code inner}. */
    public static boolean isNullText(DataType inner, char[] chars, int offset, int length) {
        if (length == 0) {
            return true;
        }
        if (length == 2 && chars[offset] == '\\' && chars[offset + 1] == 'N') {
            return true;
        }
        if (length == 4 && !isStringLike(inner)) {
            return regionMatchesIgnoreCase(chars, offset, offset + 4, "null");
        }
        return false;
    }

    /** True for String, Nullable(String), LowCardinality(String) and LowCardinality(Nullable(String)). */
    public static boolean isStringLike(DataType type) {
        DataType base = type.unwrapNullable();
        if (base instanceof LowCardinalityType lowCardinality) {
            base = lowCardinality.inner().unwrapNullable();
        }
        return base.behavesAs() instanceof StringType;
    }

    boolean parse(DataType type, char[] c, int start, int end, ColumnBuilder builder) {
        return switch (type) {
            case NullableType nullable -> parseNullable(nullable.inner(), c, start, end, builder);
            case LowCardinalityType lowCardinality -> lowCardinality.inner() instanceof NullableType nullable
                    ? parseNullable(nullable.inner(), c, start, end, builder)
                    : parse(lowCardinality.inner(), c, start, end, builder);
            case StringType ignored -> {
                if (builder != null) {
                    appendString(c, start, end - start, builder);
                }
                yield true;
            }
            case IntegerType integer -> parseInteger(integer, c, start, end) && appendLong(longValue, builder);
            case FloatType floatType -> parseFloat(c, start, end) && appendDouble(floatType, builder);
            case BoolType ignored -> parseBool(c, start, end) && appendLong(longValue, builder);
            case DateType ignored -> dates.parseDate(c, start, end) && appendLong(dates.value, builder);
            case DateTimeType dateTime -> dates.parseDateTime(c, start, end, DateTimeText.zone(dateTime.timeZone()),
                    0, 0, DateTimeText.MAX_DATETIME_SECONDS) && appendLong(dates.value, builder);
            case DateTime64Type dateTime64 -> dates.parseDateTime(c, start, end,
                    DateTimeText.zone(dateTime64.timeZone()), dateTime64.precision(),
                    DateTimeText.MIN_DATETIME64_SECONDS, DateTimeText.MAX_DATETIME64_SECONDS)
                    && appendLong(dates.value, builder);
            case ArrayType array -> composites.parseArray(array, c, start, end, builder);
            case DecimalType decimal when decimal.is256() ->
                    TypedText.parseDecimal256(c, start, end, decimal, typed) && appendTypedHuge(builder);
            case DecimalType decimal when decimal.isWide() ->
                    TypedText.parseDecimal128(c, start, end, decimal, typed) && appendTypedWide(builder);
            case DecimalType decimal -> TypedText.parseDecimal(c, start, end, decimal, typed) && appendTyped(builder);
            case Date32Type ignored -> dates.parseDate32(c, start, end) && appendLong(dates.value, builder);
            case EnumType enumType -> TypedText.parseEnum(c, start, end, enumType, typed) && appendTyped(builder);
            case Ipv4Type ignored -> TypedText.parseIpv4(c, start, end, typed) && appendTyped(builder);
            case UuidType ignored -> TypedText.parseUuid(c, start, end, typed) && appendTypedBytes(builder);
            case Ipv6Type ignored -> TypedText.parseIpv6(c, start, end, typed) && appendTypedBytes(builder);
            case FixedStringType fixed -> parseFixedString(fixed, c, start, end, builder);
            case AggregateFunctionType ignored -> {
                if (builder != null) {
                    appendString(c, start, end - start, builder);
                }
                yield true;
            }
            case NothingType ignored -> false;
            case SimpleAggregateFunctionType simple -> parse(simple.inner(), c, start, end, builder);
            case TupleType tuple -> composites.parseTuple(tuple, c, start, end, builder);
            case MapType map -> composites.parseMap(map, c, start, end, builder);
        };
    }

    private boolean appendTyped(ColumnBuilder builder) {
        if (builder != null) {
            builder.appendLong(typed.value);
        }
        return true;
    }

    private boolean appendTypedWide(ColumnBuilder builder) {
        if (builder != null) {
            builder.appendInt128(typed.wide.high, typed.wide.low);
        }
        return true;
    }

    private boolean appendTypedHuge(ColumnBuilder builder) {
        if (builder != null) {
            typed.huge.appendTo(builder);
        }
        return true;
    }

    private boolean appendTypedBytes(ColumnBuilder builder) {
        if (builder != null) {
            builder.appendBytes(typed.bytes, 0, 16);
        }
        return true;
    }

    private boolean parseFixedString(FixedStringType type, char[] c, int start, int end, ColumnBuilder builder) {
        int length = encodeUtf8(c, start, end);
        if (length > type.length()) {
            return false;
        }
        if (builder != null) {
            builder.appendBytes(utf8, 0, length);
        }
        return true;
    }

    private boolean parseNullable(DataType inner, char[] c, int start, int end, ColumnBuilder builder) {
        if (isNullText(inner, c, start, end - start)) {
            if (builder != null) {
                builder.appendNull();
            }
            return true;
        }
        return parse(inner, c, start, end, builder);
    }

    private static boolean appendLong(long value, ColumnBuilder builder) {
        if (builder != null) {
            builder.appendLong(value);
        }
        return true;
    }

    private boolean appendDouble(FloatType type, ColumnBuilder builder) {
        if (builder != null) {
            builder.appendDouble(type.bits() == 32 ? (double) (float) doubleValue : doubleValue);
        }
        return true;
    }

    // ---- numbers ----

    private boolean parseInteger(IntegerType type, char[] c, int start, int end) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (start == end) {
            return false;
        }
        boolean negative = false;
        if (c[start] == '-' || c[start] == '+') {
            negative = c[start] == '-';
            start++;
            if (start == end) {
                return false;
            }
        }
        if (!type.signed() && type.bits() == 64) {
            return !negative || isZero(c, start, end) ? parseUnsigned64(c, start, end) : false;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = c[i] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (value < (Long.MIN_VALUE + digit) / 10) {
                return false;
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return false;
            }
            value = -value;
        }
        if (value < type.minValue() || value > type.maxValue()) {
            return false;
        }
        longValue = value;
        return true;
    }

    private static boolean isZero(char[] c, int start, int end) {
        for (int i = start; i < end; i++) {
            if (c[i] != '0') {
                return false;
            }
        }
        return true;
    }

    private boolean parseUnsigned64(char[] c, int start, int end) {
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = c[i] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            // 1844674407370955161 * 10 + 5 == 2^64 - 1
            if (Long.compareUnsigned(value, 1_844_674_407_370_955_161L) > 0
                    || (value == 1_844_674_407_370_955_161L && digit > 5)) {
                return false;
            }
            value = value * 10 + digit;
        }
        longValue = value;
        return true;
    }

    private boolean parseFloat(char[] c, int start, int end) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (start == end) {
            return false;
        }
        boolean negative = c[start] == '-';
        int position = c[start] == '-' || c[start] == '+' ? start + 1 : start;
        if (position < end && Character.isLetter(c[position])) {
            return parseSpecialFloat(c, position, end, negative);
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean digitsSeen = false;
        for (; position < end && isDigit(c[position]); position++) {
            digitsSeen = true;
            if (significant < 18) {
                mantissa = mantissa * 10 + (c[position] - '0');
                significant += mantissa == 0 ? 0 : 1;
            } else {
                exponent++;
                significant++;
            }
        }
        if (position < end && c[position] == '.') {
            position++;
            for (; position < end && isDigit(c[position]); position++) {
                digitsSeen = true;
                if (significant < 18) {
                    mantissa = mantissa * 10 + (c[position] - '0');
                    significant += mantissa == 0 ? 0 : 1;
                    exponent--;
                } else {
                    significant++;
                }
            }
        }
        if (!digitsSeen) {
            return false;
        }
        if (position < end && (c[position] == 'e' || c[position] == 'E')) {
            position++;
            boolean negativeExponent = position < end && c[position] == '-';
            if (position < end && (c[position] == '-' || c[position] == '+')) {
                position++;
            }
            if (position == end) {
                return false;
            }
            int written = 0;
            for (; position < end && isDigit(c[position]); position++) {
                written = Math.min(written * 10 + (c[position] - '0'), 100_000);
            }
            exponent += negativeExponent ? -written : written;
        }
        if (position != end) {
            return false;
        }
        if (significant <= 18 && mantissa <= MAX_MANTISSA && exponent >= -22 && exponent <= 22) {
            double value = exponent >= 0 ? mantissa * EXACT_POWERS[exponent] : mantissa / EXACT_POWERS[-exponent];
            doubleValue = negative ? -value : value;
            return true;
        }
        doubleValue = Double.parseDouble(new String(c, start, end - start));
        return true;
    }

    private boolean parseSpecialFloat(char[] c, int start, int end, boolean negative) {
        if (regionMatchesIgnoreCase(c, start, end, "inf") || regionMatchesIgnoreCase(c, start, end, "infinity")) {
            doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        if (regionMatchesIgnoreCase(c, start, end, "nan")) {
            doubleValue = Double.NaN;
            return true;
        }
        return false;
    }

    private boolean parseBool(char[] c, int start, int end) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        for (String word : TRUE_WORDS) {
            if (regionMatchesIgnoreCase(c, start, end, word)) {
                longValue = 1;
                return true;
            }
        }
        for (String word : FALSE_WORDS) {
            if (regionMatchesIgnoreCase(c, start, end, word)) {
                longValue = 0;
                return true;
            }
        }
        return false;
    }

    // ---- helpers ----

    private int encodeUtf8(char[] c, int start, int end) {
        int needed = (end - start) * 3;
        if (utf8.length < needed) {
            utf8 = new byte[Math.max(needed, utf8.length * 2)];
        }
        int length = 0;
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                utf8[length++] = (byte) ch;
            } else if (ch < 0x800) {
                utf8[length++] = (byte) (0xC0 | (ch >> 6));
                utf8[length++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(c[i + 1])) {
                int codePoint = Character.toCodePoint(ch, c[++i]);
                utf8[length++] = (byte) (0xF0 | (codePoint >> 18));
                utf8[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                utf8[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                utf8[length++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                utf8[length++] = (byte) (0xE0 | (ch >> 12));
                utf8[length++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                utf8[length++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        return length;
    }

    static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    static boolean isSpace(char ch) {
        return ch == ' ' || ch == '\t';
    }

    static boolean regionMatchesIgnoreCase(char[] c, int start, int end, String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(c[start + i]) != word.charAt(i) && Character.toUpperCase(c[start + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
