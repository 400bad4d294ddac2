package io.starling.sql.format.input;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one NDJSON line holds for one column: nothing, null, a scalar's text, a raw JSON object/array
 * (byte range of the line) or, for {@code [:]} paths, a list of elements. Reused line after line.
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
    char[] text = new char[64];
    int textLength;
    int rawStart;
    int rawEnd;

    /** Array elements: kinds plus text ranges in {@link #text}. */
    int elementCount;
    byte[] elementKinds = new byte[8];
    int[] elementStarts = new int[8];
    int[] elementLengths = new int[8];

    void reset() {
        kind = MISSING;
        textLength = 0;
        elementCount = 0;
    }

    void setScalar(byte scalarKind, char[] source, int offset, int length) {
        kind = scalarKind;
        textLength = 0;
        appendText(source, offset, length);
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

    void addElement(byte elementKind, char[] source, int offset, int length) {
        startArray();
        if (elementCount == elementKinds.length) {
            int grown = elementCount * 2;
            elementKinds = Arrays.copyOf(elementKinds, grown);
            elementStarts = Arrays.copyOf(elementStarts, grown);
            elementLengths = Arrays.copyOf(elementLengths, grown);
        }
        elementKinds[elementCount] = elementKind;
        elementStarts[elementCount] = textLength;
        elementLengths[elementCount] = length;
        elementCount++;
        appendText(source, offset, length);
    }

    /** Adds an object or array element as its raw JSON text. */
    void addRawElement(byte[] line, int start, int end) {
        char[] decoded = new String(line, start, end - start, StandardCharsets.UTF_8).toCharArray();
        addElement(RAW, decoded, 0, decoded.length);
    }

    private void appendText(char[] source, int offset, int length) {
        if (textLength + length > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + length));
        }
        System.arraycopy(source, offset, text, textLength, length);
        textLength += length;
    }

    /** The captured value as text for a quarantine row; null when absent. */
    String describe(byte[] line) {
        return switch (kind) {
            case MISSING, NULL -> null;
            case STRING, NUMBER, BOOLEAN -> new String(text, 0, textLength);
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
            String element = new String(text, elementStarts[i], elementLengths[i]);
            switch (elementKinds[i]) {
                case NULL -> result.append("null");
                case STRING -> result.append('"').append(element.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                default -> result.append(element);
            }
        }
        return result.append(']').toString();
    }
}
