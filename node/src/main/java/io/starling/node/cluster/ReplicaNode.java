package io.starling.node.cluster;

import io.starling.node.bridge.EngineContracts;
import io.starling.node.shard.ReplicaStore;
import io.starling.node.transfer.PartFetcher;
import io.starling.protocol.Ack;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.Holding;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Replicated tables do not merge in this slice: a replica merging parts 1 and 3 on its own would name a part
 * covering block 2 before it fetched it. Merges become log entries (chosen by the log's owner, executed or fetched
 * by every replica) in the next slice of issue 8; until then a replicated table keeps one part per insert, so the
 * part limit (parts_to_throw_insert) bounds how many inserts a partition takes.
 */
public final class ReplicaNode {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaNode.class);

    private final ReplicaStore store;
    private final PartFetcher fetcher;
    private final ShardLogs logs;
    private final Supplier<String> selfId;
    private final Map<String, Long> registeredEpochs = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> fetchLocks = new ConcurrentHashMap<>();

    public ReplicaNode(ReplicaStore store, PartFetcher fetcher, ShardLogs logs, Supplier<String> selfId) {
        this.store = store;
        this.fetcher = fetcher;
        this.logs = logs;
        this.selfId = selfId;
    }

    public ReplicaHostReply write(ReplicaWriteRequest request) {
        MergeTreeTable table = store.open(ShardTables.local(request.getTable(), request.getShard()));
        InsertResult result = table.insert(EngineContracts.deserialize(request.getBlock().toByteArray()),
                request.getBlockNumber());
        return ok().addAllPartNames(result.partNames()).setRows(result.rows()).build();
    }

    /** Fetches the parts this replica lacks from the sources (in order), then records them in the log. */
    public ReplicaHostReply fetch(ReplicaFetchRequest request) {
        MergeTreeTable table = store.open(ShardTables.local(request.getTable(), request.getShard()));
        String localId = ShardTables.localId(request.getTable().getTableId(), request.getShard());
        for (String part : request.getPartNamesList()) {
            fetchPart(table, localId, part, request.getSourcesList());
        }
        String shardKey = shardKey(request.getTable().getTableId(), request.getShard());
        await(logs.recordHeld(request.getTable().getTableId(), request.getShard(), request.getReplica(),
                request.getPartNamesList(), registeredEpochs.getOrDefault(shardKey, 0L)));
        return ok().addAllPartNames(request.getPartNamesList()).setReplica(request.getReplica()).build();
    }

    /**
     * Catches this node's replica of the shard up with the log: registers the incarnation once (the log learns what
     * is on disk), fetches every live part it lacks from replicas holding it, and records what it holds. Answers
     * ok without work when this node holds no replica of the shard.
     */
    public ReplicaHostReply sync(ReplicaSyncRequest request) {
        TableSpec spec = request.getTable();
        int shard = request.getShard();
        ShardLogReply log = await(logs.getLog(spec.getTableId(), shard, Long.MAX_VALUE));
        Optional<ReplicaSlot> mine = log.getPlacementList().stream()
                .filter(slot -> slot.getNode().equals(selfId.get())).findFirst();
        if (mine.isEmpty()) {
            return ok().setReplica(-1).build();
        }
        int replica = mine.get().getIndex();
        MergeTreeTable table = store.open(ShardTables.local(spec, shard));
        String localId = ShardTables.localId(spec.getTableId(), shard);
        String shardKey = shardKey(spec.getTableId(), shard);
        if (!registeredEpochs.containsKey(shardKey)) {
            List<String> onDisk = table.activeParts().stream().map(DataPart::name).toList();
            ShardLogReply registered = await(logs.registerReplica(spec.getTableId(), shard, replica, onDisk));
            registeredEpochs.put(shardKey, registered.getEpoch());
            log = registered;
        }
        Map<Integer, String> addresses = new HashMap<>();
        log.getPlacementList().forEach(slot -> addresses.put(slot.getIndex(), slot.getDataAddress()));
        List<String> nowHeld = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Holding holding : log.getHoldingsList()) {
            if (holding.getReplicasList().contains(replica) && holdsLocally(table, holding.getPartName())) {
                continue;
            }
            List<String> sources = holding.getReplicasList().stream().filter(index -> index != replica)
                    .map(addresses::get).filter(address -> address != null).toList();
            try {
                fetchPart(table, localId, holding.getPartName(), sources);
                nowHeld.add(holding.getPartName());
            } catch (StarlingException e) {
                failed.add(holding.getPartName());
                LOG.info("Replica {} of [{}] cannot fetch part [{}] yet: {}", replica, shardKey,
                        holding.getPartName(), e.getMessage());
            }
        }
        if (!nowHeld.isEmpty()) {
            await(logs.recordHeld(spec.getTableId(), shard, replica, nowHeld, registeredEpochs.getOrDefault(shardKey, 0L)));
        }
        if (!failed.isEmpty()) {
            throw new StarlingException(ErrorCode.ALL_REPLICAS_ARE_STALE, "Replica " + replica + " of [" + shardKey
                    + "] still lacks " + failed.size() + " parts (" + failed.get(0) + "...); no live replica served"
                    + " them yet");
        }
        return ok().addAllPartNames(nowHeld).setReplica(replica).build();
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

    private void fetchPart(MergeTreeTable table, String tableId, String part, List<String> sources) {
        PartName name = PartName.tryParse(part).orElseThrow(() -> new StarlingException(ErrorCode.LOGICAL_ERROR,
                "[" + part + "] is not a part name"));
        ReentrantLock lock = fetchLocks.computeIfAbsent(tableId + "/" + part, key -> new ReentrantLock());
        lock.lock();
        try {
            if (holdsLocally(table, part)) {
                return;
            }
            StarlingException last = new StarlingException(ErrorCode.TOO_FEW_LIVE_REPLICAS, "No replica holds part ["
                    + part + "] of table [" + tableId + "] to fetch it from");
            for (String source : sources) {
                try {
                    Path prepared = fetcher.fetch(source, tableId, part, table.directory());
                    table.attachPart(prepared, name);
                    return;
                } catch (StarlingException e) {
                    last = e;
                    LOG.debug("Fetching [{}] of [{}] from [{}] failed: {}", part, tableId, source, e.getMessage());
                }
            }
            throw last;
        } finally {
            lock.unlock();   // locks stay in the map: removing one could let two fetches share a tmp directory
        }
    }

    /** True when the table has the part active, or a part that covers it. */
    public static boolean holdsPart(MergeTreeTable table, String part) {
        return holdsLocally(table, part);
    }

    static boolean holdsLocally(MergeTreeTable table, String part) {
        Optional<PartName> name = PartName.tryParse(part);
        if (name.isEmpty()) {
            return false;
        }
        for (DataPart active : table.activeParts()) {
            if (active.partName().equals(name.get()) || active.partName().covers(name.get())) {
                return true;
            }
        }
        return false;
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
