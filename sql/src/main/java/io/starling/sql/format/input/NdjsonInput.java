package io.starling.sql.format.input;

import java.io.InputStream;
import java.util.List;

/** Parses NDJSON (one JSON object per line), mapping values to columns through their jsonpaths. */
public final class NdjsonInput {
    private NdjsonInput() {
    }

    public static ParsedRows parse(InputStream body, List<IngestColumn> columns) {
        throw new UnsupportedOperationException("sql: NdjsonInput is being written");
    }
}
