package io.starling.node.cluster;

import static io.starling.node.cluster.ReplicatedTables.ok;
import static io.starling.node.cluster.ReplicatedTables.quorum;
import static io.starling.node.cluster.ReplicatedTables.shardCount;
import static io.starling.node.cluster.ShardInserts.hashKey;

import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.cluster.ReplicaHostCommand;
import io.starling.protocol.shard.ShardReply;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.ReplicaMutateRequest;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ReplicaSyncRequest;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Truncate, replace and delete on replicated tables through the shard logs: per shard one replica computes the change
 * and records it in the log, and the others' catch-up is awaited until {@code insert_quorum} of them applied it.
 * Split out of {@link ReplicatedTables}, the facade other code calls.
 *
 * <p>Thread-safe (no state of its own).
 */
final class ShardMutations {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedTables.class);

    private final ShardLogs logs;
    private final ClusterMembers members;
    private final TablePlacements placements;
    private final HostAsks hosts;

    ShardMutations(ShardLogs logs, ClusterMembers members, TablePlacements placements, HostAsks hosts) {
        this.logs = logs;
        this.members = members;
        this.placements = placements;
        this.hosts = hosts;
    }

    /**
     * Truncate ({@code truncate}), replace ({@code replace_all}, {@code replace_where} with the rows) or delete
     * ({@code delete_where}) through the shard logs. Per shard, one live replica (this node's when it holds one)
     * computes the change from the log's live parts and records it as one RangeDropped entry; the others apply it
     * when they catch up. Acknowledged when every shard's entry is applied by {@code insert_quorum} replicas (else
     * TOO_FEW_LIVE_REPLICAS: the entry stays in the log and reaches the others when they return). The reply's
     * {@code rows} is the rows written (replace) or deleted (delete), {@code total_rows} the rows before.
     */
    CompletionStage<ShardReply> mutate(TableSpec table, String kind, String condition, List<Block> rows) {
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
        return placements.placement(table).thenCompose(placement -> {
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
            executor = placements.writer(placement, table.getTableId());
        } catch (StarlingException e) {
            return CompletableFuture.failedFuture(e);
        }
        ReplicaMutateRequest.Builder request = ReplicaMutateRequest.newBuilder().setTable(table).setShard(shard)
                .setKind(kind).setCondition(condition == null ? "" : condition).setReplica(executor.getIndex());
        List<byte[]> blocks = rows.stream().map(EngineContracts::serialize).toList();
        return BlockUploads.prepare(request, blocks, executor.getNode().equals(members.selfId()),
                        command -> hosts.ask(executor.getNode(), command))
                .thenCompose(mutate -> hosts.ask(executor.getNode(),
                        replyTo -> new ReplicaHostCommand.Mutate(mutate, replyTo)))
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
            hosts.ask(target.getNode(), replyTo -> new ReplicaHostCommand.Sync(sync, replyTo))
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
}
