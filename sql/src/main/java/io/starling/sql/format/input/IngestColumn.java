package io.starling.sql.format.input;

import io.starling.storage.type.DataType;
import java.util.Objects;

/**
 * A data-source column as ingestion sees it.
 *
 * @param jsonPath          {@code $.a.b}, {@code $.arr[:]}, {@code $}; null for CSV-only data sources
 * @param defaultExpression the DEFAULT / MATERIALIZED / ALIAS expression text, or null
 * @param kind              how {@code defaultExpression} applies (DEFAULT when there is none)
 */
public record IngestColumn(String name, DataType type, String jsonPath, String defaultExpression, Kind kind) {
    /** ClickHouse's default kinds. */
    public enum Kind {
        /** Read from the input; the expression fills values that are missing (or null for non-Nullable types). */
        DEFAULT,
        /** Never read from the input: always computed from the other columns of the row, stored. */
        MATERIALIZED,
        /** Never read from the input: computed from the other columns of the row (stored like MATERIALIZED). */
        ALIAS;

        /** The kind named by a schema keyword ({@code DEFAULT}, {@code MATERIALIZED}, {@code ALIAS}); empty or null is DEFAULT. */
        public static Kind of(String keyword) {
            if (keyword == null || keyword.isBlank()) {
                return DEFAULT;
            }
            return Kind.valueOf(keyword.strip().toUpperCase(java.util.Locale.ROOT));
        }

        /** Whether an input supplies this column (false: computed only). */
        public boolean fromInput() {
            return this == DEFAULT;
        }
    }

    public IngestColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        kind = kind == null ? Kind.DEFAULT : kind;
        if (!kind.fromInput() && (defaultExpression == null || defaultExpression.isBlank())) {
            throw new IllegalArgumentException("Column [" + name + "] is " + kind + " without an expression");
        }
    }

    /** A plain column, or one with a DEFAULT expression. */
    public IngestColumn(String name, DataType type, String jsonPath, String defaultExpression) {
        this(name, type, jsonPath, defaultExpression, Kind.DEFAULT);
    }
}
