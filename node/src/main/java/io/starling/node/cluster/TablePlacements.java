package io.starling.node.cluster;

import static io.starling.node.cluster.ReplicatedTables.REPLICAS_SETTING;
import static io.starling.node.cluster.ReplicatedTables.setting;
import static io.starling.node.cluster.ReplicatedTables.shardCount;

import io.starling.coordinator.placement.ReplicaPlacement;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the replicas of each replicated table live, one replica list per shard: chosen on first use, fixed in the
 * shard logs and cached here (refreshed from the logs at every catch-up round), and which replica writes a change.
 * Split out of {@link ReplicatedTables}, the facade other code calls. Thread-safe.
 */
final class TablePlacements {
    private final ShardLogs logs;
    private final ClusterMembers members;
    private final Map<String, List<List<ReplicaSlot>>> placements = new ConcurrentHashMap<>();

    TablePlacements(ShardLogs logs, ClusterMembers members) {
        this.logs = logs;
        this.members = members;
    }

    /**
     * The table's placement, one replica list per shard: chosen on first use (R distinct live data nodes per shard,
     * shards spread over the nodes by {@link ReplicaPlacement#chooseTable}) and then fixed in each shard's log.
     */
    CompletionStage<List<List<ReplicaSlot>>> placement(TableSpec table) {
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

    /** The cached placement of a table (one replica list per shard), if this node learned it; else empty. */
    List<List<ReplicaSlot>> known(String tableId) {
        return placements.getOrDefault(tableId, List.of());
    }

    /** Remembers a placement read from the logs (every shard's list non-empty). */
    void remember(String tableId, List<List<ReplicaSlot>> placement) {
        if (!placement.isEmpty() && placement.stream().noneMatch(List::isEmpty)) {
            placements.put(tableId, List.copyOf(placement));
        }
    }

    /** This node's replica, else a live one; replicas staying are preferred to ones being moved away. */
    ReplicaSlot writer(List<ReplicaSlot> placement, String tableId) {
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
}
