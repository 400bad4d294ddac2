package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.node.ingest.DataSourceService;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The datasource object of the Data Sources API (spec data-plane §1.2.2). */
public final class DataSourceJson {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private DataSourceJson() {
    }

    public static ObjectNode render(DataSourceSpec dataSource, DataSourceService.Statistics statistics) {
        return render(dataSource, statistics, java.util.List.of());
    }

    /** With {@code used_by}: the pipes that use the data source, as {@code {"id", "name"}} objects. */
    public static ObjectNode render(DataSourceSpec dataSource, DataSourceService.Statistics statistics,
                                    java.util.List<io.starling.protocol.catalog.PipeSpec> usedBy) {
        ObjectNode json = Json.object();
        String created = TIMESTAMP.format(Instant.EPOCH.plusNanos(dataSource.getCreatedAtMicros() * 1_000L));
        String sortingKey = String.join(", ", dataSource.getSortingKeyList());
        json.put("id", dataSource.getId());
        json.put("name", dataSource.getName());
        json.putNull("cluster");
        json.putObject("tags");
        json.put("created_at", created);
        json.put("updated_at", created);
        json.put("replicated", false);
        json.put("version", 0);
        json.putNull("project");
        json.putObject("headers");
        json.putArray("shared_with");
        ObjectNode engine = json.putObject("engine");
        EngineJson.put(engine, dataSource);
        engine.put("engine_sorting_key", sortingKey);
        engine.put("engine_partition_key", dataSource.getPartitionKey());
        engine.put("engine_primary_key", sortingKey);
        json.put("description", dataSource.getDescription());
        String rawValue = dataSource.getSettingsMap().get(
                io.starling.coordinator.catalog.DataSourceAlterations.KAFKA_STORE_RAW_VALUE);
        if (rawValue != null) {
            // set through the alter API (Kafka data sources keep the raw message in __value when true)
            json.put(io.starling.coordinator.catalog.DataSourceAlterations.KAFKA_STORE_RAW_VALUE,
                    Boolean.parseBoolean(rawValue));
        }
        ArrayNode used = json.putArray("used_by");
        for (io.starling.protocol.catalog.PipeSpec pipe : usedBy) {
            used.addObject().put("id", pipe.getId()).put("name", pipe.getName());
        }
        json.put("type", dataSource.getFormat());
        ArrayNode columns = json.putArray("columns");
        for (ColumnSpec column : dataSource.getColumnsList()) {
            ObjectNode node = columns.addObject();
            node.put("name", column.getName());
            node.put("type", column.getType());
            putNullable(node, "codec", column.hasCodec() ? column.getCodec() : null);
            putNullable(node, "default_value", column.hasDefaultExpression() ? column.getDefaultExpression() : null);
            if (column.hasDefaultKind()) {
                node.put("default_kind", column.getDefaultKind());
            }
            putNullable(node, "jsonpath", column.hasJsonPath() ? column.getJsonPath() : null);
            node.put("nullable", column.getType().startsWith("Nullable("));
            node.put("normalized_name", column.getName());
        }
        if (statistics == null) {
            json.putNull("statistics");
            json.put("quarantine_rows", 0);
        } else {
            ObjectNode stats = json.putObject("statistics");
            stats.put("bytes", statistics.bytes());
            stats.put("row_count", statistics.rowCount());
            json.put("quarantine_rows", statistics.quarantineRows());
        }
        json.putObject("new_columns_detected");
        return json;
    }

    private static void putNullable(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
