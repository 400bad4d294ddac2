package io.starling.sql.format.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link NdjsonRowReader}: walks one NDJSON line straight from its UTF-8 bytes (no parser object,
 * no Strings, no char decoding), matching keys against the columns' path tree as bytes and filling the same
 * {@link JsonCapture}s, with the same calls in the same order, as the Jackson walker does.
 *
 * <p>It accepts only plain, strictly valid JSON: well-formed UTF-8, standard escapes except escaped surrogates,
 * numbers in JSON grammar, nesting up to {@value #MAX_DEPTH}, strings up to {@value #MAX_STRING_BYTES} bytes.
 * Anything else (invalid lines included) answers false and the caller hands the line to Jackson, so what counts
 * as invalid and how odd input reads is decided by one parser only. Not thread-safe.
 */
final class NdjsonLineScanner {
    static final int MAX_DEPTH = 64;
    static final int MAX_STRING_BYTES = 1 << 20;
    private static final int MAX_NAME_BYTES = 4096;
    private static final int MAX_NUMBER_CHARS = 100;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    /** Thrown (preallocated, no stack trace) when the line must go to the Jackson walker. */
    private static final class Fallback extends RuntimeException {
        Fallback() {
            super(null, null, false, false);
        }
    }

    private static final Fallback FALLBACK = new Fallback();

    private final JsonCapture[] captures;
    private final NdjsonPathNode root;
    private final int[] elementCounts;
    private byte[] b;
    private int pos;
    private int end;
    private int depth;
    /** The last string scanned: its content range in the line, and whether it has escapes. */
    private int stringStart;
    private int stringEnd;
    private boolean stringEscaped;
    /** Decoded text of the last escaped string scanned with decoding. */
    private byte[] scratch = new byte[256];
    private int scratchLength;

    NdjsonLineScanner(JsonPath.Node root, JsonCapture[] captures) {
        this.root = new NdjsonPathNode(root);
        this.captures = captures;
        this.elementCounts = new int[captures.length];
    }

    /**
     * Walks the line {@code bytes[start, end)} (trimmed, not empty) into the captures (reset by the caller).
     * False: the line needs the Jackson walker (the captures are then partly filled; reset them).
     */
    boolean scan(byte[] bytes, int start, int end) {
        this.b = bytes;
        this.pos = start;
        this.end = end;
        this.depth = 0;
        try {
            if (bytes[start] != '{') {
                return false;
            }
            for (int column : root.valueColumns) {
                captures[column].setRaw(start, end);
            }
            pos++;
            depth = 1;
            walkObject(root, false);
            return pos == end;
        } catch (Fallback | ArrayIndexOutOfBoundsException e) {
            return false;
        } finally {
            this.b = null;
        }
    }

    /**
     * Walks the object that starts at {@code bytes[start]} (a '{') without knowing where its line ends: {@code limit}
     * is the end of the input, and the walk stops at the object's closing '}'. A newline is never taken for
     * whitespace here (nor can a string hold one), so a walk that reaches one falls back instead of running into the
     * next line. Answers the index after the '}', or -1 when the line needs {@link #scan} or the Jackson walker.
     * Only for a tree without {@code $} columns (their raw line must be known before the walk).
     */
    int scanObject(byte[] bytes, int start, int limit) {
        this.b = bytes;
        this.pos = start + 1;
        this.end = limit;
        this.depth = 1;
        try {
            walkObject(root, false);
            return pos;
        } catch (Fallback | ArrayIndexOutOfBoundsException e) {
            return -1;
        } finally {
            this.b = null;
        }
    }

    /** True when {@link #scanObject} may be used: no column takes the whole line. */
    boolean scansObjectsAlone() {
        return root.valueColumns.length == 0;
    }

    // ---- walking wanted parts ----

    /** After '{': the members, through the closing '}'. */
    private void walkObject(NdjsonPathNode node, boolean inElement) {
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            if (peek() != '"') {
                throw FALLBACK;
            }
            NdjsonPathNode child = name(node);
            skipSpace();
            if (next() != ':') {
                throw FALLBACK;
            }
            skipSpace();
            if (child == null) {
                skipValue();
            } else {
                visit(child, inElement);
            }
            skipSpace();
            byte separator = next();
            if (separator == ',') {
                skipSpace();
            } else if (separator == '}') {
                return;
            } else {
                throw FALLBACK;
            }
        }
    }

    /** Reads a member name and answers its node (null when no column wants it). */
    private NdjsonPathNode name(NdjsonPathNode node) {
        if (node.keys.length == 0) {
            scanString(MAX_NAME_BYTES);
            return null;
        }
        int predictedChild = node.predicted;
        int after = node.matchPredicted(b, pos);
        if (after >= 0 && after <= end) {
            pos = after;
            return node.children[predictedChild];
        }
        scanString(MAX_NAME_BYTES, true);
        if (!stringEscaped) {
            return node.child(b, stringStart, stringEnd - stringStart);
        }
        return node.child(scratch, 0, scratchLength);
    }

    private void visit(NdjsonPathNode node, boolean inElement) {
        byte first = peek();
        if (first != '{' && first != '[') {
            scalar(node, inElement);
            return;
        }
        boolean wanted = node.valueColumns.length > 0;
        int start = pos;
        if (first == '{' && node.keys.length > 0) {
            enter();
            walkObject(node, inElement);
            depth--;
        } else if (first == '[' && node.elements != null && !inElement) {
            walkArray(node);
        } else {
            skipValue();
        }
        if (wanted) {
            for (int column : node.valueColumns) {
                if (inElement) {
                    captures[column].addRawElement(b, start, pos);
                } else {
                    captures[column].setRaw(start, pos);
                }
            }
        }
    }

    private void walkArray(NdjsonPathNode node) {
        enter();
        int[] columns = node.elementColumns;
        for (int column : columns) {
            captures[column].startArray();
        }
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return;
        }
        while (true) {
            for (int i = 0; i < columns.length; i++) {
                elementCounts[i] = captures[columns[i]].elementCount;
            }
            visit(node.elements, true);
            for (int i = 0; i < columns.length; i++) {
                JsonCapture capture = captures[columns[i]];
                if (capture.elementCount == elementCounts[i]) {
                    capture.addNullElement();
                }
            }
            skipSpace();
            byte separator = next();
            if (separator == ',') {
                skipSpace();
            } else if (separator == ']') {
                depth--;
                return;
            } else {
                throw FALLBACK;
            }
        }
    }

    /** A scalar value some columns want. */
    private void scalar(NdjsonPathNode node, boolean inElement) {
        byte first = peek();
        byte kind;
        byte[] source = b;
        int start;
        int length;
        boolean copy = false;
        if (first == '"') {
            scanString(MAX_STRING_BYTES, true);
            kind = JsonCapture.STRING;
            if (stringEscaped) {
                source = scratch;
                start = 0;
                length = scratchLength;
                copy = true;
            } else {
                start = stringStart;
                length = stringEnd - stringStart;
            }
        } else if (first == 't' || first == 'f') {
            start = pos;
            literal(first == 't' ? TRUE : FALSE);
            kind = JsonCapture.BOOLEAN;
            length = pos - start;
        } else if (first == 'n') {
            literal(NULL_BYTES);
            for (int column : node.valueColumns) {
                if (inElement) {
                    captures[column].addNullElement();
                } else {
                    captures[column].setNull();
                }
            }
            return;
        } else {
            start = pos;
            number();
            kind = JsonCapture.NUMBER;
            length = pos - start;
        }
        for (int column : node.valueColumns) {
            JsonCapture capture = captures[column];
            if (inElement) {
                capture.addElement(kind, source, start, length);
            } else if (copy) {
                capture.setScalarCopy(kind, source, start, length);
            } else {
                capture.setScalar(kind, source, start, length);
            }
        }
    }

    private static final byte[] NULL_BYTES = "null".getBytes(StandardCharsets.US_ASCII);

    // ---- validating skips ----

    private void skipValue() {
        byte first = peek();
        switch (first) {
            case '"' -> scanString(MAX_STRING_BYTES);
            case '{' -> skipObject();
            case '[' -> skipArray();
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL_BYTES);
            default -> number();
        }
    }

    private void skipObject() {
        enter();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return;
        }
        while (true) {
            if (peek() != '"') {
                throw FALLBACK;
            }
            scanString(MAX_NAME_BYTES);
            skipSpace();
            if (next() != ':') {
                throw FALLBACK;
            }
            skipSpace();
            skipValue();
            skipSpace();
            byte separator = next();
            if (separator == ',') {
                skipSpace();
            } else if (separator == '}') {
                depth--;
                return;
            } else {
                throw FALLBACK;
            }
        }
    }

    private void skipArray() {
        enter();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return;
        }
        while (true) {
            skipValue();
            skipSpace();
            byte separator = next();
            if (separator == ',') {
                skipSpace();
            } else if (separator == ']') {
                depth--;
                return;
            } else {
                throw FALLBACK;
            }
        }
    }

    /** At '{' or '[': consumes it and counts the depth. */
    private void enter() {
        pos++;
        if (++depth > MAX_DEPTH) {
            throw FALLBACK;
        }
    }

    // ---- tokens ----

    private byte peek() {
        if (pos >= end) {
            throw FALLBACK;
        }
        return b[pos];
    }

    private byte next() {
        if (pos >= end) {
            throw FALLBACK;
        }
        return b[pos++];
    }

    /** Spaces, tabs and carriage returns; not '\n', which ends the line ({@link #scanObject} relies on it). */
    private void skipSpace() {
        while (pos < end) {
            byte c = b[pos];
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    /** A literal (true, false, null) that must end at a delimiter. */
    private void literal(byte[] word) {
        if (end - pos < word.length || !Arrays.equals(b, pos, pos + word.length, word, 0, word.length)) {
            throw FALLBACK;
        }
        pos += word.length;
        requireDelimiter();
    }

    private void requireDelimiter() {
        if (pos < end) {
            byte c = b[pos];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                throw FALLBACK;
            }
        }
    }

    /** A number in strict JSON grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private void number() {
        int start = pos;
        if (pos < end && b[pos] == '-') {
            pos++;
        }
        if (pos >= end) {
            throw FALLBACK;
        }
        byte c = b[pos];
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            pos = digits(pos + 1);
        } else {
            throw FALLBACK;
        }
        if (pos < end && b[pos] == '.') {
            int after = digits(pos + 1);
            if (after == pos + 1) {
                throw FALLBACK;
            }
            pos = after;
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            int after = digits(pos);
            if (after == pos) {
                throw FALLBACK;
            }
            pos = after;
        }
        if (pos - start > MAX_NUMBER_CHARS) {
            throw FALLBACK;
        }
        requireDelimiter();
    }

    private int digits(int from) {
        int i = from;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    /** {@link #scanString(int, boolean)} without decoding: for strings no column wants. */
    private void scanString(int maxBytes) {
        scanString(maxBytes, false);
    }

    /**
     * At '"': finds the closing quote, validating escapes and UTF-8; sets {@link #stringStart}, {@link #stringEnd}
     * and {@link #stringEscaped} and leaves {@link #pos} after the quote. With {@code decode}, an escaped string is
     * also decoded into {@link #scratch} in the same pass ({@link #decodeRest}); a plain one is left in place.
     */
    private void scanString(int maxBytes, boolean decode) {
        int i = pos + 1;
        int start = i;
        boolean escaped = false;
        int limit = end;
        while (true) {
            i = plainRun(i, limit);
            if (i >= limit) {
                throw FALLBACK;
            }
            int c = b[i];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (decode) {
                    i = decodeRest(start, i, limit);
                    escaped = true;
                    break;
                }
                escaped = true;
                i = escape(i);
            } else if (c < 0) {
                i = utf8(i);
            } else if (c < 0x20) {
                throw FALLBACK;
            } else {
                i++;
            }
        }
        if (i - start > maxBytes) {
            throw FALLBACK;
        }
        stringStart = start;
        stringEnd = i;
        stringEscaped = escaped;
        pos = i + 1;
    }

    /**
     * The index of the first byte in {@code [i, limit)} that is a quote, a backslash, a control or a non-ASCII
     * byte (eight bytes at a time), else {@code limit}.
     */
    private int plainRun(int i, int limit) {
        while (i + 8 <= limit) {
            long special = special((long) LONGS.get(b, i));
            if (special != 0) {
                // the lowest flagged byte is a real one (borrows only flag bytes above it)
                return i + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            i += 8;
        }
        while (i < limit) {
            int c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) {
                return i;
            }
            i++;
        }
        return i;
    }

    /** The high bit of each byte of {@code word} that is zero after the xor, below 0x20, or non-ASCII. */
    private static long special(long word) {
        long quotes = word ^ QUOTES;
        long backslashes = word ^ BACKSLASHES;
        return (((quotes - ONES) & ~quotes)
                | ((backslashes - ONES) & ~backslashes)
                | ((word - SPACES) & ~word)
                | word) & HIGHS;
    }

    /**
     * At the first backslash {@code escape} of the string starting at {@code start}: validates and decodes the
     * rest of it into {@link #scratch} (UTF-8, {@link #scratchLength}) and answers the index of its closing
     * quote. Plain bytes move eight at a time: each word is stored whole, then the output advances only past
     * the bytes before the word's first special byte (the rest is overwritten). Decoded text is never longer
     * than its source, so the scratch only needs room for the source read so far (plus a word): it grows with
     * the string, not with the input (which, for a line walked to its end, is the rest of the whole body).
     */
    private int decodeRest(int start, int escape, int limit) {
        byte[] out = scratchFor(escape - start + DECODE_STEP_ROOM, 0);
        int run = escape - start;
        System.arraycopy(b, start, out, 0, run);
        int o = run;
        int i = escape;
        while (true) {
            if (i - start + DECODE_STEP_ROOM > out.length) {
                out = scratchFor(i - start + DECODE_STEP_ROOM, o);
            }
            int c = b[i];
            if (c == '\\') {
                if (i + 1 >= limit) {
                    throw FALLBACK;
                }
                byte kind = b[i + 1];
                switch (kind) {
                    case '"', '\\', '/' -> out[o++] = kind;
                    case 'b' -> out[o++] = '\b';
                    case 'f' -> out[o++] = '\f';
                    case 'n' -> out[o++] = '\n';
                    case 'r' -> out[o++] = '\r';
                    case 't' -> out[o++] = '\t';
                    case 'u' -> {
                        int unit = hex4(i + 2);
                        if (unit >= 0xD800 && unit <= 0xDFFF) {
                            throw FALLBACK;
                        }
                        if (unit < 0x80) {
                            out[o++] = (byte) unit;
                        } else if (unit < 0x800) {
                            out[o++] = (byte) (0xC0 | (unit >> 6));
                            out[o++] = (byte) (0x80 | (unit & 0x3F));
                        } else {
                            out[o++] = (byte) (0xE0 | (unit >> 12));
                            out[o++] = (byte) (0x80 | ((unit >> 6) & 0x3F));
                            out[o++] = (byte) (0x80 | (unit & 0x3F));
                        }
                        i += 4;
                    }
                    default -> throw FALLBACK;
                }
                i += 2;
            } else if (c == '"') {
                scratchLength = o;
                return i;
            } else if (c < 0) {
                int next = utf8(i);
                while (i < next) {
                    out[o++] = b[i++];
                }
            } else if (c < 0x20) {
                throw FALLBACK;
            } else {
                out[o++] = (byte) c;
                i++;
            }
            // the plain run up to the next special byte (while the scratch has room for a whole word)
            int wordLimit = Math.min(limit, start + out.length);
            while (i + 8 <= wordLimit) {
                long word = (long) LONGS.get(b, i);
                LONGS.set(out, o, word);
                long special = special(word);
                if (special != 0) {
                    int plain = Long.numberOfTrailingZeros(special) >>> 3;
                    i += plain;
                    o += plain;
                    break;
                }
                i += 8;
                o += 8;
            }
            if (i >= limit) {
                throw FALLBACK;
            }
        }
    }

    /** Room {@link #decodeRest} keeps ahead of its source position: one escape step or one stored word. */
    private static final int DECODE_STEP_ROOM = 16;

    /** {@link #scratch} with at least {@code capacity} bytes, keeping its first {@code used}. */
    private byte[] scratchFor(int capacity, int used) {
        if (scratch.length < capacity) {
            byte[] grown = new byte[Math.max(capacity, scratch.length * 2)];
            System.arraycopy(scratch, 0, grown, 0, used);
            scratch = grown;
        }
        return scratch;
    }

    /** At a backslash: validates one escape and answers the index after it. */
    private int escape(int i) {
        if (i + 1 >= end) {
            throw FALLBACK;
        }
        switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                int unit = hex4(i + 2);
                if (unit >= 0xD800 && unit <= 0xDFFF) {
                    throw FALLBACK;
                }
                return i + 6;
            }
            default -> throw FALLBACK;
        }
    }

    private int hex4(int at) {
        if (at + 4 > end) {
            throw FALLBACK;
        }
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int c = b[at + k];
            int digit;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            } else {
                throw FALLBACK;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /** At a non-ASCII byte: validates one well-formed UTF-8 sequence (RFC 3629) and answers the index after it. */
    private int utf8(int i) {
        int first = b[i] & 0xFF;
        int count;
        int low = 0x80;
        int high = 0xBF;
        if (first >= 0xC2 && first <= 0xDF) {
            count = 1;
        } else if (first >= 0xE0 && first <= 0xEF) {
            count = 2;
            if (first == 0xE0) {
                low = 0xA0;
            } else if (first == 0xED) {
                high = 0x9F;
            }
        } else if (first >= 0xF0 && first <= 0xF4) {
            count = 3;
            if (first == 0xF0) {
                low = 0x90;
            } else if (first == 0xF4) {
                high = 0x8F;
            }
        } else {
            throw FALLBACK;
        }
        if (i + count >= end) {
            throw FALLBACK;
        }
        int second = b[i + 1] & 0xFF;
        if (second < low || second > high) {
            throw FALLBACK;
        }
        for (int k = 2; k <= count; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                throw FALLBACK;
            }
        }
        return i + count + 1;
    }

    /** The first index in {@code [from, to)} holding {@code target} (whose byte fills {@code pattern}), else {@code to}. */
    static int indexOf(byte[] bytes, int from, int to, long pattern, byte target) {
        int i = from;
        while (i + 8 <= to) {
            long word = (long) LONGS.get(bytes, i) ^ pattern;
            long found = (word - ONES) & ~word & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < to && bytes[i] != target) {
            i++;
        }
        return i;
    }

    /** The first {@code \n} in {@code [from, to)}, else {@code to}. */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        return indexOf(bytes, from, to, NEWLINES, (byte) '\n');
    }
}
