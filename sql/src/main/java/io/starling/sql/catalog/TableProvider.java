package io.starling.sql.catalog;

import java.util.Optional;

/** Resolves table names in a query to sources. {@code database} is null when the query names none. */
@FunctionalInterface
public interface TableProvider {
    Optional<TableSource> table(String database, String name);
}
