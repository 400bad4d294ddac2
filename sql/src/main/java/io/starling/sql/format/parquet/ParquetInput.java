package io.starling.sql.format.parquet;

import io.starling.sql.format.input.ChunkConsumer;
import io.starling.sql.format.input.ChunkLimits;
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
 */
public final class ParquetInput {
    private ParquetInput() {
    }

    public static ParsedRows parse(ParquetFile file, List<IngestColumn> columns) {
        try (InputStream rows = file.ndjson(jsonPaths(columns))) {
            return NdjsonInput.parse(rows, withPaths(columns));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams the rows in chunks of at most {@code limits} to {@code consumer}; answers the totals. */
    public static ParseSummary stream(ParquetFile file, List<IngestColumn> columns, ChunkLimits limits,
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

    private static List<IngestColumn> withPaths(List<IngestColumn> columns) {
        List<IngestColumn> result = new ArrayList<>(columns.size());
        for (IngestColumn column : columns) {
            result.add(column.jsonPath() != null ? column : new IngestColumn(column.name(), column.type(),
                    "$." + column.name(), column.defaultExpression()));
        }
        return result;
    }
}
