package io.starling.sql.format;

import static io.starling.sql.format.ValueParser.isDigit;
import static io.starling.sql.format.ValueParser.isSpace;
import static io.starling.sql.format.ValueParser.regionMatchesIgnoreCase;

import io.starling.storage.type.Date32Type;
import java.time.ZoneId;

/**
 * Parses Date, Date32, DateTime and DateTime64 text for {@link ValueParser}: {@code YYYY-MM-DD}, date-times as in
 * {@link DateTimeText} (read in the given zone unless an offset is written) and unix timestamps. A successful
 * call leaves its result in {@link #value} (days, or ticks of {@code 10^-precision} seconds) and answers true;
 * a failed call answers false. Owned by one {@link ValueParser}: not thread-safe.
 */
final class DateTimeParser {
    /** The result of the last successful parse. */
    long value;

    boolean parseDate32(char[] c, int start, int end) {
        return parseDateDays(c, start, end) && value >= Date32Type.MIN_DAYS && value <= Date32Type.MAX_DAYS;
    }

    boolean parseDate(char[] c, int start, int end) {
        return parseDateDays(c, start, end) && value >= 0 && value <= DateTimeText.MAX_DATE_DAYS;
    }

    /** {@code YYYY-MM-DD} (or a date-time, whose date part is taken) into value as days; no range check. */
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

    /** Reads {@code YYYY-MM-DD} at {@code start} into value (days); false when malformed. */
    private boolean parseCivilDate(char[] c, int start) {
        int year = digits(c, start, 4, start + 10);
        int month = digits(c, start + 5, 2, start + 10);
        int day = digits(c, start + 8, 2, start + 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || c[start + 4] != '-' || c[start + 7] != '-'
                || day > DateTimeText.daysInMonth(year, month)) {
            return false;
        }
        value = DateTimeText.daysFromCivil(year, month, day);
        return true;
    }

    boolean parseDateTime(char[] c, int start, int end, ZoneId zone, int precision, long minSeconds,
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
        long local = value * 86_400;
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
        value = epoch * DateTimeText.tenPower(precision) + fraction;
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
        value = ticks;
        return true;
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
}
