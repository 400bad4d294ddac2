package io.starling.node.shard;

import io.starling.coordinator.placement.ReplicaPlacement;
import io.starling.protocol.Ack;
import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.BlockAllocatedEvent;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.EnsurePlacementRequest;
import io.starling.protocol.shardlog.EntryAppendedEvent;
import io.starling.protocol.shardlog.GetLogRequest;
import io.starling.protocol.shardlog.LogEntry;
import io.starling.protocol.shardlog.PartsAdded;
import io.starling.protocol.shardlog.PartsHeldEvent;
import io.starling.protocol.shardlog.PlacementChosenEvent;
import io.starling.protocol.shardlog.RecordHeldRequest;
import io.starling.protocol.shardlog.RegisterReplicaRequest;
import io.starling.protocol.shardlog.ReplicaRegisteredEvent;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogEvent;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.storage.error.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a ShardLog does with each command, as pure functions of its {@link ShardLogState}: an event to persist
 * and the reply to send after it, or a reply alone. The entity ({@link ShardLog}) only persists and replies.
 */
public final class ShardLogDecisions {

    /** The outcome of one command. */
    public sealed interface Decision {
        /** Persist {@code event}, apply it, then answer {@code reply} of the new state. */
        record Persist(ShardLogEvent event, Function<ShardLogState, ShardLogReply> reply) implements Decision {
        }

        /** Nothing changes; answer {@code reply}. */
        record Reply(ShardLogReply reply) implements Decision {
        }
    }

    private ShardLogDecisions() {
    }

    /** Chooses R distinct nodes among the candidates when the shard has no placement yet. */
    public static Decision ensurePlacement(ShardLogState state, String shardKey, EnsurePlacementRequest request) {
        if (!state.placement().isEmpty()) {
            return new Decision.Reply(full(state, 0));
        }
        if (request.getCandidatesCount() == 0) {
            return new Decision.Reply(error(ErrorCode.ALL_REPLICAS_ARE_STALE, "No data node is up to hold shard ["
                    + shardKey + "]; start a node with role data and retry"));
        }
        Map<String, ReplicaSlot> byNode = new LinkedHashMap<>();
        request.getCandidatesList().forEach(candidate -> byNode.putIfAbsent(candidate.getNode(), candidate));
        List<String> chosen = ReplicaPlacement.choose(shardKey, byNode.keySet(), Math.max(1, request.getReplicas()));
        PlacementChosenEvent.Builder event = PlacementChosenEvent.newBuilder().setEpoch(state.placementEpoch() + 1);
        for (int index = 0; index < chosen.size(); index++) {
            event.addSlots(byNode.get(chosen.get(index)).toBuilder().setIndex(index));
        }
        return new Decision.Persist(ShardLogEvent.newBuilder().setPlacementChosen(event).build(),
                next -> full(next, 0));
    }

    /** A fresh block number; a committed dedup key answers {@code duplicate} with the first insert's parts. */
    public static Decision allocate(ShardLogState state, AllocateRequest request) {
        if (!request.getDedupKey().isEmpty()) {
            var committed = state.committed(request.getDedupKey());
            if (committed.isPresent()) {
                return new Decision.Reply(duplicate(committed.get()));
            }
        }
        long number = state.lastBlock() + 1;
        return new Decision.Persist(ShardLogEvent.newBuilder()
                .setBlockAllocated(BlockAllocatedEvent.newBuilder().setBlockNumber(number)).build(),
                next -> ok().setBlockNumber(number).addAllPlacement(next.placement()).build());
    }

