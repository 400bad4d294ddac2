package io.starling.datafiles.template;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses text with a Python strptime format ({@code %Y-%m-%d %H:%M:%S}, {@code %f}, {@code %z}, {@code %b}, ...)
 * into epoch seconds. Like Python, literal characters match case-insensitively.
 */
final class StrftimeParser {
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");

    private StrftimeParser() {
    }

    /** Epoch seconds (with fraction) of {@code text} read with {@code format}, or null when it does not match. */
    static Double parse(String text, String format) {
        List<Character> fields = new ArrayList<>();
        Pattern pattern = compile(format, fields);
        if (pattern == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(text.strip());
        if (!matcher.matches()) {
            return null;
        }
        int[] parts = {1900, 1, 1, 0, 0, 0};
        double fraction = 0;
        int offsetSeconds = 0;
        for (int i = 0; i < fields.size(); i++) {
            String value = matcher.group(i + 1);
            switch (fields.get(i)) {
                case 'Y' -> parts[0] = Integer.parseInt(value);
                case 'y' -> parts[0] = 2000 + Integer.parseInt(value);
                case 'm' -> parts[1] = Integer.parseInt(value);
                case 'b' -> parts[1] = MONTHS.indexOf(value.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
                case 'd' -> parts[2] = Integer.parseInt(value);
                case 'H' -> parts[3] = Integer.parseInt(value);
                case 'M' -> parts[4] = Integer.parseInt(value);
                case 'S' -> parts[5] = Integer.parseInt(value);
                case 'f' -> fraction = Double.parseDouble("0." + value);
                case 'z' -> offsetSeconds = offset(value);
                default -> {
                    // other directives carry no date information
                }
            }
        }
        try {
            LocalDateTime time = LocalDateTime.of(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
            return time.toEpochSecond(ZoneOffset.UTC) - offsetSeconds + fraction;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int offset(String value) {
        if (value.equalsIgnoreCase("z")) {
            return 0;
        }
        String digits = value.replace(":", "");
        int sign = digits.charAt(0) == '-' ? -1 : 1;
        return sign * (Integer.parseInt(digits.substring(1, 3)) * 3600 + Integer.parseInt(digits.substring(3, 5)) * 60);
    }

    private static Pattern compile(String format, List<Character> fields) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                regex.append(Pattern.quote(String.valueOf(c)));
                continue;
            }
            char directive = format.charAt(++i);
            String group = switch (directive) {
                case 'Y' -> "(\\d{4})";
                case 'y', 'm', 'd', 'H', 'M', 'S' -> "(\\d{1,2})";
                case 'f' -> "(\\d{1,6})";
                case 'z' -> "([+-]\\d{2}:?\\d{2}|Z)";
                case 'b', 'B' -> "([A-Za-z]{3,9})";
                case 'a', 'A' -> "([A-Za-z]{3,9})";
                case 'p' -> "(AM|PM)";
                case '%' -> null;
                default -> "";
            };
            if (group == null) {
                regex.append('%');
            } else if (group.isEmpty()) {
                return null;
            } else {
                regex.append(group);
                fields.add(directive == 'B' ? 'b' : directive);
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
