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
 * @param format {@code csv}, {@code ndjson}, or null to infer it (ndjson when any column has a jsonpath)
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

    public DataSourceSpec toSpec(Instant now) {
        DataSourceNames.validate(name);
        if (schema == null || schema.isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Data source [" + name
                    + "] needs a schema; pass schema=<column Type, ...>, e.g. schema=id Int64, name String");
        }
        List<SchemaColumn> columns = SchemaParser.parse(schema);
        DataSourceSpec.Builder spec = DataSourceSpec.newBuilder()
                .setId(newId())
                .setName(name)
                .setEngine(engine(engine))
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
        if (!lower.equals("csv") && !lower.equals("ndjson")) {
            throw new StarlingException(ErrorCode.UNKNOWN_FORMAT, "Format [" + format
                    + "] is not supported for data sources; use format=csv or format=ndjson");
        }
        return lower;
    }

    /** {@code t_} followed by 32 lowercase hex digits. */
    public static String newId() {
        return "t_" + UUID.randomUUID().toString().replace("-", "");
    }
}
