package io.starling.sql.format.parquet;

import io.starling.sql.format.ByteSink;
import io.starling.sql.format.ValueParser;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The elements a {@code [:]} path takes from a list ({@code $.list[:]}, {@code $.items[:].field}) when they do not
 * match the column's type (a list of lists into Array(T), structs into Array(Map(...)), {@code [:]} into a String
 * column, ...), read as the NDJSON text path reads the elements of a JSON array: each element's value at the
 * projection ({@link Text}: a string, number or boolean as its text, a struct / list / map as its JSON text, null
 * or missing as NULL); into Array(T) every non-null element must parse as T (strings take the text as it is),
 * else the row fails with the array's text; into a String column the value is the array's text; other types fail.
 * A null list is absent. Allocates per element (its text): these shapes are mostly errors. Not thread-safe.
 */
final class ParquetElementsValue extends ParquetNestedValue {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte OTHER = 2;

    private final ParquetNode repeated;
    private final int listDefinition;
    private final ParquetNestedValue element;
    private final DataType type;
    private final ValueParser parser = new ValueParser();
    /** The current row's elements: their kinds and texts (filled by the {@link Text} values of {@code element}). */
    private final List<String> texts = new ArrayList<>();
    private final ByteSink kinds = new ByteSink();

    /**
     * {@code node}: the LIST group or bare repeated field; {@code repeated} its repeated field; {@code element}
     * reads one element's value at the projection, ending in a {@link Text} made by {@link #text}.
     */
    ParquetElementsValue(ParquetNode node, ParquetNode repeated, ParquetNestedValue element, DataType type) {
        super(node);
        this.repeated = repeated;
        this.listDefinition = node == repeated ? repeated.definition - 1 : node.definition;
        this.element = element;
        this.type = type;
    }

    /** The text of one element (the end of an element's walk) for the elements value {@code owner} will read. */
    static Text text(ParquetNode node, boolean wholeField, boolean listElement, ParquetElementsValue[] owner) {
        return new Text(node, wholeField, listElement, owner);
    }

    @Override
    boolean read(ColumnBuilder out, Failure failure) {
        int definition = node.currentDefinition();
        if (definition < listDefinition) {
            node.skipField();
            return false;
        }
        texts.clear();
        kinds.reset();
        if (definition < repeated.definition) {
            node.skipField();
        } else {
            do {
                if (!element.read(out, failure)) {
                    add(NULL, null);
                }
            } while (repeated.continues());
        }
        if (!(type instanceof ArrayType array)) {
            if (ValueParser.isStringLike(type)) {
                out.appendString(describe());
            } else {
                fail(out, failure);
            }
            return true;
        }
        DataType elementType = array.element();
        boolean elementString = ValueParser.isStringLike(elementType);
        if (!elementString) {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                if (text != null && !parser.isValid(elementType, text.toCharArray(), 0, text.length())) {
                    fail(out, failure);
                    return true;
                }
            }
        }
        ColumnBuilder elements = ((ArrayColumnBuilder) out).elements();
        for (String text : texts) {
            if (text == null) {
                elements.appendNull();
            } else if (elementString) {
                elements.appendString(text);
            } else {
                parser.parseInto(elementType, text, elements);
            }
        }
        ((ArrayColumnBuilder) out).closeArray();
        return true;
    }

    private void add(byte kind, String text) {
        kinds.write(kind);
        texts.add(text);
    }

    private void fail(ColumnBuilder out, Failure failure) {
        failure.fail(describe());
        out.appendDefault();
    }

    /** The elements as the text path writes a captured array: strings quoted, structured values as JSON. */
    private String describe() {
        StringBuilder result = new StringBuilder("[");
        byte[] kind = kinds.rawBytes();
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                result.append(',');
            }
            String text = texts.get(i);
            switch (kind[i]) {
                case NULL -> result.append("null");
                case STRING -> result.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
                default -> result.append(text);
            }
        }
        return result.append(']').toString();
    }

    /**
     * One element's value as the text path captures it: a primitive's text ({@link ParquetValueText}; JSON null is
     * absent), a group's JSON text ({@link ParquetJsonTree}; a null list or map that is a three-level list's
     * element is {@code []} / {@code {}}, as the text path writes it). Appends to its owner, not to the builder.
     */
    static final class Text extends ParquetNestedValue {
        private final ParquetJsonTree writer = new ParquetJsonTree();
        private final ByteSink json = new ByteSink();
        private final boolean wholeField;
        private final String nullText;
        private final ParquetElementsValue[] owner;

        private Text(ParquetNode node, boolean wholeField, boolean listElement, ParquetElementsValue[] owner) {
            super(node);
            this.wholeField = wholeField && node.repeated();
            this.nullText = ParquetJsonValues.absentText(node.type, listElement);
            this.owner = owner;
        }

        @Override
        boolean read(ColumnBuilder out, Failure failure) {
            int needed = wholeField ? node.definition - 1 : node.definition;
            if (node.currentDefinition() < needed) {
                node.skipField();
                if (nullText == null) {
                    return false;
                }
                owner[0].add(OTHER, nullText);
                return true;
            }
            json.reset();
            if (node.primitive() && !wholeField) {
                String text = ParquetJsonValues.primitiveText(node.firstLeaf(), json);
                if (text == null) {
                    return false;
                }
                owner[0].add(ParquetJsonValues.firstByte(json) == '"' ? STRING : OTHER, text);
                return true;
            }
            if (wholeField) {
                writer.writeField(node, json);
            } else {
                writer.writeValue(node, json);
            }
            owner[0].add(OTHER, new String(json.rawBytes(), 0, json.size(), StandardCharsets.UTF_8));
            return true;
        }
    }
}
