package io.starling.sql.function.date;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.ZoneId;

/**
 * Parses dates and times in the forms ClickHouse accepts for Date/DateTime text and the basic ISO forms
 * parseDateTimeBestEffort reads: {@code 2024-01-15}, {@code 2024-01-15 10:30:00}, {@code 2024-01-15T10:30:00Z},
 * fractions, {@code +02:00} offsets, and plain unix timestamps.
 */
public final class DateTimeParser {
    private DateTimeParser() {
    }

    /** Days since the epoch, or throws CANNOT_PARSE_DATETIME. */
    public static long parseDate(String text) {
        long result = parseTicks(text, 0, DateTimes.UTC, true);
        return Math.floorDiv(result, DateTimes.SECONDS_PER_DAY);
    }

    /** Seconds since the epoch; a text without an offset is read in {@code zone}. */
    public static long parseDateTime(String text, ZoneId zone) {
        return parseTicks(text, 0, zone, false);
    }

    /** Ticks of 10^-precision seconds since the epoch. */
    public static long parseDateTime64(String text, int precision, ZoneId zone) {
        return parseTicks(text, precision, zone, false);
    }

    /** Like the other parsers but answers {@code Long.MIN_VALUE} instead of throwing. */
    public static long tryParse(String text, int precision, ZoneId zone) {
        try {
            return parseTicks(text, precision, zone, false);
        } catch (StarlingException e) {
            return Long.MIN_VALUE;
        }
    }

    private static long parseTicks(String raw, int precision, ZoneId zone, boolean dateOnly) {
        String text = raw.strip();
        long perSecond = 1;
        for (int i = 0; i < precision; i++) {
            perSecond *= 10;
        }
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() != 8) {
            long seconds = Long.parseLong(text);
            return dateOnly && text.length() <= 5 ? seconds * DateTimes.SECONDS_PER_DAY : seconds * perSecond;
        }
        Cursor cursor = new Cursor(text, raw);
        int year = cursor.digits(4);
        boolean compact = !cursor.accept('-');
        int month = cursor.digits(2);
        if (!compact) {
            cursor.expect('-');
        }
        int day = cursor.digits(2);
        long days = DateTimes.daysFromCivil(year, month, day);
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw cursor.fail();
        }
        long seconds = 0;
        long fraction = 0;
        Integer offsetSeconds = null;
        if (cursor.accept(' ') || cursor.accept('T')) {
            int hour = cursor.digits(2);
            cursor.expect(':');
            int minute = cursor.digits(2);
            int second = cursor.accept(':') ? cursor.digits(2) : 0;
            seconds = hour * 3600L + minute * 60L + second;
            if (cursor.accept('.')) {
                fraction = cursor.fraction(precision);
            }
            offsetSeconds = cursor.offset();
        }
        if (!cursor.atEnd()) {
            throw cursor.fail();
        }
        long local = days * DateTimes.SECONDS_PER_DAY + seconds;
        long epoch = offsetSeconds != null ? local - offsetSeconds : DateTimes.fromLocal(local, zone);
        return epoch * perSecond + fraction;
    }

    /** Reads the text left to right. */
    private static final class Cursor {
        private final String text;
        private final String original;
        private int position;

        Cursor(String text, String original) {
            this.text = text;
            this.original = original;
        }

        int digits(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                if (position >= text.length() || !Character.isDigit(text.charAt(position))) {
                    throw fail();
                }
                value = value * 10 + (text.charAt(position++) - '0');
            }
            return value;
        }

        long fraction(int precision) {
            long value = 0;
            int read = 0;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                if (read < precision) {
                    value = value * 10 + (text.charAt(position) - '0');
                }
                read++;
                position++;
            }
            for (int i = read; i < precision; i++) {
                value *= 10;
            }
            return value;
        }

        Integer offset() {
            if (accept('Z')) {
                return 0;
            }
            if (position < text.length() && (text.charAt(position) == '+' || text.charAt(position) == '-')) {
                int sign = text.charAt(position++) == '-' ? -1 : 1;
                int hours = digits(2);
                accept(':');
                int minutes = position < text.length() ? digits(2) : 0;
                return sign * (hours * 3600 + minutes * 60);
            }
            return null;
        }

        boolean accept(char c) {
            if (position < text.length() && text.charAt(position) == c) {
                position++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!accept(c)) {
                throw fail();
            }
        }

        boolean atEnd() {
            return position >= text.length();
        }

        StarlingException fail() {
            return new StarlingException(ErrorCode.CANNOT_PARSE_DATETIME, "Cannot parse [" + original
                    + "] as a date or time; write it as YYYY-MM-DD or YYYY-MM-DD hh:mm:ss");
        }
    }
}
