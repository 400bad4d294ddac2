package io.starling.datafiles.datasource;

import io.starling.sql.format.input.IngestColumn;
import io.starling.storage.type.DataType;

/**
 * One column of a SCHEMA block or {@code schema=} parameter:
 * {@code `name` Type `json:$.path` [DEFAULT|MATERIALIZED|ALIAS] expr CODEC(...)}.
 *
 * @param jsonPath          the path after {@code json:}, or null
 * @param defaultExpression DEFAULT / MATERIALIZED / ALIAS expression text, or null
 * @param codec             the CODEC(...) arguments text, or null
 * @param defaultKind       how {@code defaultExpression} applies (DEFAULT when there is none)
 */
public record SchemaColumn(String name, DataType type, String jsonPath, String defaultExpression, String codec,
                           IngestColumn.Kind defaultKind) {
    public SchemaColumn {
        defaultKind = defaultKind == null ? IngestColumn.Kind.DEFAULT : defaultKind;
    }

    /** A plain column, or one with a DEFAULT expression. */
    public SchemaColumn(String name, DataType type, String jsonPath, String defaultExpression, String codec) {
        this(name, type, jsonPath, defaultExpression, codec, IngestColumn.Kind.DEFAULT);
    }

    /** The keyword before the expression as written in schemas: {@code DEFAULT}, {@code MATERIALIZED} or {@code ALIAS}. */
    public String defaultKeyword() {
        return defaultKind.name();
    }
}
