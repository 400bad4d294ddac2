package io.starling.node.cluster;

import io.starling.coordinator.placement.ReplicaPlacement;
import io.starling.protocol.Ack;
import io.starling.protocol.cluster.ReplicaHostCommand;
import io.starling.protocol.shard.ShardReply;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ReplicaSyncRequest;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Replicated tables on a server node: where a table's replicas live and how an insert becomes durable on a quorum.
 *
 * <p>Insert: see {@link ShardInserts} (dedup key, block number from the ShardLog, write on one replica, commit,
 * fetches by the others, acknowledged once {@code insert_quorum} replicas hold the parts; a retry after an unclear
 * failure never double-writes and never acknowledges less than a quorum).
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
 *
 * <p>Collaborators: {@link TablePlacements} chooses and caches the placements and picks the writer,
 * {@link ShardInserts} runs inserts, {@link ShardMutations} truncate/replace/delete, {@link HostAsks} asks a node's
 * {@link ReplicaHost}; this class is the facade other code calls and owns the table settings.
 */
public final class ReplicatedTables {
    public static final String REPLICAS_SETTING = "starling_replicas";
    public static final String SHARDS_SETTING = "starling_shards";
    public static final String QUORUM_SETTING = "insert_quorum";
    /** The most shards a table may have. */
    public static final int MAX_SHARDS = 256;

    private final ShardLogs logs;
    private final ClusterMembers members;
    private final HostAsks hosts;
    private final TablePlacements placements;
    private final ShardInserts inserts;
    private final ShardMutations mutations;
    private volatile io.starling.node.cluster.query.DistributedReads reads;

    public ReplicatedTables(ActorSystem<?> system, ShardLogs logs, ClusterMembers members, Duration timeout) {
        this.logs = logs;
        this.members = members;
        this.hosts = new HostAsks(system, timeout);
        this.placements = new TablePlacements(logs, members);
        this.inserts = new ShardInserts(logs, members, placements, hosts);
        this.mutations = new ShardMutations(logs, members, placements, hosts);
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
        return inserts.insert(table, block, insertToken);
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
        return mutations.mutate(table, kind, condition, rows);
    }

    /** Opens the table on every live replica of every shard and lets each catch up with its log. */
    public CompletionStage<ShardReply> ensureOpen(TableSpec table) {
        return placements.placement(table).thenCompose(placement -> {
            List<CompletableFuture<ReplicaHostReply>> syncs = new ArrayList<>();
            for (int shard = 0; shard < placement.size(); shard++) {
                for (ReplicaSlot slot : placement.get(shard)) {
                    if (!members.isUp(slot.getNode())) {
                        continue;
                    }
                    ReplicaSyncRequest sync = ReplicaSyncRequest.newBuilder().setTable(table).setShard(shard).build();
                    syncs.add(hosts.ask(slot.getNode(), replyTo -> new ReplicaHostCommand.Sync(sync, replyTo))
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
        return placements.placement(table);
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
        return placements.known(tableId);
    }

    /** Remembers a placement read from the logs (every shard's list non-empty). */
    public void rememberPlacement(String tableId, List<List<ReplicaSlot>> placement) {
        placements.remember(tableId, placement);
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

    static ShardReply ok(long rows, List<String> parts) {
        return ShardReply.newBuilder().setAck(Ack.newBuilder().setOk(true)).setRows(rows).addAllPartNames(parts).build();
    }
}
