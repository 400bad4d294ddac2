package io.starling.sql.format.parquet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * A field of a Parquet schema as the nested reader sees it: its definition level (the level at which it is
 * defined: present, or for a repeated field at least one element), its repetition level (repeated fields from the
 * root down to it, itself included), its schema path, and the leaf cursors under it that the reader owns (whose
 * levels tell whether it is present, and which are consumed to skip it). Not thread-safe.
 */
final class ParquetNode {
    final Type type;
    final String[] path;
    final int definition;
    final int repetition;
    private final ParquetNode[] children;
    private ParquetLeafCursor[] leaves = new ParquetLeafCursor[0];

    private ParquetNode(Type type, String[] path, int definition, int repetition) {
        this.type = type;
        this.path = path;
        this.definition = definition;
        this.repetition = repetition;
        this.children = new ParquetNode[type.isPrimitive() ? 0 : type.asGroupType().getFieldCount()];
    }

    /** The leaf cursors of every primitive field under this one (created once, in schema order). */
    void collectLeaves(java.util.function.Consumer<ParquetNode> out) {
        if (primitive()) {
            out.accept(this);
            return;
        }
        for (int i = 0; i < fieldCount(); i++) {
            child(i).collectLeaves(out);
        }
    }

    /** The schema root (the message: always present, levels 0). */
    static ParquetNode root(GroupType message) {
        return new ParquetNode(message, new String[0], 0, 0);
    }

    ParquetNode child(int index) {
        if (children[index] == null) {
            Type field = type.asGroupType().getType(index);
            String[] childPath = Arrays.copyOf(path, path.length + 1);
            childPath[path.length] = field.getName();
            children[index] = new ParquetNode(field, childPath,
                    definition + (field.isRepetition(Type.Repetition.REQUIRED) ? 0 : 1),
                    repetition + (field.isRepetition(Type.Repetition.REPEATED) ? 1 : 0));
        }
        return children[index];
    }

    ParquetNode child(String name) {
        GroupType group = type.asGroupType();
        return group.containsField(name) ? child(group.getFieldIndex(name)) : null;
    }

    int fieldCount() {
        return children.length;
    }

    boolean primitive() {
        return type.isPrimitive();
    }

    /** A repeated field (the message root, which Parquet marks repeated, is not). */
    boolean repeated() {
        return path.length > 0 && type.isRepetition(Type.Repetition.REPEATED);
    }

    /** A LIST group as {@link ParquetJsonValues} writes it (one field; the planner checks that it repeats). */
    boolean jsonList() {
        return !primitive() && type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                && fieldCount() == 1;
    }

    /** A MAP group as {@link ParquetJsonValues} writes it. */
    boolean jsonMap() {
        LogicalTypeAnnotation logical = primitive() ? null : type.getLogicalTypeAnnotation();
        return (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
                && fieldCount() == 1 && !type.asGroupType().getType(0).isPrimitive()
                && type.asGroupType().getType(0).asGroupType().getFieldCount() >= 1;
    }

    /** Whether a LIST group's repeated field is itself the element (the legacy two-level forms). */
    boolean twoLevelList() {
        Type repeated = type.asGroupType().getType(0);
        return repeated.isPrimitive() || repeated.asGroupType().getFieldCount() != 1
                || repeated.getName().equals("array") || repeated.getName().endsWith("_tuple");
    }

    /** Whether the cursors' current entries define this field ({@link #definition} reached). */
    boolean present() {
        return leaves[0].definition() >= definition;
    }

    /** The current definition level (of its first owned leaf). */
    int currentDefinition() {
        return leaves[0].definition();
    }

    /** Whether the next entry (after one instance was consumed) continues this repeated field. */
    boolean continues() {
        ParquetLeafCursor first = leaves[0];
        return first.more() && first.repetition() == repetition;
    }

    /** Consumes one instance of this field (one element when it repeats). */
    void skipInstance() {
        for (ParquetLeafCursor leaf : leaves) {
            leaf.skip(repetition);
        }
    }

    /** Consumes all of this field within its parent's instance (every element when it repeats). */
    void skipField() {
        int level = repeated() ? repetition - 1 : repetition;
        for (ParquetLeafCursor leaf : leaves) {
            leaf.skip(level);
        }
    }

    ParquetLeafCursor firstLeaf() {
        return leaves[0];
    }

    boolean hasLeaves() {
        return leaves.length > 0;
    }

    String name() {
        return path.length == 0 ? "$" : String.join(".", path);
    }

    /** Gives this node and every node built under it the owned cursors under its path. */
    void assignLeaves(List<ParquetLeafCursor> owned) {
        List<ParquetLeafCursor> mine = new ArrayList<>();
        for (ParquetLeafCursor cursor : owned) {
            if (cursor.path.length >= path.length && Arrays.equals(cursor.path, 0, path.length, path, 0, path.length)) {
                mine.add(cursor);
            }
        }
        leaves = mine.toArray(new ParquetLeafCursor[0]);
        for (ParquetNode child : children) {
            if (child != null) {
                child.assignLeaves(mine);
            }
        }
    }
}
