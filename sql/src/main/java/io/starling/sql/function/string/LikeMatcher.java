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

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Position of {@code needle} in {@code bytes[offset, offset+length)}, or -1. Eight candidate positions at a
     * time: a position is checked only when both the needle's first and last bytes match there.
     */
    static int indexOf(byte[] bytes, int offset, int length, byte[] needle) {
        int n = needle.length;
        if (n == 0) {
            return 0;
        }
        int last = length - n;
        if (last < 0) {
            return -1;
        }
        long first = ONES * (needle[0] & 0xFF);
        long tail = ONES * (needle[n - 1] & 0xFF);
        int i = 0;
        // words at i and i + n - 1 must lie inside the value: i + n - 1 + 8 <= length
        for (; i + n + 7 <= length; i += 8) {
            long a = (long) LONGS.get(bytes, offset + i) ^ first;
            long b = (long) LONGS.get(bytes, offset + i + n - 1) ^ tail;
            long candidates = ((a - ONES) & ~a) & ((b - ONES) & ~b) & HIGHS;
            while (candidates != 0) {
                int at = i + (Long.numberOfTrailingZeros(candidates) >>> 3);
                if (at <= last && matchesAt(bytes, offset + at, needle)) {
                    return at;
                }
                candidates &= candidates - 1;
            }
        }
        for (; i <= last; i++) {
            if (bytes[offset + i] == needle[0] && matchesAt(bytes, offset + i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] bytes, int at, byte[] needle) {
        return Arrays.equals(bytes, at, at + needle.length, needle, 0, needle.length);
    }
}
