package io.starling.sql.format.parquet;

import io.starling.sql.format.input.ColumnarRows;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;
import io.starling.storage.type.TupleType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.schema.MessageType;

/**
 * Reads one data-source column whose jsonpath reaches a nested shape ({@link ParquetNestedPlan}), row by row from
 * the leaf cursors it owns: each row's value is read by its {@link ParquetNestedValue}; an absent value becomes
 * what NDJSON makes of a missing one ({@link ColumnarRows#appendMissing}), except that a null struct read into a
 * Tuple column (that fits it) without a DEFAULT is a tuple of NULLs / defaults, as ClickHouse reads it; a value
 * that does not convert quarantines the row. Not thread-safe.
 */
final class ParquetNestedReader implements ParquetColumnPart {
    private final int column;
    private final String name;
    private final DataType type;
    private final ParquetNestedValue value;
    private final List<ParquetLeafCursor> leaves;
    private final ParquetNestedValue.Failure failure = new ParquetNestedValue.Failure();

    ParquetNestedReader(int column, String name, DataType type, ParquetLeafPath.Nested plan) {
        this.column = column;
        this.name = name;
        this.type = type;
        this.value = plan.value();
        this.leaves = plan.leaves();
    }

    /** The top-level fields it reads. */
    List<String> topFields() {
        List<String> fields = new ArrayList<>();
        for (ParquetLeafCursor leaf : leaves) {
            if (!fields.contains(leaf.path[0])) {
                fields.add(leaf.path[0]);
            }
        }
        return fields;
    }

    @Override
    public List<String> leafPaths() {
        List<String> paths = new ArrayList<>(leaves.size());
        for (ParquetLeafCursor leaf : leaves) {
            paths.add(ParquetColumnPart.key(leaf.path));
        }
        return paths;
    }

    @Override
    public void start(ColumnReadStore store, MessageType projection) {
        for (ParquetLeafCursor leaf : leaves) {
            leaf.start(store, projection);
        }
    }

    @Override
    public void read(int rows, ColumnarRows sink, SliceErrors errors) {
        ColumnBuilder builder = sink.builder(column);
        for (int row = 0; row < rows; row++) {
            failure.reset();
            if (!value.read(builder, failure)) {
                appendMissing(row, builder, sink, errors);
            } else if (failure.failed) {
                errors.row(row).fail(column, name, type, failure.raw);
            }
        }
    }

    private void appendMissing(int row, ColumnBuilder builder, ColumnarRows sink, SliceErrors errors) {
        if (sink.appendMissing(column)) {
            return;
        }
        if (type instanceof TupleType && !(value instanceof ParquetParsedValue)) {
            builder.appendNull();
            return;
        }
        errors.row(row).fail(column, name, type, null);
        sink.appendFiller(column);
    }
}
