package io.starling.sql.format.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.starling.sql.format.PlainValues;
import io.starling.sql.format.ValueParser;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.TupleType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NDJSON lines, walking only the parts of each object that some column's jsonpath reaches, then appends the
 * captured values as a row (or quarantines it). Lines go through {@link NdjsonLineScanner} (straight from the
 * bytes); the few it does not take (unusual or invalid JSON) go through Jackson's streaming parser, which decides
 * what is invalid. See {@link NdjsonInput} for the rules. Not thread-safe.
 */
final class NdjsonRowReader {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final char[] ONE = {'1'};
    private static final char[] ZERO = {'0'};

    private final RowAssembler assembler;
    private final ValueParser parser = new ValueParser();
    private final JsonPath.Node root;
    private final JsonCapture[] captures;
    private final NdjsonLineScanner scanner;
    private final int[] elementCounts;
    private final boolean fastPath;
    /** Per column: String-like (the captured UTF-8 bytes are the value). */
    private final boolean[] stringLike;
    private long invalidLines;
    private long emptyLines;
    private long fallbackLines;
    /** The bytes the captures' offsets refer to: the input, or {@link #fallbackLine}. */
    private byte[] line;
    private byte[] fallbackLine = new byte[1024];
    /** Chars of a captured value for the typed (non-String) parsers. */
    private char[] chars = new char[64];

    NdjsonRowReader(List<IngestColumn> columns) {
        this(new RowAssembler(columns));
    }

    /** Reads the assembler's input columns (MATERIALIZED and ALIAS columns are computed, never read). */
    private NdjsonRowReader(RowAssembler assembler) {
        this(assembler, assembler.inputColumns());
    }

    /** See {@link RowAssembler#expectMore}. */
    void expectMore(double factor) {
        assembler.expectMore(factor);
    }

    NdjsonRowReader(RowAssembler assembler, List<IngestColumn> columns) {
        this(assembler, columns, true);
    }

    /** {@code fastPath} false sends every line through Jackson (tests compare both walkers). */
    NdjsonRowReader(RowAssembler assembler, List<IngestColumn> columns, boolean fastPath) {
        this.fastPath = fastPath;
        this.assembler = assembler;
        List<JsonPath> paths = new ArrayList<>(columns.size());
        for (IngestColumn column : columns) {
            paths.add(JsonPath.parse(column.jsonPath(), column.name()));
        }
        this.root = JsonPath.tree(paths);
        this.captures = new JsonCapture[columns.size()];
        this.stringLike = new boolean[columns.size()];
        for (int i = 0; i < captures.length; i++) {
            captures[i] = new JsonCapture();
            stringLike[i] = ValueParser.isStringLike(assembler.type(i));
        }
        this.elementCounts = new int[columns.size()];
        this.scanner = new NdjsonLineScanner(root, captures);
    }

    void readLine(byte[] bytes, int length) {
        readLine(bytes, 0, length);
    }

    /** Reads the line {@code bytes[from, to)} (without its {@code \n}). */
    void readLine(byte[] bytes, int from, int to) {
        int start = from;
        int end = to;
        if (end - start >= 3 && bytes[start] == (byte) 0xEF && bytes[start + 1] == (byte) 0xBB
                && bytes[start + 2] == (byte) 0xBF) {
            start += 3;
        }
        while (end > start && isWhitespace(bytes[end - 1])) {
            end--;
        }
        while (start < end && isWhitespace(bytes[start])) {
            start++;
        }
        if (start == end) {
            emptyLines++;
            return;
        }
        int length = end - start;
        for (JsonCapture capture : captures) {
            capture.reset();
        }
        if (fastPath && scanner.scan(bytes, start, end)) {
            line = bytes;
        } else {
            fallbackLines++;
            for (JsonCapture capture : captures) {
                capture.reset();
            }
            if (fallbackLine.length < length) {
                fallbackLine = new byte[Math.max(length, fallbackLine.length * 2)];
            }
            System.arraycopy(bytes, start, fallbackLine, 0, length);
            line = fallbackLine;
            if (!walkLine(fallbackLine, length)) {
                invalidLines++;
                return;
            }
        }
        assembler.addBytes(length + 1);
        appendRow();
    }

