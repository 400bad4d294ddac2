package io.starling.node.cluster;

import io.starling.coordinator.placement.ReplicaPlacement;
import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.Ack;
import io.starling.protocol.cluster.ReplicaHostCommand;
import io.starling.protocol.shard.ShardReply;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.ReplicaDiscardRequest;
import io.starling.protocol.shardlog.ReplicaFetchRequest;
import io.starling.protocol.shardlog.ReplicaMutateRequest;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ReplicaSyncRequest;
import io.starling.protocol.shardlog.ReplicaWriteRequest;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.PartFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicated tables on a server node: where a table's replicas live and how an insert becomes durable on a quorum.
 *
 * <p>Insert (any node): dedup key (the insert token, else the hash of the block) → block number from the ShardLog
 * (a committed key answers "duplicate": nothing is written) → the block is written as parts on one live replica
 * (this node's when it holds one) → the parts are committed in the log (a concurrent retry that committed first
 * makes this one a duplicate: the written parts are discarded) → every other live replica fetches them through the
 * data port and records that it holds them → acknowledged once {@code insert_quorum} replicas hold them (default
 * a majority of R). A duplicate is acknowledged the same way, once a quorum holds the first insert's parts, so a
 * retry after an unclear failure never double-writes and never acknowledges less than a quorum.
 *
 * <p>Data source settings (ENGINE_SETTINGS, kept in the table spec): {@value #REPLICAS_SETTING} (R; default
 * min(3, data nodes) when the placement is first chosen), {@value #SHARDS_SETTING} (S; default 1),
 * {@value ShardRouter#SHARDING_KEY_SETTING} (which shard a row goes to; see {@link ShardRouter}) and
 * {@value #QUORUM_SETTING}. Each shard has its own ShardLog, placement, block numbers and quorum; on a node its
 * replica lives in its own directory ({@link ShardTables#local}). Thread-safe.
 *
 * <p>Placements change ({@link Rebalancer} moves replicas when nodes join or leave): the writer is chosen from the
 * placement the allocation answers, the quorum counts the placement of the log's current epoch (the commit answers
 * it), a commit refused because the writer's replica was moved away meanwhile is retried, and the cached placements
 * are refreshed from the logs at every catch-up round.
 */
public final class ReplicatedTables {
    public static final String REPLICAS_SETTING = "starling_replicas";
    public static final String SHARDS_SETTING = "starling_shards";
    public static final String QUORUM_SETTING = "insert_quorum";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedTables.class);
    /** Tries of one shard insert when the placement changes under it. */
    static final int INSERT_TRIES = 3;
    /** The most shards a table may have. */
    public static final int MAX_SHARDS = 256;

    private final ActorSystem<?> system;
    private final ShardLogs logs;
    private final ClusterMembers members;
    private final Duration timeout;
    private final Map<String, List<List<ReplicaSlot>>> placements = new ConcurrentHashMap<>();
    private volatile io.starling.node.cluster.query.DistributedReads reads;

    public ReplicatedTables(ActorSystem<?> system, ShardLogs logs, ClusterMembers members, Duration timeout) {
        this.system = system;
        this.logs = logs;
        this.members = members;
        this.timeout = timeout;
    }

    /** Inserts the block, deduplicated by the hash of its bytes. */
    public CompletionStage<ShardReply> insert(TableSpec table, Block block) {
        return insert(table, block, null);
    }

    /**
     * Inserts the block; with an insert token a retry of the same token is applied once. With S > 1 shards the
     * block is split by {@link ShardRouter} and every shard's rows go through that shard's log and quorum; the
     * insert is acknowledged when every shard acknowledged (a failed shard fails the insert, and a retry with the
     * same token or bytes is a duplicate on the shards that took it).
     */
    public CompletionStage<ShardReply> insert(TableSpec table, Block block, String insertToken) {
        int shards;
        try {
            shards = shardCount(table);
        } catch (StarlingException e) {
            return CompletableFuture.failedFuture(e);
        }
        byte[] bytes = EngineContracts.serialize(block);
        boolean tokened = insertToken != null && !insertToken.isEmpty();
        String key = tokened ? "token:" + insertToken : hashKey(bytes);
        return placement(table).thenCompose(placement -> {
            if (shards == 1) {
                return insertShard(table, 0, placement.get(0), bytes, block.rowCount(), key);
            }
            Block[] split = ShardRouter.split(table, block, shards, key);
            List<CompletableFuture<ShardReply>> inserts = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++) {
                if (split[shard] == null) {
                    continue;
                }
                byte[] shardBytes = split[shard] == block ? bytes : EngineContracts.serialize(split[shard]);
                String shardKey = tokened || split[shard] == block ? key : hashKey(shardBytes);
                inserts.add(insertShard(table, shard, placement.get(shard), shardBytes, split[shard].rowCount(), shardKey)
                        .toCompletableFuture());
            }
            return CompletableFuture.allOf(inserts.toArray(CompletableFuture[]::new)).thenApply(done -> {
                long rows = 0;
                List<String> parts = new ArrayList<>();
                for (CompletableFuture<ShardReply> insert : inserts) {
                    rows += insert.join().getRows();
                    parts.addAll(insert.join().getPartNamesList());
                }
                return ok(rows, parts);
            });
        });
    }

    private static String hashKey(byte[] bytes) {
        return "hash:" + PartFiles.hashHex(PartFiles.hash(bytes, 0, bytes.length)) + ":" + bytes.length;
    }

    private CompletionStage<ShardReply> insertShard(TableSpec table, int shard, List<ReplicaSlot> placement,
                                                    byte[] bytes, long rows, String key) {
        return insertShard(table, shard, placement, bytes, rows, key, 1);
    }

    /**
     * One try of a shard insert. The log's placement may change under it (a replica moved to another node): the
     * allocation answers the placement of the current epoch, which picks the writer; a commit the log refuses
     * because the writer's replica left meanwhile (ABORTED) is tried again from the allocation, up to
     * {@value #INSERT_TRIES} times (the dedup key makes a retry safe).
     */
    private CompletionStage<ShardReply> insertShard(TableSpec table, int shard, List<ReplicaSlot> cached,
                                                    byte[] bytes, long rows, String key, int attempt) {
        String tableId = table.getTableId();
        return logs.allocate(tableId, shard, key).thenCompose(allocated -> {
            List<ReplicaSlot> placement = allocated.getPlacementCount() > 0 ? allocated.getPlacementList() : cached;
            if (allocated.getDuplicate()) {
                return confirmDuplicate(table, shard, allocated, rows);
            }
            ReplicaSlot writer = writer(placement, tableId);
            ReplicaWriteRequest.Builder request = ReplicaWriteRequest.newBuilder().setTable(table).setShard(shard)
                    .setBlockNumber(allocated.getBlockNumber());
            return BlockUploads.prepare(request, bytes, writer.getNode().equals(members.selfId()),
                            command -> askHost(writer.getNode(), command))
                    .thenCompose(write -> askHost(writer.getNode(), replyTo -> new ReplicaHostCommand.Write(write, replyTo)))
                    .thenCompose(written -> commit(table, shard, writer, allocated.getBlockNumber(), key, written)
                            .handle((reply, failure) -> {
                                Throwable cause = unwrap(failure);
                                if (cause instanceof StarlingException starling
                                        && starling.errorCode() == ErrorCode.ABORTED && attempt < INSERT_TRIES) {
                                    LOG.info("Insert into [{}] shard {} is tried again: {}", tableId, shard,
                                            starling.getMessage());
                                    discard(table, shard, writer, written.getPartNamesList());
                                    return insertShard(table, shard, placement, bytes, rows, key, attempt + 1);
                                }
                                return failure == null ? CompletableFuture.completedFuture(reply)
                                        : CompletableFuture.<ShardReply>failedFuture(cause);
                            }).thenCompose(next -> next));
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    private void discard(TableSpec table, int shard, ReplicaSlot writer, List<String> parts) {
        if (!parts.isEmpty()) {
            ReplicaDiscardRequest discard = ReplicaDiscardRequest.newBuilder()
                    .setTable(ShardTables.local(table, shard)).addAllPartNames(parts).build();
            askHost(writer.getNode(), replyTo -> new ReplicaHostCommand.Discard(discard, replyTo));
        }
    }

    private CompletionStage<ShardReply> commit(TableSpec table, int shard, ReplicaSlot writer, long blockNumber,
                                               String key, ReplicaHostReply written) {
        if (written.getPartNamesCount() == 0) {
            return CompletableFuture.completedFuture(ok(written.getRows(), List.of()));
        }
        CommitRequest request = CommitRequest.newBuilder().setBlockNumber(blockNumber).setDedupKey(key)
                .addAllPartNames(written.getPartNamesList()).setHolder(writer.getIndex())
                .setRows(written.getRows()).build();
        return logs.commit(table.getTableId(), shard, request).thenCompose(committed -> {
            if (committed.getDuplicate()) {
                // Never discard a part the log committed for the original insert: a retry can be written under the
                // original's block number, and then its part name is the committed one.
                List<String> uncommitted = written.getPartNamesList().stream()
                        .filter(part -> !committed.getPartNamesList().contains(part)).toList();
                // The discard names the shard's local table (its directory), as the write did.
                discard(table, shard, writer, uncommitted);
                return confirmDuplicate(table, shard, committed, written.getRows());
            }
            // The quorum counts the placement of the log's current epoch (the commit answers it).
            return awaitQuorum(table, shard, committed.getPlacementList(), written.getPartNamesList(),
                    Set.of(writer.getIndex())).thenApply(held -> ok(written.getRows(), written.getPartNamesList()));
        });
    }

    private CompletionStage<ShardReply> confirmDuplicate(TableSpec table, int shard, ShardLogReply duplicate,
                                                         long rows) {
        LOG.debug("Insert into [{}] shard {} is a duplicate of block {}", table.getTableId(), shard,
                duplicate.getBlockNumber());
        List<String> parts = duplicate.getPartNamesList();
        // The log knows who holds the original's parts; only when fewer than the quorum do, ask the others to
        // fetch them (asking blindly fails once a holder has merged a part into a bigger one).
        return logs.getLog(table.getTableId(), shard, Long.MAX_VALUE).thenCompose(log -> {
            // Merged since: the merged part stands for the original ones; dropped since: nothing is left to hold.
            List<String> current = liveEquivalents(log, parts);
            Set<Integer> holders = holdersOfAll(log, current);
            List<ReplicaSlot> placement = log.getPlacementList();
            if (current.isEmpty() || holders.size() >= quorum(table, placement.size())) {
                return CompletableFuture.completedFuture(ok(rows, parts));
            }
            return awaitQuorum(table, shard, placement, current, holders).thenApply(held -> ok(rows, parts));
        });
    }

    /** Each part if it is live, else the live part that covers it (merged since); parts dropped since are left out. */
    static List<String> liveEquivalents(ShardLogReply log, List<String> parts) {
        Set<String> result = new java.util.LinkedHashSet<>();
        for (String part : parts) {
            var name = io.starling.storage.part.PartName.tryParse(part);
            for (var holding : log.getHoldingsList()) {
                var live = io.starling.storage.part.PartName.tryParse(holding.getPartName());
                if (holding.getPartName().equals(part) || (name.isPresent() && live.isPresent()
                        && live.get().covers(name.get()))) {
                    result.add(holding.getPartName());
                    break;
                }
            }
        }
        return List.copyOf(result);
    }

    /** Replicas that the log records as holding every one of {@code parts}. */
    static Set<Integer> holdersOfAll(ShardLogReply log, List<String> parts) {
        Set<Integer> holders = null;
        for (String part : parts) {
            Set<Integer> forPart = new java.util.HashSet<>();
            log.getHoldingsList().stream().filter(holding -> holding.getPartName().equals(part))
                    .forEach(holding -> forPart.addAll(holding.getReplicasList()));
            if (holders == null) {
                holders = forPart;
            } else {
                holders.retainAll(forPart);
            }
        }
        return holders == null ? Set.of() : holders;
    }

    /**
     * Asks every live replica outside {@code holders} to fetch the parts (from the holders first) and completes
     * once {@code holders + successes >= quorum}; fails with TOO_FEW_LIVE_REPLICAS when every answer is in and
     * the quorum was not reached (the parts stay committed and reach the others when they catch up).
     */
    private CompletionStage<Integer> awaitQuorum(TableSpec table, int shard, List<ReplicaSlot> placement,
                                                 List<String> parts, Set<Integer> holders) {
        int quorum = quorum(table, placement.size());
        List<String> sources = new ArrayList<>();
        placement.stream().filter(slot -> holders.contains(slot.getIndex())).forEach(s -> sources.add(s.getDataAddress()));
        placement.stream().filter(slot -> !holders.contains(slot.getIndex())).forEach(s -> sources.add(s.getDataAddress()));
        List<ReplicaSlot> targets = placement.stream().filter(slot -> !holders.contains(slot.getIndex())).toList();
        QuorumTracker tracker = new QuorumTracker(quorum, holders.size(), targets.size());
        for (ReplicaSlot target : targets) {
            if (!members.mayAnswer(target.getNode())) {
                tracker.failure();
                continue;
            }
            ReplicaFetchRequest fetch = ReplicaFetchRequest.newBuilder().setTable(table).setShard(shard)
                    .addAllPartNames(parts).addAllSources(sources).setReplica(target.getIndex()).build();
            askHost(target.getNode(), replyTo -> new ReplicaHostCommand.Fetch(fetch, replyTo))
                    .whenComplete((reply, failure) -> {
                        if (failure == null) {
                            tracker.success();
                        } else {
                            LOG.info("Replica {} of [{}] shard {} did not fetch {}: {}", target.getIndex(),
                                    table.getTableId(), shard, parts, failure.getMessage());
                            tracker.failure();
                        }
                    });
        }
        return tracker.result().thenApply(held -> {
            if (held < quorum) {
                throw new StarlingException(ErrorCode.TOO_FEW_LIVE_REPLICAS, "Only " + held + " of the " + quorum
                        + " replicas the insert quorum needs hold the insert into [" + table.getTableId() + "] shard "
                        + shard + ". It is recorded and reaches the other replicas when they return; retry with the"
                        + " same insert token to confirm it");
            }
            return held;
        });
    }

    /** Removes every row: a RangeDropped entry per shard, acknowledged once a quorum of each shard applied it. */
    public CompletionStage<ShardReply> truncate(TableSpec table) {
        return mutate(table, ShardMutation.TRUNCATE, null, List.of());
    }

    /**
     * Truncate ({@code truncate}), replace ({@code replace_all}, {@code replace_where} with the rows) or delete
     * ({@code delete_where}) through the shard logs. Per shard, one live replica (this node's when it holds one)
     * computes the change from the log's live parts and records it as one RangeDropped entry; the others apply it
     * when they catch up. Acknowledged when every shard's entry is applied by {@code insert_quorum} replicas (else
     * TOO_FEW_LIVE_REPLICAS: the entry stays in the log and reaches the others when they return). The reply's
     * {@code rows} is the rows written (replace) or deleted (delete), {@code total_rows} the rows before.
     */
    public CompletionStage<ShardReply> mutate(TableSpec table, String kind, String condition, List<Block> rows) {
        int shards;
        try {
            shards = shardCount(table);
        } catch (StarlingException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<List<Block>> perShard = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            perShard.add(new ArrayList<>());
        }
        for (Block block : rows) {
            if (shards == 1) {
                perShard.get(0).add(block);
                continue;
            }
            Block[] split = ShardRouter.split(table, block, shards, hashKey(EngineContracts.serialize(block)));
            for (int shard = 0; shard < shards; shard++) {
                if (split[shard] != null) {
                    perShard.get(shard).add(split[shard]);
                }
            }
        }
        return placement(table).thenCompose(placement -> {
            List<CompletableFuture<ShardReply>> done = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++) {
                done.add(mutateShard(table, shard, placement.get(shard), kind, condition, perShard.get(shard))
                        .toCompletableFuture());
            }
            return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).thenApply(all -> {
                long changed = 0;
                long before = 0;
                for (CompletableFuture<ShardReply> reply : done) {
                    changed += reply.join().getRows();
                    before += reply.join().getTotalRows();
                }
                return ok(changed, List.of()).toBuilder().setTotalRows(before).build();
            });
        });
    }

    private CompletionStage<ShardReply> mutateShard(TableSpec table, int shard, List<ReplicaSlot> placement,
                                                    String kind, String condition, List<Block> rows) {
        ReplicaSlot executor;
        try {
            executor = writer(placement, table.getTableId());
        } catch (StarlingException e) {
            return CompletableFuture.failedFuture(e);
        }
        ReplicaMutateRequest.Builder request = ReplicaMutateRequest.newBuilder().setTable(table).setShard(shard)
                .setKind(kind).setCondition(condition == null ? "" : condition).setReplica(executor.getIndex());
        List<byte[]> blocks = rows.stream().map(EngineContracts::serialize).toList();
        return BlockUploads.prepare(request, blocks, executor.getNode().equals(members.selfId()),
                        command -> askHost(executor.getNode(), command))
                .thenCompose(mutate -> askHost(executor.getNode(), replyTo -> new ReplicaHostCommand.Mutate(mutate, replyTo)))
                .thenCompose(done -> {
                    ShardReply reply = ok(done.getRows(), done.getPartNamesList()).toBuilder()
                            .setTotalRows(done.getRowsBefore()).build();
                    if (done.getEntryIndex() == 0) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    // The replicas of the log's current epoch apply it (the placement may have changed meanwhile).
                    return logs.getLog(table.getTableId(), shard, Long.MAX_VALUE).thenCompose(log ->
                            awaitApplied(table, shard, log.getPlacementCount() > 0 ? log.getPlacementList()
                                    : placement, executor.getIndex(), done.getEntryIndex()))
                            .thenApply(held -> reply);
                });
    }

    /**
     * Asks every other live replica of the shard to catch up with its log and completes once {@code insert_quorum}
     * replicas (the executor included) have applied entry {@code index}; TOO_FEW_LIVE_REPLICAS otherwise.
     */
    private CompletionStage<Integer> awaitApplied(TableSpec table, int shard, List<ReplicaSlot> placement,
                                                  int executor, long index) {
        int quorum = quorum(table, placement.size());
        List<ReplicaSlot> targets = placement.stream().filter(slot -> slot.getIndex() != executor).toList();
        QuorumTracker tracker = new QuorumTracker(quorum, 1, targets.size());
        for (ReplicaSlot target : targets) {
            if (!members.mayAnswer(target.getNode())) {
                tracker.failure();
                continue;
            }
            ReplicaSyncRequest sync = ReplicaSyncRequest.newBuilder().setTable(table).setShard(shard).build();
            askHost(target.getNode(), replyTo -> new ReplicaHostCommand.Sync(sync, replyTo))
                    .whenComplete((reply, failure) -> {
                        if (failure == null && reply.getAppliedIndex() >= index) {
                            tracker.success();
                        } else {
                            LOG.info("Replica {} of [{}] shard {} did not apply log entry {}: {}", target.getIndex(),
                                    table.getTableId(), shard, index,
                                    failure == null ? "applied " + reply.getAppliedIndex() : failure.getMessage());
                            tracker.failure();
                        }
                    });
        }
        return tracker.result().thenApply(applied -> {
            if (applied < quorum) {
                throw new StarlingException(ErrorCode.TOO_FEW_LIVE_REPLICAS, "Only " + applied + " of the " + quorum
                        + " replicas the quorum needs applied the change to [" + table.getTableId() + "] shard "
                        + shard + ". It is recorded in the log and reaches the other replicas when they return");
            }
            return applied;
        });
    }

    /** Opens the table on every live replica of every shard and lets each catch up with its log. */
    public CompletionStage<ShardReply> ensureOpen(TableSpec table) {
        return placement(table).thenCompose(placement -> {
            List<CompletableFuture<ReplicaHostReply>> syncs = new ArrayList<>();
            for (int shard = 0; shard < placement.size(); shard++) {
                for (ReplicaSlot slot : placement.get(shard)) {
                    if (!members.isUp(slot.getNode())) {
                        continue;
                    }
                    ReplicaSyncRequest sync = ReplicaSyncRequest.newBuilder().setTable(table).setShard(shard).build();
                    syncs.add(askHost(slot.getNode(), replyTo -> new ReplicaHostCommand.Sync(sync, replyTo))
                            .toCompletableFuture().exceptionally(failure -> null));
                }
            }
            return CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new)).thenApply(done -> ok(0, List.of()));
        });
    }

    /**
     * The table's placement, one replica list per shard: chosen on first use (R distinct live data nodes per shard,
     * shards spread over the nodes by {@link ReplicaPlacement#chooseTable}) and then fixed in each shard's log.
     */
    public CompletionStage<List<List<ReplicaSlot>>> placement(TableSpec table) {
        List<List<ReplicaSlot>> known = placements.get(table.getTableId());
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        int shards;
        try {
            shards = shardCount(table);
        } catch (StarlingException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<ReplicaSlot> candidates = members.upDataNodes();
        int replicas = setting(table, REPLICAS_SETTING, ReplicaPlacement.defaultReplicas(candidates.size()));
        List<List<String>> plan = candidates.isEmpty() ? null : ReplicaPlacement.chooseTable(table.getTableId(),
                candidates.stream().map(ReplicaSlot::getNode).toList(), shards, Math.max(1, replicas));
        List<CompletableFuture<ShardLogReply>> chosen = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            List<String> nodes = plan == null ? List.of() : plan.get(shard);
            List<ReplicaSlot> shardCandidates = candidates.stream().filter(slot -> nodes.contains(slot.getNode()))
                    .toList();
            chosen.add(logs.ensurePlacement(table.getTableId(), shard, shardCandidates, replicas).toCompletableFuture());
        }
        return CompletableFuture.allOf(chosen.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<List<ReplicaSlot>> placement = chosen.stream().map(reply -> reply.join().getPlacementList()).toList();
            placements.put(table.getTableId(), placement);
            return placement;
        });
    }

    /** The number of shards of a table: {@value #SHARDS_SETTING}, default 1, at most {@value #MAX_SHARDS}. */
    public static int shardCount(TableSpec table) {
        int shards = setting(table, SHARDS_SETTING, 1);
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Setting " + SHARDS_SETTING + " [" + shards
                    + "] of data source [" + table.getTableId() + "] must be between 1 and " + MAX_SHARDS);
        }
        return shards;
    }

    /** The cached placement of a table (one replica list per shard), if this node learned it; else empty. */
    public List<List<ReplicaSlot>> knownPlacement(String tableId) {
        return placements.getOrDefault(tableId, List.of());
    }

    /** Remembers a placement read from the logs (every shard's list non-empty). */
    public void rememberPlacement(String tableId, List<List<ReplicaSlot>> placement) {
        if (!placement.isEmpty() && placement.stream().noneMatch(List::isEmpty)) {
            placements.put(tableId, List.copyOf(placement));
        }
    }

    /** Server start-up: the distributed reads of these tables (query fragments per shard). */
    public void useReads(io.starling.node.cluster.query.DistributedReads distributedReads) {
        this.reads = distributedReads;
    }

    /** How queries read these tables across shards (null until the server has started it). */
    public io.starling.node.cluster.query.DistributedReads reads() {
        return reads;
    }

    public ShardLogs logs() {
        return logs;
    }

    public ClusterMembers members() {
        return members;
    }

    /** This node's replica, else a live one; replicas staying are preferred to ones being moved away. */
    private ReplicaSlot writer(List<ReplicaSlot> placement, String tableId) {
        String self = members.selfId();
        for (boolean leaving : new boolean[] {false, true}) {
            for (ReplicaSlot slot : placement) {
                if (slot.getLeaving() == leaving && slot.getNode().equals(self)) {
                    return slot;
                }
            }
            for (ReplicaSlot slot : placement) {
                if (slot.getLeaving() == leaving && members.isUp(slot.getNode())) {
                    return slot;
                }
            }
        }
        throw new StarlingException(ErrorCode.TOO_FEW_LIVE_REPLICAS, "No replica of table [" + tableId
                + "] is on a live node; start one of its nodes and retry");
    }

    static int quorum(TableSpec table, int replicas) {
        int wanted = setting(table, QUORUM_SETTING, 0);
        return wanted <= 0 ? ReplicaPlacement.majority(replicas) : Math.min(wanted, replicas);
    }

    static int setting(TableSpec table, String name, int fallback) {
        String value = table.getSettingsMap().get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Setting " + name + " [" + value
                    + "] is not a non-negative integer; write e.g. " + name + "=" + fallback);
        }
    }

    private CompletionStage<ReplicaHostReply> askHost(String nodeId,
                                                      Function<ActorRef<ReplicaHostReply>, ReplicaHostCommand> command) {
        ActorRef<ReplicaHostCommand> host = ReplicaHost.refFor(system, nodeId);
        return AskPattern.ask(host, command::apply, timeout, system.scheduler()).thenApply(reply -> {
            Ack ack = reply.getAck();
            if (!ack.getOk()) {
                throw new StarlingException(ShardLogs.errorCode(ack.getErrorName()), ack.getErrorMessage());
            }
            return reply;
        });
    }

    private static ShardReply ok(long rows, List<String> parts) {
        return ShardReply.newBuilder().setAck(Ack.newBuilder().setOk(true)).setRows(rows).addAllPartNames(parts).build();
    }
}
