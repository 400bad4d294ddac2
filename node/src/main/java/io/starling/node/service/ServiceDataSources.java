package io.starling.node.service;

import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The service data sources (spec data-plane §6), readable as {@code tinybird.<name>}: ordinary MergeTree tables
 * the node writes to on each operation. Columns as the spec lists them; {@code options} of the ops log is
 * Nested, i.e. the arrays {@code options.Names} and {@code options.Values}.
 */
public final class ServiceDataSources {
    public static final String DATABASE = "tinybird";
    public static final String OPS_LOG = "datasources_ops_log";
    public static final String PIPE_STATS_RT = "pipe_stats_rt";
    public static final String ENDPOINT_ERRORS = "endpoint_errors";
    public static final String JOBS_LOG = "jobs_log";

    private static final Map<String, TableSpec> TABLES = new LinkedHashMap<>();

    static {
        define(OPS_LOG, "timestamp", "timestamp DateTime", "event_type String", "operation_id String",
                "datasource_id String", "datasource_name String", "result String", "elapsed_time Float32",
                "error Nullable(String)", "import_id Nullable(String)", "job_id Nullable(String)", "request_id String",
                "rows Nullable(UInt64)", "rows_quarantine Nullable(UInt64)", "blocks_ids Array(String)",
                "options.Names Array(String)", "options.Values Array(String)", "read_bytes UInt64", "read_rows UInt64",
                "written_rows UInt64", "written_bytes UInt64", "written_rows_quarantine UInt64",
                "written_bytes_quarantine UInt64", "pipe_id String", "pipe_name String", "release String",
                "resource_tags Array(String)", "cpu_time Float32", "memory_usage UInt64");
        define(PIPE_STATS_RT, "start_datetime", "start_datetime DateTime", "pipe_id String", "pipe_name String",
                "duration Float32", "read_bytes UInt64", "read_rows UInt64", "result_rows UInt64", "url String",
                "error UInt8", "request_id String", "token String", "token_name String", "status_code Int32",
                "method String", "parameters Map(String, String)", "release String", "user_agent Nullable(String)",
                "resource_tags Array(String)", "cpu_time Float32", "memory_usage UInt64");
        define(ENDPOINT_ERRORS, "start_datetime", "start_datetime DateTime", "request_id String", "pipe_id String",
                "pipe_name String", "params Nullable(String)", "url Nullable(String)", "status_code Nullable(Int32)",
                "error Nullable(String)", "resource_tags Array(String)");
        define(JOBS_LOG, "created_at", "job_id String", "job_type String", "workspace_id String", "pipe_id String",
                "pipe_name String", "created_at DateTime", "updated_at DateTime", "started_at DateTime",
                "status String", "error Nullable(String)", "job_metadata String");
    }

    private ServiceDataSources() {
    }

    private static void define(String name, String sortingKey, String... columns) {
        TableSpec.Builder spec = TableSpec.newBuilder().setTableId("tinybird_" + name).setEngine("MergeTree")
                .addSortingKey(sortingKey).setPartitionKey("");
        for (String column : columns) {
            int space = column.indexOf(' ');
            spec.addColumns(TableColumn.newBuilder().setName(column.substring(0, space)).setType(column.substring(space + 1)));
        }
        TABLES.put(name, spec.build());
    }

    public static Optional<TableSpec> table(String name) {
        return Optional.ofNullable(TABLES.get(name));
    }

    public static TableSpec require(String name) {
        return table(name).orElseThrow(() -> new IllegalArgumentException("No service data source " + name));
    }

    public static Iterable<String> names() {
        return TABLES.keySet();
    }
}
