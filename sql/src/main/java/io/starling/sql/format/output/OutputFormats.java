package io.starling.sql.format.output;

import io.starling.sql.QueryResult;
import io.starling.sql.format.ByteSink;
import io.starling.sql.format.ValueWriter.Style;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Writes query results in ClickHouse/Tinybird output formats: JSON (Tinybird's shape), JSONCompact,
 * JSONEachRow (alias NDJSON), CSV, CSVWithNames, TSV (TabSeparated), TSVWithNames, TSVRaw, Prometheus. Output streams
 * through a 64 KiB buffer; values are written as bytes without a String per value.
 */
public final class OutputFormats {
    /** The formats this class writes. */
    public enum Format {
        JSON("application/json"),
        JSON_COMPACT("application/json"),
        JSON_EACH_ROW("application/x-ndjson"),
        CSV("text/csv"),
        CSV_WITH_NAMES("text/csv"),
        TSV("text/tab-separated-values"),
        TSV_WITH_NAMES("text/tab-separated-values"),
        TSV_RAW("text/tab-separated-values"),
        /** Prometheus text exposition format 0.0.4 (Tinybird's {@code .prometheus} endpoints). */
        PROMETHEUS("text/plain; version=0.0.4"),
        /** One Parquet file (ZSTD pages), see {@link io.starling.sql.format.parquet.ParquetOutput}. */
        PARQUET("application/octet-stream");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }
    }

    private OutputFormats() {
    }

    /** Writes {@code result} in {@code format} (case-insensitive; null means JSON). Unknown formats fail with 73. */
    public static void write(String format, QueryResult result, double elapsedSeconds, OutputStream out) {
        Format resolved = resolve(format);
        ByteSink sink = new ByteSink(out);
        switch (resolved) {
            case JSON -> JsonOutput.write(result, elapsedSeconds, false, sink);
            case JSON_COMPACT -> JsonOutput.write(result, elapsedSeconds, true, sink);
            case JSON_EACH_ROW -> JsonOutput.writeEachRow(result, sink);
            case CSV -> SeparatedOutput.write(result, ',', Style.CSV, false, sink);
            case CSV_WITH_NAMES -> SeparatedOutput.write(result, ',', Style.CSV, true, sink);
            case TSV -> SeparatedOutput.write(result, '\t', Style.TSV, false, sink);
            case TSV_WITH_NAMES -> SeparatedOutput.write(result, '\t', Style.TSV, true, sink);
            case TSV_RAW -> SeparatedOutput.write(result, '\t', Style.TEXT, false, sink);
            case PROMETHEUS -> PrometheusOutput.write(result, sink);
            case PARQUET -> io.starling.sql.format.parquet.ParquetOutput.write(result, out);
        }
        sink.flush();
    }

    public static String contentType(String format) {
        return resolve(format).contentType();
    }

    /** The format for a FORMAT clause or URL extension; unknown names fail with UNKNOWN_FORMAT (73). */
    public static Format resolve(String format) {
        if (format == null || format.isBlank()) {
            return Format.JSON;
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> Format.JSON;
            case "jsoncompact" -> Format.JSON_COMPACT;
            case "jsoneachrow", "ndjson", "jsonlines" -> Format.JSON_EACH_ROW;
            case "csv" -> Format.CSV;
            case "csvwithnames" -> Format.CSV_WITH_NAMES;
            case "tsv", "tabseparated" -> Format.TSV;
            case "tsvwithnames", "tabseparatedwithnames" -> Format.TSV_WITH_NAMES;
            case "tsvraw", "tabseparatedraw" -> Format.TSV_RAW;
            case "prometheus" -> Format.PROMETHEUS;
            case "parquet" -> Format.PARQUET;
            default -> throw new StarlingException(ErrorCode.UNKNOWN_FORMAT, "Unknown output format [" + format
                    + "]; use one of JSON, JSONCompact, JSONEachRow (NDJSON), CSV, CSVWithNames, TSV, TSVWithNames, "
                    + "Prometheus, Parquet");
        };
    }
}
