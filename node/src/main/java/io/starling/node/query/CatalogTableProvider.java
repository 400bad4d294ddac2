package io.starling.node.query;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.DataSourceNames;
import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.node.bridge.EngineContracts;
import io.starling.node.shard.LocalTables;
import io.starling.node.service.ServiceDataSources;
import io.starling.node.service.ServiceLog;
import io.starling.node.shard.Replicas;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.shard.TableSpec;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves table names of a query against the node's catalog copy: a data source by name or id, and
 * {@code X_quarantine}. The table is opened through its ShardReplica (EnsureOpen) and then read locally
 * from {@link LocalTables}. Blocking: queries run on the blocking-IO dispatcher.
 *
 * <p>On a {@code local} node the replica of every table lives here and is scanned directly. On a server node
 * (replication on) a table is a {@link io.starling.node.cluster.query.DistributedTableSource}: one fragment per
 * shard on an in-sync replica, the merge on this node.
 */
public final class CatalogTableProvider implements TableProvider {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final CatalogView catalog;
    private final Replicas replicas;
    private final LocalTables localTables;

    private final ServiceLog serviceLog;

    public CatalogTableProvider(CatalogView catalog, Replicas replicas, LocalTables localTables, ServiceLog serviceLog) {
        this.catalog = catalog;
        this.replicas = replicas;
        this.localTables = localTables;
        this.serviceLog = serviceLog;
    }

    public CatalogTableProvider(CatalogView catalog, Replicas replicas, LocalTables localTables) {
        this(catalog, replicas, localTables, null);
    }

    @Override
    public Optional<TableSource> table(String database, String name) {
        if (ServiceDataSources.DATABASE.equals(database) && serviceLog != null) {
            Optional<TableSpec> service = ServiceDataSources.table(name);
            if (service.isEmpty()) {
                return Optional.empty();
            }
            serviceLog.flush();
            return Optional.of(source(name, service.get()));
        }
        if (database != null && !database.isEmpty() && !database.equals("default")) {
            return Optional.empty();
        }
        Optional<DataSourceSpec> dataSource = find(name);
        if (dataSource.isPresent()) {
            return Optional.of(source(name, DataSourceTables.table(dataSource.get())));
        }
        String owner = DataSourceNames.quarantineOwner(name);
        if (owner != null) {
            Optional<DataSourceSpec> quarantined = find(owner);
            if (quarantined.isPresent()) {
                return Optional.of(source(name, DataSourceTables.quarantine(quarantined.get())));
            }
        }
        return Optional.empty();
    }

    /** MATERIALIZED and ALIAS columns: stored and readable by name, but not part of {@code SELECT *}. */
    @Override
    public java.util.Set<String> hiddenFromStar(String database, String name) {
        if (database != null && !database.isEmpty() && !database.equals("default")) {
            return java.util.Set.of();
        }
        java.util.Set<String> computed = new java.util.HashSet<>();
        find(name).ifPresent(dataSource -> dataSource.getColumnsList().forEach(column -> {
            if (column.hasDefaultKind() && !column.getDefaultKind().equalsIgnoreCase("DEFAULT")) {
                computed.add(column.getName());
            }
        }));
        return computed;
    }

    private Optional<DataSourceSpec> find(String nameOrId) {
        Optional<DataSourceSpec> byName = catalog.dataSource(nameOrId);
        if (byName.isPresent()) {
            return byName;
        }
        return catalog.current().getDataSourcesList().stream()
                .filter(dataSource -> dataSource.getId().equals(nameOrId))
                .findFirst();
    }

    private TableSource source(String name, TableSpec table) {
        io.starling.node.cluster.ReplicatedTables replicated = replicas.replicated();
        if (replicated != null && replicated.reads() != null) {
            // Server mode: the table's shards live on their replicas' nodes; one fragment per shard reads them.
            return new io.starling.node.cluster.query.DistributedTableSource(name, table, replicated.reads());
        }
        Optional<MergeTreeTable> open = localTables.get(table.getTableId());
        if (open.isEmpty()) {
            try {
                replicas.ensureOpen(table).toCompletableFuture().get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new StarlingException(ErrorCode.STD_EXCEPTION, "Cannot open table [" + name + "]: " + e.getCause());
            } catch (TimeoutException e) {
                throw new StarlingException(ErrorCode.ALL_REPLICAS_ARE_STALE, "The replica of table [" + name
                        + "] did not open within " + OPEN_TIMEOUT.toSeconds() + " s; retry the query");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "Query interrupted");
            }
            open = localTables.get(table.getTableId());
        }
        MergeTreeTable local = open.orElseThrow(() -> new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                "The replica of table [" + name + "] is on another node; distributed reads are not implemented yet"));
        return EngineContracts.tableSource(name, local);
    }
}
