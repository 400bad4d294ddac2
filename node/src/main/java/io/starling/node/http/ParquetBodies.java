package io.starling.node.http;

import io.starling.node.ingest.RequestBodies;
import io.starling.node.ingest.SchemaGuesser;
import io.starling.sql.format.parquet.ParquetColumns;
import io.starling.sql.format.parquet.ParquetFile;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parquet bodies for the Data Sources API and URL imports ({@code format=parquet}, {@code -F parquet=@file},
 * {@code *.parquet[.gz]} names, or a body starting with {@code PAR1}): the body is spooled (gunzipped first when
 * gzip), then {@link io.starling.node.ingest.IngestService#ingestParquet} reads it column by column, mapping,
 * defaulting and quarantining values by jsonpath as the NDJSON path does. Blocking: call on the blocking-IO
 * dispatcher.
 */
final class ParquetBodies {
    private ParquetBodies() {
    }

    /** True for {@code format=parquet}, a multipart field named {@code parquet}, or a {@code .parquet[.gz]} name. */
    static boolean isParquet(String format, String partName, String fileName) {
        if (partName != null && partName.equalsIgnoreCase("parquet")) {
            return true;
        }
        if (partName != null && (partName.equalsIgnoreCase("csv") || partName.equalsIgnoreCase("ndjson"))) {
            return false;
        }
        if (format != null && !format.isBlank()) {
            return format.strip().equalsIgnoreCase("parquet");
        }
        return fileName != null && fileName.toLowerCase(Locale.ROOT).matches(".*\\.parquet(\\.gz)?");
    }

    /** True when the buffered body starts with Parquet's magic {@code PAR1} (left unread). */
    static boolean startsLikeParquet(java.io.BufferedInputStream body) throws IOException {
        body.mark(4);
        byte[] head = body.readNBytes(4);
        body.reset();
        return head.length == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1';
    }

    /** Spools {@code body} (gunzipping it when gzip) as a Parquet file; closes {@code body}. */
    static ParquetFile spool(InputStream body) {
        try {
            return ParquetFile.read(RequestBodies.gunzipIfCompressed(body));
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read the Parquet body: "
                    + e.getMessage(), e);
        }
    }

    /** The schema guess for a data source created from {@code file} (every column with its jsonpath). */
    static SchemaGuesser.Guess guess(ParquetFile file, boolean typeGuessing) {
        List<SchemaGuesser.GuessedColumn> columns = new ArrayList<>();
        for (ParquetColumns.Column column : file.guessColumns()) {
            // type_guessing=false: every column is a String (lists and structs keep their JSON text)
            String type = typeGuessing ? column.type() : column.nullable() ? "Nullable(String)" : "String";
            columns.add(new SchemaGuesser.GuessedColumn(column.name(), type, column.jsonPath(), 100.0));
        }
        if (columns.isEmpty()) {
            throw new StarlingException(ErrorCode.INCORRECT_DATA, "The Parquet file has no columns to create a data "
                    + "source from");
        }
        return new SchemaGuesser.Guess(columns, List.of(), file.rowCount(), 0, false);
    }
}
