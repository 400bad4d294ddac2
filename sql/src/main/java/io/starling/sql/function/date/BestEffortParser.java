package io.starling.sql.function.date;

import java.time.ZoneId;
import java.util.Locale;

/**
 * The lenient date-time reader of parseDateTimeBestEffort: ISO forms ({@code 2024-03-10T15:04:05.5+01:00}),
 * RFC 1123 ({@code Sun, 10 Mar 2024 15:04:05 GMT}), month names ({@code 10 Mar 2024}, {@code March 10, 2024}),
 * DD/MM/YYYY and DD.MM.YYYY (MM/DD/YYYY in the US variant), compact digits (YYYYMMDD, YYYYMMDDhhmmss),
 * unix timestamps, AM/PM and numeric offsets. A missing day is the 1st; a missing time is midnight.
 */
final class BestEffortParser {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    private static final String[] FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"};
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    private static final String[] FULL_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

    private final String text;
    private final boolean us;
    private int position;
    private int year = -1;
    private int month = -1;
    private int day = -1;
    private int hour = -1;
    private int minute;
    private int second;
    private String fraction = "";
    private Integer offset;
    private int meridiem;

    private BestEffortParser(String text, boolean us) {
        this.text = text;
        this.us = us;
    }

    /** Ticks of 10^-precision seconds since the epoch, or Long.MIN_VALUE when the text is not a date and time. */
    static long parse(String raw, int precision, ZoneId zone, boolean us) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return Long.MIN_VALUE;
        }
        long perSecond = 1;
        for (int i = 0; i < precision; i++) {
            perSecond *= 10;
        }
        if (text.chars().allMatch(Character::isDigit) && text.length() != 6 && text.length() != 8
                && text.length() != 12 && text.length() != 14) {
            return text.length() > 18 ? Long.MIN_VALUE : Long.parseLong(text) * perSecond;
        }
        BestEffortParser parser = new BestEffortParser(text, us);
        if (!parser.read()) {
            return Long.MIN_VALUE;
        }
        return parser.ticks(precision, perSecond, zone);
    }

    private boolean read() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isDigit(c)) {
                if (!number()) {
                    return false;
                }
            } else if (Character.isLetter(c)) {
                if (!word()) {
                    return false;
                }
            } else if ((c == '+' || c == '-') && hour >= 0 && offset == null) {
                if (!offsetNumber()) {
                    return false;
                }
            } else if (c == ' ' || c == ',' || c == '\t') {
                position++;
            } else {
                return false;
            }
        }
        return year >= 0 || month >= 0 || day >= 0 || hour >= 0;
    }

    private String digits() {
        int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position);
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private boolean number() {
        String digits = digits();
        int length = digits.length();
        char next = peek();
        boolean dateKnown = year >= 0 && month >= 0;
        if (!dateKnown && (length == 8 || length == 12 || length == 14)) {
            year = Integer.parseInt(digits.substring(0, 4));
            month = Integer.parseInt(digits.substring(4, 6));
            day = Integer.parseInt(digits.substring(6, 8));
            if (length >= 12) {
                hour = Integer.parseInt(digits.substring(8, 10));
                minute = Integer.parseInt(digits.substring(10, 12));
                second = length == 14 ? Integer.parseInt(digits.substring(12, 14)) : 0;
            }
            return true;
        }
        if (!dateKnown && length == 6 && next != ':') {
            year = Integer.parseInt(digits.substring(0, 4));
            month = Integer.parseInt(digits.substring(4, 6));
            return true;
        }
        if (dateKnown && hour < 0 && length == 6) {
            hour = Integer.parseInt(digits.substring(0, 2));
            minute = Integer.parseInt(digits.substring(2, 4));
            second = Integer.parseInt(digits.substring(4, 6));
            return true;
        }
        if (next == ':' && length <= 2 && hour < 0) {
            hour = Integer.parseInt(digits);
            position++;
            String minutes = digits();
            if (minutes.isEmpty() || minutes.length() > 2) {
                return false;
            }
            minute = Integer.parseInt(minutes);
            if (peek() == ':') {
                position++;
                String seconds = digits();
                if (seconds.isEmpty() || seconds.length() > 2) {
                    return false;
                }
                second = Integer.parseInt(seconds);
                if (peek() == '.' || peek() == ',') {
                    position++;
                    fraction = digits();
                }
            }
            return true;
        }
        if ((next == '-' || next == '/' || next == '.') && !dateKnown && position + 1 < text.length()) {
            return datePart(digits, next);
        }
        if (length == 4 && year < 0) {
            year = Integer.parseInt(digits);
            return true;
        }
        if (length <= 2) {
            int value = Integer.parseInt(digits);
            int save = position;
            while (peek() == ' ') {
                position++;
            }
            String rest = text.substring(position).toLowerCase(Locale.ROOT);
            if (hour < 0 && (rest.startsWith("am") || rest.startsWith("pm"))) {
                hour = value;
                return true;
            }
            position = save;
            if (day < 0) {
                day = value;
                return true;
            }
            if (year >= 0 || month < 0) {
                return false;
            }
            return false;
        }
        return false;
    }

    /** YYYY-MM[-DD], YYYY/MM/DD, DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY (month first in the US variant for '/', '-'). */
    private boolean datePart(String first, char separator) {
        position++;
        String second = digits();
        if (second.isEmpty()) {
            if (Character.isLetter(peek()) && first.length() <= 2) {
                day = Integer.parseInt(first);
                int start = position;
                while (Character.isLetter(peek())) {
                    position++;
                }
                int found = monthOf(text.substring(start, position).toLowerCase(Locale.ROOT));
                if (found < 0) {
                    return false;
                }
                month = found;
                if (peek() == separator) {
                    position++;
                    String third = digits();
                    if (third.length() != 4 && third.length() != 2) {
                        return false;
                    }
                    year = yearOf(third);
                }
                return true;
            }
            return false;
        }
        String third = null;
        if (peek() == separator) {
            position++;
            third = digits();
            if (third.isEmpty()) {
                return false;
            }
        }
        if (first.length() == 4) {
            year = Integer.parseInt(first);
            month = Integer.parseInt(second);
            day = third == null ? 1 : Integer.parseInt(third);
            return second.length() <= 2 && (third == null || third.length() <= 2);
        }
        if (third == null || first.length() > 2 || second.length() > 2 || third.length() != 4 && third.length() != 2) {
            return false;
        }
        int a = Integer.parseInt(first);
        int b = Integer.parseInt(second);
        boolean monthFirst = us && separator != '.';
        month = monthFirst ? a : b;
        day = monthFirst ? b : a;
        year = yearOf(third);
        return true;
    }

    private static int yearOf(String digits) {
        int value = Integer.parseInt(digits);
        return digits.length() == 2 ? (value < 70 ? 2000 + value : 1900 + value) : value;
    }

    private boolean word() {
        int start = position;
        while (Character.isLetter(peek())) {
            position++;
        }
        String word = text.substring(start, position).toLowerCase(Locale.ROOT);
        if (peek() == '.') {
            position++;
        }
        int found = monthOf(word);
        if (found >= 0 && month < 0) {
            month = found;
            return true;
        }
        for (int i = 0; i < 7; i++) {
            if (word.equals(DAYS[i]) || word.equals(FULL_DAYS[i])) {
                return true;
            }
        }
        switch (word) {
            case "am", "pm" -> {
                meridiem = word.equals("am") ? 1 : 2;
                return hour >= 0;
            }
            case "z", "utc", "gmt", "ut" -> {
                offset = 0;
                if (peek() == '+' || peek() == '-') {
                    offset = null;
                    return offsetNumber();
                }
                return true;
            }
            case "t" -> {
                return year >= 0 || day >= 0;
            }
            default -> {
                return false;
            }
        }
    }

    private static int monthOf(String word) {
        for (int i = 0; i < 12; i++) {
            if (word.equals(MONTHS[i]) || word.equals(FULL_MONTHS[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    /** +hh, +hhmm, +hh:mm after the time. */
    private boolean offsetNumber() {
        int sign = text.charAt(position++) == '-' ? -1 : 1;
        String digits = digits();
        int hours;
        int minutes = 0;
        if (digits.length() == 4) {
            hours = Integer.parseInt(digits.substring(0, 2));
            minutes = Integer.parseInt(digits.substring(2));
        } else if (digits.length() == 1 || digits.length() == 2) {
            hours = Integer.parseInt(digits);
            if (peek() == ':') {
                position++;
                String rest = digits();
                if (rest.length() != 2) {
                    return false;
                }
                minutes = Integer.parseInt(rest);
            }
        } else {
            return false;
        }
        offset = sign * (hours * 3600 + minutes * 60);
        return true;
    }

    private long ticks(int precision, long perSecond, ZoneId zone) {
        if (year < 0) {
            year = 2000;
        }
        if (month < 0) {
            month = 1;
        }
        if (day < 0) {
            day = 1;
        }
        if (hour < 0) {
            hour = 0;
        }
        if (meridiem == 1 && hour == 12) {
            hour = 0;
        } else if (meridiem == 2 && hour < 12) {
            hour += 12;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return Long.MIN_VALUE;
        }
        long days = DateTimes.daysFromCivil(year, month, day);
        long local = days * DateTimes.SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        long epoch = offset != null ? local - offset : DateTimes.fromLocal(local, zone);
        long fractionTicks = 0;
        for (int i = 0; i < precision; i++) {
            fractionTicks = fractionTicks * 10 + (i < fraction.length() ? fraction.charAt(i) - '0' : 0);
        }
        return epoch * perSecond + fractionTicks;
    }
}
