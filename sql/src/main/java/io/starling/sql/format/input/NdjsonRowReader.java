package io.starling.sql.format.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
 * Reads one NDJSON line at a time with Jackson's streaming parser, walking only the parts of the object that
 * some column's jsonpath reaches, then appends the captured values as a row (or quarantines it).
 * See {@link NdjsonInput} for the rules. Not thread-safe.
 */
final class NdjsonRowReader {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final char[] NO_CHARS = new char[0];
    private static final char[] ONE = {'1'};
    private static final char[] ZERO = {'0'};

    private final RowAssembler assembler;
    private final ValueParser parser = new ValueParser();
    private final JsonPath.Node root;
    private final JsonCapture[] captures;
    private final int[] elementCounts;
    private long invalidLines;
    private long emptyLines;
    private byte[] line;

    NdjsonRowReader(List<IngestColumn> columns) {
        this(new RowAssembler(columns), columns);
    }

    NdjsonRowReader(RowAssembler assembler, List<IngestColumn> columns) {
        this.assembler = assembler;
        List<JsonPath> paths = new ArrayList<>(columns.size());
        for (IngestColumn column : columns) {
            paths.add(JsonPath.parse(column.jsonPath(), column.name()));
        }
        this.root = JsonPath.tree(paths);
        this.captures = new JsonCapture[columns.size()];
        for (int i = 0; i < captures.length; i++) {
            captures[i] = new JsonCapture();
        }
        this.elementCounts = new int[columns.size()];
    }

    void readLine(byte[] bytes, int length) {
        int start = 0;
        if (length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            start = 3;
        }
        while (length > start && isWhitespace(bytes[length - 1])) {
            length--;
        }
        while (start < length && isWhitespace(bytes[start])) {
            start++;
        }
        if (start == length) {
            emptyLines++;
            return;
        }
        if (start > 0) {
            System.arraycopy(bytes, start, bytes, 0, length - start);
            length -= start;
        }
        line = bytes;
        for (JsonCapture capture : captures) {
            capture.reset();
        }
        if (!walkLine(bytes, length)) {
            invalidLines++;
            return;
        }
        assembler.addBytes(length + 1);
        appendRow();
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
                    capture.addElement(JsonCapture.NULL, NO_CHARS, 0, 0);
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
                capture.addElement(JsonCapture.NULL, NO_CHARS, 0, 0);
            } else {
                capture.kind = JsonCapture.NULL;
            }
            return;
        }
        char[] chars = json.getTextCharacters();
        int offset = json.getTextOffset();
        int length = json.getTextLength();
        if (inElement) {
            capture.addElement(kind, chars, offset, length);
        } else {
            capture.setScalar(kind, chars, offset, length);
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
        boolean stringLike = ValueParser.isStringLike(type);
        switch (capture.kind) {
            case JsonCapture.MISSING, JsonCapture.NULL -> {
                return appendMissing(column, type, builder, stringLike);
            }
            case JsonCapture.STRING, JsonCapture.NUMBER -> {
                if (stringLike) {
                    parser.appendString(capture.text, 0, capture.textLength, builder);
                    return true;
                }
                return parser.parseInto(type, capture.text, 0, capture.textLength, builder);
            }
            case JsonCapture.BOOLEAN -> {
                if (stringLike || type.unwrapNullable() instanceof BoolType) {
                    return parser.parseInto(type, capture.text, 0, capture.textLength, builder);
                }
                char[] digit = capture.text[0] == 't' ? ONE : ZERO;
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
        for (int i = 0; i < capture.elementCount; i++) {
            byte kind = capture.elementKinds[i];
            if (kind != JsonCapture.NULL && !elementString
                    && !parser.isValid(element, capture.text, capture.elementStarts[i], capture.elementLengths[i])) {
                return false;
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
                parser.appendString(capture.text, start, length, elements);
            } else {
                parser.parseInto(element, capture.text, start, length, elements);
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
