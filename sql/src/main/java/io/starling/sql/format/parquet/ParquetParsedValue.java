package io.starling.sql.format.parquet;

import io.starling.sql.format.ByteSink;
import io.starling.sql.format.PlainValues;
import io.starling.sql.format.ValueParser;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.TupleType;
import java.nio.charset.StandardCharsets;

/**
 * A field whose shape does not match its column's type (a list of lists into Array(T), a scalar into Array(T), a
 * list, map or struct into a scalar, a struct into a Map or Array, a struct into a Tuple it does not fit, ...),
 * read as the NDJSON text path reads the field's JSON value: a struct, list or map (JSON object or array) is
 * parsed by {@link ValueParser} when the column is an Array, Map or Tuple (a struct into Map(String, T) thus takes
 * its field names as keys and leaves out null fields) and fails otherwise; a string or number is taken by
 * {@link PlainValues} or parsed, a boolean is parsed as {@code 1}/{@code 0} (as {@code true}/{@code false} into
 * Bool). A value that does not parse fails the row with the value's text ({@link ParquetValueText} for a
 * primitive, the JSON text of {@link ParquetJsonTree} otherwise), exactly the quarantine message of the text path.
 * {@code type} is never Nullable(Array / Map / Tuple): {@link ParquetNullableValue} wraps that; a value whose type
 * holds one deeper inside (which {@link ValueParser} cannot build) always fails. Allocates per value (the JSON
 * text): these shapes are mostly errors. Not thread-safe.
 */
final class ParquetParsedValue extends ParquetNestedValue {
    private final ParquetJsonTree writer = new ParquetJsonTree();
    private final ByteSink json = new ByteSink();
    private final ValueParser parser = new ValueParser();
    private final DataType type;
    private final boolean wholeField;
    private final boolean structured;
    private final boolean parseable;

    /** {@code wholeField}: a bare repeated field is the array of all its elements (else one element). */
    ParquetParsedValue(ParquetNode node, DataType type, boolean wholeField) {
        super(node);
        this.type = type;
        this.wholeField = wholeField && node.repeated();
        DataType base = type.unwrapNullable();
        this.structured = base instanceof ArrayType || base instanceof MapType || base instanceof TupleType;
        this.parseable = !holdsNullableContainer(type);
    }

    /** Whether {@code type} is or holds Nullable(Array / Map / Tuple). */
    static boolean holdsNullableContainer(DataType type) {
        return switch (type) {
            case NullableType nullable -> isContainer(nullable.inner()) || holdsNullableContainer(nullable.inner());
            case ArrayType array -> holdsNullableContainer(array.element());
            case MapType map -> holdsNullableContainer(map.key()) || holdsNullableContainer(map.value());
            case TupleType tuple -> tuple.elements().stream().anyMatch(ParquetParsedValue::holdsNullableContainer);
            case LowCardinalityType lowCardinality -> holdsNullableContainer(lowCardinality.inner());
            default -> false;
        };
    }

    static boolean isContainer(DataType type) {
        return type instanceof ArrayType || type instanceof MapType || type instanceof TupleType;
    }

    @Override
    boolean read(ColumnBuilder out, Failure failure) {
        int needed = wholeField ? node.definition - 1 : node.definition;
        if (node.currentDefinition() < needed) {
            node.skipField();
            return false;
        }
        if (node.primitive() && !wholeField) {
            return readPrimitive(out, failure);
        }
        json.reset();
        if (wholeField) {
            writer.writeField(node, json);
        } else {
            writer.writeValue(node, json);
        }
        String text = new String(json.rawBytes(), 0, json.size(), StandardCharsets.UTF_8);
        if (!structured || !parseable || !parser.parseInto(type, text, out)) {
            fail(text, out, failure);
        }
        return true;
    }

    /** A primitive as the text path takes a JSON string, number or boolean (JSON null: absent). */
    private boolean readPrimitive(ColumnBuilder out, Failure failure) {
        String text = ParquetJsonValues.primitiveText(node.firstLeaf(), json);
        if (text == null) {
            return false;
        }
        byte first = ParquetJsonValues.firstByte(json);
        boolean parsed;
        if (!parseable) {
            parsed = false;
        } else if (first == 't' || first == 'f') {
            boolean asWord = ValueParser.isStringLike(type) || type.unwrapNullable() instanceof BoolType;
            parsed = parser.parseInto(type, asWord ? text : first == 't' ? "1" : "0", out);
        } else {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            parsed = PlainValues.tryAppend(type, bytes, 0, bytes.length, out) || parser.parseInto(type, text, out);
        }
        if (!parsed) {
            fail(text, out, failure);
        }
        return true;
    }

    private static void fail(String raw, ColumnBuilder out, Failure failure) {
        failure.fail(raw);
        out.appendDefault();
    }
}
