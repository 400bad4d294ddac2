package io.starling.datafiles.datasource;

import io.starling.storage.type.DataType;

/**
 * One column of a SCHEMA block or {@code schema=} parameter:
 * {@code `name` Type `json:$.path` DEFAULT expr CODEC(...)}.
 *
 * @param jsonPath          the path after {@code json:}, or null
 * @param defaultExpression DEFAULT expression text, or null
 * @param codec             the CODEC(...) arguments text, or null
 */
public record SchemaColumn(String name, DataType type, String jsonPath, String defaultExpression, String codec) {
}
