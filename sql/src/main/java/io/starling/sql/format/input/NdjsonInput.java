package io.starling.sql.format.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Parses NDJSON (one JSON object per line), mapping values to columns through their jsonpaths
 * ({@link JsonPath}; a column without one reads {@code $.<name>}).
 *
 * <p>Rules:
 * <ul>
 *   <li>a blank line is counted in {@code emptyLines}; a line that is not one valid JSON object is counted in
 *       {@code invalidLines} and dropped (it has no column values to quarantine);</li>
 *   <li>a missing field or JSON null takes the column's DEFAULT, else NULL for Nullable columns, '' for
 *       strings and [] for arrays; for other types the row is quarantined with
 *       {@code value '' on column 'x' is not Int64} (like an empty CSV field: Tinybird quarantines
 *       "missing required fields");</li>
 *   <li>objects and arrays read into String columns keep their raw JSON text; {@code $} keeps the line;</li>
 *   <li>numbers read into DateTime are unix seconds, strings parse as dates (ISO 8601 included);
 *       JSON true/false read into integer columns as 1/0;</li>
 *   <li>{@code $.arr[:]} fills Array(T) columns; {@code $.items[:].id} collects a field of every element
 *       (NULL, i.e. the element type's default, where an element lacks it). A plain path to a JSON array
 *       also fills an Array column.</li>
 * </ul>
 */
public final class NdjsonInput {
    private NdjsonInput() {
    }

    public static ParsedRows parse(InputStream body, List<IngestColumn> columns) {
        NdjsonRowReader reader = new NdjsonRowReader(new RowAssembler(columns), columns);
        read(body, reader);
        return reader.finish();
    }

    /**
     * Streams the body: hands chunks of at most {@code limits} to {@code consumer} as they are parsed (only the
     * chunk being filled is held in memory), and answers the totals. Same rules as {@link #parse}.
     */
    public static ParseSummary stream(InputStream body, List<IngestColumn> columns, ChunkLimits limits,
                                      ChunkConsumer consumer) {
        NdjsonRowReader reader = new NdjsonRowReader(new RowAssembler(columns, limits, consumer), columns);
        read(body, reader);
        return reader.finishStream();
    }

    private static void read(InputStream body, NdjsonRowReader reader) {
        LineReader lines = new LineReader(body);
        try {
            while (lines.next()) {
                reader.readLine(lines.line(), lines.lineLength());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the NDJSON body failed", e);
        }
    }
}
