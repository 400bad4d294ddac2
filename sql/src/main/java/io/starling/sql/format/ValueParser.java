package io.starling.sql.format;

import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.MapColumnBuilder;
import io.starling.storage.column.TupleColumnBuilder;
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
import java.time.ZoneId;

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

    private boolean parse(DataType type, char[] c, int start, int end, ColumnBuilder builder) {
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
            case IntegerType integer -> parseInteger(integer, c, start, end) && appendLong(builder);
            case FloatType floatType -> parseFloat(c, start, end) && appendDouble(floatType, builder);
            case BoolType ignored -> parseBool(c, start, end) && appendLong(builder);
            case DateType ignored -> parseDate(c, start, end) && appendLong(builder);
            case DateTimeType dateTime -> parseDateTime(c, start, end, DateTimeText.zone(dateTime.timeZone()), 0,
                    0, DateTimeText.MAX_DATETIME_SECONDS) && appendLong(builder);
            case DateTime64Type dateTime64 -> parseDateTime(c, start, end, DateTimeText.zone(dateTime64.timeZone()),
                    dateTime64.precision(), DateTimeText.MIN_DATETIME64_SECONDS, DateTimeText.MAX_DATETIME64_SECONDS)
                    && appendLong(builder);
            case ArrayType array -> parseArray(array, c, start, end, builder);
            case DecimalType decimal -> TypedText.parseDecimal(c, start, end, decimal, typed) && appendTyped(builder);
            case Date32Type ignored -> parseDate32(c, start, end) && appendLong(builder);
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
            case TupleType tuple -> parseTuple(tuple, c, start, end, builder);
            case MapType map -> parseMap(map, c, start, end, builder);
        };
    }

    private boolean appendTyped(ColumnBuilder builder) {
        if (builder != null) {
            builder.appendLong(typed.value);
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

    private boolean parseDate32(char[] c, int start, int end) {
        return parseDateDays(c, start, end) && longValue >= Date32Type.MIN_DAYS && longValue <= Date32Type.MAX_DAYS;
    }

    // ---- tuples and maps ----

    /** {@code (a, 'b')} or {@code [a, 'b']}: exactly one value per element. Validates fully before appending. */
    private boolean parseTuple(TupleType type, char[] c, int start, int end, ColumnBuilder builder) {
        if (!walkTuple(type, c, start, end, null)) {
            return false;
        }
        if (builder == null) {
            return true;
        }
        TupleColumnBuilder tupleBuilder = (TupleColumnBuilder) builder;
        walkTuple(type, c, start, end, tupleBuilder);
        tupleBuilder.closeTuple();
        return true;
    }

    private boolean walkTuple(TupleType type, char[] c, int start, int end, TupleColumnBuilder builder) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (end - start < 2 || !((c[start] == '(' && c[end - 1] == ')') || (c[start] == '[' && c[end - 1] == ']'))) {
            return false;
        }
        int position = start + 1;
        int last = end - 1;
        int count = type.elements().size();
        for (int i = 0; i < count; i++) {
            int tokenEnd = elementEnd(c, position, last);
            if (tokenEnd < 0 || (i < count - 1) == (tokenEnd == last)) {
                return false;
            }
            if (!parseElement(type.elements().get(i), c, position, tokenEnd, builder == null ? null : builder.element(i))) {
                return false;
            }
            position = tokenEnd + 1;
        }
        return true;
    }

    /** {@code {'k': v, ...}} (JSON objects too). Validates fully before appending. */
    private boolean parseMap(MapType type, char[] c, int start, int end, ColumnBuilder builder) {
        if (!walkMap(type, c, start, end, null)) {
            return false;
        }
        if (builder == null) {
            return true;
        }
        MapColumnBuilder mapBuilder = (MapColumnBuilder) builder;
        walkMap(type, c, start, end, mapBuilder);
        mapBuilder.closeMap();
        return true;
    }

    private boolean walkMap(MapType type, char[] c, int start, int end, MapColumnBuilder builder) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (end - start < 2 || c[start] != '{' || c[end - 1] != '}') {
            return false;
        }
        int position = start + 1;
        int last = end - 1;
        while (position < last && isSpace(c[position])) {
            position++;
        }
        if (position == last) {
            return true;
        }
        while (position <= last) {
            int entryEnd = elementEnd(c, position, last);
            if (entryEnd < 0) {
                return false;
            }
            int colon = topLevel(c, position, entryEnd, ':');
            if (colon < 0
                    || !parseElement(type.key(), c, position, colon, builder == null ? null : builder.keys())
                    || !parseElement(type.value(), c, colon + 1, entryEnd, builder == null ? null : builder.values())) {
                return false;
            }
            position = entryEnd + 1;
            if (entryEnd == last) {
                break;
            }
        }
        return true;
    }

    /** Position of the first {@code separator} outside quotes and brackets in {@code [start, end)}, or -1. */
    private static int topLevel(char[] c, int start, int end, char separator) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (quote != 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '[' || ch == '{' || ch == '(') {
                depth++;
            } else if (ch == ']' || ch == '}' || ch == ')') {
                depth--;
            } else if (ch == separator && depth == 0) {
                return i;
            }
        }
        return -1;
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

    private boolean appendLong(ColumnBuilder builder) {
        if (builder != null) {
            builder.appendLong(longValue);
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

    // ---- dates ----

    private boolean parseDate(char[] c, int start, int end) {
        return parseDateDays(c, start, end) && longValue >= 0 && longValue <= DateTimeText.MAX_DATE_DAYS;
    }

    /** {@code YYYY-MM-DD} (or a date-time, whose date part is taken) into longValue as days; no range check. */
    private boolean parseDateDays(char[] c, int start, int end) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (end - start > 10 && (c[start + 10] == ' ' || c[start + 10] == 'T')) {
            if (!parseDateTime(c, start, end, java.time.ZoneOffset.UTC, 0, Long.MIN_VALUE, Long.MAX_VALUE)) {
                return false;
            }
            end = start + 10;
        }
        return end - start == 10 && parseCivilDate(c, start);
    }

    /** Reads {@code YYYY-MM-DD} at {@code start} into longValue (days); false when malformed. */
    private boolean parseCivilDate(char[] c, int start) {
        int year = digits(c, start, 4, start + 10);
        int month = digits(c, start + 5, 2, start + 10);
        int day = digits(c, start + 8, 2, start + 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || c[start + 4] != '-' || c[start + 7] != '-'
                || day > DateTimeText.daysInMonth(year, month)) {
            return false;
        }
        longValue = DateTimeText.daysFromCivil(year, month, day);
        return true;
    }

    private boolean parseDateTime(char[] c, int start, int end, ZoneId zone, int precision, long minSeconds,
            long maxSeconds) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (end - start < 10 || c[start + 4] != '-') {
            return parseUnixTime(c, start, end, precision, minSeconds, maxSeconds);
        }
        if (!parseCivilDate(c, start)) {
            return false;
        }
        long local = longValue * 86_400;
        long fraction = 0;
        int position = start + 10;
        boolean explicitOffset = false;
        long offset = 0;
        if (position < end) {
            if (c[position] != ' ' && c[position] != 'T') {
                return false;
            }
            int hour = digits(c, position + 1, 2, end);
            int minute = position + 3 < end && c[position + 3] == ':' ? digits(c, position + 4, 2, end) : -1;
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                return false;
            }
            position += 6;
            int second = 0;
            if (position < end && c[position] == ':') {
                second = digits(c, position + 1, 2, end);
                if (second < 0 || second > 59) {
                    return false;
                }
                position += 3;
            }
            local += hour * 3600L + minute * 60L + second;
            if (position < end && (c[position] == '.' || c[position] == ',')) {
                int digitsRead = 0;
                position++;
                int fractionStart = position;
                for (; position < end && isDigit(c[position]); position++) {
                    if (digitsRead < precision) {
                        fraction = fraction * 10 + (c[position] - '0');
                        digitsRead++;
                    }
                }
                if (position == fractionStart) {
                    return false;
                }
                fraction *= DateTimeText.tenPower(precision - digitsRead);
            }
            if (position < end && c[position] == ' ') {
                position++;
            }
            if (position < end) {
                explicitOffset = true;
                if (c[position] == 'Z' && position + 1 == end) {
                    position++;
                } else if (regionMatchesIgnoreCase(c, position, end, "UTC")) {
                    position = end;
                } else if (c[position] == '+' || c[position] == '-') {
                    long sign = c[position] == '-' ? -1 : 1;
                    int offsetHours = digits(c, position + 1, 2, end);
                    position += 3;
                    int offsetMinutes = 0;
                    if (position < end && c[position] == ':') {
                        position++;
                    }
                    if (position < end) {
                        offsetMinutes = digits(c, position, 2, end);
                        position += 2;
                    }
                    if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                        return false;
                    }
                    offset = sign * (offsetHours * 3600L + offsetMinutes * 60L);
                } else {
                    return false;
                }
            }
        }
        if (position != end) {
            return false;
        }
        long epoch = explicitOffset ? local - offset : DateTimeText.localToEpoch(local, zone);
        if (epoch < minSeconds || epoch > maxSeconds) {
            return false;
        }
        longValue = epoch * DateTimeText.tenPower(precision) + fraction;
        return true;
    }

    private boolean parseUnixTime(char[] c, int start, int end, int precision, long minSeconds, long maxSeconds) {
        if (start == end) {
            return false;
        }
        boolean negative = c[start] == '-';
        int position = negative ? start + 1 : start;
        long seconds = 0;
        int integerDigits = 0;
        for (; position < end && isDigit(c[position]); position++) {
            if (++integerDigits > 12) {
                return false;
            }
            seconds = seconds * 10 + (c[position] - '0');
        }
        if (integerDigits == 0) {
            return false;
        }
        long fraction = 0;
        if (position < end && c[position] == '.') {
            position++;
            int digitsRead = 0;
            for (; position < end && isDigit(c[position]); position++) {
                if (digitsRead < precision) {
                    fraction = fraction * 10 + (c[position] - '0');
                    digitsRead++;
                }
            }
            fraction *= DateTimeText.tenPower(precision - digitsRead);
        }
        if (position != end) {
            return false;
        }
        long perSecond = DateTimeText.tenPower(precision);
        long ticks = seconds * perSecond + fraction;
        if (negative) {
            ticks = -ticks;
        }
        long floorSeconds = Math.floorDiv(ticks, perSecond);
        if (floorSeconds < minSeconds || floorSeconds > maxSeconds) {
            return false;
        }
        longValue = ticks;
        return true;
    }

    // ---- arrays ----

    private boolean parseArray(ArrayType type, char[] c, int start, int end, ColumnBuilder builder) {
        if (!walkArray(type, c, start, end, null)) {
            return false;
        }
        if (builder == null) {
            return true;
        }
        if (!(builder instanceof ArrayColumnBuilder arrayBuilder)) {
            throw new IllegalArgumentException("Array values need an ArrayColumnBuilder, got a builder of ["
                    + builder.type().name() + "]");
        }
        walkArray(type, c, start, end, arrayBuilder);
        arrayBuilder.closeArray();
        return true;
    }

    /** Visits the elements of {@code [a, 'b', ...]}, validating them, or appending them when a builder is given. */
    private boolean walkArray(ArrayType type, char[] c, int start, int end, ArrayColumnBuilder builder) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (end - start < 2 || c[start] != '[' || c[end - 1] != ']') {
            return false;
        }
        DataType element = type.element();
        ColumnBuilder elements = builder == null ? null : builder.elements();
        int position = start + 1;
        int last = end - 1;
        while (position < last && isSpace(c[position])) {
            position++;
        }
        if (position == last) {
            return true;
        }
        while (position <= last) {
            int tokenEnd = elementEnd(c, position, last);
            if (tokenEnd < 0) {
                return false;
            }
            if (!parseElement(element, c, position, tokenEnd, elements)) {
                return false;
            }
            position = tokenEnd + 1;
            while (position < last && isSpace(c[position])) {
                position++;
            }
            if (tokenEnd == last) {
                break;
            }
        }
        return true;
    }

    /** Position of the ',' or closing ']' (at {@code last}) ending the element starting at {@code position}. */
    private static int elementEnd(char[] c, int position, int last) {
        int depth = 0;
        char quote = 0;
        for (int i = position; i < last; i++) {
            char ch = c[i];
            if (quote != 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '[' || ch == '{' || ch == '(') {
                depth++;
            } else if (ch == ']' || ch == '}' || ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                return i;
            }
        }
        return quote == 0 && depth == 0 ? last : -1;
    }

    private boolean parseElement(DataType element, char[] c, int start, int end, ColumnBuilder elements) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (start == end) {
            return false;
        }
        char first = c[start];
        if ((first == '\'' || first == '"') && end - start >= 2 && c[end - 1] == first) {
            char[] unquoted = new char[end - start];
            int length = unescape(c, start + 1, end - 1, first, unquoted);
            if (isStringLike(element)) {
                if (elements != null) {
                    appendString(unquoted, 0, length, elements);
                }
                return true;
            }
            return parse(element, unquoted, 0, length, elements);
        }
        if (regionMatchesIgnoreCase(c, start, end, "null")) {
            if (elements != null) {
                elements.appendNull();
            }
            return true;
        }
        return parse(element, c, start, end, elements);
    }

    private static int unescape(char[] c, int start, int end, char quote, char[] target) {
        int length = 0;
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (ch == quote && i + 1 < end && c[i + 1] == quote) {
                i++;
            } else if (ch == '\\' && i + 1 < end) {
                ch = switch (c[++i]) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case '0' -> '\0';
                    default -> c[i];
                };
            }
            target[length++] = ch;
        }
        return length;
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

    /** Reads {@code count} decimal digits at {@code start}; -1 when any is missing or not a digit. */
    private static int digits(char[] c, int start, int count, int end) {
        if (start < 0 || start + count > end) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < start + count; i++) {
            if (!isDigit(c[i])) {
                return -1;
            }
            value = value * 10 + (c[i] - '0');
        }
        return value;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean isSpace(char ch) {
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
