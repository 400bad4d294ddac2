package io.starling.sql.format.parquet;

import io.starling.sql.format.ValueParser;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.JsonPath;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.TupleType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Plans how a column whose jsonpath reaches a nested Parquet shape is read ({@link ParquetNestedValue}): walks the
 * path's keys through structs and by key through maps (a key into a list or a scalar finds nothing: every row
 * misses it, as in the JSON form of the row), takes {@code [:]} as the column's outer Array level, then matches
 * the field with the column's type: Array ↔ LIST or bare repeated field, Map ↔ MAP, Tuple ↔ struct, String ↔
 * anything (JSON text), scalars ↔ primitives, Nullable(Array / Map / Tuple) ↔ the same as the inner type with
 * NULL for a null field ({@link ParquetNullableValue}). When the field the path reaches does not match the type
 * anywhere inside (a struct into a Map or Array, a list into a scalar, a scalar into an Array, lists of lists
 * into Array(T), a tuple that does not fit its struct, ...), the column reads the field's JSON text parsed as the
 * NDJSON text path parses it ({@link ParquetParsedValue}); likewise elements under {@code [:]} that do not match
 * the Array's element type, and {@code [:]} into a non-Array column ({@link ParquetElementsValue});
 * {@code [:]} of a scalar, struct or map finds nothing (every row misses it). Answers
 * {@link ParquetLeafPath.Unsupported} with the reason for what it does not read (group map keys, odd LIST/MAP
 * layouts, groups without fields), which the NDJSON text path then reads.
 */
final class ParquetNestedPlan {
    /** The plan was refused: {@code getMessage()} says why. */
    private static class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The field's shape does not match the type (a list into a scalar, ...): the column's value is then read as its
     * JSON text parsed ({@link ParquetParsedValue}, under {@code [:]} {@link ParquetElementsValue}).
     */
    private static final class Mismatch extends Refused {
        Mismatch(String reason) {
            super(reason);
        }
    }

    /** Every row misses the value. */
    private static final class Absent extends RuntimeException {
        Absent() {
            super(null, null, false, false);
        }
    }

    private final Map<String, ParquetLeafCursor> cursors = new LinkedHashMap<>();
    private final IngestColumn column;

    private ParquetNestedPlan(IngestColumn column) {
        this.column = column;
    }

    /** The nested reading of {@code column}: {@link ParquetLeafPath.Nested}, MISSING or Unsupported. */
    static ParquetLeafPath resolve(MessageType schema, IngestColumn column) {
        ParquetNestedPlan plan = new ParquetNestedPlan(column);
        ParquetNode root = ParquetNode.root(schema);
        try {
            ParquetNestedValue value = plan.top(root, JsonPath.parse(column.jsonPath(), column.name()));
            List<ParquetLeafCursor> leaves = new ArrayList<>(plan.cursors.values());
            root.assignLeaves(leaves);
            return new ParquetLeafPath.Nested(value, leaves);
        } catch (Refused refused) {
            return new ParquetLeafPath.Unsupported(refused.getMessage());
        } catch (Absent absent) {
            return ParquetLeafPath.MISSING;
        }
    }

    private ParquetNestedValue top(ParquetNode root, JsonPath path) {
        DataType type = column.type();
        if (!path.array()) {
            return walk(root, false, path.keys(), 0, node -> orParsed(node, type, node != root));
        }
        DataType target = type instanceof NullableType nullable && nullable.inner() instanceof ArrayType
                ? nullable.inner() : type;
        return walk(root, false, path.keys(), 0, node -> {
            if (!isArray(node, false)) {
                // as in the row's JSON: [:] of a scalar, struct or map finds no elements
                throw new Absent();
            }
            ParquetNestedValue list;
            try {
                if (!(target instanceof ArrayType array)) {
                    throw new Mismatch("[" + column.name() + "] reads [:] into " + type.name() + ", not an Array");
                }
                list = list(node, array.element(), path.projection());
            } catch (Mismatch mismatch) {
                list = elements(node, target, path.projection());
            }
            return target == type ? list : new ParquetNullableValue(list);
        });
    }

