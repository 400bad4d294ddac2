package io.starling.sql.format.parquet;

import io.starling.sql.format.input.ColumnarRows;
import java.util.List;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.schema.MessageType;

/**
 * Fills one or more data-source columns from Parquet leaf columns, a slice of rows at a time
 * ({@link ParquetColumnarReader}): {@link ParquetLeafReader} for scalars and lists of scalars,
 * {@link ParquetNestedReader} for maps, tuples, JSON text and other nested shapes. Not thread-safe.
 */
interface ParquetColumnPart {
    /** The leaf columns it reads (schema paths); two parts reading the same leaf need separate page streams. */
    List<String> leafPaths();

    /** Starts a row group. */
    void start(ColumnReadStore store, MessageType projection);

    /** Appends {@code rows} rows to the builders of its columns in {@code sink}; failed rows go to {@code errors}. */
    void read(int rows, ColumnarRows sink, SliceErrors errors);

    /** A leaf's schema path as one string (the key of {@link #leafPaths}). */
    static String key(String[] path) {
        return String.join("\u0000", path);
    }
}
