package io.starling.sql.analyzer;

import io.starling.sql.parser.ast.Identifier;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import java.util.List;

/**
 * The columns a query's FROM provides, with the names that may qualify them ({@code alias.x}, {@code table.x},
 * {@code db.table.x}). Column names are case-sensitive, as in ClickHouse.
 *
 * @param columns    the source's columns, in block order
 * @param qualifiers names that may prefix a column (table alias, table name, database.table); may be empty
 * @param origins    per column, the qualifiers of the table it comes from (joins), or null when every column
 *                   comes from every qualifier
 * @param hidden     columns {@code *} leaves out (a table's MATERIALIZED and ALIAS columns); readable by name
 */
record Scope(List<ColumnDefinition> columns, List<String> qualifiers, List<List<String>> origins,
             java.util.Set<String> hidden) {
    Scope {
        columns = List.copyOf(columns);
        qualifiers = List.copyOf(qualifiers);
        origins = origins == null ? null : origins.stream().map(List::copyOf).toList();
        hidden = java.util.Set.copyOf(hidden);
    }

    Scope(List<ColumnDefinition> columns, List<String> qualifiers, List<List<String>> origins) {
        this(columns, qualifiers, origins, java.util.Set.of());
    }

    Scope(List<ColumnDefinition> columns, List<String> qualifiers) {
        this(columns, qualifiers, null);
    }

    /** The qualifiers of the table column {@code index} comes from. */
    List<String> originOf(int index) {
        return origins == null ? qualifiers : origins.get(index);
    }

    /** True when {@code t.*} includes column {@code index}. */
    boolean belongsTo(int index, String qualifier) {
        return originOf(index).contains(qualifier);
    }

    /** The index of the column the identifier names, or -1. */
    int find(Identifier identifier) {
        List<String> parts = identifier.parts();
        int direct = indexOf(String.join(".", parts));
        if (direct >= 0 || parts.size() == 1) {
            return direct;
        }
        for (int prefix = parts.size() - 1; prefix >= 1; prefix--) {
            String qualifier = String.join(".", parts.subList(0, prefix));
            if (qualifiers.contains(qualifier)) {
                return indexOf(String.join(".", parts.subList(prefix, parts.size())));
            }
        }
        return -1;
    }

    int resolve(Identifier identifier) {
        int index = find(identifier);
        if (index < 0) {
            throw unknown(identifier.fullName());
        }
        return index;
    }

    DataType type(int index) {
        return columns.get(index).type();
    }

    private int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    StarlingException unknown(String name) {
        StringBuilder available = new StringBuilder();
        for (int i = 0; i < Math.min(10, columns.size()); i++) {
            available.append(i == 0 ? "" : ", ").append(columns.get(i).name());
        }
        if (columns.size() > 10) {
            available.append(", ...");
        }
        return new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "Missing column: [" + name
                + "] is not a column of the query's source; available columns: [" + available
                + "]. Check the spelling (names are case-sensitive)");
    }
}
