package io.starling.node.cluster;

import static io.starling.node.cluster.ReplicatedTables.ok;
import static io.starling.node.cluster.ReplicatedTables.quorum;
import static io.starling.node.cluster.ReplicatedTables.shardCount;

import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.cluster.ReplicaHostCommand;
import io.starling.protocol.shard.ShardReply;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.ReplicaDiscardRequest;
import io.starling.protocol.shardlog.ReplicaFetchRequest;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ReplicaWriteRequest;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.PartFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts into replicated tables: a block to every shard it routes to, each shard's part to one replica, the commit in
 * the shard's log, the fetches by the other replicas and the wait for {@code insert_quorum} of them. Split out of
 * {@link ReplicatedTables}, the facade other code calls.
 *
 * <p>Insert (any node): dedup key (the insert token, else the hash of the block) → block number from the ShardLog
 * (a committed key answers "duplicate": nothing is written) → the block is written as parts on one live replica
 * (this node's when it holds one) → the parts are committed in the log (a concurrent retry that committed first
 * makes this one a duplicate: the written parts are discarded) → every other live replica fetches them through the
 * data port and records that it holds them → acknowledged once {@code insert_quorum} replicas hold them (default
 * a majority of R). A duplicate is acknowledged the same way, once a quorum holds the first insert's parts, so a
 * retry after an unclear failure never double-writes and never acknowledges less than a quorum.
 *
 * <p>Thread-safe (no state of its own).
 */
final class ShardInserts {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedTables.class);
    /** Tries of one shard insert when the placement changes under it. */
    static final int INSERT_TRIES = 3;

    private final ShardLogs logs;
    private final ClusterMembers members;
    private final TablePlacements placements;
    private final HostAsks hosts;

    ShardInserts(ShardLogs logs, ClusterMembers members, TablePlacements placements, HostAsks hosts) {
        this.logs = logs;
        this.members = members;
        this.placements = placements;
        this.hosts = hosts;
    }

    /**
     * Inserts the block; with an insert token a retry of the same token is applied once. With S > 1 shards the
     * block is split by {@link ShardRouter} and every shard's rows go through that shard's log and quorum; the
     * insert is acknowledged when every shard acknowledged (a failed shard fails the insert, and a retry with the
     * same token or bytes is a duplicate on the shards that took it).
     */
    CompletionStage<ShardReply> insert(TableSpec table, Block block, String insertToken) {
        int shards;
        try {
            shards = shardCount(table);
        } catch (StarlingException e) {
            return CompletableFuture.failedFuture(e);
        }
        byte[] bytes = EngineContracts.serialize(block);
        boolean tokened = insertToken != null && !insertToken.isEmpty();
        String key = tokened ? "token:" + insertToken : hashKey(bytes);
        return placements.placement(table).thenCompose(placement -> {
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

    static String hashKey(byte[] bytes) {
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
            ReplicaSlot writer = placements.writer(placement, tableId);
            ReplicaWriteRequest.Builder request = ReplicaWriteRequest.newBuilder().setTable(table).setShard(shard)
                    .setBlockNumber(allocated.getBlockNumber());
            return BlockUploads.prepare(request, bytes, writer.getNode().equals(members.selfId()),
                            command -> hosts.ask(writer.getNode(), command))
                    .thenCompose(write -> hosts.ask(writer.getNode(),
                            replyTo -> new ReplicaHostCommand.Write(write, replyTo)))
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
            hosts.ask(writer.getNode(), replyTo -> new ReplicaHostCommand.Discard(discard, replyTo));
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
            hosts.ask(target.getNode(), replyTo -> new ReplicaHostCommand.Fetch(fetch, replyTo))
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

}
