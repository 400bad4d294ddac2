package io.starling.sql.function.json;

import java.nio.charset.StandardCharsets;

/**
 * A streaming scanner over UTF-8 JSON text held in a byte array: validates, skips and navigates values without
 * building a tree, and decodes strings and numbers in place. Positions are byte offsets; a method answers -1
 * when the text is not valid JSON. One instance per kernel call: it reuses a scratch buffer for decoded
 * strings, so it is not thread-safe.
 */
final class JsonScanner {
    private static final int MAX_DEPTH = 1024;

    byte[] bytes;
    int end;
    private byte[] scratch = new byte[64];
    /** Whether the last {@link #skipString} passed an escape sequence. */
    private boolean stringEscaped;
    /** Set by {@link #skipContainer} given a key: where the value of its first member of that name starts, else -1. */
    private int foundMember;
    private int scratchLength;

    void reset(byte[] bytes, int end) {
        this.bytes = bytes;
        this.end = end;
    }

    int skipWhitespace(int p) {
        while (p < end) {
            byte b = bytes[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return p;
            }
            p++;
        }
        return p;
    }

    /** The value starting at {@code p} (after whitespace) if the whole text from {@code start} is one valid value. */
    int root(int start) {
        int p = skipWhitespace(start);
        int after = skipValue(p, 0);
        if (after < 0 || skipWhitespace(after) != end) {
            return -1;
        }
        return p;
    }

    /** The position after the value at {@code p} (no leading whitespace), or -1. */
    int skipValue(int p, int depth) {
        if (p >= end || depth > MAX_DEPTH) {
            return -1;
        }
        byte b = bytes[p];
        switch (b) {
            case '{':
                return skipContainer(p, depth, '}', true, null);
            case '[':
                return skipContainer(p, depth, ']', false, null);
            case '"':
                return skipString(p);
            case 't':
                return literal(p, "true");
            case 'f':
                return literal(p, "false");
            case 'n':
                return literal(p, "null");
            default:
                return skipNumber(p);
        }
    }

