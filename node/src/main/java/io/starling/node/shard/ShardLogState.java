package io.starling.node.shard;

import io.starling.protocol.shardlog.EntryAppendedEvent;
import io.starling.protocol.shardlog.Holding;
import io.starling.protocol.shardlog.LogEntry;
import io.starling.protocol.shardlog.PartsAdded;
import io.starling.protocol.shardlog.PartsMerged;
import io.starling.protocol.shardlog.RangeDropped;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogEvent;
import io.starling.protocol.shardlog.ShardLogSnapshot;
import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state of one shard's replication log, rebuilt from its events ({@link #apply}): the replica placement and
 * its epoch, the last allocated block number, the ordered entries, the dedup keys of committed inserts, which
 * replica holds which live part, and each replica's incarnation epoch.
 *
 * <p>Layout of the log (the replicated-metadata contract, like ClickHouse's /log and /blocks in Keeper):
 * <pre>
 *   placement      replica index -> node (Artery host:port) + data port (+ leaving while it is moved away);
 *                  epoch +1 per change; indexes are never reused
 *   lastBlock      block numbers are allocated 1, 2, 3... and never reused (an abandoned one leaves a gap)
 *   entries        1-based, append-only: PartsAdded (one insert's parts), PartsMerged, RangeDropped; entries
 *                  every reporting replica applied are dropped (LogTruncated): the kept ones follow truncatedThrough
 *   dedupKeys      insert token or block hash -> the PartsAdded entry that committed it
 *   holdings       live part name -> replica indexes holding it (parts merged away or dropped leave)
 *   replicaEpochs  replica index -> incarnation epoch (RegisterReplica bumps it)
 *   pending        block numbers allocated but not committed yet, with the log's clock at allocation
 *   fenced         abandoned block numbers a merge spanned: a commit of one fails (the insert retries anew)
 *   mergeLeader    the replica whose merges the log accepts, and until when (a lease it renews)
 * </pre>
 * Mutated only by {@link #apply} (the entity's event handler); decisions read it ({@link ShardLogDecisions}).
 * Not thread-safe: owned by one actor. Dedup keys are kept for every insert (independent of the entries: dropping
 * entries keeps them) until a truncate or whole replace leaves no part covering the insert's block; a retention
 * window (like ClickHouse's replicated_deduplication_window) is not there yet.
 */
public final class ShardLogState {
    private final List<ReplicaSlot> placement = new ArrayList<>();
    private long placementEpoch;
    /** Replica indexes are never reused: a removed replica's index stays retired. */
    private int nextReplicaIndex;
    private long lastBlock;
    private final List<LogEntry> entries = new ArrayList<>();
    /** Entries up to this index were dropped: entries.get(i) has index truncatedThrough + i + 1. */
    private long truncatedThrough;
    /** Parts a PartsMerged entry produced (pruned to the live ones on truncation, when entries go). */
    private final Set<String> mergeResults = new TreeSet<>();
    private final Map<String, PartsAdded> dedupKeys = new HashMap<>();
    private final Set<Long> committedBlocks = new java.util.HashSet<>();
    private final Map<String, TreeSet<Integer>> holdings = new TreeMap<>();
    private final Map<Integer, Long> replicaEpochs = new HashMap<>();
    private final TreeMap<Long, Long> pending = new TreeMap<>();
    private final Set<Long> fenced = new java.util.HashSet<>();
    private int mergeLeader = -1;
    private long leaseUntil;

    public ShardLogState apply(ShardLogEvent event) {
        switch (event.getEventCase()) {
            case PLACEMENT_CHOSEN -> {
                placement.clear();
                placement.addAll(event.getPlacementChosen().getSlotsList());
                placementEpoch = event.getPlacementChosen().getEpoch();
                Set<Integer> indexes = new java.util.HashSet<>();
                for (ReplicaSlot slot : placement) {
                    indexes.add(slot.getIndex());
                    nextReplicaIndex = Math.max(nextReplicaIndex, slot.getIndex() + 1);
                }
                // A removed replica holds nothing any more, leads no merges and has no incarnation.
                holdings.values().forEach(holders -> holders.retainAll(indexes));
                forget(Set.copyOf(event.getPlacementChosen().getLostPartsList()));
                replicaEpochs.keySet().retainAll(indexes);
                if (!indexes.contains(mergeLeader)) {
                    mergeLeader = -1;
                    leaseUntil = 0;
                }
            }
            case BLOCK_ALLOCATED -> {
                long number = event.getBlockAllocated().getBlockNumber();
                lastBlock = Math.max(lastBlock, number);
                if (!committedBlocks.contains(number) && !fenced.contains(number)) {
                    pending.put(number, event.getBlockAllocated().getAllocatedAtMillis());
                }
            }
            case MERGE_LEASE -> {
                mergeLeader = event.getMergeLease().getReplica();
                leaseUntil = event.getMergeLease().getUntilMillis();
            }
            case ENTRY_APPENDED -> append(event.getEntryAppended());
            case PARTS_HELD -> {
                for (String part : event.getPartsHeld().getPartNamesList()) {
                    TreeSet<Integer> holders = holdings.get(part);
                    if (holders != null) {
                        holders.add(event.getPartsHeld().getReplica());
                    }
                }
            }
            case REPLICA_REGISTERED -> {
                int replica = event.getReplicaRegistered().getReplica();
                replicaEpochs.put(replica, event.getReplicaRegistered().getReplicaEpoch());
                Set<String> found = Set.copyOf(event.getReplicaRegistered().getPartNamesList());
                for (Map.Entry<String, TreeSet<Integer>> holding : holdings.entrySet()) {
                    if (found.contains(holding.getKey())) {
                        holding.getValue().add(replica);
                    } else {
                        holding.getValue().remove(replica);
                    }
                }
            }
            case LOG_TRUNCATED -> truncate(event.getLogTruncated().getThroughIndex());
            case EVENT_NOT_SET -> throw new IllegalArgumentException("ShardLog event without a payload");
        }
        return this;
    }

    /**
     * Parts only removed replicas on nodes gone for good held: they are live no more, and an insert whose parts are
     * all among them loses its dedup key (a retry of it is written anew instead of being answered "duplicate" of
     * rows nobody has).
     */
    private void forget(Set<String> lost) {
        if (lost.isEmpty()) {
            return;
        }
        holdings.keySet().removeAll(lost);
        dedupKeys.values().removeIf(added -> added.getPartNamesCount() > 0
                && lost.containsAll(added.getPartNamesList()));
    }

    /**
     * After a truncate or a whole replace: an insert whose block no live part covers any more loses its dedup key, so
     * the same rows sent again are written (as on a single node, where the Events API forgets its keys then).
     */
    private void forgetInsertsNoPartHolds() {
        List<PartName> live = holdings.keySet().stream().map(PartName::tryParse).flatMap(java.util.Optional::stream)
                .toList();
        dedupKeys.values().removeIf(added -> live.stream().noneMatch(part ->
                part.minBlock() <= added.getBlockNumber() && added.getBlockNumber() <= part.maxBlock()));
    }

    /** Drops the entries up to {@code through} (never past the last one; a lower value than before is a no-op). */
    private void truncate(long through) {
        long upTo = Math.min(through, logLength());
        if (upTo <= truncatedThrough) {
            return;
        }
        entries.subList(0, (int) (upTo - truncatedThrough)).clear();
        truncatedThrough = upTo;
        mergeResults.retainAll(holdings.keySet());
    }

    private void append(EntryAppendedEvent appended) {
        LogEntry entry = appended.getEntry().toBuilder().setIndex(logLength() + 1).build();
        entries.add(entry);
        for (long block : appended.getFencedBlocksList()) {
            fenced.add(block);
            pending.remove(block);
        }
        switch (entry.getKindCase()) {
            case PARTS_ADDED -> {
                PartsAdded added = entry.getPartsAdded();
                lastBlock = Math.max(lastBlock, added.getBlockNumber());
                committedBlocks.add(added.getBlockNumber());
                pending.remove(added.getBlockNumber());
                if (!added.getDedupKey().isEmpty()) {
                    dedupKeys.put(added.getDedupKey(), added);
                }
                for (String part : added.getPartNamesList()) {
                    holdings.put(part, new TreeSet<>(appended.getHoldersList()));
                }
            }
            case PARTS_MERGED -> {
                PartsMerged merged = entry.getPartsMerged();
                merged.getSourcesList().forEach(holdings::remove);
                if (!merged.getResultEmpty()) {
                    holdings.put(merged.getResult(), new TreeSet<>(appended.getHoldersList()));
                    mergeResults.add(merged.getResult());
                }
            }
            case RANGE_DROPPED -> {
                RangeDropped dropped = entry.getRangeDropped();
                if (dropped.getBlockNumber() > 0) {
                    committedBlocks.add(dropped.getBlockNumber());
                    pending.remove(dropped.getBlockNumber());
                }
                if (!dropped.getReason().isEmpty()) {
                    // Truncate / replace / delete through the log name exactly the parts they drop.
                    dropped.getDroppedPartsList().forEach(holdings::remove);
                } else {
                    holdings.keySet().removeIf(part -> PartName.tryParse(part)
                            .map(name -> (dropped.getPartitionId().isEmpty()
                                    || name.partitionId().equals(dropped.getPartitionId()))
                                    && name.maxBlock() <= dropped.getMaxBlock())
                            .orElse(false));
                }
                for (String part : dropped.getReplacementPartsList()) {
                    holdings.put(part, new TreeSet<>(appended.getHoldersList()));
                }
                if (dropped.getReason().equals("truncate") || dropped.getReason().equals("replace_all")) {
                    forgetInsertsNoPartHolds();
                }
            }
            case KIND_NOT_SET -> throw new IllegalArgumentException("ShardLog entry without a kind");
        }
    }

    /** The whole state as a snapshot message (see {@link #fromSnapshot}). */
    public ShardLogSnapshot toSnapshot() {
        ShardLogSnapshot.Builder snapshot = ShardLogSnapshot.newBuilder().addAllPlacement(placement)
                .setPlacementEpoch(placementEpoch).setNextReplicaIndex(nextReplicaIndex).setLastBlock(lastBlock)
                .addAllEntries(entries)
                .addAllDedup(new TreeMap<>(dedupKeys).values())
                .addAllCommittedBlocks(new TreeSet<>(committedBlocks)).addAllHoldings(holdingMessages())
                .putAllReplicaEpochs(replicaEpochs).putAllPending(pending).addAllFenced(new TreeSet<>(fenced))
                .setMergeLeader(mergeLeader).setLeaseUntil(leaseUntil).setTruncatedThrough(truncatedThrough);
        mergeResults.stream().filter(holdings::containsKey).forEach(snapshot::addMergeResults);
        return snapshot.build();
    }

    /** The state {@link #toSnapshot} saved. */
    public static ShardLogState fromSnapshot(ShardLogSnapshot snapshot) {
        ShardLogState state = new ShardLogState();
        state.placement.addAll(snapshot.getPlacementList());
        state.placementEpoch = snapshot.getPlacementEpoch();
        state.nextReplicaIndex = snapshot.getNextReplicaIndex();
        state.lastBlock = snapshot.getLastBlock();
        state.entries.addAll(snapshot.getEntriesList());
        state.truncatedThrough = snapshot.getTruncatedThrough();
        state.mergeResults.addAll(snapshot.getMergeResultsList());
        // Snapshots from before truncation existed hold every entry but no merge_results.
        snapshot.getEntriesList().stream().filter(LogEntry::hasPartsMerged)
                .filter(entry -> !entry.getPartsMerged().getResultEmpty())
                .forEach(entry -> state.mergeResults.add(entry.getPartsMerged().getResult()));
        snapshot.getDedupList().forEach(added -> state.dedupKeys.put(added.getDedupKey(), added));
        state.committedBlocks.addAll(snapshot.getCommittedBlocksList());
        snapshot.getHoldingsList().forEach(holding ->
                state.holdings.put(holding.getPartName(), new TreeSet<>(holding.getReplicasList())));
        state.replicaEpochs.putAll(snapshot.getReplicaEpochsMap());
        state.pending.putAll(snapshot.getPendingMap());
        state.fenced.addAll(snapshot.getFencedList());
        state.mergeLeader = snapshot.getMergeLeader();
        state.leaseUntil = snapshot.getLeaseUntil();
        return state;
    }

    public List<ReplicaSlot> placement() {
        return List.copyOf(placement);
    }

    /** The index the next added replica gets (one above every index the placement ever had). */
    public int nextReplicaIndex() {
        return nextReplicaIndex;
    }

    public long placementEpoch() {
        return placementEpoch;
    }

    public long lastBlock() {
        return lastBlock;
    }

    /** The entries kept (index above {@link #truncatedThrough}), in log order. */
    public List<LogEntry> entries() {
        return List.copyOf(entries);
    }

    /** The kept entries with index >= {@code fromIndex}, in log order (a view: do not keep it past the next event). */
    public List<LogEntry> entriesFrom(long fromIndex) {
        long skip = Math.max(0, fromIndex - truncatedThrough - 1);
        return skip >= entries.size() ? List.of() : java.util.Collections.unmodifiableList(
                entries.subList((int) skip, entries.size()));
    }

    /** The index of the last entry ever appended (dropped ones included); 0 when the log is empty. */
    public long logLength() {
        return truncatedThrough + entries.size();
    }

    /** Entries up to this index were dropped (0: none). */
    public long truncatedThrough() {
        return truncatedThrough;
    }

    public java.util.Optional<PartsAdded> committed(String dedupKey) {
        return java.util.Optional.ofNullable(dedupKeys.get(dedupKey));
    }

    public boolean blockCommitted(long blockNumber) {
        return committedBlocks.contains(blockNumber);
    }

    /** Live parts (in name order) with the replicas holding them. */
    public Map<String, Set<Integer>> holdings() {
        Map<String, Set<Integer>> copy = new TreeMap<>();
        holdings.forEach((part, replicas) -> copy.put(part, Set.copyOf(replicas)));
        return copy;
    }

    public List<Holding> holdingMessages() {
        List<Holding> result = new ArrayList<>(holdings.size());
        holdings.forEach((part, replicas) -> result.add(Holding.newBuilder().setPartName(part)
                .addAllReplicas(replicas).build()));
        return result;
    }

    /** True when a PartsMerged entry of the log produced the live part {@code part} (its entry may be dropped). */
    public boolean isMergeResult(String part) {
        return mergeResults.contains(part);
    }

    public boolean isLive(String part) {
        return holdings.containsKey(part);
    }

    public long replicaEpoch(int replica) {
        return replicaEpochs.getOrDefault(replica, 0L);
    }

    /** Blocks allocated and not committed (nor fenced), with their allocation time on the log's clock. */
    public java.util.NavigableMap<Long, Long> pending() {
        return java.util.Collections.unmodifiableNavigableMap(pending);
    }

    public boolean fenced(long blockNumber) {
        return fenced.contains(blockNumber);
    }

    /** The merge leader while its lease lasts at {@code now}, else -1. */
    public int mergeLeader(long now) {
        return leaseUntil >= now ? mergeLeader : -1;
    }

    public long leaseUntil() {
        return leaseUntil;
    }

    public boolean hasReplica(int replica) {
        return placement.stream().anyMatch(slot -> slot.getIndex() == replica);
    }
}