    /**
     * Appends the insert's parts. A dedup key committed meanwhile (a concurrent retry won) answers
     * {@code duplicate}: the caller discards what it wrote. A block number never allocated or already committed
     * is an error (a confused or stale writer).
     */
    public static Decision commit(ShardLogState state, CommitRequest request) {
        if (!request.getDedupKey().isEmpty()) {
            var committed = state.committed(request.getDedupKey());
            if (committed.isPresent()) {
                return new Decision.Reply(duplicate(committed.get()));
            }
        }
        if (request.getBlockNumber() <= 0 || request.getBlockNumber() > state.lastBlock()) {
            return new Decision.Reply(error(ErrorCode.LOGICAL_ERROR, "Block number [" + request.getBlockNumber()
                    + "] was never allocated by this shard log (last is " + state.lastBlock() + "); allocate first"));
        }
        if (state.blockCommitted(request.getBlockNumber())) {
            return new Decision.Reply(error(ErrorCode.LOGICAL_ERROR, "Block number [" + request.getBlockNumber()
                    + "] is committed already; allocate a new one"));
        }
        if (!state.hasReplica(request.getHolder())) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "Replica [" + request.getHolder()
                    + "] is not in the placement of this shard"));
        }
        for (String part : request.getPartNamesList()) {
            if (state.isLive(part)) {
                return new Decision.Reply(error(ErrorCode.LOGICAL_ERROR, "Part [" + part + "] is in the log already"));
            }
        }
        LogEntry entry = LogEntry.newBuilder().setPartsAdded(PartsAdded.newBuilder()
                .setBlockNumber(request.getBlockNumber()).setDedupKey(request.getDedupKey())
                .addAllPartNames(request.getPartNamesList()).setRows(request.getRows())).build();
        return new Decision.Persist(ShardLogEvent.newBuilder().setEntryAppended(EntryAppendedEvent.newBuilder()
                .setEntry(entry).addHolders(request.getHolder())).build(),
                next -> ok().setBlockNumber(request.getBlockNumber()).addAllPartNames(request.getPartNamesList())
                        .addAllPlacement(next.placement()).setLogLength(next.entries().size()).build());
    }

    /**
     * Records that a replica holds parts. Parts no longer live (merged away, dropped) are ignored. A replica epoch
     * older than the registered one is rejected: a stale incarnation cannot claim parts.
     */
    public static Decision recordHeld(ShardLogState state, RecordHeldRequest request) {
        if (!state.hasReplica(request.getReplica())) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "Replica [" + request.getReplica()
                    + "] is not in the placement of this shard"));
        }
        if (request.getReplicaEpoch() != 0 && request.getReplicaEpoch() < state.replicaEpoch(request.getReplica())) {
            return new Decision.Reply(error(ErrorCode.ABORTED, "Replica [" + request.getReplica() + "] epoch ["
                    + request.getReplicaEpoch() + "] is stale (current " + state.replicaEpoch(request.getReplica())
                    + "); a newer incarnation registered"));
        }
        List<String> fresh = new ArrayList<>();
        Map<String, java.util.Set<Integer>> holdings = state.holdings();
        for (String part : request.getPartNamesList()) {
            java.util.Set<Integer> holders = holdings.get(part);
            if (holders != null && !holders.contains(request.getReplica())) {
                fresh.add(part);
            }
        }
        if (fresh.isEmpty()) {
            return new Decision.Reply(ok().addAllHoldings(state.holdingMessages()).build());
        }
        return new Decision.Persist(ShardLogEvent.newBuilder().setPartsHeld(PartsHeldEvent.newBuilder()
                .addAllPartNames(fresh).setReplica(request.getReplica())).build(),
                next -> ok().addAllHoldings(next.holdingMessages()).build());
    }

    /** A replica incarnation starts: a new epoch; its holdings become what it found on disk. */
    public static Decision registerReplica(ShardLogState state, RegisterReplicaRequest request) {
        if (!state.hasReplica(request.getReplica())) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "Replica [" + request.getReplica()
                    + "] is not in the placement of this shard"));
        }
        long epoch = state.replicaEpoch(request.getReplica()) + 1;
        List<String> live = request.getPartNamesList().stream().filter(state::isLive).toList();
        return new Decision.Persist(ShardLogEvent.newBuilder().setReplicaRegistered(ReplicaRegisteredEvent.newBuilder()
                .setReplica(request.getReplica()).setReplicaEpoch(epoch).addAllPartNames(live)).build(),
                next -> full(next, 0).toBuilder().setEpoch(epoch).build());
    }

    public static Decision getLog(ShardLogState state, GetLogRequest request) {
        return new Decision.Reply(full(state, request.getFromIndex()));
    }

    private static ShardLogReply full(ShardLogState state, long fromIndex) {
        ShardLogReply.Builder reply = ok().addAllPlacement(state.placement()).setEpoch(state.placementEpoch())
                .addAllHoldings(state.holdingMessages()).setLogLength(state.entries().size())
                .setBlockNumber(state.lastBlock());
        for (LogEntry entry : state.entries()) {
            if (entry.getIndex() >= fromIndex) {
                reply.addEntries(entry);
            }
        }
        return reply.build();
    }

    private static ShardLogReply duplicate(PartsAdded committed) {
        return ok().setDuplicate(true).setBlockNumber(committed.getBlockNumber())
                .addAllPartNames(committed.getPartNamesList()).build();
    }

    private static ShardLogReply.Builder ok() {
        return ShardLogReply.newBuilder().setAck(Ack.newBuilder().setOk(true));
    }

    static ShardLogReply error(ErrorCode code, String message) {
        return ShardLogReply.newBuilder().setAck(Ack.newBuilder().setOk(false).setErrorCode(code.code())
                .setErrorName(code.name()).setErrorMessage(message)).build();
    }
}
