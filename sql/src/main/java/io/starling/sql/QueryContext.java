package io.starling.sql;

import io.starling.sql.catalog.TableProvider;
import java.time.Instant;
import java.util.Map;

/**
 * What a query runs against.
 *
 * @param tables   resolves table names
 * @param deadline the query fails with TIMEOUT_EXCEEDED (159) after this instant
 * @param settings ClickHouse settings given with the request (SETTINGS clause values win)
 */
public record QueryContext(TableProvider tables, Instant deadline, Map<String, String> settings) {
    public QueryContext {
        settings = Map.copyOf(settings);
    }

    public static QueryContext of(TableProvider tables) {
        return new QueryContext(tables, Instant.now().plusSeconds(10), Map.of());
    }
}
