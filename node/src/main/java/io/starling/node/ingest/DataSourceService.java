package io.starling.node.ingest;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.DataSourceAlterations;
import io.starling.coordinator.catalog.DataSourceNames;
import io.starling.coordinator.catalog.DataSourceRequest;
import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.node.bridge.EngineContracts;
import io.starling.node.shard.Replicas;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.shard.ShardReply;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Data source lifecycle across the catalog and the shard replicas: create (catalog event, then both tables
 * opened), statistics, truncate, drop. Non-blocking (answers stages). Thread-safe.
 */
public final class DataSourceService {
    /** Row and byte counts of a data source and its quarantine. */
    public record Statistics(long rowCount, long bytes, long quarantineRows) {
    }

    private final CatalogView catalog;
    private final Replicas replicas;
    private final Clock clock;
    private final io.starling.node.shard.LocalTables localTables;

    public DataSourceService(CatalogView catalog, Replicas replicas, Clock clock,
                             io.starling.node.shard.LocalTables localTables) {
        this.catalog = catalog;
        this.replicas = replicas;
        this.clock = clock;
        this.localTables = localTables;
    }

    public DataSourceService(CatalogView catalog, Replicas replicas, Clock clock) {
        this(catalog, replicas, clock, null);
    }

    /**
     * The open local table of the data source (single node: its replica lives here). Blocking. Table rewrites
     * (replace, delete) work on it directly; a ShardReplica command for them comes with replication.
     */
    public io.starling.storage.engine.MergeTreeTable localTable(DataSourceSpec dataSource) {
        TableSpec table = DataSourceTables.table(dataSource);
        IngestService.await(replicas.ensureOpen(table).toCompletableFuture());
        return localTables.get(table.getTableId()).orElseThrow(() -> new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                "The replica of [" + dataSource.getName() + "] is on another node; rewrites are single-node for now"));
    }

    /** Renames a data source (the id stays, so id-scoped tokens keep working). */
    public CompletionStage<DataSourceSpec> rename(String name, String newName) {
        if (newName == null || newName.isBlank()) {
            return CompletableFuture.failedFuture(new StarlingException(ErrorCode.BAD_ARGUMENTS,
                    "The name parameter (the new name) is required, e.g. PUT /v0/datasources/" + name + "?name=new_name"));
        }
        return require(name).thenCompose(found -> catalog.update(found.getName(), found.toBuilder().setName(newName).build()));
    }

    /** The result of an alter: the ALTER operations, and the data source after them. */
    public record Altered(java.util.List<String> operations, DataSourceSpec dataSource) {
    }

    /**
     * What {@code POST /v0/datasources/{name}/alter} asks to change; null fields stay as they are.
     *
     * @param schema             the full new schema (only new columns at the end)
     * @param description        the new description
     * @param ttl                a TTL expression, the shorthand {@code 12 hours}, or {@code false} to remove it
     * @param kafkaStoreRawValue {@code true} / {@code false}
     */
    public record Alteration(String schema, String description, String ttl, String kafkaStoreRawValue) {
        public boolean isEmpty() {
            return schema == null && description == null && ttl == null && kafkaStoreRawValue == null;
        }
    }

    /**
     * Alters a data source: the new schema may only add columns at the end; description may change. With
     * {@code dry} nothing changes. Redefines its tables with the new columns (old parts read them as defaults).
     */
    public CompletionStage<Altered> alter(String name, String schema, String description, boolean dry) {
        return alter(name, new Alteration(schema, description, null, null), dry);
    }

    /**
     * Alters a data source (spec data-plane §1.2.4): new columns at the end, description, the row TTL (set,
     * changed or removed; applied by merges from then on, to old parts too) and {@code kafka_store_raw_value} (kept
     * in the data source's settings). The operations are {@code ADD COLUMN ...}, {@code MODIFY TTL expr} and
     * {@code REMOVE TTL}. With {@code dry} nothing changes. The tables are redefined (ReplicaStore.open), and
     * a TTL change wakes the merges so expired rows go without waiting for the next insert.
     */
    public CompletionStage<Altered> alter(String name, Alteration alteration, boolean dry) {
        return require(name).thenCompose(found -> {
            DataSourceSpec.Builder updated = found.toBuilder();
            java.util.List<String> operations = new java.util.ArrayList<>();
            String schema = alteration.schema();
            if (schema != null && !schema.isBlank()) {
                DataSourceSpec parsed = new DataSourceRequest(found.getName(), schema, null, null, null, null,
                        found.getFormat(), null).toSpec(clock.instant());
                if (parsed.getColumnsCount() < found.getColumnsCount()) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The new schema of [" + found.getName()
                            + "] has fewer columns than the current one; only adding columns at the end is supported");
                }
                for (int i = 0; i < found.getColumnsCount(); i++) {
                    var before = found.getColumns(i);
                    var after = parsed.getColumns(i);
                    if (!before.getName().equals(after.getName()) || !before.getType().equals(after.getType())) {
                        throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Column " + (i + 1) + " of [" + found.getName()
                                + "] is [" + before.getName() + " " + before.getType() + "] but the new schema has ["
                                + after.getName() + " " + after.getType() + "]; keep the existing columns as they are "
                                + "and add new ones at the end");
                    }
                }
                for (int i = found.getColumnsCount(); i < parsed.getColumnsCount(); i++) {
                    var column = parsed.getColumns(i);
                    updated.addColumns(column);
                    operations.add("ADD COLUMN `" + column.getName() + "` " + column.getType()
                            + (column.hasDefaultExpression() ? " " + (column.hasDefaultKind() ? column.getDefaultKind()
                            : "DEFAULT") + " " + column.getDefaultExpression() : ""));
                }
            }
            if (alteration.description() != null) {
                updated.setDescription(alteration.description());
            }
            if (alteration.ttl() != null) {
                String expression = DataSourceAlterations.ttlExpression(updated.build(), alteration.ttl());
                if (!expression.equals(found.getEngineTtl())) {
                    if (!expression.isEmpty()) {
                        // compiles it over the (new) columns: BAD_ARGUMENTS naming the TTL when it is not a date/time
                        EngineContracts.engineServices(TableSpecs.toDefinition(DataSourceTables.table(updated.build())),
                                expression);
                    }
                    updated.setEngineTtl(expression);
                    operations.add(DataSourceAlterations.ttlOperation(expression));
                }
            }
            if (alteration.kafkaStoreRawValue() != null) {
                boolean raw = DataSourceAlterations.parseBoolean(DataSourceAlterations.KAFKA_STORE_RAW_VALUE,
                        alteration.kafkaStoreRawValue());
                updated.putSettings(DataSourceAlterations.KAFKA_STORE_RAW_VALUE, Boolean.toString(raw));
            }
            DataSourceSpec next = updated.build();
            if (dry) {
                return CompletableFuture.completedFuture(new Altered(operations, next));
            }
            if (next.equals(found)) {
                return CompletableFuture.completedFuture(new Altered(operations, found));
            }
            boolean ttlChanged = !next.getEngineTtl().equals(found.getEngineTtl());
            if (ttlChanged || next.getColumnsCount() != found.getColumnsCount()) {
                // replicas on every node redefine their tables when first handed the new version (ReplicaStore.open)
                next = next.toBuilder().setSchemaVersion(found.getSchemaVersion() + 1).build();
            }
            return catalog.update(found.getName(), next).thenCompose(altered -> {
                if (localTables == null) {
                    return CompletableFuture.completedFuture(new Altered(operations, altered));
                }
                // redefined now (a higher schema version: ReplicaStore.open), not at the next insert or query
                TableSpec table = DataSourceTables.table(altered);
                return replicas.ensureOpen(table)
                        .thenCompose(ignored -> replicas.ensureOpen(DataSourceTables.quarantine(altered)))
                        .thenApply(ignored -> {
                            // a TTL pass drops the rows the new TTL expires without waiting for the next insert; only
                            // for a table merged on this node: a replicated one must change only through its log
                            if (ttlChanged && localTables.isMerging(table.getTableId())) {
                                localTables.mergeSoon(table.getTableId());
                            }
                            return new Altered(operations, altered);
                        });
            });
        });
    }

    public CompletionStage<DataSourceSpec> create(DataSourceRequest request) {
        return create(request.toSpec(clock.instant()));
    }

    /**
     * Creates a data source of any engine ({@code engine=ReplacingMergeTree} with {@code engine_ver}...): the
     * engine parameters and the TTL are checked before the catalog records anything.
     */
    public CompletionStage<DataSourceSpec> create(DataSourceRequest request, DataSourceRequest.EngineOptions options) {
        return create(request, options, null);
    }

    /** {@link #create(DataSourceRequest, DataSourceRequest.EngineOptions)} with the {@code indexes} parameter. */
    public CompletionStage<DataSourceSpec> create(DataSourceRequest request, DataSourceRequest.EngineOptions options,
                                                  String indexes) {
        DataSourceSpec spec;
        try {
            spec = DataSourceRequest.withIndexes(request.toSpec(clock.instant(), options), indexes);
            EngineContracts.engineServices(TableSpecs.toDefinition(DataSourceTables.table(spec)), spec.getEngineTtl());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return create(spec);
    }

    private CompletionStage<DataSourceSpec> create(DataSourceSpec spec) {
        // Check the keys before the catalog records anything: a key that cannot be evaluated would leave a
        // data source whose table never opens.
        EngineContracts.keyEvaluator(TableSpecs.toDefinition(DataSourceTables.table(spec)));
        return catalog.create(spec).thenCompose(created -> replicas.ensureOpen(DataSourceTables.table(created))
                .thenCompose(ignored -> replicas.ensureOpen(DataSourceTables.quarantine(created)))
                .thenApply(ignored -> created));
    }

    /** The data source named {@code name} (or with that id); fails with 60 UNKNOWN_TABLE (404) naming it. */
    public CompletionStage<DataSourceSpec> require(String name) {
        if (name == null || name.isBlank()) {
            return CompletableFuture.failedFuture(new StarlingException(ErrorCode.BAD_ARGUMENTS,
                    "The name parameter is required, e.g. name=events"));
        }
        return catalog.dataSourceFresh(name).thenApply(found -> found
                .or(() -> catalog.current().getDataSourcesList().stream()
                        .filter(dataSource -> dataSource.getId().equals(name)).findFirst())
                .orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE, "Data source [" + name
                        + "] does not exist. Create it first with POST /v0/datasources?name=" + name + "&schema=...")));
    }

    public CompletionStage<Statistics> statistics(DataSourceSpec dataSource) {
        return replicas.ensureOpen(DataSourceTables.table(dataSource))
                .thenCombine(replicas.ensureOpen(DataSourceTables.quarantine(dataSource)),
                        (ShardReply main, ShardReply quarantine) ->
                                new Statistics(main.getTotalRows(), main.getBytesOnDisk(), quarantine.getTotalRows()));
    }

    /**
     * Records that every row of the data source was truncated or replaced ({@code rows_reset} raised in the catalog),
     * so the Events API takes a body sent before as new data rather than a retry ({@link EventDedup#scope}).
     */
    public CompletionStage<DataSourceSpec> rowsReset(DataSourceSpec dataSource) {
        return require(dataSource.getName()).thenCompose(current -> catalog.update(current.getName(),
                current.toBuilder().setRowsReset(current.getRowsReset() + 1).build()));
    }

    /** Truncates a data source, or the quarantine when {@code name} is {@code X_quarantine}. */
    public CompletionStage<DataSourceSpec> truncate(String name) {
        String owner = DataSourceNames.quarantineOwner(name);
        if (owner != null && catalog.dataSource(name).isEmpty()) {
            return require(owner).thenCompose(dataSource -> replicas.truncate(DataSourceTables.quarantine(dataSource))
                    .thenApply(ignored -> dataSource));
        }
        return require(name).thenCompose(dataSource -> {
            TableSpec table = DataSourceTables.table(dataSource);
            return replicas.truncate(table).thenCompose(ignored -> rowsReset(dataSource));
        });
    }

    /** Drops the data source from the catalog, then deletes both tables' directories. */
    public CompletionStage<DataSourceSpec> drop(String name) {
        return require(name).thenCompose(found -> catalog.drop(found.getName()))
                .thenCompose(dropped -> replicas.drop(dropped.getId())
                        .thenCompose(ignored -> replicas.drop(DataSourceTables.quarantine(dropped).getTableId()))
                        .thenApply(ignored -> dropped));
    }
}
