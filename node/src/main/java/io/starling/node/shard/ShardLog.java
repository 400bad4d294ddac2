package io.starling.node.shard;

import io.starling.protocol.cluster.ShardLogCommand;
import io.starling.protocol.shardlog.ShardLogEvent;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.protocol.shardlog.ShardLogSnapshot;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The replication log of one table shard (entity id {@code <tableId>~<shard>}), a Cluster Sharding entity with
 * an event-sourced state ({@link ShardLogState}); decisions are in {@link ShardLogDecisions}.
 *
 * <p>Single writer: Cluster Sharding runs one incarnation per entity and the split-brain resolver downs the
 * minority, and the journal fences the rest: events are keyed by (persistence id, sequence number), so an old
 * incarnation that was paused and resumes fails its next write on the duplicate key (the journal rejects it and
 * the actor stops) instead of committing. Ownership is never decided by the failure detector alone.
 *
 * <p>Merges are entries too: the replica holding the log's merge lease ({@link ShardLogDecisions#claimMergeLease})
 * merges, commits the merge here, and every other replica applies it (see {@code ReplicaNode}). Truncate, replace
 * and delete are RangeDropped entries naming the parts they drop.
 *
 * <p>Re-placement is an entry too ({@link ShardLogDecisions#changePlacement}): a moved replica joins under a fresh
 * index, catches up, and only then does the log remove the one it replaces (epoch +1 per change).
 *
 * <p>Bounded size. Entries: each replica's catch-up reports its applied cursor with its log read
 * ({@link ShardLogCursors}); once {@code truncate-batch} entries lie below the cursor of every replica that reported
 * lately, they are dropped (a LogTruncated event). A replica that was silent meanwhile (its node down) or is new and
 * whose cursor is below the dropped entries is told to clone the live parts instead ({@code ShardLogReply.clone}).
 * Journal: every {@code snapshot-every} events (default {@value #SNAPSHOT_EVERY}) the state is saved as a
 * {@code ShardLogSnapshot}, the two newest are kept and the events older than the older of them are deleted, so
 * recovery replays at most that many events and the journal holds about two snapshot intervals of events.
 * Settings: {@link ShardLogSettings} ({@code starling.shard-log.*}).
 */
public final class ShardLog extends EventSourcedBehavior<ShardLogCommand, ShardLogEvent, ShardLogState> {
    public static final EntityTypeKey<ShardLogCommand> TYPE_KEY = EntityTypeKey.create(ShardLogCommand.class, "ShardLog");
    private static final String SEPARATOR = "~";

    private final String shardKey;
    private final ShardLogSettings settings;
    /** The replicas' reported cursors: soft state of this incarnation (see {@link ShardLogCursors}). */
    private final ShardLogCursors cursors = new ShardLogCursors();

    private ShardLog(String shardKey, ShardLogSettings settings) {
        super(PersistenceId.of(TYPE_KEY.name(), shardKey));
        this.shardKey = shardKey;
        this.settings = settings;
    }

    public static String entityId(String tableId, int shard) {
        return tableId + SEPARATOR + shard;
    }

    public static Behavior<ShardLogCommand> create(String shardKey) {
        return create(shardKey, ShardLogSettings.DEFAULT);
    }

    public static Behavior<ShardLogCommand> create(String shardKey, ShardLogSettings settings) {
        return new ShardLog(shardKey, settings);
    }

    /** Registers the entity type with sharding on nodes of {@code role}; settings from the system's configuration. */
    public static void init(ClusterSharding sharding, String role) {
        sharding.init(Entity.of(TYPE_KEY, context -> Behaviors.setup(actor -> create(context.getEntityId(),
                ShardLogSettings.from(actor.getSystem().settings().config())))).withRole(role));
    }

    static final int SNAPSHOT_EVERY = 1000;   // ShardLogSettings.DEFAULT.snapshotEvery()

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2).withDeleteEventsOnSnapshot();
    }

    @Override
    public SnapshotAdapter<ShardLogState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(ShardLogState state) {
                return state.toSnapshot();
            }

            @Override
            public ShardLogState fromJournal(Object from) {
                return ShardLogState.fromSnapshot((ShardLogSnapshot) from);
            }
        };
    }

    @Override
    public ShardLogState emptyState() {
        return new ShardLogState();
    }

    @Override
    public CommandHandler<ShardLogCommand, ShardLogEvent, ShardLogState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(ShardLogCommand.EnsurePlacement.class, (state, command) -> effect(
                        ShardLogDecisions.ensurePlacement(state, shardKey, command.request()), command.replyTo()))
                .onCommand(ShardLogCommand.ChangePlacement.class, (state, command) -> effect(
                        ShardLogDecisions.changePlacement(state, command.request()), command.replyTo()))
                .onCommand(ShardLogCommand.Allocate.class, (state, command) -> effect(
                        ShardLogDecisions.allocate(state, command.request(), System.currentTimeMillis()), command.replyTo()))
                .onCommand(ShardLogCommand.Commit.class, (state, command) -> effect(
                        ShardLogDecisions.commit(state, command.request()), command.replyTo()))
                .onCommand(ShardLogCommand.RecordHeld.class, (state, command) -> effect(
                        ShardLogDecisions.recordHeld(state, command.request()), command.replyTo()))
                .onCommand(ShardLogCommand.RegisterReplica.class, (state, command) -> effect(
                        ShardLogDecisions.registerReplica(state, command.request()), command.replyTo()))
                .onCommand(ShardLogCommand.GetLog.class, (state, command) -> effect(
                        ShardLogDecisions.getLog(state, cursors, command.request(), System.currentTimeMillis(),
                                settings), command.replyTo()))
                .onCommand(ShardLogCommand.ClaimMergeLease.class, (state, command) -> effect(
                        ShardLogDecisions.claimMergeLease(state, command.request(), System.currentTimeMillis()),
                        command.replyTo()))
                .onCommand(ShardLogCommand.CommitMerge.class, (state, command) -> effect(
                        ShardLogDecisions.commitMerge(state, command.request(), System.currentTimeMillis()),
                        command.replyTo()))
                .onCommand(ShardLogCommand.CommitDrop.class, (state, command) -> effect(
                        ShardLogDecisions.commitDrop(state, command.request(), System.currentTimeMillis()),
                        command.replyTo()))
                .build();
    }

    private Effect<ShardLogEvent, ShardLogState> effect(ShardLogDecisions.Decision decision,
                                                        ActorRef<ShardLogReply> replyTo) {
        return switch (decision) {
            case ShardLogDecisions.Decision.Persist persist -> Effect().persist(persist.event())
                    .thenReply(replyTo, persist.reply()::apply);
            case ShardLogDecisions.Decision.Reply reply -> Effect().reply(replyTo, reply.reply());
        };
    }

    @Override
    public EventHandler<ShardLogState, ShardLogEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(ShardLogState::apply);
    }
}
