package io.starling.sql.format.parquet;

import io.starling.sql.format.ByteSink;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.MapColumnBuilder;
import io.starling.storage.column.TupleColumnBuilder;
import java.nio.charset.StandardCharsets;

/**
 * Reads one instance of a Parquet field from its leaf cursors into a column builder of a ClickHouse type, as
 * ClickHouse's Parquet input reads nested columns: a LIST (or bare repeated field) into Array(T), a MAP into
 * Map(K, V) (keys and values read together from the repeated key_value group), a struct into Tuple (by name when
 * the tuple is named, else by position), a primitive into a scalar ({@link ParquetConverters}), any field into a
 * String column as its JSON text ({@link ParquetJsonTree}), and a path that goes by key through a map;
 * Nullable(Array / Map / Tuple) by {@link ParquetNullableValue}, shapes that do not match their type by
 * {@link ParquetParsedValue} (as the NDJSON text path parses them).
 *
 * <p>{@link #read} consumes the instance and appends exactly one value, or answers false having appended nothing
 * when the field is absent (null, or under a null struct): the caller decides what that becomes (the column's
 * DEFAULT at the top, NULL / the type's default inside an array, map or tuple; a null list, map or tuple inside
 * another value is empty, as ClickHouse has no NULL arrays, and NULL when its type is Nullable(...)). A value
 * that does not convert still appends the type's default and marks the row failed in the {@link Failure} (the
 * row is then quarantined). Not thread-safe.
 */
