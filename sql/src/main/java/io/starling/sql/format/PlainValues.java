package io.starling.sql.format;

import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;

/**
 * The common shapes of values straight from UTF-8 bytes, before {@link ValueParser} (which reads chars): plain
 * integers into integer and float columns, and {@code YYYY-MM-DD hh:mm:ss} into a UTC {@code DateTime}. Only
 * input whose answer is beyond doubt is taken (in range, canonical); everything else answers false with nothing
 * appended, and the caller hands it to {@link ValueParser}, which decides what it means and how it fails. So both
 * paths always agree, and the NDJSON reader skips the char decoding and the type dispatch for most values.
 */
public final class PlainValues {
    /** Digits a long holds whatever they are (10^18 - 1 < 2^63); longer numbers go to the general parser. */
    private static final int MAX_DIGITS = 18;
    /** Digits whose value a double holds exactly (10^15 < 2^53). */
    private static final int MAX_EXACT_DOUBLE_DIGITS = 15;
    private static final int DATE_TIME_LENGTH = 19;

    private PlainValues() {
    }

    /** Appends the value of {@code bytes[offset, offset + length)} to {@code builder} when it has a plain shape. */
    public static boolean tryAppend(DataType type, byte[] bytes, int offset, int length, ColumnBuilder builder) {
        return switch (type) {
            case IntegerType integer -> appendInteger(integer, bytes, offset, length, builder);
            case FloatType floating -> appendFloat(floating, bytes, offset, length, builder);
            case DateTimeType dateTime when dateTime.timeZone() == null || "UTC".equals(dateTime.timeZone()) ->
                    appendDateTime(bytes, offset, length, builder);
            default -> false;
        };
    }

    private static boolean appendInteger(IntegerType type, byte[] bytes, int offset, int length,
                                         ColumnBuilder builder) {
        boolean negative = length > 0 && bytes[offset] == '-';
        int first = negative ? offset + 1 : offset;
        long magnitude = digits(bytes, first, offset + length, MAX_DIGITS);
        if (magnitude < 0 || (negative && (!type.signed() || magnitude == 0))) {
            return false;
        }
        long value = negative ? -magnitude : magnitude;
        int bits = type.bits();
        if (bits < 64) {
            long min = type.signed() ? -(1L << (bits - 1)) : 0;
            long max = type.signed() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
            if (value < min || value > max) {
                return false;
            }
        }
        builder.appendLong(value);
        return true;
    }

    private static boolean appendFloat(FloatType type, byte[] bytes, int offset, int length, ColumnBuilder builder) {
        boolean negative = length > 0 && bytes[offset] == '-';
        int first = negative ? offset + 1 : offset;
        long magnitude = digits(bytes, first, offset + length, MAX_EXACT_DOUBLE_DIGITS);
        if (magnitude < 0 || (negative && magnitude == 0)) { // "-0" is -0.0: the general parser keeps the sign
            return false;
        }
        double value = negative ? -magnitude : magnitude;
        builder.appendDouble(type.bits() == 32 ? (double) (float) value : value);
        return true;
    }

    /** {@code YYYY-MM-DD hh:mm:ss}, a valid date and time from 1970 on, as UTC seconds. */
    private static boolean appendDateTime(byte[] bytes, int offset, int length, ColumnBuilder builder) {
        if (length != DATE_TIME_LENGTH || bytes[offset + 4] != '-' || bytes[offset + 7] != '-'
                || bytes[offset + 10] != ' ' || bytes[offset + 13] != ':' || bytes[offset + 16] != ':') {
            return false;
        }
        long year = digits(bytes, offset, offset + 4, 4);
        long month = digits(bytes, offset + 5, offset + 7, 2);
        long day = digits(bytes, offset + 8, offset + 10, 2);
        long hour = digits(bytes, offset + 11, offset + 13, 2);
        long minute = digits(bytes, offset + 14, offset + 16, 2);
        long second = digits(bytes, offset + 17, offset + 19, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > DateTimeText.daysInMonth(year, (int) month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        long seconds = DateTimeText.daysFromCivil(year, (int) month, (int) day) * 86_400
                + hour * 3_600 + minute * 60 + second;
        if (seconds > DateTimeText.MAX_DATETIME_SECONDS) {
            return false;
        }
        builder.appendLong(seconds);
        return true;
    }

    /** The decimal value of {@code bytes[from, to)}: 1 to {@code maxDigits} ASCII digits; -1 for anything else. */
    private static long digits(byte[] bytes, int from, int to, int maxDigits) {
        int count = to - from;
        if (count < 1 || count > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