    /** The elements {@code [:]} takes from the list {@code node}, as text parsed ({@link ParquetElementsValue}). */
    private ParquetNestedValue elements(ParquetNode node, DataType type, List<String> projection) {
        checkJsonShape(node);
        ParquetNode repeated = node.repeated() ? node : node.child(0);
        boolean threeLevel = node != repeated && !node.twoLevelList();
        ParquetNode element = threeLevel ? repeated.child(0) : repeated;
        ParquetElementsValue[] owner = new ParquetElementsValue[1];
        ParquetNestedValue value = walk(element, !threeLevel, projection, 0, target -> {
            checkJsonShape(target);
            target.collectLeaves(this::own);
            return ParquetElementsValue.text(target, target != element || threeLevel, target == element && threeLevel,
                    owner);
        });
        owner[0] = new ParquetElementsValue(node, repeated, value, type);
        return owner[0];
    }

    /** The reader of the field the path reaches; when its shape does not match the type, its JSON text parsed. */
    private ParquetNestedValue orParsed(ParquetNode node, DataType type, boolean whole) {
        try {
            return terminal(node, type, whole, false);
        } catch (Mismatch mismatch) {
            checkJsonShape(node);
            node.collectLeaves(this::own);
            if (type instanceof NullableType nullable && ParquetParsedValue.isContainer(nullable.inner())) {
                return new ParquetNullableValue(new ParquetParsedValue(node, nullable.inner(), whole));
            }
            return new ParquetParsedValue(node, type, whole);
        }
    }

    private interface End {
        ParquetNestedValue at(ParquetNode node);
    }

    /**
     * Walks {@code keys[from..]} from {@code start} ({@code instance}: one element of a repeated field, not the
     * array of them) and answers {@code end}'s reader of the field reached.
     */
    private ParquetNestedValue walk(ParquetNode start, boolean instance, List<String> keys, int from, End end) {
        ParquetNode node = start;
        for (int i = from; i < keys.size(); i++) {
            String key = keys.get(i);
            if (node.primitive() || isArray(node, node == start && instance)) {
                throw new Absent();
            }
            if (node.jsonMap()) {
                checkMap(node);
                ParquetNode entry = node.child(0);
                own(entry.child(0));
                ParquetNestedValue value = entry.fieldCount() < 2 ? null : walk(entry.child(1), false, keys, i + 1, end);
                return new ParquetNestedValue.MapKeyStep(node, key, value);
            }
            node = node.child(key);
            if (node == null) {
                throw new Absent();
            }
        }
        return end.at(node);
    }

    /** Whether {@code node} reads as an array (a LIST group, or all of a bare repeated field). */
    private static boolean isArray(ParquetNode node, boolean instance) {
        return (node.repeated() && !instance) || node.jsonList();
    }

    /** An Array of {@code elementType} from a LIST group or bare repeated field, each element walked by {@code projection}. */
    private ParquetNestedValue list(ParquetNode node, DataType elementType, List<String> projection) {
        ParquetNode repeated = node.repeated() ? node : node.child(0);
        if (!repeated.repeated()) {
            throw new Refused("the LIST [" + node.name() + "] has no repeated field");
        }
        ParquetNode element;
        boolean threeLevel = node != repeated && !node.twoLevelList();
        if (threeLevel) {
            element = repeated.child(0);
            if (element.repeated()) {
                throw new Refused("the LIST [" + node.name() + "] has a repeated element");
            }
        } else {
            element = repeated;
        }
        ParquetNestedValue value = walk(element, !threeLevel, projection, 0,
                target -> terminal(target, elementType, target != element || threeLevel,
                        target == element && threeLevel));
        return new ParquetNestedValue.ListValue(node, repeated, value);
    }