abstract sealed class ParquetNestedValue permits ParquetNestedValue.Scalar, ParquetNestedValue.ListValue,
        ParquetNestedValue.MapValue, ParquetNestedValue.TupleValue, ParquetNestedValue.JsonValue,
        ParquetNestedValue.MapKeyStep, ParquetNullableValue, ParquetParsedValue,
        ParquetElementsValue, ParquetElementsValue.Text {
    /** The first conversion failure of the row being read. */
    static final class Failure {
        boolean failed;
        String raw;

        void reset() {
            failed = false;
            raw = null;
        }

        void fail(String rawValue) {
            if (!failed) {
                failed = true;
                raw = rawValue;
            }
        }
    }

    final ParquetNode node;

    ParquetNestedValue(ParquetNode node) {
        this.node = node;
    }

    abstract boolean read(ColumnBuilder out, Failure failure);

    /** Reads one instance; when absent, appends NULL (the type's default, an empty array or map) instead. */
    final void readOrNull(ColumnBuilder out, Failure failure) {
        if (!read(out, failure)) {
            out.appendNull();
        }
    }

    /** A primitive into a scalar column. */
    static final class Scalar extends ParquetNestedValue {
        private final ParquetConverters.Converter converter;

        Scalar(ParquetNode node, ParquetConverters.Converter converter) {
            super(node);
            this.converter = converter;
        }

        @Override
        boolean read(ColumnBuilder out, Failure failure) {
            ParquetLeafCursor leaf = node.firstLeaf();
            if (!leaf.defined()) {
                leaf.consume();
                return false;
            }
            if (!converter.append(leaf.reader, out)) {
                failure.fail(ParquetValueText.of(leaf.reader, leaf.type));
                out.appendDefault();
            }
            leaf.consume();
            return true;
        }
    }

    /**
     * A LIST group (or, with {@code element} reading the repeated field itself, a bare repeated field) into
     * Array(T). {@code repeated} is the repeated field; {@code listDefinition} the level at which the list is
     * defined (its own for a LIST group, its parent's for a bare repeated field).
     */
    static final class ListValue extends ParquetNestedValue {
        private final ParquetNode repeated;
        private final int listDefinition;
        private final ParquetNestedValue element;

        ListValue(ParquetNode node, ParquetNode repeated, ParquetNestedValue element) {
            super(node);
            this.repeated = repeated;
            this.listDefinition = node == repeated ? repeated.definition - 1 : node.definition;
            this.element = element;
        }

        @Override
        boolean read(ColumnBuilder out, Failure failure) {
            int definition = node.currentDefinition();
            if (definition < listDefinition) {
                node.skipField();
                return false;
            }
            ArrayColumnBuilder array = (ArrayColumnBuilder) out;
            if (definition < repeated.definition) {
                node.skipField();
            } else {
                ColumnBuilder elements = array.elements();
                do {
                    element.readOrNull(elements, failure);
                } while (repeated.continues());
            }
            array.closeArray();
            return true;
        }
    }

    /** A MAP group into Map(K, V): each entry of the repeated key_value group; entries without a key are left out. */
    static final class MapValue extends ParquetNestedValue {
        private final ParquetNode entry;
        private final ParquetNestedValue key;
        private final ParquetNestedValue value;

        MapValue(ParquetNode node, ParquetNestedValue key, ParquetNestedValue value) {
            super(node);
            this.entry = node.child(0);
            this.key = key;
            this.value = value;
        }

        @Override
        boolean read(ColumnBuilder out, Failure failure) {
            int definition = node.currentDefinition();
            if (definition < node.definition) {
                node.skipField();
                return false;
            }
            MapColumnBuilder map = (MapColumnBuilder) out;
            if (definition < entry.definition) {
                node.skipField();
            } else {
                do {
                    if (!key.node.present()) {
                        entry.skipInstance();
                        continue;
                    }
                    key.read(map.keys(), failure);
                    if (value == null) {
                        map.values().appendNull();
                    } else {
                        value.readOrNull(map.values(), failure);
                    }
                } while (entry.continues());
            }
            map.closeMap();
            return true;
        }
    }

    /** A struct into Tuple: {@code fields[i]} reads the struct field of tuple element i. */
    static final class TupleValue extends ParquetNestedValue {
        private final ParquetNestedValue[] fields;

        TupleValue(ParquetNode node, ParquetNestedValue[] fields) {
            super(node);
            this.fields = fields;
        }

        @Override
        boolean read(ColumnBuilder out, Failure failure) {
            if (!node.present()) {
                node.skipField();
                return false;
            }
            TupleColumnBuilder tuple = (TupleColumnBuilder) out;
            for (int i = 0; i < fields.length; i++) {
                fields[i].readOrNull(tuple.element(i), failure);
            }
            tuple.closeTuple();
            return true;
        }
    }

    /**
     * Any field into a String column as its JSON text. {@code wholeField}: a bare repeated field is read as the
     * array of all its elements (else as one element); {@code listElement}: the field is the element of a
     * three-level list, where a null list or map is written {@code []} / {@code {}} as the text path writes it.
     */
    static final class JsonValue extends ParquetNestedValue {
        private final ParquetJsonTree writer = new ParquetJsonTree();
        private final ByteSink text = new ByteSink();
        private final boolean wholeField;
        private final byte[] nullText;

        JsonValue(ParquetNode node, boolean wholeField, boolean listElement) {
            super(node);
            this.wholeField = wholeField && node.repeated();
            String absent = ParquetJsonValues.absentText(node.type, listElement);
            this.nullText = absent == null ? null : absent.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        boolean read(ColumnBuilder out, Failure failure) {
            int needed = wholeField ? node.definition - 1 : node.definition;
            if (node.currentDefinition() < needed) {
                node.skipField();
                if (nullText == null) {
                    return false;
                }
                out.appendBytes(nullText, 0, nullText.length);
                return true;
            }
            text.reset();
            if (wholeField) {
                writer.writeField(node, text);
            } else {
                writer.writeValue(node, text);
            }
            out.appendBytes(text.rawBytes(), 0, text.size());
            return true;
        }
    }

    /**
     * A path that goes by key through a map ({@code $.map.key...}): the first entry whose key's text is
     * {@code key}, read on by {@code value}; absent when no entry has that key.
     */
    static final class MapKeyStep extends ParquetNestedValue {
        private final ParquetNode entry;
        private final ParquetNode keyNode;
        private final byte[] key;
        private final java.nio.ByteBuffer keyBuffer;
        private final String keyText;
        private final boolean binaryKey;
        private final ParquetNestedValue value;

        MapKeyStep(ParquetNode node, String key, ParquetNestedValue value) {
            super(node);
            this.entry = node.child(0);
            this.keyNode = entry.child(0);
            this.keyText = key;
            this.key = key.getBytes(StandardCharsets.UTF_8);
            this.keyBuffer = java.nio.ByteBuffer.wrap(this.key).asReadOnlyBuffer();
            this.binaryKey = ParquetNestedPlan.plainBinary(keyNode.type);
            this.value = value;
        }

        @Override
        boolean read(ColumnBuilder out, Failure failure) {
            int definition = node.currentDefinition();
            if (definition < entry.definition) {
                node.skipField();
                return false;
            }
            boolean found = false;
            boolean appended = false;
            do {
                if (found || !keyNode.present() || !matches(keyNode.firstLeaf())) {
                    entry.skipInstance();
                    continue;
                }
                found = true;
                keyNode.firstLeaf().consume();
                if (value == null) {
                    continue;
                }
                appended = value.read(out, failure);
            } while (entry.continues());
            return appended;
        }

        private boolean matches(ParquetLeafCursor leaf) {
            if (binaryKey) {
                org.apache.parquet.io.api.Binary binary = leaf.reader.getBinary();
                if (binary.length() != key.length) {
                    return false;
                }
                return binary.toByteBuffer().equals(keyBuffer);
            }
            return ParquetValueText.of(leaf.reader, leaf.type).equals(keyText);
        }
    }
}
