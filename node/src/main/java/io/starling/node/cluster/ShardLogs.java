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
        return sharding.entityRefFor(ShardLog.TYPE_KEY, ShardLog.entityId(tableId, shard))
                .ask(command::apply, timeout)
                .thenApply(reply -> {
                    Ack ack = reply.getAck();
                    if (!ack.getOk()) {
                        throw new StarlingException(errorCode(ack.getErrorName()), ack.getErrorMessage());
                    }
                    return reply;
                });
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
