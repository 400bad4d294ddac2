package io.starling.sql.format.parquet;

import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.JsonPath;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.TupleType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Where a data-source column's jsonpath lands in a Parquet schema, read as the NDJSON form of a row would be
 * ({@link ParquetJsonValues}: structs are objects, LIST and bare repeated fields arrays):
 * <ul>
 *   <li>{@code $.a.b} walks struct fields to a primitive leaf (a scalar column);</li>
 *   <li>{@code $.list[:]}, {@code $.list} into an Array column, {@code $.items[:].id} (a field of every element
 *       of a list of structs), lists of lists into Array(Array(T)): a leaf with one repetition level per Array
 *       level of the column's type;</li>
 *   <li>a key the schema does not have: {@link #MISSING} (every row takes the column's DEFAULT, NULL, or is
 *       quarantined, as for NDJSON).</li>
 * </ul>
 * Other shapes (a struct, map or list read whole into a String, Tuple, Map or Array column, a path by key through
 * a map, lists of lists into Array(String), the whole row {@code $}, Nullable(Array / Map / Tuple), shapes that
 * do not match the column's type) are planned by {@link ParquetNestedPlan}
 * ({@link Nested}); what neither reads answers {@link Unsupported} with the reason, and the file is then read
 * through NDJSON text.
 */
sealed interface ParquetLeafPath {
    /** The key is not in the file. */
    ParquetLeafPath MISSING = new Missing();

    record Missing() implements ParquetLeafPath {
    }

    record Unsupported(String reason) implements ParquetLeafPath {
    }

    /**
     * A primitive leaf: its schema {@code path}, its type, the definition level at which each repetition level's
     * list has an element ({@code repeatedDefinition[1..depth]}; index 0 unused) and the maximum definition level,
     * and the element type of the column (the column's type under its Array levels).
     */
    record Leaf(String[] path, PrimitiveType primitive, int depth, int[] repeatedDefinition, int maxDefinition,
                DataType elementType) implements ParquetLeafPath {
        String topField() {
            return path[0];
        }
    }

    /**
     * A column read by {@link ParquetNestedReader}: {@code value} reads it from the {@code leaves} it owns (maps,
     * tuples, JSON text, ...; see {@link ParquetNestedPlan}).
     */
    record Nested(ParquetNestedValue value, List<ParquetLeafCursor> leaves) implements ParquetLeafPath {
    }

    /** A {@link Leaf} when the column reads one primitive leaf, else the nested plan ({@link ParquetNestedPlan}). */
    static ParquetLeafPath resolve(MessageType schema, IngestColumn column) {
        ParquetLeafPath leaf = resolveLeaf(schema, column);
        return leaf instanceof Unsupported ? ParquetNestedPlan.resolve(schema, column) : leaf;
    }

    private static ParquetLeafPath resolveLeaf(MessageType schema, IngestColumn column) {
        JsonPath path = JsonPath.parse(column.jsonPath(), column.name());
        if (path.keys().isEmpty() && !path.array()) {
            return new Unsupported("the whole row ($) is read into [" + column.name() + "]");
        }
        List<Type> trail = new ArrayList<>();
        Walk walked = walk(schema, path.keys(), trail);
        if (walked.node() == null) {
            return walked.unsupported() == null ? MISSING : new Unsupported(walked.unsupported());
        }
        Type node = walked.node();
        if (path.array()) {
            node = element(node, trail);
            if (node == null) {
                return new Unsupported("[:] of [" + column.name() + "] is not on a list");
            }
            if (!path.projection().isEmpty()) {
                if (node.isPrimitive()) {
                    return MISSING;
                }
                walked = walk(node.asGroupType(), path.projection(), trail);
                if (walked.node() == null) {
                    return walked.unsupported() == null ? MISSING : new Unsupported(walked.unsupported());
                }
                node = walked.node();
            }
        }
        int arrays = arrayDepth(column.type());
        while (!node.isPrimitive() && ParquetColumns.isList(node.asGroupType()) && repetitions(trail) < arrays) {
            node = element(node, trail);
        }
        if (!node.isPrimitive()) {
            return new Unsupported("[" + column.name() + "] reads a whole struct, list or map");
        }
        int depth = repetitions(trail);
        if (depth != arrays) {
            return new Unsupported("[" + column.name() + "] of type " + column.type().name() + " reads a value nested "
                    + depth + " list(s) deep");
        }
        DataType element = column.type();
        for (int i = 0; i < arrays; i++) {
            element = ((ArrayType) element).element();
        }
        DataType base = element.unwrapNullable();
        if (base instanceof ArrayType || base instanceof MapType || base instanceof TupleType) {
            return new Unsupported("[" + column.name() + "] is a " + base.name() + " read from a scalar");
        }
        String[] names = new String[trail.size()];
        int[] repeatedDefinition = new int[depth + 1];
        int definition = 0;
        int repetition = 0;
        for (int i = 0; i < trail.size(); i++) {
            Type field = trail.get(i);
            names[i] = field.getName();
            if (!field.isRepetition(Type.Repetition.REQUIRED)) {
                definition++;
            }
            if (field.isRepetition(Type.Repetition.REPEATED)) {
                repeatedDefinition[++repetition] = definition;
            }
        }
        return new Leaf(names, node.asPrimitiveType(), depth, repeatedDefinition, definition, element);
    }

    /** Where a walk by keys ended: the field reached, or null (missing, or {@code unsupported} says why). */
    record Walk(Type node, String unsupported) {
    }

    /** Walks struct fields by key, adding each to {@code trail}. */
    private static Walk walk(GroupType start, List<String> keys, List<Type> trail) {
        GroupType group = start;
        Type node = start;
        for (String key : keys) {
            if (node != start) {
                if (node.isPrimitive()) {
                    return new Walk(null, null);
                }
                group = node.asGroupType();
                if (node.isRepetition(Type.Repetition.REPEATED) || group.getLogicalTypeAnnotation() != null) {
                    return new Walk(null, "the path goes by key through the list or map [" + node.getName() + "]");
                }
            }
            if (!group.containsField(key)) {
                return new Walk(null, null);
            }
            node = group.getType(key);
            trail.add(node);
        }
        return new Walk(node, null);
    }

    /** The element of a LIST group or bare repeated field (added to the trail); null for anything else. */
    private static Type element(Type node, List<Type> trail) {
        if (node.isRepetition(Type.Repetition.REPEATED)) {
            return node;
        }
        if (node.isPrimitive() || !ParquetColumns.isList(node.asGroupType())) {
            return null;
        }
        Type repeated = node.asGroupType().getType(0);
        trail.add(repeated);
        Type element = ParquetColumns.listElement(node.asGroupType());
        if (element != repeated) {
            trail.add(element);
        }
        return element;
    }

    private static int repetitions(List<Type> trail) {
        int count = 0;
        for (Type field : trail) {
            if (field.isRepetition(Type.Repetition.REPEATED)) {
                count++;
            }
        }
        return count;
    }

    private static int arrayDepth(DataType type) {
        int depth = 0;
        DataType current = type;
        while (current instanceof ArrayType array) {
            depth++;
            current = array.element();
        }
        return depth;
    }
}
