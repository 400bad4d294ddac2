package io.starling.sql.format.input;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one NDJSON line holds for one column: nothing, null, a scalar's text, a raw JSON object/array
 * (byte range of the line) or, for {@code [:]} paths, a list of elements. Reused line after line.
 *
 * <p>Text is kept as UTF-8 bytes: a scalar either points into the line itself (an unescaped JSON string or a
 * number: no copy) or into {@link #text}. Text that came from Jackson's chars (the fallback walker) is encoded
 * with the same rules as {@code ValueParser.appendString} (a lone surrogate becomes its 3-byte form), and
 * {@link #decode} reverses that exactly, so a value reads the same whichever walker captured it.
 */
final class JsonCapture {
    static final byte MISSING = 0;
    static final byte NULL = 1;
    static final byte STRING = 2;
    static final byte NUMBER = 3;
    static final byte BOOLEAN = 4;
    static final byte RAW = 5;
    static final byte ARRAY = 6;

    byte kind;
    /** Scalar value: {@code valueBytes[valueOffset, valueOffset + valueLength)}, the line or {@link #text}. */
    byte[] valueBytes;
    int valueOffset;
    int valueLength;
    /** Owned bytes: copied scalars, and the elements of {@link #ARRAY} captures. */
    byte[] text = new byte[64];
    int textLength;
    int rawStart;
    int rawEnd;

    /** Array elements: kinds plus byte ranges in {@link #text}. */
    int elementCount;
    byte[] elementKinds = new byte[8];
    int[] elementStarts = new int[8];
    int[] elementLengths = new int[8];

    void reset() {
        kind = MISSING;
        textLength = 0;
        elementCount = 0;
    }

    /** A scalar whose UTF-8 bytes stay where they are (the line outlives the capture's use). */
    void setScalar(byte scalarKind, byte[] source, int offset, int length) {
        kind = scalarKind;
        textLength = 0;
        valueBytes = source;
        valueOffset = offset;
        valueLength = length;
    }

    /** A scalar copied into {@link #text}. */
    void setScalarCopy(byte scalarKind, byte[] source, int offset, int length) {
        kind = scalarKind;
        textLength = 0;
        appendText(source, offset, length);
        valueBytes = text;
        valueOffset = 0;
        valueLength = length;
    }

    /** A scalar from chars (Jackson's text), encoded into {@link #text}. */
    void setScalarChars(byte scalarKind, char[] source, int offset, int length) {
        kind = scalarKind;
        textLength = 0;
        appendChars(source, offset, length);
        valueBytes = text;
        valueOffset = 0;
        valueLength = textLength;
    }

    void setNull() {
        kind = NULL;
    }

    void setRaw(int start, int end) {
        kind = RAW;
        rawStart = start;
        rawEnd = end;
    }

    void startArray() {
        if (kind != ARRAY) {
            kind = ARRAY;
            textLength = 0;
            elementCount = 0;
        }
    }

    void addElement(byte elementKind, byte[] source, int offset, int length) {
        int start = beginElement(elementKind);
        appendText(source, offset, length);
        elementLengths[elementCount++] = textLength - start;
    }

    void addElementChars(byte elementKind, char[] source, int offset, int length) {
        int start = beginElement(elementKind);
        appendChars(source, offset, length);
        elementLengths[elementCount++] = textLength - start;
    }

    void addNullElement() {
        beginElement(NULL);
        elementLengths[elementCount++] = 0;
    }

    /** Adds an object or array element as its raw JSON text (decoded leniently, as {@code new String} does). */
    void addRawElement(byte[] line, int start, int end) {
        char[] decoded = new String(line, start, end - start, StandardCharsets.UTF_8).toCharArray();
        addElementChars(RAW, decoded, 0, decoded.length);
    }

    private int beginElement(byte elementKind) {
        startArray();
        if (elementCount == elementKinds.length) {
            int grown = elementCount * 2;
            elementKinds = Arrays.copyOf(elementKinds, grown);
            elementStarts = Arrays.copyOf(elementStarts, grown);
            elementLengths = Arrays.copyOf(elementLengths, grown);
        }
        elementKinds[elementCount] = elementKind;
        elementStarts[elementCount] = textLength;
        return textLength;
    }

    private void appendText(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, text, textLength, length);
        textLength += length;
    }

    private void appendChars(char[] source, int offset, int length) {
        ensure(length * 3);
        textLength = encode(source, offset, offset + length, text, textLength);
    }

    private void ensure(int more) {
        if (textLength + more > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + more));
        }
    }

    /**
     * Encodes chars as UTF-8 into {@code out} at {@code at} (room for 3 bytes per char needed), answering the end:
     * the rules of {@code ValueParser.appendString} (a surrogate pair is 4 bytes, a lone surrogate 3).
     */
    static int encode(char[] c, int start, int end, byte[] out, int at) {
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                out[at++] = (byte) ch;
            } else if (ch < 0x800) {
                out[at++] = (byte) (0xC0 | (ch >> 6));
                out[at++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(c[i + 1])) {
                int codePoint = Character.toCodePoint(ch, c[++i]);
                out[at++] = (byte) (0xF0 | (codePoint >> 18));
                out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                out[at++] = (byte) (0xE0 | (ch >> 12));
                out[at++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        return at;
    }

    /**
     * Decodes bytes written by {@link #encode} (or well-formed UTF-8) back into chars: {@code out} needs room for
     * {@code length} chars; answers the char count. The exact inverse of {@link #encode}.
     */
    static int decode(byte[] b, int offset, int length, char[] out) {
        int end = offset + length;
        int n = 0;
        int i = offset;
        while (i < end) {
            int first = b[i];
            if (first >= 0) {
                out[n++] = (char) first;
                i++;
            } else if ((first & 0xE0) == 0xC0 && i + 1 < end) {
                out[n++] = (char) (((first & 0x1F) << 6) | (b[i + 1] & 0x3F));
                i += 2;
            } else if ((first & 0xF0) == 0xE0 && i + 2 < end) {
                out[n++] = (char) (((first & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F));
                i += 3;
            } else if ((first & 0xF8) == 0xF0 && i + 3 < end) {
                int codePoint = ((first & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6)
                        | (b[i + 3] & 0x3F);
                out[n++] = Character.highSurrogate(codePoint);
                out[n++] = Character.lowSurrogate(codePoint);
                i += 4;
            } else {
                out[n++] = '\uFFFD';
                i++;
            }
        }
        return n;
    }

    private static String string(byte[] b, int offset, int length) {
        char[] chars = new char[length];
        return new String(chars, 0, decode(b, offset, length, chars));
    }

    /** The captured value as text for a quarantine row; null when absent. */
    String describe(byte[] line) {
        return switch (kind) {
            case MISSING, NULL -> null;
            case STRING, NUMBER, BOOLEAN -> string(valueBytes, valueOffset, valueLength);
            case RAW -> new String(line, rawStart, rawEnd - rawStart, StandardCharsets.UTF_8);
            case ARRAY -> describeArray();
            default -> throw new IllegalStateException("Unknown capture kind " + kind);
        };
    }

    private String describeArray() {
        StringBuilder result = new StringBuilder("[");
        for (int i = 0; i < elementCount; i++) {
            if (i > 0) {
                result.append(',');
            }
            String element = string(text, elementStarts[i], elementLengths[i]);
            switch (elementKinds[i]) {
                case NULL -> result.append("null");
                case STRING -> result.append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                default -> result.append(element);
            }
        }
        return result.append(']').toString();
    }
}
