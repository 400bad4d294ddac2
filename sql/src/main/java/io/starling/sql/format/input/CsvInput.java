package io.starling.sql.format.input;

import java.io.InputStream;
import java.util.List;

/**
 * Parses CSV against a data source's columns. A header row is skipped when it names the columns, and
 * used to match columns by name when it holds all of them in another order.
 */
public final class CsvInput {
    private CsvInput() {
    }

    public static ParsedRows parse(InputStream body, List<IngestColumn> columns, CsvDialect dialect) {
        throw new UnsupportedOperationException("sql: CsvInput is being written");
    }
}
