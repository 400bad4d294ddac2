package io.starling.sql.format.output;

import io.starling.sql.QueryResult;
import java.io.OutputStream;

/** Writes query results in ClickHouse/Tinybird output formats: JSON (Tinybird's shape), JSONEachRow, CSV, ... */
public final class OutputFormats {
    private OutputFormats() {
    }

    /** Writes {@code result} in {@code format} (case-insensitive; null means JSON). Unknown formats fail with 73. */
    public static void write(String format, QueryResult result, double elapsedSeconds, OutputStream out) {
        throw new UnsupportedOperationException("sql: OutputFormats is being written");
    }

    public static String contentType(String format) {
        throw new UnsupportedOperationException("sql: OutputFormats is being written");
    }
}
