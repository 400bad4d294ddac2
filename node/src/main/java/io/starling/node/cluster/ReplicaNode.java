package io.starling.node.cluster;

import io.starling.node.bridge.EngineContracts;
import io.starling.node.shard.ReplicaStore;
import io.starling.node.transfer.PartFetcher;
import io.starling.protocol.Ack;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.Holding;
import io.starling.protocol.shardlog.LogEntry;
import io.starling.protocol.shardlog.RangeDropped;
import io.starling.protocol.shardlog.ReplicaMutateRequest;
import io.starling.protocol.shardlog.ReplicaDiscardRequest;
import io.starling.protocol.shardlog.ReplicaFetchRequest;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ReplicaSyncRequest;
import io.starling.protocol.shardlog.ReplicaWriteRequest;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.storage.engine.InsertResult;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk side of the replicas placed on this node: writes blocks under log-allocated block numbers, fetches
 * committed parts from peers through the data port (at most one fetch of a part at a time), records holdings in
 * the ShardLog, and catches a replica up with its log ({@link #sync}).
 *
 * <p>Blocking (disk, sockets, asks awaited): call on the blocking-IO dispatcher. Thread-safe.
 *
 * <p>Merges and mutations are log entries. A replica applies the log in order from its {@link AppliedCursor}
 * ({@link #sync}): an insert's parts are fetched; a merge is executed locally when the replica holds every source
 * and kept when its checksum equals the leader's (merges are deterministic), else the merged part is fetched from a
 * replica holding it; a drop (truncate, replace, delete) retires the named parts and publishes the replacement
 * parts (fetched) in one swap. A replica whose cursor is below the entries the log dropped (truncation) clones the
 * log's live parts instead of replaying ({@link #cloneLive}). The merge leader ({@link #mergeRound}) chooses merges ({@link MergeChoice}),
 * prepares them, commits them to the log and only then publishes them. Per shard, applying, merging and mutating
 * are serialized by one lock; inserts and fetches for inserts run beside them (they only add parts).
 *
 * <p>Collaborators: {@link PartFetches} copies parts from peers, {@link LogApplier} applies log entries during a
 * catch-up, {@link MergeLeader} runs the leader's merge round; this class owns the shard locks, the registered
 * incarnations and the request entry points.
 */
public final class ReplicaNode {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaNode.class);

    private final ReplicaStore store;
    private final PartFetches fetches;
    private final MergeLeader merges;
    private final ShardLogs logs;
    private final Supplier<String> selfId;
    private final Map<String, Long> registeredEpochs = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> shardLocks = new ConcurrentHashMap<>();
    private volatile RowSelector selector;
    /** Whether a node (Artery host:port) is up: parts are fetched from replicas on up nodes first. */
    private volatile java.util.function.Predicate<String> nodeIsUp = node -> true;

    public ReplicaNode(ReplicaStore store, PartFetcher fetcher, ShardLogs logs, Supplier<String> selfId) {
        this.store = store;
        this.fetches = new PartFetches(fetcher);
        this.merges = new MergeLeader(logs);
        this.logs = logs;
        this.selfId = selfId;
    }

    /**
     * Server start-up: which nodes are up. Fetches try replicas on up nodes before the others (a dead node's address
     * can cost a connect timeout per part while its replica is being replaced).
     */
    public void preferSources(java.util.function.Predicate<String> isUp) {
        this.nodeIsUp = isUp;
    }

    /** Server start-up: how conditions of replace/delete are evaluated (the SQL engine). */
    public void useSelector(RowSelector rowSelector) {
        this.selector = rowSelector;
    }

    public ReplicaHostReply write(ReplicaWriteRequest request) {
        TableSpec spec = ShardTables.local(request.getTable(), request.getShard());
        MergeTreeTable table = store.open(spec);
        store.requireCurrent(spec, table);
        InsertResult result = table.insert(EngineContracts.deserialize(request.getBlock().toByteArray()),
                request.getBlockNumber());
        return ok().addAllPartNames(result.partNames()).setRows(result.rows()).build();
    }

    /** Fetches the parts this replica lacks from the sources (in order), then records them in the log. */
    public ReplicaHostReply fetch(ReplicaFetchRequest request) {
        MergeTreeTable table = store.open(ShardTables.local(request.getTable(), request.getShard()));
        String localId = ShardTables.localId(request.getTable().getTableId(), request.getShard());
        for (String part : request.getPartNamesList()) {
            fetches.fetchPart(table, localId, part, request.getSourcesList());
        }
        String epochKey = epochKey(request.getTable().getTableId(), request.getShard(), request.getReplica());
        await(logs.recordHeld(request.getTable().getTableId(), request.getShard(), request.getReplica(),
                request.getPartNamesList(), registeredEpochs.getOrDefault(epochKey, 0L)));
        return ok().addAllPartNames(request.getPartNamesList()).setReplica(request.getReplica()).build();
    }

    /**
     * Catches this node's replica of the shard up with the log: registers the incarnation once (the log learns what
     * is on disk), applies the entries after its cursor in order (see the class comment), fetches every live part
     * it still lacks from replicas holding it, and records what it holds. Answers ok without work when this node
     * holds no replica of the shard; the reply's {@code applied_index} is how far the replica has applied the log.
     */
    public ReplicaHostReply sync(ReplicaSyncRequest request) {
        TableSpec spec = request.getTable();
        int shard = request.getShard();
        ReentrantLock lock = shardLock(spec.getTableId(), shard);
        lock.lock();
        try {
            return syncLocked(spec, shard);
        } finally {
            lock.unlock();
        }
    }

    private ReplicaHostReply syncLocked(TableSpec spec, int shard) {
        // The cursor is read before the table is opened: a node without a replica of the shard creates nothing.
        long applied = AppliedCursor.read(store.directory(ShardTables.localId(spec.getTableId(), shard)));
        // The read reports the cursor: the log drops entries every live replica applied (see ShardLogDecisions.getLog).
        ShardLogReply log = await(logs.getLog(spec.getTableId(), shard, applied + 1, selfId.get(), applied));
        Optional<ReplicaSlot> mine = log.getPlacementList().stream()
                .filter(slot -> slot.getNode().equals(selfId.get())).findFirst();
        if (mine.isEmpty()) {
            return ok().setReplica(-1).build();
        }
        MergeTreeTable table = store.open(ShardTables.local(spec, shard));
        int replica = mine.get().getIndex();
        String localId = ShardTables.localId(spec.getTableId(), shard);
        String shardKey = shardKey(spec.getTableId(), shard);
        if (!registeredEpochs.containsKey(epochKey(spec.getTableId(), shard, replica))) {
            List<String> onDisk = table.activeParts().stream().map(DataPart::name).toList();
            ShardLogReply registered = await(logs.registerReplica(spec.getTableId(), shard, replica, onDisk));
            registeredEpochs.put(epochKey(spec.getTableId(), shard, replica), registered.getEpoch());
            log = await(logs.getLog(spec.getTableId(), shard, applied + 1, selfId.get(), applied));
        }
        Map<Integer, String> addresses = new java.util.LinkedHashMap<>();
        // Replicas on up nodes first: the map's order is the order sources are tried in.
        java.util.function.Predicate<String> up = nodeIsUp;
        for (boolean wantUp : new boolean[] {true, false}) {
            log.getPlacementList().stream().filter(slot -> up.test(slot.getNode()) == wantUp)
                    .forEach(slot -> addresses.put(slot.getIndex(), slot.getDataAddress()));
        }
        Map<String, List<Integer>> live = new HashMap<>();
        log.getHoldingsList().forEach(holding -> live.put(holding.getPartName(), holding.getReplicasList()));
        LogApplier applier = new LogApplier(fetches, table, localId, replica, live, addresses);
        if (log.getClone()) {
            applied = cloneLive(table, replica, shardKey, log, applied);
        }
        for (LogEntry entry : log.getEntriesList()) {
            if (entry.getIndex() <= applied) {
                continue;
            }
            try {
                applier.apply(entry);
            } catch (StarlingException e) {
                recordHeld(spec, shard, replica, applier.nowHeld());
                throw new StarlingException(e.errorCode(), "Replica " + replica + " of [" + shardKey + "] stopped at log"
                        + " entry " + entry.getIndex() + ": " + e.getMessage(), e);
            }
            applied = entry.getIndex();
            AppliedCursor.write(table.directory(), applied);
        }
        List<String> nowHeld = new ArrayList<>(applier.nowHeld());
        List<String> failed = new ArrayList<>();
        for (Holding holding : log.getHoldingsList()) {
            if (holding.getReplicasList().contains(replica) && PartFetches.holdsLocally(table, holding.getPartName())) {
                continue;
            }
            List<String> sources = PartFetches.orderedSources(addresses, holding.getReplicasList(), replica);
            try {
                fetches.fetchPart(table, localId, holding.getPartName(), sources);
                nowHeld.add(holding.getPartName());
            } catch (StarlingException e) {
                failed.add(holding.getPartName());
                LOG.info("Replica {} of [{}] cannot fetch part [{}] yet: {}", replica, shardKey,
                        holding.getPartName(), e.getMessage());
            }
        }
        recordHeld(spec, shard, replica, nowHeld);
        if (!failed.isEmpty()) {
            throw new StarlingException(ErrorCode.ALL_REPLICAS_ARE_STALE, "Replica " + replica + " of [" + shardKey
                    + "] still lacks " + failed.size() + " parts (" + failed.get(0) + "...); no live replica served"
                    + " them yet");
        }
        return ok().addAllPartNames(nowHeld).setReplica(replica).setAppliedIndex(applied).build();
    }

    /**
     * The replica's cursor is below the log's truncation point (the entries it has not applied were dropped: its node
     * was down meanwhile, or it is new): instead of replaying, its parts become the log's live parts as of the log's
     * end ({@code log_length}). Local parts that are not live (merged away, dropped, forgotten) are retired, except
     * parts of inserts under way (a block still pending, or allocated after the read); the live parts it lacks are
     * fetched by the sweep that follows in {@link #syncLocked}. Retiring first keeps a query from counting dropped
     * rows (a replica lacking live parts is read elsewhere). Answers the new cursor, the log's end.
     */
    private long cloneLive(MergeTreeTable table, int replica, String shardKey, ShardLogReply log, long applied) {
        Set<String> live = new HashSet<>();
        log.getHoldingsList().forEach(holding -> live.add(holding.getPartName()));
        List<String> retire = new ArrayList<>();
        for (DataPart active : table.activeParts()) {
            PartName name = active.partName();
            boolean underWay = name.maxBlock() > log.getBlockNumber() || log.getPendingBlocksList().stream()
                    .anyMatch(block -> name.minBlock() <= block && block <= name.maxBlock());
            if (!live.contains(active.name()) && !underWay) {
                retire.add(active.name());
            }
        }
        LOG.info("Replica {} of [{}] applied the log up to entry {}, but entries up to {} are dropped: it clones the"
                        + " {} live parts (retiring {} local parts) and continues from entry {}", replica, shardKey,
                applied, log.getTruncatedThrough(), live.size(), retire.size(), log.getLogLength());
        if (!retire.isEmpty()) {
            table.swapParts(retire, List.of());
        }
        AppliedCursor.write(table.directory(), log.getLogLength());
        return log.getLogLength();
    }

    private void recordHeld(TableSpec spec, int shard, int replica, List<String> parts) {
        if (!parts.isEmpty()) {
            await(logs.recordHeld(spec.getTableId(), shard, replica, parts,
                    registeredEpochs.getOrDefault(epochKey(spec.getTableId(), shard, replica), 0L)));
        }
    }

    /**
     * One merge round of this node's replica of the shard: when the log grants (or renews) it the merge lease and
     * it has applied the whole log, merges what {@link MergeChoice} picks (up to {@code maxMerges} merges): prepare
     * locally, commit to the log, then publish. Answers the merges committed. Blocking.
     */
    public int mergeRound(TableSpec spec, int shard, int maxMerges) {
        ReentrantLock lock = shardLock(spec.getTableId(), shard);
        lock.lock();
        try {
            MergeTreeTable table = store.open(ShardTables.local(spec, shard));
            ShardLogReply log = await(logs.getLog(spec.getTableId(), shard, Long.MAX_VALUE));
            Optional<ReplicaSlot> mine = log.getPlacementList().stream()
                    .filter(slot -> slot.getNode().equals(selfId.get())).findFirst();
            if (mine.isEmpty() || !registeredEpochs.containsKey(epochKey(spec.getTableId(), shard,
                    mine.get().getIndex()))) {
                return 0;
            }
            int replica = mine.get().getIndex();
            long epoch = registeredEpochs.get(epochKey(spec.getTableId(), shard, replica));
            ShardLogReply lease = await(logs.claimMergeLease(spec.getTableId(), shard, replica, epoch));
            if (lease.getMergeLeader() != replica) {
                return 0;
            }
            return merges.round(spec, shard, replica, epoch, table, log, maxMerges);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Truncate, replace or delete on this node's replica of one shard, through the log: catches up first, computes
     * which live parts go and which parts replace them (rows under a fresh block number, rewritten parts one level
     * up), commits that as one RangeDropped entry, then swaps locally. A concurrent merge of the same parts makes
     * the log refuse the entry; then it is computed again (up to 3 times). The reply carries the entry's index, the
     * rows written (replace) or deleted (delete) and the shard's rows before.
     */
    public ReplicaHostReply mutate(ReplicaMutateRequest request) {
        TableSpec spec = request.getTable();
        int shard = request.getShard();
        ReentrantLock lock = shardLock(spec.getTableId(), shard);
        lock.lock();
        try {
            StarlingException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                syncLocked(spec, shard);
                try {
                    return ShardMutation.run(this, request, store.open(ShardTables.local(spec, shard)), selector);
                } catch (StarlingException e) {
                    if (e.errorCode() != ErrorCode.ABORTED) {
                        throw e;
                    }
                    last = e;
                }
            }
            throw last;
        } finally {
            lock.unlock();
        }
    }

    ShardLogs logs() {
        return logs;
    }

    /**
     * Deletes this node's replica of the shard (its directory and cursor) when the log's placement, read again under
     * the shard lock, no longer names this node; answers whether it did. Called after the replica was moved away and
     * a grace period passed (queries that chose it before the move have finished).
     */
    public boolean removeReplica(TableSpec spec, int shard) {
        ReentrantLock lock = shardLock(spec.getTableId(), shard);
        lock.lock();
        try {
            ShardLogReply log = await(logs.getLog(spec.getTableId(), shard, Long.MAX_VALUE));
            if (log.getPlacementCount() == 0
                    || log.getPlacementList().stream().anyMatch(slot -> slot.getNode().equals(selfId.get()))) {
                return false;
            }
            store.drop(ShardTables.localId(spec.getTableId(), shard));
            registeredEpochs.keySet().removeIf(key -> key.startsWith(shardKey(spec.getTableId(), shard) + "#"));
            LOG.info("Replica of [{}] moved away from this node: its files are deleted",
                    shardKey(spec.getTableId(), shard));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The directory of this node's replica of the shard (it may not exist). */
    public Path directory(TableSpec spec, int shard) {
        return store.directory(ShardTables.localId(spec.getTableId(), shard));
    }

    /** This node's replica of the shard, opened (query fragments read it). */
    public MergeTreeTable shardTable(TableSpec spec, int shard) {
        return store.open(ShardTables.local(spec, shard));
    }

    /**
     * Removes written parts that were not committed (the insert turned out to be a duplicate). The request names the
     * shard's local table ({@link ShardTables#local}).
     */
    public ReplicaHostReply discard(ReplicaDiscardRequest request) {
        MergeTreeTable table = store.open(request.getTable());
        List<String> present = request.getPartNamesList().stream()
                .filter(part -> table.activeParts().stream().anyMatch(active -> active.name().equals(part))).toList();
        if (!present.isEmpty()) {
            table.replaceParts(present, List.of());
        }
        return ok().addAllPartNames(present).build();
    }

    /** The data addresses of {@code holders} except {@code self}, in the order of {@code addresses}. */
    static List<String> orderedSources(Map<Integer, String> addresses, List<Integer> holders, int self) {
        return PartFetches.orderedSources(addresses, holders, self);
    }

    private ReentrantLock shardLock(String tableId, int shard) {
        return shardLocks.computeIfAbsent(shardKey(tableId, shard), key -> new ReentrantLock());
    }

    /** True when the table has the part active, or a part that covers it. */
    public static boolean holdsPart(MergeTreeTable table, String part) {
        return PartFetches.holdsLocally(table, part);
    }

    /** A replica incarnation's key: a replica moved away and back gets a new index, hence a new registration. */
    private static String epochKey(String tableId, int shard, int replica) {
        return shardKey(tableId, shard) + "#" + replica;
    }

    static String shardKey(String tableId, int shard) {
        return tableId + "~" + shard;
    }

    private static ReplicaHostReply.Builder ok() {
        return ReplicaHostReply.newBuilder().setAck(Ack.newBuilder().setOk(true));
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
