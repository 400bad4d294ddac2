package io.starling.node.ingest;

import io.starling.coordinator.catalog.CatalogView;
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

    public DataSourceService(CatalogView catalog, Replicas replicas, Clock clock) {
        this.catalog = catalog;
        this.replicas = replicas;
        this.clock = clock;
    }

    public CompletionStage<DataSourceSpec> create(DataSourceRequest request) {
        DataSourceSpec spec = request.toSpec(clock.instant());
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

    /** Truncates a data source, or the quarantine when {@code name} is {@code X_quarantine}. */
    public CompletionStage<DataSourceSpec> truncate(String name) {
        String owner = DataSourceNames.quarantineOwner(name);
        if (owner != null && catalog.dataSource(name).isEmpty()) {
            return require(owner).thenCompose(dataSource -> replicas.truncate(DataSourceTables.quarantine(dataSource))
                    .thenApply(ignored -> dataSource));
        }
        return require(name).thenCompose(dataSource -> {
            TableSpec table = DataSourceTables.table(dataSource);
            return replicas.truncate(table).thenApply(ignored -> dataSource);
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
