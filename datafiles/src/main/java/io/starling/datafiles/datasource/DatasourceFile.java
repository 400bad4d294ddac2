package io.starling.datafiles.datasource;

import io.starling.storage.error.StarlingException;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .datasource} file. Absent instructions are null (lists: empty). Values are unquoted and
 * trimmed; SQL-valued instructions (keys, TTL, FORWARD_QUERY) are kept as text.
 *
 * @param name               the file name without folders and extension
 * @param engine             ENGINE, null when unset (MergeTree)
 * @param connectorSettings  KAFKA_* and IMPORT_* instructions as written, in file order
 */
public record DatasourceFile(
        String name,
        String description,
        List<SchemaColumn> schema,
        String engine,
        String sortingKey,
        String partitionKey,
        String primaryKey,
        String samplingKey,
        String ttl,
        String ver,
        String sign,
        String version,
        String isDeleted,
        String settings,
        List<IndexDefinition> indexes,
        List<TokenGrant> tokens,
        List<String> tags,
        List<String> sharedWith,
        String forwardQuery,
        String backfill,
        Map<String, String> connectorSettings) {

    public DatasourceFile {
        schema = List.copyOf(schema);
        indexes = List.copyOf(indexes);
        tokens = List.copyOf(tokens);
        tags = List.copyOf(tags);
        sharedWith = List.copyOf(sharedWith);
        connectorSettings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(connectorSettings));
    }

    /** A {@code TOKEN name READ|APPEND} line; scope is upper case. */
    public record TokenGrant(String name, String scope) {
    }

    /** An {@code INDEX name expr TYPE type GRANULARITY n} line of the INDEXES block. */
    public record IndexDefinition(String name, String expression, String type, int granularity) {
    }

    /**
     * Parses the text of a .datasource file. Errors are StarlingExceptions (SYNTAX_ERROR, or UNKNOWN_TYPE for
     * schema types) whose message starts with {@code fileName:line:}.
     */
    public static DatasourceFile parse(String text, String fileName) throws StarlingException {
        return new DatasourceFileParser(text, fileName).parse();
    }
}
