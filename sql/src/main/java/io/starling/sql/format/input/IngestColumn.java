package io.starling.sql.format.input;

import io.starling.storage.type.DataType;

/**
 * A data-source column as ingestion sees it.
 *
 * @param jsonPath          {@code $.a.b}, {@code $.arr[:]}, {@code $}; null for CSV-only data sources
 * @param defaultExpression the DEFAULT expression text, or null
 */
public record IngestColumn(String name, DataType type, String jsonPath, String defaultExpression) {
}