    /**
     * Reads the line starting at {@code bytes[start]} without finding its end first (one pass over the bytes instead
     * of two): the fast scanner walks the object and the line must end right after it, before {@code \n} or
     * {@code to}. Answers the index after the line's {@code \n} ({@code to} for the last line), or -1 when the line
     * is not that simple (nothing is read then: find its end and call {@link #readLine(byte[], int, int)}).
     */
    int readLineFrom(byte[] bytes, int start, int to) {
        if (!fastPath || bytes[start] != '{' || !scanner.scansObjectsAlone()) {
            return -1;
        }
        for (JsonCapture capture : captures) {
            capture.reset();
        }
        int objectEnd = scanner.scanObject(bytes, start, to);
        if (objectEnd < 0) {
            return -1;
        }
        int after = objectEnd;
        while (after < to && (bytes[after] == ' ' || bytes[after] == '\t' || bytes[after] == '\r')) {
            after++;
        }
        if (after < to && bytes[after] != '\n') {
            return -1;
        }
        line = bytes;
        assembler.addBytes(objectEnd - start + 1);
        appendRow();
        return after < to ? after + 1 : to;
    }

    /** Lines the fast scanner handed to Jackson (unusual or invalid JSON); for tests and benchmarks. */
    long fallbackLines() {
        return fallbackLines;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private boolean walkLine(byte[] bytes, int length) {
        try (JsonParser json = FACTORY.createParser(bytes, 0, length)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (int column : root.valueColumnArray) {
                captures[column].setRaw(0, length);
            }
            walkObject(json, root, false);
            return json.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private void walkObject(JsonParser json, JsonPath.Node node, boolean inElement) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            JsonPath.Node child = node.children.get(json.currentName());
            JsonToken value = json.nextToken();
            if (child == null) {
                json.skipChildren();
            } else {
                visit(json, child, value, inElement);
            }
        }
    }

    private void visit(JsonParser json, JsonPath.Node node, JsonToken token, boolean inElement) throws IOException {
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            byte kind = scalarKind(token);
            for (int column : node.valueColumnArray) {
                captureScalar(captures[column], kind, json, inElement);
            }
            return;
        }
        boolean wanted = node.valueColumnArray.length > 0;
        int start = wanted ? (int) json.currentTokenLocation().getByteOffset() : 0;
        if (token == JsonToken.START_OBJECT && node.hasChildren()) {
            walkObject(json, node, inElement);
        } else if (token == JsonToken.START_ARRAY && node.elements != null && !inElement) {
            walkArray(json, node);
        } else {
            json.skipChildren();
        }
        if (wanted) {
            int end = (int) json.currentLocation().getByteOffset();
            for (int column : node.valueColumnArray) {
                if (inElement) {
                    captures[column].addRawElement(line, start, end);
                } else {
                    captures[column].setRaw(start, end);
                }
            }
        }
    }

