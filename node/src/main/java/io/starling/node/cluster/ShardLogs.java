package io.starling.node.cluster;

import io.starling.node.shard.ShardLog;
import io.starling.protocol.Ack;
import io.starling.protocol.cluster.ShardLogCommand;
import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.ClaimMergeLeaseRequest;
import io.starling.protocol.shardlog.CommitDropRequest;
import io.starling.protocol.shardlog.CommitMergeRequest;
import io.starling.protocol.shardlog.PartsMerged;
import io.starling.protocol.shardlog.RangeDropped;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.EnsurePlacementRequest;
import io.starling.protocol.shardlog.GetLogRequest;
import io.starling.protocol.shardlog.RecordHeldRequest;
import io.starling.protocol.shardlog.RegisterReplicaRequest;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Client of the ShardLog entities: asks, and turns error replies into failed stages. Thread-safe. */
public final class ShardLogs {
    /** How long one try of a repeatable ask waits before it is sent again. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterSharding sharding;
    private final Duration timeout;

    public ShardLogs(ClusterSharding sharding, Duration timeout) {
        this.sharding = sharding;
        this.timeout = timeout;
    }

    public CompletionStage<ShardLogReply> ensurePlacement(String tableId, int shard, List<ReplicaSlot> candidates,
                                                          int replicas) {
        EnsurePlacementRequest request = EnsurePlacementRequest.newBuilder().addAllCandidates(candidates)
                .setReplicas(replicas).build();
        return ask(tableId, shard, replyTo -> new ShardLogCommand.EnsurePlacement(request, replyTo));
    }

    /** Re-placement of one shard (see {@code ShardLogDecisions.changePlacement}); answers the new placement. */
    public CompletionStage<ShardLogReply> changePlacement(String tableId, int shard,
                                                          io.starling.protocol.shardlog.ChangePlacementRequest request) {
        return ask(tableId, shard, replyTo -> new ShardLogCommand.ChangePlacement(request, replyTo));
    }

    public CompletionStage<ShardLogReply> allocate(String tableId, int shard, String dedupKey) {
        AllocateRequest request = AllocateRequest.newBuilder().setDedupKey(dedupKey).build();
        return ask(tableId, shard, replyTo -> new ShardLogCommand.Allocate(request, replyTo));
    }

    public CompletionStage<ShardLogReply> commit(String tableId, int shard, CommitRequest request) {
        return ask(tableId, shard, replyTo -> new ShardLogCommand.Commit(request, replyTo));
    }

    public CompletionStage<ShardLogReply> recordHeld(String tableId, int shard, int replica, Collection<String> parts,
                                                     long replicaEpoch) {
        RecordHeldRequest request = RecordHeldRequest.newBuilder().setReplica(replica).addAllPartNames(parts)
                .setReplicaEpoch(replicaEpoch).build();
        return ask(tableId, shard, replyTo -> new ShardLogCommand.RecordHeld(request, replyTo));
    }

    public CompletionStage<ShardLogReply> registerReplica(String tableId, int shard, int replica,
                                                          Collection<String> parts) {
        RegisterReplicaRequest request = RegisterReplicaRequest.newBuilder().setReplica(replica)
                .addAllPartNames(parts).build();
        return ask(tableId, shard, replyTo -> new ShardLogCommand.RegisterReplica(request, replyTo));
    }

    public CompletionStage<ShardLogReply> getLog(String tableId, int shard, long fromIndex) {
        GetLogRequest request = GetLogRequest.newBuilder().setFromIndex(fromIndex).build();
        return ask(tableId, shard, replyTo -> new ShardLogCommand.GetLog(request, replyTo));
    }

    /**
     * A replica's log read during catch-up: also reports that the replica on {@code node} has applied the log up to
     * {@code appliedIndex} (the log drops entries every live replica applied; see {@code ShardLogDecisions.getLog}).
     */
    public CompletionStage<ShardLogReply> getLog(String tableId, int shard, long fromIndex, String node,
                                                 long appliedIndex) {
        GetLogRequest request = GetLogRequest.newBuilder().setFromIndex(fromIndex).setReporterNode(node)
                .setAppliedIndex(appliedIndex).build();
        return ask(tableId, shard, replyTo -> new ShardLogCommand.GetLog(request, replyTo));
    }

    public CompletionStage<ShardLogReply> claimMergeLease(String tableId, int shard, int replica, long replicaEpoch) {
        ClaimMergeLeaseRequest request = ClaimMergeLeaseRequest.newBuilder().setReplica(replica)
                .setReplicaEpoch(replicaEpoch).build();
        return ask(tableId, shard, replyTo -> new ShardLogCommand.ClaimMergeLease(request, replyTo));
    }

