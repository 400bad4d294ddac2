package io.starling.datafiles.datasource;

import java.util.List;

/** Parses schema text as written in .datasource files and the {@code schema=} API parameter. */
public final class SchemaParser {
    private SchemaParser() {
    }

    /** Errors are StarlingExceptions (code 62 or 50) naming the column and what to fix. */
    public static List<SchemaColumn> parse(String schema) {
        throw new UnsupportedOperationException("datafiles: SchemaParser is being written");
    }
}
