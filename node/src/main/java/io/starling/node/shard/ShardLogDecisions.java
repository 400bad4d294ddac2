package io.starling.node.shard;

import io.starling.coordinator.placement.ReplicaPlacement;
import io.starling.protocol.Ack;
import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.BlockAllocatedEvent;
import io.starling.protocol.shardlog.ChangePlacementRequest;
import io.starling.protocol.shardlog.ClaimMergeLeaseRequest;
import io.starling.protocol.shardlog.CommitDropRequest;
import io.starling.protocol.shardlog.CommitMergeRequest;
import io.starling.protocol.shardlog.MergeLeaseEvent;
import io.starling.protocol.shardlog.PartsMerged;
import io.starling.protocol.shardlog.RangeDropped;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.EnsurePlacementRequest;
import io.starling.protocol.shardlog.EntryAppendedEvent;
import io.starling.protocol.shardlog.GetLogRequest;
import io.starling.protocol.shardlog.LogEntry;
import io.starling.protocol.shardlog.LogTruncatedEvent;
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
import io.starling.storage.part.PartName;
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
    /** How long a merge lease lasts; the leader renews it when less than half is left. */
    public static final long LEASE_MILLIS = 30_000;
    /**
     * A block allocated this long ago and still not committed counts as abandoned (its inserter died or gave up):
     * a merge may span it, which fences it. Younger pending blocks are barriers merges never cross.
     */
    public static final long ABANDON_MILLIS = 60_000;

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
        PlacementChosenEvent.Builder event = PlacementChosenEvent.newBuilder().setEpoch(state.placementEpoch() + 1)
                .setReason("initial");
        for (int index = 0; index < chosen.size(); index++) {
            event.addSlots(byNode.get(chosen.get(index)).toBuilder().setIndex(index));
        }
        return new Decision.Persist(ShardLogEvent.newBuilder().setPlacementChosen(event).build(),
                next -> full(next, 0));
    }

    /**
     * Re-placement, applied only when the placement is still at {@code expected_epoch} (else ABORTED: read it again):
     * {@code add} joins as a new replica under a fresh index (refused when its node already holds one), the replicas
     * of {@code mark_leaving} are flagged leaving, and those of {@code remove} leave. Only a leaving replica is
     * removed, never the last replica that is not leaving, and only when every live part stays held by
     * {@code min(majority of the remaining replicas, its holders now)} of the remaining ones: a move removes the old
     * replica once the new one caught up, and acknowledged inserts keep their quorum. With {@code forget_lost} (the
     * removed replicas' node is gone for good), a part no remaining replica holds is forgotten rather than refusing
     * the change ({@link ShardLogState}: it leaves the live parts, and an insert whose parts are all forgotten its
     * dedup key). Answers the new log view.
     */
    public static Decision changePlacement(ShardLogState state, ChangePlacementRequest request) {
        if (state.placement().isEmpty()) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "The shard has no placement yet; nothing to move"));
        }
        if (request.getExpectedEpoch() != state.placementEpoch()) {
            return new Decision.Reply(error(ErrorCode.ABORTED, "The placement is at epoch " + state.placementEpoch()
                    + ", not " + request.getExpectedEpoch() + "; read it again and retry"));
        }
        java.util.Set<Integer> remove = new java.util.HashSet<>(request.getRemoveList());
        java.util.Set<Integer> leave = new java.util.HashSet<>(request.getMarkLeavingList());
        List<ReplicaSlot> next = new ArrayList<>();
        for (ReplicaSlot slot : state.placement()) {
            if (remove.remove(slot.getIndex())) {
                if (!slot.getLeaving() && !leave.contains(slot.getIndex())) {
                    return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "Replica [" + slot.getIndex()
                            + "] is not leaving; mark it leaving and add its replacement first"));
                }
                continue;
            }
            next.add(leave.remove(slot.getIndex()) ? slot.toBuilder().setLeaving(true).build() : slot);
        }
        if (!remove.isEmpty() || !leave.isEmpty()) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "Replicas " + (remove.isEmpty() ? leave : remove)
                    + " are not in the placement of this shard"));
        }
        if (request.hasAdd() && !request.getAdd().getNode().isEmpty()) {
            String node = request.getAdd().getNode();
            if (state.placement().stream().anyMatch(slot -> slot.getNode().equals(node))) {
                return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "Node [" + node
                        + "] holds a replica of this shard already"));
            }
            next.add(request.getAdd().toBuilder().setIndex(state.nextReplicaIndex()).setLeaving(false).build());
        }
        if (next.stream().allMatch(ReplicaSlot::getLeaving)) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "The change would leave no replica that stays;"
                    + " add a replacement first"));
        }
        List<String> lost = new ArrayList<>();
        if (!request.getRemoveList().isEmpty()) {
            java.util.Set<Integer> remaining = new java.util.HashSet<>();
            next.forEach(slot -> remaining.add(slot.getIndex()));
            int needed = ReplicaPlacement.majority(next.size());
            for (Map.Entry<String, java.util.Set<Integer>> holding : state.holdings().entrySet()) {
                long kept = holding.getValue().stream().filter(remaining::contains).count();
                // A merge result is never forgotten: replicas holding its sources re-create it when they apply it.
                if (kept == 0 && request.getForgetLost() && !state.isMergeResult(holding.getKey())) {
                    lost.add(holding.getKey());
                    continue;
                }
                if (kept < Math.min(needed, holding.getValue().size())) {
                    return new Decision.Reply(error(ErrorCode.ABORTED, "Part [" + holding.getKey() + "] is held by "
                            + kept + " of the remaining replicas, fewer than the " + Math.min(needed,
                            holding.getValue().size()) + " it needs; wait until the new replica caught up"));
                }
            }
        }
        PlacementChosenEvent event = PlacementChosenEvent.newBuilder().addAllSlots(next)
                .setEpoch(state.placementEpoch() + 1).setReason(request.getReason()).addAllLostParts(lost).build();
        return new Decision.Persist(ShardLogEvent.newBuilder().setPlacementChosen(event).build(),
                after -> full(after, Long.MAX_VALUE));
    }

    /** A fresh block number; a committed dedup key answers {@code duplicate} with the first insert's parts. */
    public static Decision allocate(ShardLogState state, AllocateRequest request) {
        return allocate(state, request, 0);
    }

    /** Like {@link #allocate(ShardLogState, AllocateRequest)}, stamping the block with the log's clock. */
    public static Decision allocate(ShardLogState state, AllocateRequest request, long now) {
        if (!request.getDedupKey().isEmpty()) {
            var committed = state.committed(request.getDedupKey());
            if (committed.isPresent()) {
                return new Decision.Reply(duplicate(committed.get()));
            }
        }
        long number = state.lastBlock() + 1;
        return new Decision.Persist(ShardLogEvent.newBuilder()
                .setBlockAllocated(BlockAllocatedEvent.newBuilder().setBlockNumber(number)
                        .setAllocatedAtMillis(now)).build(),
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
        if (state.fenced(request.getBlockNumber())) {
            return new Decision.Reply(error(ErrorCode.ABORTED, "Block number [" + request.getBlockNumber()
                    + "] was abandoned (pending longer than " + ABANDON_MILLIS / 1000 + " s) and a merge covered it;"
                    + " retry the insert"));
        }
        if (state.blockCommitted(request.getBlockNumber())) {
            return new Decision.Reply(error(ErrorCode.LOGICAL_ERROR, "Block number [" + request.getBlockNumber()
                    + "] is committed already; allocate a new one"));
        }
        if (!state.hasReplica(request.getHolder())) {
            // The placement changed under the insert (its replica was moved away): the inserter retries anew.
            return new Decision.Reply(error(ErrorCode.ABORTED, "Replica [" + request.getHolder()
                    + "] is not in the placement of this shard any more (epoch " + state.placementEpoch()
                    + "); retry the insert"));
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
                        .addAllPlacement(next.placement()).setLogLength(next.logLength()).build());
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
        return getLog(state, request, 0);
    }

    public static Decision getLog(ShardLogState state, GetLogRequest request, long now) {
        return new Decision.Reply(full(state, request.getFromIndex(), now));
    }

    /**
     * A read of the log that may carry a replica's cursor report ({@code reporter_node}, {@code applied_index}):
     * the report is noted in {@code cursors} (soft state), and when at least {@code truncate_batch} entries lie at or
     * below the cursor of every replica that reported within {@code replica_silent_after} (a majority of the
     * placement at least), they are dropped first (a LogTruncated event). A reader whose {@code from_index} is at or
     * below the dropped entries is answered {@code clone}: it copies the live parts instead of replaying entries.
     */
    public static Decision getLog(ShardLogState state, ShardLogCursors cursors, GetLogRequest request, long now,
                                  ShardLogSettings settings) {
        if (request.getReporterNode().isEmpty()) {
            return getLog(state, request, now);   // a plain read (queries, planning) never writes
        }
        for (ReplicaSlot slot : state.placement()) {
            if (slot.getNode().equals(request.getReporterNode())) {
                cursors.report(slot.getIndex(), Math.min(request.getAppliedIndex(), state.logLength()), now);
            }
        }
        long through = Math.min(cursors.appliedByAll(state.placement(), now, settings.replicaSilentAfterMillis()),
                state.logLength());
        if (through - state.truncatedThrough() >= settings.truncateBatch()) {
            return new Decision.Persist(ShardLogEvent.newBuilder().setLogTruncated(LogTruncatedEvent.newBuilder()
                    .setThroughIndex(through)).build(), next -> full(next, request.getFromIndex(), now));
        }
        return getLog(state, request, now);
    }

    /**
     * A replica asks to be the merge leader. Granted (a lease of {@value #LEASE_MILLIS} ms) when nobody holds a
     * live lease and the replica is in sync (it holds every live part), renewed for the holder when less than half
     * is left; otherwise answers the current leader. The log decides: two replicas never both hold a lease.
     */
    public static Decision claimMergeLease(ShardLogState state, ClaimMergeLeaseRequest request, long now) {
        int replica = request.getReplica();
        if (!state.hasReplica(replica)) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "Replica [" + replica
                    + "] is not in the placement of this shard"));
        }
        if (request.getReplicaEpoch() != 0 && request.getReplicaEpoch() < state.replicaEpoch(replica)) {
            return new Decision.Reply(error(ErrorCode.ABORTED, "Replica [" + replica + "] epoch is stale"));
        }
        int leader = state.mergeLeader(now);
        boolean renew = leader == replica && state.leaseUntil() - now < LEASE_MILLIS / 2;
        boolean take = leader < 0 && inSync(state, replica);
        if (!renew && !take) {
            return new Decision.Reply(ok().setMergeLeader(leader).build());
        }
        return new Decision.Persist(ShardLogEvent.newBuilder().setMergeLease(MergeLeaseEvent.newBuilder()
                .setReplica(replica).setUntilMillis(now + LEASE_MILLIS)).build(),
                next -> ok().setMergeLeader(replica).build());
    }

    private static boolean inSync(ShardLogState state, int replica) {
        return state.holdings().values().stream().allMatch(holders -> holders.contains(replica));
    }

    /**
     * The merge leader's merge: appended when the holder leads, the sources are live, adjacent in one partition
     * (no other live part and no pending block inside their range; pending blocks older than
     * {@value #ABANDON_MILLIS} ms are fenced instead) and the result is named as a merge of them names it.
     */
    public static Decision commitMerge(ShardLogState state, CommitMergeRequest request, long now) {
        PartsMerged merge = request.getMerge();
        if (state.mergeLeader(now) != request.getHolder()) {
            return new Decision.Reply(error(ErrorCode.ABORTED, "Replica [" + request.getHolder()
                    + "] is not the merge leader of this shard (the leader is " + state.mergeLeader(now) + ")"));
        }
        if (merge.getSourcesCount() < 1) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "A merge needs source parts"));
        }
        List<PartName> sources = new ArrayList<>();
        for (String source : merge.getSourcesList()) {
            if (!state.isLive(source)) {
                return new Decision.Reply(error(ErrorCode.ABORTED, "Part [" + source + "] is no longer live (merged or"
                        + " dropped meanwhile); choose the merge again"));
            }
            sources.add(PartName.tryParse(source).orElseThrow());
        }
        PartName first = sources.get(0);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int level = 0;
        for (PartName source : sources) {
            if (!source.partitionId().equals(first.partitionId())) {
                return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "A merge cannot span partitions"));
            }
            min = Math.min(min, source.minBlock());
            max = Math.max(max, source.maxBlock());
            level = Math.max(level, source.level());
        }
        PartName result = new PartName(first.partitionId(), min, max, level + 1);
        if (!result.toString().equals(merge.getResult())) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "The merge of " + merge.getSourcesList()
                    + " is named [" + result + "], not [" + merge.getResult() + "]"));
        }
        for (String live : state.holdings().keySet()) {
            PartName other = PartName.tryParse(live).orElse(null);
            if (other != null && !merge.getSourcesList().contains(live) && other.partitionId().equals(first.partitionId())
                    && other.minBlock() <= max && min <= other.maxBlock()) {
                return new Decision.Reply(error(ErrorCode.ABORTED, "Part [" + live + "] lies inside the merge range of "
                        + merge.getSourcesList() + "; merge adjacent parts only"));
            }
        }
        List<Long> fence = new ArrayList<>();
        for (Map.Entry<Long, Long> block : state.pending().subMap(min, true, max, true).entrySet()) {
            if (now - block.getValue() < ABANDON_MILLIS) {
                return new Decision.Reply(error(ErrorCode.ABORTED, "Block [" + block.getKey() + "] inside the merge"
                        + " range is still being inserted; merge later"));
            }
            fence.add(block.getKey());
        }
        EntryAppendedEvent.Builder appended = EntryAppendedEvent.newBuilder()
                .setEntry(LogEntry.newBuilder().setPartsMerged(merge)).addAllFencedBlocks(fence);
        if (!merge.getResultEmpty()) {
            appended.addHolders(request.getHolder());
        }
        return new Decision.Persist(ShardLogEvent.newBuilder().setEntryAppended(appended).build(),
                next -> ok().setEntryIndex(next.logLength()).setLogLength(next.logLength()).build());
    }

    /**
     * Truncate / replace / delete: appended when every dropped part is still live, no replacement part is, and the
     * replacement rows' block number (if any) is allocated and pending. Answers the entry's index.
     */
    public static Decision commitDrop(ShardLogState state, CommitDropRequest request, long now) {
        RangeDropped drop = request.getDrop();
        if (!state.hasReplica(request.getHolder())) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "Replica [" + request.getHolder()
                    + "] is not in the placement of this shard"));
        }
        if (drop.getReason().isEmpty()) {
            return new Decision.Reply(error(ErrorCode.BAD_ARGUMENTS, "A drop entry needs a reason"));
        }
        for (String part : drop.getDroppedPartsList()) {
            if (!state.isLive(part)) {
                return new Decision.Reply(error(ErrorCode.ABORTED, "Part [" + part + "] is no longer live (merged or"
                        + " dropped meanwhile); read the parts again and retry"));
            }
        }
        for (String part : drop.getReplacementPartsList()) {
            if (state.isLive(part)) {
                return new Decision.Reply(error(ErrorCode.LOGICAL_ERROR, "Part [" + part + "] is in the log already"));
            }
        }
        if (drop.getBlockNumber() > 0 && !state.pending().containsKey(drop.getBlockNumber())) {
            return new Decision.Reply(error(ErrorCode.ABORTED, "Block number [" + drop.getBlockNumber()
                    + "] is not pending (never allocated, committed, or abandoned); retry"));
        }
        EntryAppendedEvent.Builder appended = EntryAppendedEvent.newBuilder()
                .setEntry(LogEntry.newBuilder().setRangeDropped(drop));
        if (drop.getReplacementPartsCount() > 0) {
            appended.addHolders(request.getHolder());
        }
        return new Decision.Persist(ShardLogEvent.newBuilder().setEntryAppended(appended).build(),
                next -> ok().setEntryIndex(next.logLength()).setLogLength(next.logLength()).build());
    }

    private static ShardLogReply full(ShardLogState state, long fromIndex) {
        return full(state, fromIndex, 0);
    }

    private static ShardLogReply full(ShardLogState state, long fromIndex, long now) {
        ShardLogReply.Builder reply = ok().addAllPlacement(state.placement()).setEpoch(state.placementEpoch())
                .addAllHoldings(state.holdingMessages()).setLogLength(state.logLength())
                .setBlockNumber(state.lastBlock()).setMergeLeader(state.mergeLeader(now));
        state.pending().forEach((block, allocatedAt) -> {
            if (now - allocatedAt < ABANDON_MILLIS) {
                reply.addPendingBlocks(block);
            }
        });
        reply.addAllEntries(state.entriesFrom(fromIndex)).setTruncatedThrough(state.truncatedThrough())
                .setClone(fromIndex > 0 && fromIndex <= state.truncatedThrough());
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
