package io.starling.sql;

import io.starling.sql.catalog.TableProvider;
import java.time.Instant;
import java.util.Map;

/**
 * What a query runs against.
 *
 * @param tables     resolves table names
 * @param deadline   the query fails with TIMEOUT_EXCEEDED (159) after this instant
 * @param settings   ClickHouse settings given with the request (SETTINGS clause values win)
 * @param parameters query parameter values by name (without the {@code param_} prefix of the HTTP interface):
 *                   {@code {name:Type}} in the query takes {@code parameters.get(name)}
 */
public record QueryContext(TableProvider tables, Instant deadline, Map<String, String> settings,
                           Map<String, String> parameters) {
    public QueryContext {
        settings = Map.copyOf(settings);
        parameters = Map.copyOf(parameters);
    }

    public QueryContext(TableProvider tables, Instant deadline, Map<String, String> settings) {
        this(tables, deadline, settings, Map.of());
    }

    public static QueryContext of(TableProvider tables) {
        return new QueryContext(tables, Instant.now().plusSeconds(10), Map.of());
    }

    /** This context with query parameter values (replacing any it had). */
    public QueryContext withParameters(Map<String, String> values) {
        return new QueryContext(tables, deadline, settings, values);
    }

    /** This context with other settings. */
    public QueryContext withSettings(Map<String, String> values) {
        return new QueryContext(tables, deadline, values, parameters);
    }
}
