package io.starling.sql.function.url;

/**
 * Byte-level URL parsing with ClickHouse's (non-RFC) rules. Every method reads {@code bytes[from, to)} and answers
 * a packed range {@code (start << 32) | end} into the same array; an empty range means "not present". No method
 * allocates, so kernels call them once per row.
 */
final class UrlParser {
    private UrlParser() {
    }

    static long range(int start, int end) {
        return ((long) start << 32) | (end & 0xFFFFFFFFL);
    }

    static int start(long range) {
        return (int) (range >>> 32);
    }

    static int end(long range) {
        return (int) range;
    }

    private static long empty(int at) {
        return range(at, at);
    }

    static boolean isAlphaNumeric(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    }

    private static boolean isRestricted(byte b) {
        return switch (b) {
            case ' ', '\t', '<', '>', '%', '{', '}', '|', '\\', '^', '~', '[', ']', ';', '=', '&' -> true;
            default -> false;
        };
    }

    /** The scheme before {@code :}: a letter, then letters, digits, {@code + - .}; empty when there is none. */
    static long protocol(byte[] bytes, int from, int to) {
        if (from >= to || !isAlphaNumeric(bytes[from]) || Character.isDigit(bytes[from])) {
            return empty(from);
        }
        int pos = from + 1;
        while (pos < to && (isAlphaNumeric(bytes[pos]) || bytes[pos] == '+' || bytes[pos] == '-' || bytes[pos] == '.')) {
            pos++;
        }
        return pos < to && bytes[pos] == ':' ? range(from, pos) : empty(from);
    }

    /**
     * Where the authority starts: after {@code scheme://}, after a leading {@code //}, else at {@code from};
     * -1 when the scheme part holds a character no URL may contain there.
     */
    private static int authorityStart(byte[] bytes, int from, int to) {
        if (to - from >= 2 && bytes[from] == '/' && bytes[from + 1] == '/') {
            return from + 2;
        }
        int schemeEnd = Math.min(to, from + 16);
        int pos = from + 1;
        for (; pos < schemeEnd; pos++) {
            byte b = bytes[pos];
            if (isAlphaNumeric(b) || b == '.' || b == '-' || b == '+') {
                continue;
            }
            if (isRestricted(b)) {
                return -1;
            }
            break;
        }
        if (schemeEnd - pos > 2 && bytes[pos] == ':' && bytes[pos + 1] == '/' && bytes[pos + 2] == '/') {
            return pos + 3;
        }
        return from;
    }

    /**
     * The host name, without user info and port. Like ClickHouse it must contain a dot with something after it
     * ({@code localhost} and {@code [::1]} answer empty), and a URL with spaces or other forbidden characters in
     * its host answers empty.
     */
    static long host(byte[] bytes, int from, int to) {
        if (from >= to) {
            return empty(from);
        }
        int pos = authorityStart(bytes, from, to);
        if (pos < 0) {
            return empty(from);
        }
        int hostStart = pos;
        int dot = -1;
        int colon = -1;
        boolean at = false;
        boolean forbiddenAfterColon = false;
        scan:
        for (; pos < to; pos++) {
            byte b = bytes[pos];
            switch (b) {
                case '.' -> {
                    if (at || colon < 0) {
                        dot = pos;
                    }
                }
                case ':' -> {
                    if (at || colon >= 0) {
                        break scan;
                    }
                    colon = pos;
                }
                case '/', '?', '#' -> {
                    break scan;
                }
                case '@' -> {
                    if (forbiddenAfterColon) {
                        return empty(from);
                    }
                    if (at) {
                        break scan;
                    }
                    at = true;
                    hostStart = pos + 1;
                }
                default -> {
                    if (isRestricted(b)) {
                        if (colon < 0) {
                            return empty(from);
                        }
                        forbiddenAfterColon = true;
                    }
                }
            }
        }
        if (!at) {
            if (forbiddenAfterColon) {
                return empty(from);
            }
            if (colon >= 0) {
                pos = colon;
            }
        }
        if (dot < 0 || hostStart >= pos || pos - dot == 1 || dot < hostStart) {
            return empty(from);
        }
        byte afterDot = bytes[dot + 1];
        if (afterDot == ':' || afterDot == '/' || afterDot == '?' || afterDot == '#') {
            return empty(from);
        }
        return range(hostStart, pos);
    }

    /** {@link #host} without one leading {@code www.}. */
    static long hostWithoutWww(byte[] bytes, int from, int to) {
        long host = host(bytes, from, to);
        int start = start(host);
        int end = end(host);
        if (end - start > 4 && bytes[start] == 'w' && bytes[start + 1] == 'w' && bytes[start + 2] == 'w'
                && bytes[start + 3] == '.') {
            return range(start + 4, end);
        }
        return host;
    }

