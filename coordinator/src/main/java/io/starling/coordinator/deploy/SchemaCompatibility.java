package io.starling.coordinator.deploy;

import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a changed data source can be migrated from its live version, and with which select list (spec lifecycle
 * §2.5): a FORWARD_QUERY is always used when given; without one, columns that keep their type are copied, widened
 * types (T to Nullable(T), Int32 to Int64, Float32 to Float64...) are cast, new columns take their DEFAULT (else the
 * type's default), and engine-only changes copy every row. A narrowing or unrelated type change, or a removed
 * column, without a FORWARD_QUERY fails with a schema mismatch that suggests a forward query.
 */
public final class SchemaCompatibility {
    private static final List<String> SIGNED = List.of("Int8", "Int16", "Int32", "Int64", "Int128", "Int256");
    private static final List<String> UNSIGNED = List.of("UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256");

    private SchemaCompatibility() {
    }

    /** The select list over the live rows, or the reason the migration cannot run. */
    public sealed interface Outcome {
        record Migrate(String selectList, boolean explicit) implements Outcome {
        }

        record Mismatch(String message) implements Outcome {
        }
    }

    /** True when both versions store rows the same way (same table: columns, engine, keys, settings, TTL). */
    public static boolean sameTable(DataSourceSpec live, DataSourceSpec wanted) {
        return live.getColumnsList().equals(wanted.getColumnsList())
                && live.getEngine().equals(wanted.getEngine())
                && live.getDeclaredEngine().equals(wanted.getDeclaredEngine())
                && live.getSortingKeyList().equals(wanted.getSortingKeyList())
                && live.getPartitionKey().equals(wanted.getPartitionKey())
                && live.getEngineSettingsMap().equals(wanted.getEngineSettingsMap())
                && live.getEngineTtl().equals(wanted.getEngineTtl());
    }

    public static Outcome assess(DataSourceSpec live, DataSourceSpec wanted, String forwardQuery) {
        List<String> liveNames = live.getColumnsList().stream().map(ColumnSpec::getName).toList();
        if (forwardQuery != null && !forwardQuery.isBlank()) {
            try {
                return new Outcome.Migrate(ForwardQuery.expand(forwardQuery, liveNames), true);
            } catch (io.starling.storage.error.StarlingException e) {
                return new Outcome.Mismatch(prefix(wanted) + e.getMessage());
            }
        }
        Map<String, String> liveTypes = new LinkedHashMap<>();
        for (ColumnSpec column : live.getColumnsList()) {
            liveTypes.put(column.getName(), column.getType());
        }
        List<String> select = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ColumnSpec column : wanted.getColumnsList()) {
            String before = liveTypes.get(column.getName());
            if (before == null) {
                continue;   // a new column: its DEFAULT, else the type's default
            }
            String name = ForwardQuery.quote(column.getName());
            if (before.equals(column.getType())) {
                select.add(name);
            } else if (widens(before, column.getType())) {
                select.add("CAST(" + name + ", '" + column.getType().replace("'", "\\'") + "') AS " + name);
            } else {
                problems.add("column '" + column.getName() + "' changes type from " + before + " to " + column.getType());
            }
        }
        for (String name : liveNames) {
            if (wanted.getColumnsList().stream().noneMatch(column -> column.getName().equals(name))) {
                problems.add("column '" + name + "' is removed");
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome.Mismatch(prefix(wanted) + "schema mismatch: " + String.join("; ", problems)
                    + ". Add a FORWARD_QUERY to " + wanted.getName() + ".datasource that turns the live rows into the "
                    + "new schema, for example:\nFORWARD_QUERY >\n    SELECT " + suggestion(live, wanted));
        }
        if (select.isEmpty()) {
            return new Outcome.Mismatch(prefix(wanted) + "no column of the live version survives; add a FORWARD_QUERY "
                    + "that produces the new columns, for example:\nFORWARD_QUERY >\n    SELECT " + suggestion(live, wanted));
        }
        return new Outcome.Migrate(String.join(", ", select), false);
    }

    /** A forward query that produces every new column: kept, cast (accurateCastOrDefault) or defaulted. */
    static String suggestion(DataSourceSpec live, DataSourceSpec wanted) {
        Map<String, String> liveTypes = new LinkedHashMap<>();
        for (ColumnSpec column : live.getColumnsList()) {
            liveTypes.put(column.getName(), column.getType());
        }
        List<String> items = new ArrayList<>();
        for (ColumnSpec column : wanted.getColumnsList()) {
            String before = liveTypes.get(column.getName());
            String type = column.getType().replace("'", "\\'");
            if (before == null) {
                items.add("defaultValueOfTypeName('" + type + "') AS " + column.getName());
            } else if (before.equals(column.getType())) {
                items.add(column.getName());
            } else {
                items.add("CAST(" + column.getName() + ", '" + type + "') AS " + column.getName());
            }
        }
        return String.join(", ", items);
    }

    /** Lossless type changes that need no FORWARD_QUERY. */
    static boolean widens(String from, String to) {
        if (to.equals("Nullable(" + from + ")") || to.equals("LowCardinality(" + from + ")")
                || to.equals("LowCardinality(Nullable(" + from + "))")) {
            return true;
        }
        if (from.startsWith("Nullable(") && to.startsWith("Nullable(")) {
            return widens(inner(from), inner(to));
        }
        int signedFrom = SIGNED.indexOf(from);
        int signedTo = SIGNED.indexOf(to);
        int unsignedFrom = UNSIGNED.indexOf(from);
        int unsignedTo = UNSIGNED.indexOf(to);
        if (signedFrom >= 0 && signedTo > signedFrom || unsignedFrom >= 0 && unsignedTo > unsignedFrom) {
            return true;
        }
        if (unsignedFrom >= 0 && signedTo > unsignedFrom) {
            return true;
        }
        if (from.equals("Float32") && to.equals("Float64")) {
            return true;
        }
        return to.equals("Float64") && (signedFrom >= 0 && signedFrom <= 2 || unsignedFrom >= 0 && unsignedFrom <= 2);
    }

    private static String inner(String wrapped) {
        return wrapped.substring(wrapped.indexOf('(') + 1, wrapped.length() - 1);
    }

    private static String prefix(DataSourceSpec wanted) {
        return "Error on datasource '" + wanted.getName() + "': ";
    }
}
