package io.starling.node.pipe;

import io.starling.coordinator.catalog.DataSourceRequest;
import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.datafiles.datasource.SchemaColumn;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one conversion of a {@code .datasource} file into a catalog data source, shared by {@code /v1/build} and
 * deployments so that an unchanged file always converts to an equal spec. ENGINE_* instructions become the engine
 * clause (ReplacingMergeTree(ver, is_deleted), ...), ENGINE_TTL the table TTL and INDEXES the skip indexes.
 */
public final class DatasourceSpecs {
    private DatasourceSpecs() {
    }

    /**
     * @param fallbackName name used when the file does not carry one (its file name)
     * @param warnings     receives a sentence when an engine storage cannot run is replaced by MergeTree
     */
    public static DataSourceSpec fromFile(DatasourceFile file, String fallbackName, Instant now, Consumer<String> warnings) {
        String name = file.name() == null || file.name().isEmpty() ? fallbackName : file.name();
        String engineName = unquote(file.engine());
        DataSourceRequest.EngineOptions options = new DataSourceRequest.EngineOptions(unquote(file.ver()),
                unquote(file.isDeleted()), unquote(file.sign()), unquote(file.version()), null, unquote(file.ttl()));
        try {
            return DataSourceRequest.withIndexes(request(file, name, engineName).toSpec(now, options), indexes(file));
        } catch (StarlingException e) {
            if (e.errorCode() != ErrorCode.NOT_IMPLEMENTED || engineName == null) {
                throw e;
            }
        }
        String declared = engineName.contains("(") ? engineName.substring(0, engineName.indexOf('(')).strip() : engineName;
        warnings.accept(name + ".datasource: ENGINE " + declared + " is not supported by storage yet; created as MergeTree");
        return DataSourceRequest.withIndexes(request(file, name, null).toSpec(now), indexes(file)).toBuilder()
                .setDeclaredEngine(declared).build();
    }

    private static DataSourceRequest request(DatasourceFile file, String name, String engineName) {
        return new DataSourceRequest(name, schema(file.schema()), engineName, unquote(file.sortingKey()),
                unquote(file.partitionKey()), unquote(file.settings()), null, file.description());
    }

    /** The file's INDEXES as storage index definitions (types and arguments checked). */
    static List<io.starling.storage.index.IndexDefinition> indexes(DatasourceFile file) {
        List<io.starling.storage.index.IndexDefinition> indexes = new ArrayList<>();
        for (DatasourceFile.IndexDefinition index : file.indexes()) {
            indexes.add(io.starling.storage.index.IndexDefinition.parse("INDEX " + index.name() + " "
                    + index.expression() + " TYPE " + index.type() + " GRANULARITY " + index.granularity()));
        }
        return indexes;
    }

    /** The schema in the {@code schema=} parameter's syntax. */
    public static String schema(List<SchemaColumn> columns) {
        List<String> parts = new ArrayList<>();
        for (SchemaColumn column : columns) {
            StringBuilder text = new StringBuilder("`").append(column.name()).append("` ").append(column.type().name());
            if (column.jsonPath() != null) {
                text.append(" `json:").append(column.jsonPath()).append('`');
            }
            if (column.defaultExpression() != null) {
                text.append(' ').append(column.defaultKeyword()).append(' ').append(column.defaultExpression());
            }
            if (column.codec() != null) {
                text.append(" CODEC(").append(column.codec()).append(')');
            }
            parts.add(text.toString());
        }
        return String.join(", ", parts);
    }

    /** A datafile value without surrounding double quotes; null when empty. */
    public static String unquote(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")) {
            return stripped.substring(1, stripped.length() - 1).strip();
        }
        return stripped.isEmpty() ? null : stripped;
    }
}