    private void walkArray(JsonParser json, JsonPath.Node node) throws IOException {
        int[] columns = node.elementColumnArray;
        for (int column : columns) {
            captures[column].startArray();
        }
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY && token != null) {
            for (int i = 0; i < columns.length; i++) {
                elementCounts[i] = captures[columns[i]].elementCount;
            }
            visit(json, node.elements, token, true);
            for (int i = 0; i < columns.length; i++) {
                JsonCapture capture = captures[columns[i]];
                if (capture.elementCount == elementCounts[i]) {
                    capture.addNullElement();
                }
            }
        }
    }

    private static byte scalarKind(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> JsonCapture.STRING;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonCapture.NUMBER;
            case VALUE_TRUE, VALUE_FALSE -> JsonCapture.BOOLEAN;
            default -> JsonCapture.NULL;
        };
    }

    private static void captureScalar(JsonCapture capture, byte kind, JsonParser json, boolean inElement)
            throws IOException {
        if (kind == JsonCapture.NULL) {
            if (inElement) {
                capture.addNullElement();
            } else {
                capture.setNull();
            }
            return;
        }
        char[] chars = json.getTextCharacters();
        int offset = json.getTextOffset();
        int length = json.getTextLength();
        if (inElement) {
            capture.addElementChars(kind, chars, offset, length);
        } else {
            capture.setScalarChars(kind, chars, offset, length);
        }
    }

    // ---- values into columns ----

    private void appendRow() {
        List<String> errorColumns = null;
        List<String> errors = null;
        for (int column = 0; column < captures.length; column++) {
            if (appendCapture(column)) {
                continue;
            }
            if (errors == null) {
                errorColumns = new ArrayList<>();
                errors = new ArrayList<>();
            }
            String name = assembler.column(column).name();
            String raw = captures[column].describe(line);
            errorColumns.add(name);
            errors.add(RowAssembler.notOfType(raw == null ? "" : raw, name, assembler.type(column)));
            assembler.appendFiller(column);
        }
        if (errors == null) {
            assembler.endRow(null);
            return;
        }
        List<String> raw = new ArrayList<>(captures.length);
        for (JsonCapture capture : captures) {
            raw.add(capture.describe(line));
        }
        assembler.endRow(new QuarantinedRow(raw, errorColumns, errors));
    }

    private boolean appendCapture(int column) {
        JsonCapture capture = captures[column];
        DataType type = assembler.type(column);
        ColumnBuilder builder = assembler.builder(column);
        boolean stringLike = this.stringLike[column];
        switch (capture.kind) {
            case JsonCapture.MISSING, JsonCapture.NULL -> {
                return appendMissing(column, type, builder, stringLike);
            }
            case JsonCapture.STRING, JsonCapture.NUMBER -> {
                if (stringLike) {
                    builder.appendBytes(capture.valueBytes, capture.valueOffset, capture.valueLength);
                    return true;
                }
                if (PlainValues.tryAppend(type, capture.valueBytes, capture.valueOffset, capture.valueLength, builder)) {
                    return true;
                }
                int length = chars(capture.valueBytes, capture.valueOffset, capture.valueLength);
                return parser.parseInto(type, chars, 0, length, builder);
            }
            case JsonCapture.BOOLEAN -> {
                if (stringLike || type.unwrapNullable() instanceof BoolType) {
                    int length = chars(capture.valueBytes, capture.valueOffset, capture.valueLength);
                    return parser.parseInto(type, chars, 0, length, builder);
                }
                char[] digit = capture.valueBytes[capture.valueOffset] == 't' ? ONE : ZERO;
                return parser.parseInto(type, digit, 0, 1, builder);
            }
            case JsonCapture.RAW -> {
                if (stringLike) {
                    builder.appendBytes(line, capture.rawStart, capture.rawEnd - capture.rawStart);
                    return true;
                }
                DataType structured = type.unwrapNullable();
                if (!(structured instanceof ArrayType || structured instanceof MapType || structured instanceof TupleType)) {
                    return false;
                }
                char[] text = new String(line, capture.rawStart, capture.rawEnd - capture.rawStart,
                        StandardCharsets.UTF_8).toCharArray();
                return parser.parseInto(type, text, 0, text.length, builder);
            }
            case JsonCapture.ARRAY -> {
                return appendArray(capture, type, builder, stringLike);
            }
            default -> throw new IllegalStateException("Unknown capture kind " + capture.kind);
        }
    }

    /** Decodes captured UTF-8 into {@link #chars}; answers the char count. */
    private int chars(byte[] bytes, int offset, int length) {
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        return JsonCapture.decode(bytes, offset, length, chars);
    }

    private boolean appendMissing(int column, DataType type, ColumnBuilder builder, boolean stringLike) {
        if (assembler.hasDefault(column)) {
            assembler.appendDefault(column);
            return true;
        }
        if (CsvRecordHandler.isNullable(type)) {
            builder.appendNull();
            return true;
        }
        if (stringLike || type instanceof ArrayType || type instanceof MapType) {
            builder.appendDefault();
            return true;
        }
        return false;
    }

    private boolean appendArray(JsonCapture capture, DataType type, ColumnBuilder builder, boolean stringLike) {
        if (!(type instanceof ArrayType arrayType)) {
            if (!stringLike) {
                return false;
            }
            builder.appendString(capture.describe(line));
            return true;
        }
        DataType element = arrayType.element();
        boolean elementString = ValueParser.isStringLike(element);
        byte[] text = capture.text;
        for (int i = 0; i < capture.elementCount; i++) {
            byte kind = capture.elementKinds[i];
            if (kind != JsonCapture.NULL && !elementString) {
                int length = chars(text, capture.elementStarts[i], capture.elementLengths[i]);
                if (!parser.isValid(element, chars, 0, length)) {
                    return false;
                }
            }
        }
        ArrayColumnBuilder arrayBuilder = (ArrayColumnBuilder) builder;
        ColumnBuilder elements = arrayBuilder.elements();
        for (int i = 0; i < capture.elementCount; i++) {
            int start = capture.elementStarts[i];
            int length = capture.elementLengths[i];
            if (capture.elementKinds[i] == JsonCapture.NULL) {
                elements.appendNull();
            } else if (elementString) {
                elements.appendBytes(text, start, length);
            } else {
                parser.parseInto(element, chars, 0, chars(text, start, length), elements);
            }
        }
        arrayBuilder.closeArray();
        return true;
    }

    ParsedRows finish() {
        return assembler.finish(invalidLines, emptyLines);
    }

    ParseSummary finishStream() {
        return assembler.finishStream(invalidLines, emptyLines);
    }
}
