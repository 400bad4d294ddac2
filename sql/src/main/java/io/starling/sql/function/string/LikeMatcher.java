package io.starling.sql.function.string;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Matches LIKE patterns ({@code %} any run, {@code _} one character, {@code \} escapes). Common shapes
 * (exact, prefix%, %suffix, %infix%) compare bytes; the rest compile to a regular expression.
 */
final class LikeMatcher {
    /** The shape a pattern reduces to. */
    private enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, REGEX }

    private final Shape shape;
    private final byte[] needle;
    private final Pattern regex;

    private LikeMatcher(Shape shape, byte[] needle, Pattern regex) {
        this.shape = shape;
        this.needle = needle;
        this.regex = regex;
    }

    static LikeMatcher compile(String pattern, boolean caseInsensitive) {
        if (!caseInsensitive && pattern.indexOf('_') < 0 && pattern.indexOf('\\') < 0) {
            String core = pattern;
            boolean leading = core.startsWith("%");
            boolean trailing = core.length() > (leading ? 1 : 0) && core.endsWith("%");
            core = core.substring(leading ? 1 : 0, core.length() - (trailing ? 1 : 0));
            if (core.indexOf('%') < 0) {
                Shape shape = leading && trailing ? Shape.CONTAINS : leading ? Shape.SUFFIX : trailing ? Shape.PREFIX : Shape.EXACT;
                return new LikeMatcher(shape, core.getBytes(StandardCharsets.UTF_8), null);
            }
        }
        return new LikeMatcher(Shape.REGEX, null, toRegex(pattern, caseInsensitive));
    }

    private static Pattern toRegex(String pattern, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags);
    }

    boolean matches(byte[] bytes, int offset, int length) {
        return switch (shape) {
            case EXACT -> Arrays.equals(bytes, offset, offset + length, needle, 0, needle.length);
            case PREFIX -> length >= needle.length && Arrays.equals(bytes, offset, offset + needle.length, needle, 0, needle.length);
            case SUFFIX -> length >= needle.length
                    && Arrays.equals(bytes, offset + length - needle.length, offset + length, needle, 0, needle.length);
            case CONTAINS -> indexOf(bytes, offset, length, needle) >= 0;
            case REGEX -> regex.matcher(new String(bytes, offset, length, StandardCharsets.UTF_8)).matches();
        };
    }

    /** Position of {@code needle} in {@code bytes[offset, offset+length)}, or -1. */
    static int indexOf(byte[] bytes, int offset, int length, byte[] needle) {
        int last = length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[offset + i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