    public CompletionStage<ShardLogReply> commitMerge(String tableId, int shard, PartsMerged merge, int holder,
                                                      long replicaEpoch) {
        CommitMergeRequest request = CommitMergeRequest.newBuilder().setMerge(merge).setHolder(holder)
                .setReplicaEpoch(replicaEpoch).build();
        return ask(tableId, shard, replyTo -> new ShardLogCommand.CommitMerge(request, replyTo));
    }

    public CompletionStage<ShardLogReply> commitDrop(String tableId, int shard, RangeDropped drop, int holder) {
        CommitDropRequest request = CommitDropRequest.newBuilder().setDrop(drop).setHolder(holder).build();
        return ask(tableId, shard, replyTo -> new ShardLogCommand.CommitDrop(request, replyTo));
    }

    private CompletionStage<ShardLogReply> ask(String tableId, int shard,
                                               Function<ActorRef<ShardLogReply>, ShardLogCommand> command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return attempt(tableId, shard, command, deadline).thenApply(reply -> {
            Ack ack = reply.getAck();
            if (!ack.getOk()) {
                throw new StarlingException(errorCode(ack.getErrorName()), ack.getErrorMessage());
            }
            return reply;
        });
    }

    /**
     * One ask, repeated after a timeout for commands that are safe to repeat ({@link #repeatable}) while the overall
     * timeout allows: a message sent while Cluster Sharding hands the log's shard over to another node (a node
     * joined, or left) is dropped by the region, and without a repeat the caller would wait for the whole timeout.
     */
    private CompletionStage<ShardLogReply> attempt(String tableId, int shard,
                                                   Function<ActorRef<ShardLogReply>, ShardLogCommand> command,
                                                   long deadline) {
        long left = deadline - System.nanoTime();
        boolean[] repeatable = {false};
        Function<ActorRef<ShardLogReply>, ShardLogCommand> recording = replyTo -> {
            ShardLogCommand built = command.apply(replyTo);
            repeatable[0] = repeatable(built);
            return built;
        };
        Duration wait = Duration.ofNanos(Math.max(1, left));
        if (wait.compareTo(ATTEMPT_TIMEOUT) > 0) {
            wait = ATTEMPT_TIMEOUT;
        }
        Duration attemptTimeout = wait;
        long sent = System.nanoTime();
        return sharding.entityRefFor(ShardLog.TYPE_KEY, ShardLog.entityId(tableId, shard))
                .ask(recording::apply, attemptTimeout)
                .handle((reply, failure) -> {
                    if (failure == null) {
                        return java.util.concurrent.CompletableFuture.completedFuture(reply);
                    }
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() != null ? failure.getCause() : failure;
                    // Only a real timeout is repeated: an ask that fails at once (the local region has stopped
                    // because this node shuts down) would otherwise be repeated in a busy loop.
                    boolean timedOut = cause instanceof java.util.concurrent.TimeoutException
                            && System.nanoTime() - sent >= attemptTimeout.toNanos() / 2;
                    if (timedOut && repeatable[0] && deadline - System.nanoTime() > 0) {
                        return attempt(tableId, shard, command, deadline);
                    }
                    return java.util.concurrent.CompletableFuture.<ShardLogReply>failedFuture(cause);
                })
                .thenCompose(next -> next);
    }

    /**
     * Commands whose repeat is harmless: reads, placement when none exists, block allocation (an unused number is
     * abandoned), a commit (its dedup key makes a repeat answer "duplicate" with the committed parts), holdings,
     * registrations and lease claims. Merges, drops and placement changes are not repeated (a repeat of one that was
     * applied would be refused and its caller would undo work the log recorded).
     */
    static boolean repeatable(ShardLogCommand command) {
        return switch (command) {
            case ShardLogCommand.GetLog ignored -> true;
            case ShardLogCommand.EnsurePlacement ignored -> true;
            case ShardLogCommand.Allocate ignored -> true;
            case ShardLogCommand.Commit commit -> !commit.request().getDedupKey().isEmpty();
            case ShardLogCommand.RecordHeld ignored -> true;
            case ShardLogCommand.RegisterReplica ignored -> true;
            case ShardLogCommand.ClaimMergeLease ignored -> true;
            case ShardLogCommand.CommitMerge ignored -> false;
            case ShardLogCommand.CommitDrop ignored -> false;
            case ShardLogCommand.ChangePlacement ignored -> false;
        };
    }

    static ErrorCode errorCode(String name) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return ErrorCode.STD_EXCEPTION;
    }
}
