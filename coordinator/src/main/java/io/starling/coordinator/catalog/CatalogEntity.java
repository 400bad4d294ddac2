package io.starling.coordinator.catalog;

import io.starling.protocol.Ack;
import io.starling.protocol.catalog.CatalogCommand;
import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.CatalogReply;
import io.starling.protocol.catalog.DataSourceSpec;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * The event-sourced catalog of one workspace (entity id = workspace name, {@code default} for now), a
 * Cluster Sharding entity so exactly one incarnation writes its journal. Decisions are in
 * {@link CatalogDecisions}; this class only persists and replies. Every reply carries the snapshot after
 * the command, so callers refresh their local copy ({@link CatalogView}) with it.
 *
 * <p>No snapshots yet: a workspace catalog holds few events. Add a snapshot serializer before that changes.
 */
public final class CatalogEntity extends EventSourcedBehavior<CatalogCommand, CatalogEvent, CatalogState> {
    public static final EntityTypeKey<CatalogCommand> TYPE_KEY = EntityTypeKey.create(CatalogCommand.class, "Catalog");
    public static final String DEFAULT_WORKSPACE = "default";

    private final Clock clock;

    private CatalogEntity(String workspace, Clock clock) {
        super(PersistenceId.of(TYPE_KEY.name(), workspace));
        this.clock = clock;
    }

    public static Behavior<CatalogCommand> create(String workspace, Clock clock) {
        return new CatalogEntity(workspace, clock);
    }

    /** Registers the entity type with sharding on nodes of {@code role}. */
    public static void init(ClusterSharding sharding, String role) {
        sharding.init(Entity.of(TYPE_KEY, context -> create(context.getEntityId(), Clock.systemUTC())).withRole(role));
    }

    @Override
    public CatalogState emptyState() {
        return CatalogState.EMPTY;
    }

    @Override
    public CommandHandler<CatalogCommand, CatalogEvent, CatalogState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(CatalogCommand.CreateDataSource.class, (state, command) ->
                        decide(CatalogDecisions.create(state, command.dataSource()), state, command.replyTo(),
                                command.dataSource()))
                .onCommand(CatalogCommand.DropDataSource.class, (state, command) -> {
                    DataSourceSpec dropped = state.dataSource(command.name()).orElse(null);
                    long nowMicros = clock.millis() * 1_000L;
                    return decide(CatalogDecisions.drop(state, command.name(), nowMicros), state, command.replyTo(), dropped);
                })
                .onCommand(CatalogCommand.EnsureTokens.class, (state, command) ->
                        decide(CatalogDecisions.ensureTokens(state, command.proposed(), command.replace()), state,
                                command.replyTo(), null))
                .onCommand(CatalogCommand.PutToken.class, (state, command) ->
                        decide(CatalogDecisions.putToken(state, command.token()), state, command.replyTo(), null))
                .onCommand(CatalogCommand.DeleteToken.class, (state, command) ->
                        decide(CatalogDecisions.deleteToken(state, command.name()), state, command.replyTo(), null))
                .onCommand(CatalogCommand.UpdateDataSource.class, (state, command) ->
                        decide(CatalogDecisions.updateDataSource(state, command.oldName(), command.dataSource()), state,
                                command.replyTo(), command.dataSource()))
                .onCommand(CatalogCommand.PutJob.class, (state, command) ->
                        decide(CatalogDecisions.putJob(state, command.job()), state, command.replyTo(), null))
                .onCommand(CatalogCommand.PutPipe.class, (state, command) -> decidePipe(
                        io.starling.coordinator.pipe.PipeDecisions.put(state, command.pipe()), state, command.replyTo(),
                        command.pipe().getName()))
                .onCommand(CatalogCommand.DropPipe.class, (state, command) -> decidePipe(
                        io.starling.coordinator.pipe.PipeDecisions.drop(state, command.name()), state, command.replyTo(),
                        command.name()))
                .onCommand(CatalogCommand.PutDeployment.class, (state, command) -> decideDeployment(
                        io.starling.coordinator.deploy.DeploymentDecisions.put(state, command.deployment()), state,
                        command.replyTo(), command.deployment().getId()))
                .onCommand(CatalogCommand.PromoteDeployment.class, (state, command) -> decideDeployment(
                        io.starling.coordinator.deploy.DeploymentDecisions.promote(state, command.id(),
                                command.promotedAtMicros()), state, command.replyTo(), command.id()))
                .onCommand(CatalogCommand.GetCatalog.class, (state, command) ->
                        Effect().reply(command.replyTo(), ok(state, null)))
                .build();
    }

    private Effect<CatalogEvent, CatalogState> decide(CatalogDecision decision, CatalogState state,
                                                      ActorRef<CatalogReply> replyTo, DataSourceSpec touched) {
        return switch (decision) {
            case CatalogDecision.Accept accept -> Effect().persist(accept.event())
                    .thenReply(replyTo, next -> ok(next, touched));
            case CatalogDecision.Unchanged ignored -> Effect().reply(replyTo, ok(state, touched));
            case CatalogDecision.Reject reject -> Effect().reply(replyTo, CatalogReply.newBuilder()
                    .setAck(Ack.newBuilder().setOk(false).setErrorCode(reject.code().code())
                            .setErrorName(reject.code().name()).setErrorMessage(reject.message()))
                    .build());
        };
    }

    /** Like {@link #decide} for pipe commands: the reply carries the pipe (as it was before a drop). */
    private Effect<CatalogEvent, CatalogState> decidePipe(CatalogDecision decision, CatalogState state,
                                                          ActorRef<CatalogReply> replyTo, String pipeName) {
        io.starling.protocol.catalog.PipeSpec before = state.pipes().get(pipeName);
        return switch (decision) {
            case CatalogDecision.Accept accept -> Effect().persist(accept.event()).thenReply(replyTo, next -> {
                io.starling.protocol.catalog.PipeSpec after = next.pipes().getOrDefault(pipeName, before);
                return ok(next, null).toBuilder().setPipe(after).build();
            });
            case CatalogDecision.Unchanged ignored -> Effect().reply(replyTo, ok(state, null).toBuilder().setPipe(before).build());
            case CatalogDecision.Reject reject -> decide(reject, state, replyTo, null);
        };
    }

    /** Like {@link #decide} for deployment commands: the reply carries the deployment after the command. */
    private Effect<CatalogEvent, CatalogState> decideDeployment(CatalogDecision decision, CatalogState state,
                                                                ActorRef<CatalogReply> replyTo, long id) {
        return switch (decision) {
            case CatalogDecision.Accept accept -> Effect().persist(accept.event()).thenReply(replyTo, next ->
                    withDeployment(ok(next, null), next, id));
            case CatalogDecision.Unchanged ignored -> Effect().reply(replyTo, withDeployment(ok(state, null), state, id));
            case CatalogDecision.Reject reject -> decide(reject, state, replyTo, null);
        };
    }

    private static CatalogReply withDeployment(CatalogReply reply, CatalogState state, long id) {
        io.starling.protocol.catalog.DeploymentRecord record = state.deployments().get(id);
        return record == null ? reply : reply.toBuilder().setDeployment(record).build();
    }

    private static CatalogReply ok(CatalogState state, DataSourceSpec touched) {
        CatalogReply.Builder reply = CatalogReply.newBuilder().setAck(Ack.newBuilder().setOk(true))
                .setSnapshot(state.toSnapshot());
        if (touched != null) {
            reply.setDataSource(touched);
        }
        return reply.build();
    }

    @Override
    public EventHandler<CatalogState, CatalogEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(CatalogState::apply);
    }
}
