package io.starling.node.cluster;

import io.starling.node.NodeSettings;
import io.starling.protocol.Ack;
import io.starling.protocol.cluster.ReplicaHostCommand;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas of replicated tables placed on one node, as one system actor at a well-known path
 * ({@value #NAME}), so a peer addresses it from the node id alone ({@link #refFor}). A thin actor: every command
 * runs in {@link ReplicaNode} on the blocking-IO executor (concurrently) and is answered with a value.
 *
 * <p>Replicas are pinned to nodes by the ShardLog's placement rather than moved by Cluster Sharding: a replica is
 * its data directory, so it lives where its data is. Moving one is a placement change in the log ({@link Rebalancer}):
 * the new replica clones the shard from its peers, then the old one is removed. A leaving node announces itself to
 * the leader's replica host ({@code Drain}).
 */
public final class ReplicaHost {
    public static final String NAME = "starling-replicas";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHost.class);

    private ReplicaHost() {
    }

    public static ActorRef<ReplicaHostCommand> spawn(ActorSystem<?> system, ReplicaNode node, Rebalancer rebalancer,
                                                     Executor blockingIo) {
        return system.systemActorOf(create(node, rebalancer, blockingIo), NAME, Props.empty());
    }

    /** The replica host of node {@code nodeId} (Artery host:port), local or remote. */
    public static ActorRef<ReplicaHostCommand> refFor(ActorSystem<?> system, String nodeId) {
        return ActorRefResolver.get(system).resolveActorRef("pekko://" + NodeSettings.ACTOR_SYSTEM_NAME + "@" + nodeId
                + "/system/" + NAME);
    }

    static Behavior<ReplicaHostCommand> create(ReplicaNode node, Rebalancer rebalancer, Executor blockingIo) {
        StagedBlocks staged = new StagedBlocks();
        return Behaviors.receive(ReplicaHostCommand.class)
                .onAnyMessage(command -> {
                    if (command instanceof ReplicaHostCommand.Stage stage) {
                        ReplicaHostReply reply;
                        try {
                            staged.stage(stage.request());
                            reply = ReplicaHostReply.newBuilder().setAck(Ack.newBuilder().setOk(true)).build();
                        } catch (RuntimeException e) {
                            reply = failure(e);
                        }
                        command.replyTo().tell(reply);
                        return Behaviors.same();
                    }
                    if (command instanceof ReplicaHostCommand.Drain drain) {
                        if (!drain.request().getNode().isEmpty()) {   // an empty one is a ping
                            rebalancer.announceDraining(drain.request().getNode(), drain.request().getForMillis());
                        }
                        command.replyTo().tell(ReplicaHostReply.newBuilder().setAck(Ack.newBuilder().setOk(true))
                                .build());
                        return Behaviors.same();
                    }
                    CompletableFuture.supplyAsync(() -> execute(node, staged, command), blockingIo)
                            .exceptionally(ReplicaHost::failure)
                            .thenAccept(reply -> command.replyTo().tell(reply));
                    return Behaviors.same();
                })
                .build();
    }

    static ReplicaHostReply execute(ReplicaNode node, StagedBlocks staged, ReplicaHostCommand command) {
        return switch (command) {
            case ReplicaHostCommand.Write write -> node.write(staged.resolve(write.request()));
            case ReplicaHostCommand.Stage stage -> throw new IllegalStateException("Stage is answered by the actor");
            case ReplicaHostCommand.Fetch fetch -> node.fetch(fetch.request());
            case ReplicaHostCommand.Sync sync -> node.sync(sync.request());
            case ReplicaHostCommand.Discard discard -> node.discard(discard.request());
            case ReplicaHostCommand.Mutate mutate -> node.mutate(staged.resolve(mutate.request()));
            case ReplicaHostCommand.Drain drain -> throw new IllegalStateException("Drain is answered by the actor");
        };
    }

    static ReplicaHostReply failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ErrorCode code;
        String message;
        if (cause instanceof StarlingException starling) {
            code = starling.errorCode();
            message = starling.getMessage();
        } else {
            LOG.error("Replica host command failed", cause);
            code = ErrorCode.STD_EXCEPTION;
            message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return ReplicaHostReply.newBuilder().setAck(Ack.newBuilder().setOk(false).setErrorCode(code.code())
                .setErrorName(code.name()).setErrorMessage(message == null ? "" : message)).build();
    }
}
