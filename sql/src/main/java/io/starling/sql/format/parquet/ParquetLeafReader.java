package io.starling.sql.format.parquet;

import io.starling.sql.format.input.ColumnarRows;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads one data-source column from one Parquet leaf column, row group by row group, a slice of rows at a time,
 * straight into the column's builder. A scalar leaf has one value (or null) per row; a leaf under lists is read by
 * its repetition and definition levels into nested Array builders: repetition level r starts a new element of the
 * list at level r (0 a new row), the definition level says how deep the value is defined (an empty or null list,
 * a null element, or a value). A null or absent value becomes what NDJSON makes of a missing one
 * ({@link ColumnarRows#appendMissing}); a null element of a list is appended as NULL (the element type's default
 * when it is not Nullable); a null list is empty (ClickHouse has no NULL arrays), a null top-level list is missing.
 * Not thread-safe.
 */
final class ParquetLeafReader implements ParquetColumnPart {
    /** A data-source column filled from this leaf (several columns may read the same leaf). */
    private static final class Target {
        final int column;
        final String name;
        final DataType type;
        final ParquetConverters.Converter converter;
        ArrayColumnBuilder[] levels;
        ColumnBuilder elements;
        boolean failed;

        Target(int column, String name, DataType type, ParquetConverters.Converter converter) {
            this.column = column;
            this.name = name;
            this.type = type;
            this.converter = converter;
        }
    }

    /** Null for columns the file does not have. */
    private final ParquetLeafPath.Leaf leaf;
    private Target[] targets = new Target[0];
    private ColumnReader reader;
    private long valuesLeft;

    ParquetLeafReader(ParquetLeafPath.Leaf leaf) {
        this.leaf = leaf;
    }

    /** Adds the input column {@code column} as a reader of this leaf (or of nothing, for a missing column). */
    void addTarget(int column, String name, DataType type) {
        ParquetConverters.Converter converter = leaf == null ? null
                : ParquetConverters.of(leaf.primitive(), type == null ? null : elementType(type));
        targets = java.util.Arrays.copyOf(targets, targets.length + 1);
        targets[targets.length - 1] = new Target(column, name, type, converter);
    }

    private DataType elementType(DataType type) {
        DataType element = type;
        for (int i = 0; i < leaf.depth(); i++) {
            element = ((io.starling.storage.type.ArrayType) element).element();
        }
        return element;
    }

    @Override
    public java.util.List<String> leafPaths() {
        return leaf == null ? java.util.List.of() : java.util.List.of(ParquetColumnPart.key(leaf.path()));
    }

    @Override
    public void start(ColumnReadStore store, MessageType projection) {
        if (leaf != null) {
            reader = store.getColumnReader(projection.getColumnDescription(leaf.path()));
            valuesLeft = reader.getTotalValueCount();
        }
    }

    @Override
    public void read(int rows, ColumnarRows sink, SliceErrors errors) {
        if (leaf == null) {
            for (Target target : targets) {
                for (int row = 0; row < rows; row++) {
                    appendMissing(target, row, sink, errors);
                }
            }
        } else if (leaf.depth() == 0) {
            readScalars(rows, sink, errors);
        } else {
            readLists(rows, sink, errors);
        }
    }

    private static void appendMissing(Target target, int row, ColumnarRows sink, SliceErrors errors) {
        if (!sink.appendMissing(target.column)) {
            errors.row(row).fail(target.column, target.name, target.type, null);
            sink.appendFiller(target.column);
        }
    }

    private void readScalars(int rows, ColumnarRows sink, SliceErrors errors) {
        if (targets.length == 1) {
            readScalars(targets[0], rows, sink, errors);
            return;
        }
        for (int row = 0; row < rows; row++) {
            boolean defined = leaf.maxDefinition() == 0 || reader.getCurrentDefinitionLevel() == leaf.maxDefinition();
            for (Target target : targets) {
                appendScalar(target, defined, row, sink, errors);
            }
            reader.consume();
        }
        valuesLeft -= rows;
    }

    /** One column: the loop without the per-target dispatch (the common case). */
    private void readScalars(Target target, int rows, ColumnarRows sink, SliceErrors errors) {
        ColumnBuilder builder = sink.builder(target.column);
        int maxDefinition = leaf.maxDefinition();
        ParquetConverters.Converter converter = target.converter;
        ColumnReader values = reader;
        for (int row = 0; row < rows; row++) {
            if (maxDefinition == 0 || values.getCurrentDefinitionLevel() == maxDefinition) {
                if (!converter.append(values, builder)) {
                    errors.row(row).fail(target.column, target.name, target.type,
                            ParquetValueText.of(values, leaf.primitive()));
                    sink.appendFiller(target.column);
                }
            } else {
                appendMissing(target, row, sink, errors);
            }
            values.consume();
        }
        valuesLeft -= rows;
    }

    private void appendScalar(Target target, boolean defined, int row, ColumnarRows sink, SliceErrors errors) {
        if (!defined) {
            appendMissing(target, row, sink, errors);
        } else if (!target.converter.append(reader, sink.builder(target.column))) {
            errors.row(row).fail(target.column, target.name, target.type, ParquetValueText.of(reader, leaf.primitive()));
            sink.appendFiller(target.column);
        }
    }

    private void readLists(int rows, ColumnarRows sink, SliceErrors errors) {
        int depth = leaf.depth();
        for (Target target : targets) {
            if (target.levels == null) {
                target.levels = new ArrayColumnBuilder[depth + 1];
            }
            target.levels[1] = (ArrayColumnBuilder) sink.builder(target.column);
            for (int level = 2; level <= depth; level++) {
                target.levels[level] = (ArrayColumnBuilder) target.levels[level - 1].elements();
            }
            target.elements = target.levels[depth].elements();
        }
        int[] repeatedDefinition = leaf.repeatedDefinition();
        ColumnReader values = reader;
        for (int row = 0; row < rows; row++) {
            int definition = values.getCurrentDefinitionLevel();
            if (definition < repeatedDefinition[1] - 1) {
                // the list itself is null or under a null struct: missing
                consume();
                for (Target target : targets) {
                    appendMissing(target, row, sink, errors);
                }
                continue;
            }
            for (Target target : targets) {
                target.failed = false;
            }
            int open = descend(1, definition, row, errors);
            consume();
            while (valuesLeft > 0 && values.getCurrentRepetitionLevel() > 0) {
                int repetition = values.getCurrentRepetitionLevel();
                close(open, repetition);
                open = descend(repetition, values.getCurrentDefinitionLevel(), row, errors);
                consume();
            }
            close(open, 0);
        }
    }

    /** Ends the open lists deeper than {@code level}, deepest first. */
    private void close(int open, int level) {
        for (Target target : targets) {
            for (int depth = open; depth > level; depth--) {
                target.levels[depth].closeArray();
            }
        }
    }

    private void consume() {
        reader.consume();
        valuesLeft--;
    }

    /**
     * Places the current value, an element of the list at level {@code from}: opens the deeper lists it is defined
     * in and appends the leaf when it reaches it. Answers the deepest open level. A value that does not convert
     * quarantines its row (once per column).
     */
    private int descend(int from, int definition, int row, SliceErrors errors) {
        int[] repeatedDefinition = leaf.repeatedDefinition();
        int depth = leaf.depth();
        int level = from;
        while (definition >= repeatedDefinition[level]) {
            if (level < depth) {
                level++;
                continue;
            }
            for (Target target : targets) {
                appendElement(target, definition, row, errors);
            }
            return level;
        }
        return level;
    }

    private void appendElement(Target target, int definition, int row, SliceErrors errors) {
        if (definition < leaf.maxDefinition()) {
            target.elements.appendNull();
            return;
        }
        if (target.converter.append(reader, target.elements)) {
            return;
        }
        if (!target.failed) {
            target.failed = true;
            errors.row(row).fail(target.column, target.name, target.type, ParquetValueText.of(reader, leaf.primitive()));
        }
        target.elements.appendDefault();
    }
}
