package io.starling.node.service;

import io.starling.node.shard.Replicas;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.storage.block.Block;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.MapColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.TableDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows for the service data sources and writes them as one block per table on {@link #flush()} (called
 * periodically, and before a query reads {@code tinybird.*}, so a client reads its own operations). Rows are
 * maps from column name to value (String, Number, List of String, Map of String; missing = default). A failed
 * write is logged and dropped: service logs never fail the operation they describe. Thread-safe.
 */
public final class ServiceLog {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLog.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final Replicas replicas;
    private final Map<String, List<Map<String, Object>>> pending = new HashMap<>();
    private final java.util.concurrent.locks.ReentrantLock flushLock = new java.util.concurrent.locks.ReentrantLock();

    public ServiceLog(Replicas replicas) {
        this.replicas = replicas;
    }

    public void append(String table, Map<String, Object> row) {
        ServiceDataSources.require(table);
        synchronized (pending) {
            pending.computeIfAbsent(table, ignored -> new ArrayList<>()).add(row);
        }
    }

    /**
     * Records one data source operation in {@code tinybird.datasources_ops_log}.
     *
     * @param options option names and values (rename: old_name/new_name; replace: replace_condition...)
     */
    public void operation(String eventType, String dataSourceId, String dataSourceName, String error,
                          double elapsedSeconds, String importId, String jobId, String requestId, Long rows,
                          Long rowsQuarantine, Map<String, String> options) {
        Map<String, Object> row = new HashMap<>();
        row.put("timestamp", System.currentTimeMillis() / 1000);
        row.put("event_type", eventType);
        row.put("operation_id", requestId);
        row.put("datasource_id", dataSourceId);
        row.put("datasource_name", dataSourceName);
        row.put("result", error == null ? "ok" : "error");
        row.put("elapsed_time", elapsedSeconds);
        row.put("error", error);
        row.put("import_id", importId);
        row.put("job_id", jobId);
        row.put("request_id", requestId);
        row.put("rows", rows);
        row.put("rows_quarantine", rowsQuarantine);
        row.put("options.Names", new ArrayList<>(options.keySet()));
        row.put("options.Values", new ArrayList<>(options.values()));
        row.put("written_rows", rows != null && error == null && eventType.startsWith("append") ? rows : 0L);
        row.put("written_rows_quarantine", rowsQuarantine == null ? 0L : rowsQuarantine);
        append(ServiceDataSources.OPS_LOG, row);
    }

    /**
     * The periodic flush: like {@link #flush()}, but returns at once when a flush is under way (the next tick writes
     * what is left), so ticks never pile up blocked threads on the blocking-IO pool while one write waits for a
     * replica that is gone (that starved inserts and queries of threads for the length of the write timeout).
     */
    public void flushIfIdle() {
        if (flushLock.tryLock()) {
            try {
                flushLocked();
            } finally {
                flushLock.unlock();
            }
        }
    }

    /** Writes every buffered row; blocks until durable. */
    public void flush() {
        flushLock.lock();
        try {
            flushLocked();
        } finally {
            flushLock.unlock();
        }
    }

    private void flushLocked() {
        Map<String, List<Map<String, Object>>> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new HashMap<>(pending);
            pending.clear();
        }
        batch.forEach((table, rows) -> {
            TableSpec spec = ServiceDataSources.require(table);
            try {
                replicas.insert(spec, block(spec, rows)).toCompletableFuture()
                        .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Dropped {} rows of tinybird.{}: {}", rows.size(), table, e.toString());
            }
        });
    }

    static Block block(TableSpec spec, List<Map<String, Object>> rows) {
        TableDefinition definition = TableSpecs.toDefinition(spec);
        List<Column> columns = new ArrayList<>();
        for (ColumnDefinition column : definition.columns()) {
            ColumnBuilder builder = ColumnBuilder.forType(column.type(), rows.size());
            for (Map<String, Object> row : rows) {
                append(builder, row.get(column.name()));
            }
            columns.add(builder.build());
        }
        return new Block(columns, rows.size());
    }

    private static void append(ColumnBuilder builder, Object value) {
        switch (value) {
            case null -> builder.appendNull();
            case String text -> builder.appendString(text);
            case Double number -> builder.appendDouble(number);
            case Float number -> builder.appendDouble(number);
            case Number number -> builder.appendLong(number.longValue());
            case Boolean flag -> builder.appendLong(flag ? 1 : 0);
            case List<?> list when builder instanceof ArrayColumnBuilder array -> {
                for (Object element : list) {
                    append(array.elements(), element);
                }
                array.closeArray();
            }
            case Map<?, ?> map when builder instanceof MapColumnBuilder mapBuilder -> {
                map.forEach((key, item) -> {
                    append(mapBuilder.keys(), String.valueOf(key));
                    append(mapBuilder.values(), item == null ? "" : String.valueOf(item));
                });
                mapBuilder.closeMap();
            }
            default -> builder.appendString(value.toString());
        }
    }
}
