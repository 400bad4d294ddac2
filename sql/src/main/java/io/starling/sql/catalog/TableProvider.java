package io.starling.sql.catalog;

import java.util.Optional;

/** Resolves table names in a query to sources. {@code database} is null when the query names none. */
@FunctionalInterface
public interface TableProvider {
    Optional<TableSource> table(String database, String name);

    /**
     * Columns of the table that {@code SELECT *} leaves out although they can be read by name: MATERIALIZED and
     * ALIAS columns (ClickHouse's {@code asterisk_include_materialized_columns} / {@code _alias_columns} are 0).
     */
    default java.util.Set<String> hiddenFromStar(String database, String name) {
        return java.util.Set.of();
    }
}