    /** The last label of the host; empty for IPv4 addresses. */
    static long topLevelDomain(byte[] bytes, int from, int to) {
        long host = host(bytes, from, to);
        int start = start(host);
        int end = end(host);
        int dot = lastIndexOf(bytes, start, end, (byte) '.');
        if (dot < 0 || dot + 1 >= end || (bytes[dot + 1] >= '0' && bytes[dot + 1] <= '9')) {
            return empty(start);
        }
        return range(dot + 1, end);
    }

    /**
     * The first significant subdomain: the second-level label, or the third-level one when the second-level
     * label is a generic one such as {@code com} in {@code news.example.com.tr}. With {@code cut}, the host from
     * that label to its end.
     */
    static long firstSignificantSubdomain(byte[] bytes, int from, int to, boolean cut) {
        long host = hostWithoutWww(bytes, from, to);
        int start = start(host);
        int end = end(host);
        if (start == end) {
            return host;
        }
        int last = lastIndexOf(bytes, start, end, (byte) '.');
        if (last < 0) {
            return host;
        }
        int second = lastIndexOf(bytes, start, last, (byte) '.');
        int labelStart = second + 1 < start ? start : second + 1;
        if (second >= 0 && isGenericSecondLevel(bytes, second + 1, last)) {
            int third = lastIndexOf(bytes, start, second, (byte) '.');
            int thirdStart = third < 0 ? start : third + 1;
            return cut ? range(thirdStart, end) : range(thirdStart, second);
        }
        if (second < 0) {
            labelStart = start;
        }
        return cut ? range(labelStart, end) : range(labelStart, last);
    }

    private static final byte[][] GENERIC = {
            "com".getBytes(), "net".getBytes(), "org".getBytes(), "co".getBytes(), "gov".getBytes(),
            "edu".getBytes(), "ac".getBytes()};

    private static boolean isGenericSecondLevel(byte[] bytes, int from, int to) {
        for (byte[] generic : GENERIC) {
            if (java.util.Arrays.equals(bytes, from, to, generic, 0, generic.length)) {
                return true;
            }
        }
        return false;
    }

    /** The position just after {@code scheme://host} (at the path's '/', '?', '#' or the end); -1 without {@code //}. */
    static int pathStart(byte[] bytes, int from, int to) {
        int slash = indexOf(bytes, from, to, (byte) '/');
        if (slash < 0 || slash + 1 >= to || bytes[slash + 1] != '/') {
            return -1;
        }
        int pos = slash + 2;
        while (pos < to && bytes[pos] != '/' && bytes[pos] != '?' && bytes[pos] != '#') {
            pos++;
        }
        return pos;
    }

    /** The path without query string and fragment; empty without {@code //host}. */
    static long path(byte[] bytes, int from, int to, boolean full) {
        int start = pathStart(bytes, from, to);
        if (start < 0 || start >= to || bytes[start] != '/') {
            return empty(from);
        }
        if (full) {
            return range(start, to);
        }
        int pos = start;
        while (pos < to && bytes[pos] != '?' && bytes[pos] != '#') {
            pos++;
        }
        return range(start, pos);
    }

    /** The query string after {@code ?} up to {@code #}, without either. */
    static long queryString(byte[] bytes, int from, int to) {
        int hash = indexOf(bytes, from, to, (byte) '#');
        int end = hash < 0 ? to : hash;
        int question = indexOf(bytes, from, end, (byte) '?');
        return question < 0 ? empty(from) : range(question + 1, end);
    }

    /** The fragment after {@code #}, without it. */
    static long fragment(byte[] bytes, int from, int to) {
        int hash = indexOf(bytes, from, to, (byte) '#');
        return hash < 0 ? empty(from) : range(hash + 1, to);
    }

    /** Where URL parameters start: after the first {@code ?}, else after the first {@code #}; -1 when neither. */
    static int parametersStart(byte[] bytes, int from, int to) {
        int hash = indexOf(bytes, from, to, (byte) '#');
        int question = indexOf(bytes, from, hash < 0 ? to : hash, (byte) '?');
        if (question >= 0) {
            return question + 1;
        }
        return hash < 0 ? -1 : hash + 1;
    }

    /** End of the parameter starting at {@code pos}: the next {@code &}, {@code #} or the end. */
    static int parameterEnd(byte[] bytes, int pos, int to) {
        while (pos < to && bytes[pos] != '&' && bytes[pos] != '#') {
            pos++;
        }
        return pos;
    }

    static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
