package io.starling.sql.format.parquet;

import io.starling.sql.format.input.ChunkConsumer;
import io.starling.sql.format.input.ChunkLimits;
import io.starling.sql.format.input.ColumnarRows;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParseSummary;
import io.starling.sql.format.input.ParsedRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Parquet file against data-source columns, matching values by each column's jsonpath ({@code $.name}
 * when it has none) with the NDJSON rules ({@link NdjsonInput}): missing and null values take the DEFAULT, NULL or
 * the type's default, values that do not fit their column's type send the row to the quarantine.
 *
 * <p>Columns are read column by column, row group by row group, straight into the blocks
 * ({@link ParquetColumnarReader}): scalars and lists of scalars by {@link ParquetLeafReader}; maps, tuples from
 * structs, structs / lists / maps into String columns as JSON text, the whole row {@code $} and paths by key
 * through maps by {@link ParquetNestedReader}, including Nullable(Array / Map / Tuple) columns and shapes that do
 * not match their column's type (a struct into a Map or Array column, a list into a scalar column, a scalar into
 * an Array, lists of lists into Array(T), elements under {@code [:]} that are not the Array's element type, ...),
 * which give the rows and quarantine the NDJSON text path gives. When a column has a shape neither reads (see
 * {@link ParquetNestedPlan}: unusual LIST / MAP layouts such as group map keys), the file is read as before
 * instead: row by row as NDJSON text through {@link NdjsonInput}; {@link #fallbackReasons} says why.
 */
public final class ParquetInput {
    private ParquetInput() {
    }

    public static ParsedRows parse(ParquetFile file, List<IngestColumn> columns) {
        ColumnarRows rows = ColumnarRows.collecting(columns);
        ParquetColumnarReader reader = ParquetColumnarReader.plan(file, rows.inputColumns());
        if (reader != null) {
            reader.readInto(rows);
            return rows.finish();
        }
        return parseAsNdjson(file, columns);
    }

    /** The NDJSON text path (every shape; slower, and values go through their JSON text). */
    static ParsedRows parseAsNdjson(ParquetFile file, List<IngestColumn> columns) {
        try (InputStream rows = file.ndjson(jsonPaths(columns))) {
            return NdjsonInput.parse(rows, withPaths(columns));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams the rows in chunks of at most {@code limits} to {@code consumer}; answers the totals. */
    public static ParseSummary stream(ParquetFile file, List<IngestColumn> columns, ChunkLimits limits,
                                      ChunkConsumer consumer) {
        ColumnarRows sink = ColumnarRows.streaming(columns, limits, consumer);
        ParquetColumnarReader reader = ParquetColumnarReader.plan(file, sink.inputColumns());
        if (reader != null) {
            reader.readInto(sink);
            return sink.finishStream();
        }
        return streamAsNdjson(file, columns, limits, consumer);
    }

    /** The NDJSON text path of {@link #stream}. */
    static ParseSummary streamAsNdjson(ParquetFile file, List<IngestColumn> columns, ChunkLimits limits,
                                       ChunkConsumer consumer) {
        try (InputStream rows = file.ndjson(jsonPaths(columns))) {
            return NdjsonInput.stream(rows, withPaths(columns), limits, consumer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each column's jsonpath, {@code $.<name>} when it has none. */
    public static List<String> jsonPaths(List<IngestColumn> columns) {
        List<String> paths = new ArrayList<>(columns.size());
        for (IngestColumn column : columns) {
            paths.add(column.jsonPath() != null ? column.jsonPath() : "$." + column.name());
        }
        return paths;
    }

    /**
     * Why {@code columns} would be read through NDJSON text rather than column by column (empty when they are read
     * column by column).
     */
    public static List<String> fallbackReasons(ParquetFile file, List<IngestColumn> columns) {
        List<String> reasons = new ArrayList<>();
        ParquetColumnarReader.plan(file, ColumnarRows.collecting(columns).inputColumns(), reasons);
        return reasons;
    }

    private static List<IngestColumn> withPaths(List<IngestColumn> columns) {
        List<IngestColumn> result = new ArrayList<>(columns.size());
        for (IngestColumn column : columns) {
            result.add(column.jsonPath() != null || !column.kind().fromInput() ? column
                    : new IngestColumn(column.name(), column.type(), "$." + column.name(), column.defaultExpression(),
                    column.kind()));
        }
        return result;
    }
}
