package io.starling.coordinator.catalog;

import io.starling.protocol.Ack;
import io.starling.protocol.catalog.CatalogCommand;
import io.starling.protocol.catalog.CatalogReply;
import io.starling.protocol.catalog.CatalogSnapshot;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.WorkspaceTokens;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node's local, versioned copy of the live catalog, and its way to change it.
 *
 * <p>Reads ({@link #current()}, {@link #dataSource}) never block: they use the newest snapshot this node has
 * seen. Every write's reply carries the snapshot after it, so a node reads its own writes at once; other
 * nodes catch up on their periodic {@link #refresh()} or when a name is missing ({@link #dataSourceFresh}).
 * A snapshot never replaces a newer one. Thread-safe.
 */
public final class CatalogView {
    private final CatalogGateway gateway;
    private final AtomicReference<CatalogSnapshot> snapshot =
            new AtomicReference<>(CatalogSnapshot.newBuilder().setVersion(-1).build());

    public CatalogView(CatalogGateway gateway) {
        this.gateway = gateway;
    }

    public CatalogSnapshot current() {
        return snapshot.get();
    }

    public Optional<DataSourceSpec> dataSource(String name) {
        for (DataSourceSpec dataSource : snapshot.get().getDataSourcesList()) {
            if (dataSource.getName().equals(name)) {
                return Optional.of(dataSource);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #dataSource} but asks the catalog once when the local copy does not have the name. */
    public CompletionStage<Optional<DataSourceSpec>> dataSourceFresh(String name) {
        Optional<DataSourceSpec> local = dataSource(name);
        if (local.isPresent()) {
            return CompletableFuture.completedFuture(local);
        }
        return refresh().thenApply(ignored -> dataSource(name));
    }

    public Optional<WorkspaceTokens> tokens() {
        CatalogSnapshot current = snapshot.get();
        return current.hasTokens() ? Optional.of(current.getTokens()) : Optional.empty();
    }

    public CompletionStage<CatalogSnapshot> refresh() {
        return send(CatalogCommand.GetCatalog::new).thenApply(reply -> reply.getSnapshot());
    }

    /** Creates a data source; fails with a StarlingException (e.g. 57 when the name is taken). */
    public CompletionStage<DataSourceSpec> create(DataSourceSpec dataSource) {
        return send(replyTo -> new CatalogCommand.CreateDataSource(dataSource, replyTo))
                .thenApply(CatalogReply::getDataSource);
    }

    /** Drops a data source; answers what was dropped. */
    public CompletionStage<DataSourceSpec> drop(String name) {
        return send(replyTo -> new CatalogCommand.DropDataSource(name, replyTo)).thenApply(CatalogReply::getDataSource);
    }

    public CompletionStage<WorkspaceTokens> ensureTokens(WorkspaceTokens proposed, boolean replace) {
        return send(replyTo -> new CatalogCommand.EnsureTokens(proposed, replace, replyTo))
                .thenApply(reply -> reply.getSnapshot().getTokens());
    }

    /** Static tokens in force, in creation order. */
    public java.util.List<io.starling.protocol.catalog.StaticToken> staticTokens() {
        return snapshot.get().getStaticTokensList();
    }

    /** Creates or replaces (by name) a static token. */
    public CompletionStage<CatalogSnapshot> putToken(io.starling.protocol.catalog.StaticToken token) {
        return send(replyTo -> new CatalogCommand.PutToken(token, replyTo)).thenApply(CatalogReply::getSnapshot);
    }

    public CompletionStage<CatalogSnapshot> deleteToken(String name) {
        return send(replyTo -> new CatalogCommand.DeleteToken(name, replyTo)).thenApply(CatalogReply::getSnapshot);
    }

    /** Renames or alters the data source named {@code oldName}; answers the new spec. */
    public CompletionStage<DataSourceSpec> update(String oldName, DataSourceSpec updated) {
        return send(replyTo -> new CatalogCommand.UpdateDataSource(oldName, updated, replyTo))
                .thenApply(CatalogReply::getDataSource);
    }

    public CompletionStage<CatalogSnapshot> putJob(io.starling.protocol.catalog.JobRecord job) {
        return send(replyTo -> new CatalogCommand.PutJob(job, replyTo)).thenApply(CatalogReply::getSnapshot);
    }

    /** Pipes in this node's catalog copy, in creation order. */
    public java.util.List<io.starling.protocol.catalog.PipeSpec> pipes() {
        return snapshot.get().getPipesList();
    }

    /** The pipe with this name or id in this node's catalog copy. */
    public Optional<io.starling.protocol.catalog.PipeSpec> pipe(String nameOrId) {
        for (io.starling.protocol.catalog.PipeSpec pipe : snapshot.get().getPipesList()) {
            if (pipe.getName().equals(nameOrId) || pipe.getId().equals(nameOrId)) {
                return Optional.of(pipe);
            }
        }
        return Optional.empty();
    }

    /** Creates or replaces (by name) a pipe; answers the pipe as stored (a replacement keeps the old id). */
    public CompletionStage<io.starling.protocol.catalog.PipeSpec> putPipe(io.starling.protocol.catalog.PipeSpec pipe) {
        return send(replyTo -> new CatalogCommand.PutPipe(pipe, replyTo)).thenApply(CatalogReply::getPipe);
    }

    /** Drops a pipe; answers what was dropped. */
    public CompletionStage<io.starling.protocol.catalog.PipeSpec> dropPipe(String name) {
        return send(replyTo -> new CatalogCommand.DropPipe(name, replyTo)).thenApply(CatalogReply::getPipe);
    }

    /** Deployments in this node's catalog copy, by id ascending. */
    public java.util.List<io.starling.protocol.catalog.DeploymentRecord> deployments() {
        return snapshot.get().getDeploymentsList();
    }

    /** Creates or updates (by id) a deployment record; answers it as stored. */
    public CompletionStage<io.starling.protocol.catalog.DeploymentRecord> putDeployment(
            io.starling.protocol.catalog.DeploymentRecord deployment) {
        return send(replyTo -> new CatalogCommand.PutDeployment(deployment, replyTo))
                .thenApply(CatalogReply::getDeployment);
    }

    /** Promotes a data_ready deployment: one catalog event switches every staged resource to live. */
    public CompletionStage<io.starling.protocol.catalog.DeploymentRecord> promoteDeployment(long id, long atMicros) {
        return send(replyTo -> new CatalogCommand.PromoteDeployment(id, atMicros, replyTo))
                .thenApply(CatalogReply::getDeployment);
    }

    private CompletionStage<CatalogReply> send(java.util.function.Function<
            org.apache.pekko.actor.typed.ActorRef<CatalogReply>, CatalogCommand> command) {
        return gateway.ask(command).thenApply(reply -> {
            if (reply.hasSnapshot()) {
                offer(reply.getSnapshot());
            }
            Ack ack = reply.getAck();
            if (!ack.getOk()) {
                throw new StarlingException(errorCode(ack), ack.getErrorMessage());
            }
            return reply;
        });
    }

    /** Installs {@code candidate} unless the copy already has a newer version. */
    public void offer(CatalogSnapshot candidate) {
        snapshot.accumulateAndGet(candidate, (current, next) -> next.getVersion() >= current.getVersion() ? next : current);
    }

    private static ErrorCode errorCode(Ack ack) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(ack.getErrorName())) {
                return code;
            }
        }
        return ErrorCode.LOGICAL_ERROR;
    }
}
