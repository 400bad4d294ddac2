package io.starling.coordinator.catalog;

import io.starling.datafiles.datasource.SchemaColumn;
import io.starling.datafiles.datasource.SchemaParser;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The parameters of {@code POST /v0/datasources?mode=create} (or a .datasource file), turned into a
 * {@link DataSourceSpec} with a fresh id.
 *
 * @param format {@code csv}, {@code ndjson}, {@code parquet} (read by jsonpath like ndjson), or null to infer it
 *               (ndjson when any column has a jsonpath)
 */
public record DataSourceRequest(
        String name,
        String schema,
        String engine,
        String sortingKey,
        String partitionKey,
        String engineSettings,
        String format,
        String description) {

    private static final Pattern IDENTIFIER = Pattern.compile("`?[A-Za-z_][A-Za-z0-9_]*`?");
    public static final String DEFAULT_ENGINE = "MergeTree";

    /**
     * The Data Sources API's engine parameters ({@code engine_ver}, {@code engine_is_deleted}, {@code engine_sign},
     * {@code engine_version}, {@code engine_columns}, {@code engine_ttl}); each may be null.
     */
    public record EngineOptions(String ver, String isDeleted, String sign, String version, String summingColumns,
                                String ttl) {
        public static final EngineOptions NONE = new EngineOptions(null, null, null, null, null, null);
    }

    /** {@link #toSpec(Instant)} with MergeTree only (other engines fail with NOT_IMPLEMENTED). */
    public DataSourceSpec toSpec(Instant now) {
        return build(now, engine(engine), "");
    }

    /**
     * The spec for any engine of the MergeTree family (and Null): {@code engine} plus {@code options} become the
     * engine clause ({@code ReplacingMergeTree(ver, is_deleted)}), checked against the schema. Fails with
     * BAD_ARGUMENTS naming the parameter that is wrong. The TTL is stored as given (the node compiles it).
     */
    public DataSourceSpec toSpec(Instant now, EngineOptions options) {
        EngineOptions given = options == null ? EngineOptions.NONE : options;
        String clause;
        try {
            clause = io.starling.storage.engine.EngineSpec.clause(engine, given.ver(), given.isDeleted(), given.sign(),
                    given.version(), given.summingColumns());
        } catch (StarlingException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter engine"
                    + missingParameter(engine, given) + " is invalid: " + e.getMessage());
        }
        DataSourceSpec spec = build(now, clause, given.ttl() == null ? "" : given.ttl().strip());
        List<io.starling.storage.engine.ColumnDefinition> columns = spec.getColumnsList().stream()
                .map(column -> new io.starling.storage.engine.ColumnDefinition(column.getName(),
                        io.starling.storage.type.DataTypes.parse(column.getType()))).toList();
        io.starling.storage.engine.TableDefinition definition = new io.starling.storage.engine.TableDefinition(
                columns, clause, spec.getSortingKeyList(), spec.getPartitionKey(), spec.getEngineSettingsMap());
        checkColumn(definition, "engine_ver", given.ver());
        checkColumn(definition, "engine_is_deleted", given.isDeleted());
        checkColumn(definition, "engine_sign", given.sign());
        checkColumn(definition, "engine_version", given.version());
        if (given.summingColumns() != null) {
            for (String column : given.summingColumns().split(",")) {
                checkColumn(definition, "engine_columns", column);
            }
        }
        try {
            io.starling.storage.engine.EngineSpec.parse(clause).validate(definition);
        } catch (StarlingException e) {
            String message = e.getMessage();
            String parameter = message.startsWith("Engine sign") ? "engine_sign"
                    : message.startsWith("Engine is_deleted") ? "engine_is_deleted"
                    : message.startsWith("Engine summed") ? "engine_columns"
                    : clause.startsWith("Versioned") ? "engine_version" : "engine_ver";
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter " + parameter + " is invalid: " + message);
        }
        return spec;
    }

    private static String missingParameter(String engine, EngineOptions options) {
        String name = engine == null ? "" : engine.strip();
        if (name.endsWith("VersionedCollapsingMergeTree")) {
            return options.sign() == null ? "_sign" : "_version";
        }
        if (name.endsWith("CollapsingMergeTree")) {
            return "_sign";
        }
        return "";
    }

    private static void checkColumn(io.starling.storage.engine.TableDefinition definition, String parameter,
                                    String column) {
        if (column == null || column.isBlank()) {
            return;
        }
        String bare = column.strip().replace("`", "");
        if (definition.columnIndex(bare) < 0) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter " + parameter + " names column [" + bare
                    + "], which is not in the schema; use one of " + definition.columns().stream()
                    .map(io.starling.storage.engine.ColumnDefinition::name).toList());
        }
    }

    private DataSourceSpec build(Instant now, String engineClause, String ttl) {
        DataSourceNames.validate(name);
        if (schema == null || schema.isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Data source [" + name
                    + "] needs a schema; pass schema=<column Type, ...>, e.g. schema=id Int64, name String");
        }
        List<SchemaColumn> columns = SchemaParser.parse(schema);
        DataSourceSpec.Builder spec = DataSourceSpec.newBuilder()
                .setId(newId())
                .setName(name)
                .setEngine(engineClause)
                .setEngineTtl(ttl)
                .setPartitionKey(partitionKey == null ? "" : partitionKey.strip())
                .putAllEngineSettings(KeyExpressions.settings(engineSettings))
                .setCreatedAtMicros(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000)
                .setDescription(description == null ? "" : description);
        boolean anyJsonPath = false;
        Set<String> names = new HashSet<>();
        for (SchemaColumn column : columns) {
            ColumnSpec.Builder columnSpec = ColumnSpec.newBuilder().setName(column.name()).setType(column.type().name());
            if (column.jsonPath() != null) {
                columnSpec.setJsonPath(column.jsonPath());
                anyJsonPath = true;
            }
            if (column.defaultExpression() != null) {
                columnSpec.setDefaultExpression(column.defaultExpression());
                if (!column.defaultKind().fromInput()) {
                    columnSpec.setDefaultKind(column.defaultKeyword());
                }
            }
            if (column.codec() != null) {
                columnSpec.setCodec(column.codec());
            }
            spec.addColumns(columnSpec);
            names.add(column.name());
        }
        List<String> keys = KeyExpressions.split(sortingKey);
        for (String key : keys) {
            String bare = key.replace("`", "");
            if (IDENTIFIER.matcher(key).matches() && !names.contains(bare)) {
                throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "Sorting key column [" + bare
                        + "] is not in the schema of [" + name + "]; use one of " + names);
            }
        }
        spec.addAllSortingKey(keys.stream().map(key -> IDENTIFIER.matcher(key).matches() ? key.replace("`", "") : key).toList());
        spec.setFormat(format(format, anyJsonPath));
        return spec.build();
    }

    private static String engine(String engine) {
        if (engine == null || engine.isBlank()) {
            return DEFAULT_ENGINE;
        }
        if (!engine.strip().equalsIgnoreCase(DEFAULT_ENGINE)) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Engine [" + engine.strip()
                    + "] is not supported yet; use engine=MergeTree");
        }
        return DEFAULT_ENGINE;
    }

    private static String format(String format, boolean anyJsonPath) {
        if (format == null || format.isBlank()) {
            return anyJsonPath ? "ndjson" : "csv";
        }
        String lower = format.strip().toLowerCase(Locale.ROOT);
        if (!lower.equals("csv") && !lower.equals("ndjson") && !lower.equals("parquet")) {
            throw new StarlingException(ErrorCode.UNKNOWN_FORMAT, "Format [" + format
                    + "] is not supported for data sources; use format=csv, format=ndjson or format=parquet");
        }
        return lower;
    }

    /**
     * {@code spec} with the skip indexes of {@code indexes}: {@code INDEX name expr TYPE t GRANULARITY g} lines
     * separated by newlines or commas (the {@code indexes} parameter, or a datafile's INDEXES block). Fails with
     * BAD_ARGUMENTS when an index does not parse, repeats a name or covers a column the schema does not have.
     */
    public static DataSourceSpec withIndexes(DataSourceSpec spec, String indexes) {
        if (indexes == null || indexes.isBlank()) {
            return spec;
        }
        List<io.starling.storage.index.IndexDefinition> parsed = new java.util.ArrayList<>();
        for (String line : splitIndexes(indexes)) {
            try {
                parsed.add(io.starling.storage.index.IndexDefinition.parse(line));
            } catch (StarlingException e) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter indexes is invalid: " + e.getMessage());
            }
        }
        return withIndexes(spec, parsed);
    }

    /** {@code spec} with already parsed skip indexes, checked against its columns. */
    public static DataSourceSpec withIndexes(DataSourceSpec spec, List<io.starling.storage.index.IndexDefinition> indexes) {
        if (indexes.isEmpty()) {
            return spec;
        }
        Set<String> columns = new HashSet<>();
        spec.getColumnsList().forEach(column -> columns.add(column.getName()));
        Set<String> names = new HashSet<>();
        DataSourceSpec.Builder builder = spec.toBuilder().clearIndexes();
        for (io.starling.storage.index.IndexDefinition index : indexes) {
            if (!names.add(index.name())) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Index [" + index.name()
                        + "] is declared twice; give each index its own name");
            }
            if (index.column() != null && !columns.contains(index.column())) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Index [" + index.name() + "] covers column ["
                        + index.column() + "], which is not in the schema; use one of " + columns);
            }
            builder.addIndexes(index.text());
        }
        return builder.build();
    }

    /** Index declarations split at newlines and at commas outside parentheses and quotes. */
    static List<String> splitIndexes(String text) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == '\n' || (c == ',' && depth == 0)) {
                if (!current.toString().isBlank()) {
                    parts.add(current.toString().strip());
                }
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString().strip());
        }
        return parts;
    }

    /** {@code t_} followed by 32 lowercase hex digits. */
    public static String newId() {
        return "t_" + UUID.randomUUID().toString().replace("-", "");
    }
}