    /** Given a {@code key}, records in {@link #foundMember} where the object's first member of that name starts. */
    private int skipContainer(int p, int depth, char close, boolean object, byte[] key) {
        p = skipWhitespace(p + 1);
        if (p < end && bytes[p] == close) {
            return p + 1;
        }
        while (true) {
            if (object) {
                if (p >= end || bytes[p] != '"') {
                    return -1;
                }
                int keyEnd = skipString(p);
                if (keyEnd < 0) {
                    return -1;
                }
                boolean match = key != null && foundMember < 0 && keyEquals(p, keyEnd, key);
                p = skipWhitespace(keyEnd);
                if (p >= end || bytes[p] != ':') {
                    return -1;
                }
                p = skipWhitespace(p + 1);
                if (match) {
                    foundMember = p;
                }
            }
            p = skipValue(p, depth + 1);
            if (p < 0) {
                return -1;
            }
            p = skipWhitespace(p);
            if (p >= end) {
                return -1;
            }
            if (bytes[p] == close) {
                return p + 1;
            }
            if (bytes[p] != ',') {
                return -1;
            }
            p = skipWhitespace(p + 1);
        }
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    int skipString(int p) {
        stringEscaped = false;
        p++;
        // 8 bytes at a time; a word holding a quote, a backslash or a control character stops at the first such
        // byte (the lowest flagged one is always a real match: a false flag needs a borrow from a lower real one)
        while (p + 8 <= end) {
            long word = (long) LONGS.get(bytes, p);
            long quote = word ^ (ONES * '"');
            long backslash = word ^ (ONES * '\\');
            long special = (((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)
                    | ((word - ONES * 0x20) & ~word)) & HIGHS;
            if (special == 0) {
                p += 8;
                continue;
            }
            p += Long.numberOfTrailingZeros(special) >>> 3;
            byte b = bytes[p];
            if (b == '"') {
                return p + 1;
            }
            if (b != '\\') {
                return -1;
            }
            stringEscaped = true;
            p += 2;
        }
        while (p < end) {
            byte b = bytes[p];
            if (b == '"') {
                return p + 1;
            }
            if (b == '\\') {
                stringEscaped = true;
                p++;
            } else if ((b & 0xff) < 0x20) {
                return -1;
            }
            p++;
        }
        return -1;
    }

    private int literal(int p, String word) {
        if (p + word.length() > end) {
            return -1;
        }
        for (int i = 0; i < word.length(); i++) {
            if (bytes[p + i] != word.charAt(i)) {
                return -1;
            }
        }
        return p + word.length();
    }

    private int skipNumber(int p) {
        int start = p;
        if (p < end && bytes[p] == '-') {
            p++;
        }
        int digits = p;
        while (p < end && isDigit(bytes[p])) {
            p++;
        }
        if (p == digits) {
            return -1;
        }
        if (p < end && bytes[p] == '.') {
            p++;
            int fraction = p;
            while (p < end && isDigit(bytes[p])) {
                p++;
            }
            if (p == fraction) {
                return -1;
            }
        }
        if (p < end && (bytes[p] == 'e' || bytes[p] == 'E')) {
            p++;
            if (p < end && (bytes[p] == '+' || bytes[p] == '-')) {
                p++;
            }
            int exponent = p;
            while (p < end && isDigit(bytes[p])) {
                p++;
            }
            if (p == exponent) {
                return -1;
            }
        }
        return p > start ? p : -1;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * {@link #root} and then {@link #member} in one pass: the value of member {@code key} of the root object, or -1
     * when the whole text from {@code start} is not one valid value, is not an object or has no such member. The
     * first member of that name wins, as with {@link #member}.
     */
    int rootMember(int start, byte[] key) {
        int p = skipWhitespace(start);
        if (p >= end || bytes[p] != '{') {
            return -1;
        }
        foundMember = -1;
        int after = skipContainer(p, 0, '}', true, key);
        return after >= 0 && skipWhitespace(after) == end ? foundMember : -1;
    }

    /** The value of member {@code key} of the object at {@code p}, or -1 (also when p is not an object). */
    int member(int p, byte[] key) {
        if (p < 0 || bytes[p] != '{') {
            return -1;
        }
        p = skipWhitespace(p + 1);
        if (p < end && bytes[p] == '}') {
            return -1;
        }
        while (p < end) {
            int keyEnd = skipString(p);
            boolean match = keyEquals(p, keyEnd, key);
            p = skipWhitespace(skipWhitespace(keyEnd) + 1);
            if (match) {
                return p;
            }
            p = skipWhitespace(skipValue(p, 1));
            if (p >= end || bytes[p] != ',') {
                return -1;
            }
            p = skipWhitespace(p + 1);
        }
        return -1;
    }

    /**
     * Whether the key string at {@code quote} (ending before {@code after}) is {@code key}; call right after
     * {@link #skipString} of that string.
     */
    private boolean keyEquals(int quote, int after, byte[] key) {
        if (!stringEscaped) {
            int length = after - quote - 2;
            if (length != key.length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (bytes[quote + 1 + i] != key[i]) {
                    return false;
                }
            }
            return true;
        }
        if (!decodeString(quote) || scratchLength != key.length) {
            return false;
        }
        for (int i = 0; i < scratchLength; i++) {
            if (scratch[i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Element {@code index} (1-based; negative counts from the end) of the array or object at {@code p}: for an
     * object, the value of its index-th member. -1 when absent.
     */
    int element(int p, long index) {
        if (p < 0 || index == 0 || (bytes[p] != '[' && bytes[p] != '{')) {
            return -1;
        }
        if (index < 0) {
            long count = length(p);
            index = count + index + 1;
            if (index < 1) {
                return -1;
            }
        }
        boolean object = bytes[p] == '{';
        char close = object ? '}' : ']';
        p = skipWhitespace(p + 1);
        if (p < end && bytes[p] == close) {
            return -1;
        }
        for (long i = 1; p < end; i++) {
            if (object) {
                p = skipWhitespace(skipWhitespace(skipString(p)) + 1);
            }
            if (i == index) {
                return p;
            }
            p = skipWhitespace(skipValue(p, 1));
            if (p >= end || bytes[p] != ',') {
                return -1;
            }
            p = skipWhitespace(p + 1);
        }
        return -1;
    }

    /** The number of elements or members of the container at {@code p}; 0 for scalars. */
    long length(int p) {
        if (p < 0 || (bytes[p] != '[' && bytes[p] != '{')) {
            return 0;
        }
        boolean object = bytes[p] == '{';
        char close = object ? '}' : ']';
        p = skipWhitespace(p + 1);
        if (p < end && bytes[p] == close) {
            return 0;
        }
        long count = 0;
        while (p < end) {
            if (object) {
                p = skipWhitespace(skipWhitespace(skipString(p)) + 1);
            }
            count++;
            p = skipWhitespace(skipValue(p, 1));
            if (p >= end || bytes[p] != ',') {
                return count;
            }
            p = skipWhitespace(p + 1);
        }
        return count;
    }

    /** Positions of the keys (their opening quotes) or element values of the container at {@code p}. */
    int[] children(int p, boolean keys) {
        int count = (int) length(p);
        int[] out = new int[count];
        if (count == 0) {
            return out;
        }
        boolean object = bytes[p] == '{';
        p = skipWhitespace(p + 1);
        for (int i = 0; i < count; i++) {
            if (object) {
                if (keys) {
                    out[i] = p;
                }
                p = skipWhitespace(skipWhitespace(skipString(p)) + 1);
            }
            if (!keys || !object) {
                out[i] = p;
            }
            p = skipWhitespace(skipWhitespace(skipValue(p, 1)) + 1);
        }
        return out;
    }

    /** Decodes the string starting at the quote at {@code p} into the scratch buffer; false if malformed. */
    boolean decodeString(int p) {
        scratchLength = 0;
        if (p < 0 || p >= end || bytes[p] != '"') {
            return false;
        }
        p++;
        while (p < end) {
            byte b = bytes[p];
            if (b == '"') {
                return true;
            }
            if (b != '\\') {
                put(b);
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return false;
            }
            byte escape = bytes[p + 1];
            p += 2;
            switch (escape) {
                case '"', '\\', '/' -> put(escape);
                case 'b' -> put((byte) '\b');
                case 'f' -> put((byte) '\f');
                case 'n' -> put((byte) '\n');
                case 'r' -> put((byte) '\r');
                case 't' -> put((byte) '\t');
                case 'u' -> {
                    int code = hex(p);
                    if (code < 0) {
                        return false;
                    }
                    p += 4;
                    if (code >= 0xD800 && code < 0xDC00 && p + 5 < end && bytes[p] == '\\' && bytes[p + 1] == 'u') {
                        int low = hex(p + 2);
                        if (low >= 0xDC00 && low < 0xE000) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            p += 6;
                        }
                    }
                    putCodePoint(code);
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    private int hex(int p) {
        if (p + 4 > end) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(bytes[p + i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private void putCodePoint(int code) {
        if (code < 0x80) {
            put((byte) code);
        } else if (code < 0x800) {
            put((byte) (0xC0 | code >> 6));
            put((byte) (0x80 | code & 0x3F));
        } else if (code < 0x10000) {
            put((byte) (0xE0 | code >> 12));
            put((byte) (0x80 | code >> 6 & 0x3F));
            put((byte) (0x80 | code & 0x3F));
        } else {
            put((byte) (0xF0 | code >> 18));
            put((byte) (0x80 | code >> 12 & 0x3F));
            put((byte) (0x80 | code >> 6 & 0x3F));
            put((byte) (0x80 | code & 0x3F));
        }
    }

    void put(byte b) {
        if (scratchLength == scratch.length) {
            scratch = java.util.Arrays.copyOf(scratch, scratch.length * 2);
        }
        scratch[scratchLength++] = b;
    }

    void clearScratch() {
        scratchLength = 0;
    }

    byte[] scratch() {
        return scratch;
    }

    int scratchLength() {
        return scratchLength;
    }

    /** Copies the value at {@code p} into the scratch buffer without whitespace outside strings. */
    void minify(int p) {
        scratchLength = 0;
        int after = skipValue(p, 0);
        boolean inString = false;
        for (int i = p; i < after; i++) {
            byte b = bytes[i];
            if (inString) {
                put(b);
                if (b == '\\') {
                    put(bytes[++i]);
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                put(b);
                inString = b == '"';
            }
        }
    }

    /** True when the value at {@code p} is a number without fraction or exponent. */
    boolean isIntegerText(int p) {
        int after = skipNumber(p);
        for (int i = p; i < after; i++) {
            if (bytes[i] == '.' || bytes[i] == 'e' || bytes[i] == 'E') {
                return false;
            }
        }
        return after > 0;
    }

    double parseDouble(int p) {
        int after = skipNumber(p);
        return after < 0 ? 0 : Double.parseDouble(new String(bytes, p, after - p, StandardCharsets.ISO_8859_1));
    }

    String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