    /**
     * The reader of {@code node} into {@code type}; {@code whole}: a bare repeated field is the array of all its
     * elements; {@code listElement}: the node is a three-level list's element.
     */
    private ParquetNestedValue terminal(ParquetNode node, DataType type, boolean whole, boolean listElement) {
        boolean array = isArray(node, !whole);
        if (ValueParser.isStringLike(type)) {
            if (node.primitive() && !array) {
                return scalar(node, type);
            }
            checkJsonShape(node);
            node.collectLeaves(this::own);
            return new ParquetNestedValue.JsonValue(node, whole, listElement);
        }
        DataType base = type instanceof NullableType nullable ? nullable.inner() : type;
        String field = "[" + column.name() + "] of type " + column.type().name() + " reads [" + node.name() + "]";
        if (base != type && ParquetParsedValue.isContainer(base)) {
            return new ParquetNullableValue(terminal(node, base, whole, listElement));
        }
        return switch (base) {
            case ArrayType arrayType -> {
                if (!array) {
                    throw new Mismatch(field + ", which is not a list, into " + type.name());
                }
                yield list(node, arrayType.element(), List.of());
            }
            case MapType mapType -> {
                if (array || !node.jsonMap()) {
                    throw new Mismatch(field + ", which is not a map, into " + type.name());
                }
                checkMap(node);
                ParquetNode entry = node.child(0);
                ParquetNestedValue key = terminal(entry.child(0), mapType.key(), true, false);
                ParquetNestedValue value = entry.fieldCount() < 2 ? null
                        : terminal(entry.child(1), mapType.value(), true, false);
                yield new ParquetNestedValue.MapValue(node, key, value);
            }
            case TupleType tupleType -> {
                if (array || node.primitive() || node.jsonMap()) {
                    throw new Mismatch(field + ", which is not a struct, into " + type.name());
                }
                yield tuple(node, tupleType, field);
            }
            default -> {
                if (array || !node.primitive()) {
                    throw new Mismatch(field + ", a list, struct or map, into " + type.name());
                }
                yield scalar(node, type);
            }
        };
    }

    private ParquetNestedValue tuple(ParquetNode node, TupleType type, String field) {
        int count = type.elements().size();
        ParquetNestedValue[] fields = new ParquetNestedValue[count];
        if (!type.isNamed() && count != node.fieldCount()) {
            throw new Mismatch(field + " (" + node.fieldCount() + " fields) into " + type.name() + " (" + count
                    + " elements)");
        }
        for (int i = 0; i < count; i++) {
            ParquetNode member = type.isNamed() ? member(node, type.names().get(i)) : node.child(i);
            if (member == null) {
                throw new Mismatch(field + ", which has no field [" + type.names().get(i) + "], into " + type.name());
            }
            fields[i] = terminal(member, type.elements().get(i), true, false);
        }
        return new ParquetNestedValue.TupleValue(node, fields);
    }

    /** The struct's field called {@code name} (exactly, else ignoring case); null when none. */
    private static ParquetNode member(ParquetNode struct, String name) {
        ParquetNode exact = struct.child(name);
        if (exact != null) {
            return exact;
        }
        for (int i = 0; i < struct.fieldCount(); i++) {
            if (struct.child(i).type.getName().equalsIgnoreCase(name)) {
                return struct.child(i);
            }
        }
        return null;
    }

    private ParquetNestedValue scalar(ParquetNode node, DataType type) {
        own(node);
        return new ParquetNestedValue.Scalar(node, ParquetConverters.of(node.type.asPrimitiveType(), type));
    }

    private void own(ParquetNode leaf) {
        if (!leaf.primitive()) {
            throw new Refused("[" + leaf.name() + "] is a group where a value is expected");
        }
        cursors.computeIfAbsent(ParquetColumnPart.key(leaf.path),
                key -> new ParquetLeafCursor(leaf.path, leaf.type.asPrimitiveType(), leaf.definition));
    }

    /** A MAP group the readers take: a repeated key_value group, a primitive key, a value that does not repeat. */
    private static void checkMap(ParquetNode map) {
        ParquetNode entry = map.child(0);
        if (!entry.repeated() || !entry.child(0).primitive() || entry.child(0).repeated()
                || (entry.fieldCount() > 1 && entry.child(1).repeated())) {
            throw new Refused("the MAP [" + map.name() + "] has an unusual layout");
        }
    }

    /** Refuses shapes {@link ParquetJsonTree} does not write as the text path does. */
    private static void checkJsonShape(ParquetNode node) {
        if (node.primitive()) {
            return;
        }
        if (node.fieldCount() == 0) {
            throw new Refused("the group [" + node.name() + "] has no fields");
        }
        if (node.jsonList()) {
            ParquetNode repeated = node.child(0);
            if (!repeated.repeated() || (!node.twoLevelList() && repeated.child(0).repeated())) {
                throw new Refused("the LIST [" + node.name() + "] has an unusual layout");
            }
        } else if (node.jsonMap()) {
            checkMap(node);
        }
        for (int i = 0; i < node.fieldCount(); i++) {
            checkJsonShape(node.child(i));
        }
    }

    /** A byte array compared as its bytes (not a decimal, UUID or float16). */
    static boolean plainBinary(Type type) {
        if (!type.isPrimitive()) {
            return false;
        }
        PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        return primitive.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                && !(logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation);
    }
}
