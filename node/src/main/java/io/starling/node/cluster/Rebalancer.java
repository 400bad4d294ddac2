package io.starling.node.cluster;

import io.starling.coordinator.placement.RebalancePlanner;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.ChangePlacementRequest;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves replicas between data nodes through the shard logs: a node that joins gets its share of the replicas, and a
 * node that leaves gracefully gives all of its replicas away before it goes. Which replicas move is decided by
 * {@link RebalancePlanner} on the leader of the data nodes (one decider; the logs' epochs make a stale decision
 * fail rather than apply twice).
 *
 * <p>A move never lowers the number of copies: (1) the log adds a replica on the new node (a fresh index) and flags
 * the old one leaving; the new replica clones the shard from its peers through the data port and the log (its
 * node's catch-up does that); inserts count it in their quorum from this epoch on, and queries read only in-sync
 * replicas; (2) once every staying replica on a live node holds every live part, the log removes the leaving one
 * (the log itself refuses a removal that would leave a part with fewer than its quorum of holders); (3) the old
 * node deletes its copy after a grace period ({@link ClusterServices}).
 *
 * <p>Blocking (asks awaited): call from the catch-up thread. Thread-safe.
 */
public final class Rebalancer {
    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);
    /** Moves under way at once over the cluster (balancing; a leaving node's moves are not limited). */
    static final int MAX_MOVES = 2;

    private final ShardLogs logs;
    private final ClusterMembers members;
    private final LongSupplier clock;
    private final java.util.function.Predicate<String> ready;
    /** Nodes that announced they are leaving, until when the announcement holds. */
    private final Map<String, Long> draining = new ConcurrentHashMap<>();

    /** {@code ready}: whether a node's replica host answers (it can take a replica now). */
    public Rebalancer(ShardLogs logs, ClusterMembers members, LongSupplier clock,
                      java.util.function.Predicate<String> ready) {
        this.logs = logs;
        this.members = members;
        this.clock = clock;
        this.ready = ready;
    }

    /** One shard's log as a round read it. */
    public record ShardView(TableSpec spec, int shard, ShardLogReply log) {
        String shardKey() {
            return spec.getTableId() + "~" + shard;
        }
    }

    /** A node announced that it is leaving (renewed while it drains). */
    public void announceDraining(String node, long forMillis) {
        draining.put(node, clock.getAsLong() + forMillis);
    }

    /** Nodes whose leave announcement still holds. */
    public Set<String> draining() {
        long now = clock.getAsLong();
        draining.values().removeIf(until -> until < now);
        return Set.copyOf(draining.keySet());
    }

    /**
     * One round over the shards read this round: completes the moves whose new replica caught up, then (on the
     * leader only) starts the moves the planner picks. Answers the placement changes made.
     */
    public int round(List<ShardView> views, boolean leader) {
        int changes = 0;
        Set<String> live = liveNodes();
        String self = members.selfId();
        for (ShardView view : views) {
            // The leader finishes every move; a node finishes the moves of its own replicas (a leaving node does
            // not wait for the leader's next round).
            boolean mine = view.log().getPlacementList().stream()
                    .anyMatch(slot -> slot.getLeaving() && slot.getNode().equals(self));
            if ((leader || mine) && finishMove(view, live)) {
                changes++;
            }
        }
        if (leader) {
            changes += startMoves(views, live, draining());
        }
        return changes;
    }

    /**
     * Removes the leaving replicas of a shard once every staying replica on a live node is in sync (holds every
     * live part), at least one is, and the log's quorum rule allows it. Answers whether the placement changed.
     */
    boolean finishMove(ShardView view, Set<String> live) {
        ShardLogReply log = view.log();
        List<Integer> leaving = log.getPlacementList().stream().filter(ReplicaSlot::getLeaving)
                .map(ReplicaSlot::getIndex).toList();
        if (leaving.isEmpty() || !stayingInSync(log, live)) {
            return false;
        }
        ChangePlacementRequest request = ChangePlacementRequest.newBuilder().setExpectedEpoch(log.getEpoch())
                .addAllRemove(leaving).setReason("move done").build();
        try {
            ShardLogReply changed = ReplicaNode.await(logs.changePlacement(view.spec().getTableId(), view.shard(),
                    request));
            LOG.info("Shard [{}]: replicas {} moved away; placement {} at epoch {}", view.shardKey(), leaving,
                    describe(changed.getPlacementList()), changed.getEpoch());
            return true;
        } catch (StarlingException e) {
            LOG.debug("Shard [{}]: removing replicas {} waits: {}", view.shardKey(), leaving, e.getMessage());
            return false;
        }
    }

    /**
     * True when the staying replicas caught up: every staying replica on a live node (and at least one) holds every
     * settled live part, i.e. one held by a majority of the staying replicas or more. Parts still on their way (an
     * insert's parts before its quorum fetched them, a merge's result before the others applied it) are left out:
     * they reach the new replica like any other, and the log refuses the removal while the leaving replica is
     * needed for one of them.
     */
    static boolean stayingInSync(ShardLogReply log, Set<String> live) {
        List<ReplicaSlot> staying = log.getPlacementList().stream().filter(slot -> !slot.getLeaving()).toList();
        int settled = staying.size() / 2 + 1;
        int inSync = 0;
        for (ReplicaSlot slot : staying) {
            boolean holdsAll = log.getHoldingsList().stream()
                    .filter(holding -> holding.getReplicasCount() >= settled)
                    .allMatch(holding -> holding.getReplicasList().contains(slot.getIndex()));
            if (holdsAll) {
                inSync++;
            } else if (live.contains(slot.getNode())) {
                return false;   // the new replica is still catching up
            }
        }
        return inSync > 0;
    }

    /** Starts the moves the planner picks (adds the new replica and flags the old one leaving). */
    int startMoves(List<ShardView> views, Set<String> live, Set<String> drainingNodes) {
        Map<String, ShardView> byKey = new HashMap<>();
        List<RebalancePlanner.ShardReplicas> shards = new ArrayList<>();
        for (ShardView view : views) {
            if (view.log().getPlacementCount() == 0) {
                continue;
            }
            byKey.put(view.shardKey(), view);
            List<String> staying = view.log().getPlacementList().stream().filter(slot -> !slot.getLeaving())
                    .map(ReplicaSlot::getNode).toList();
            boolean moving = view.log().getPlacementList().stream().anyMatch(ReplicaSlot::getLeaving);
            shards.add(new RebalancePlanner.ShardReplicas(view.shardKey(), staying, moving));
        }
        List<RebalancePlanner.Move> moves = RebalancePlanner.plan(shards, live, drainingNodes, MAX_MOVES);
        Map<String, ReplicaSlot> slots = new HashMap<>();
        members.upDataNodes().forEach(slot -> slots.put(slot.getNode(), slot));
        int started = 0;
        for (RebalancePlanner.Move move : moves) {
            ShardView view = byKey.get(move.shardKey());
            Optional<ReplicaSlot> from = view.log().getPlacementList().stream()
                    .filter(slot -> slot.getNode().equals(move.from())).findFirst();
            ReplicaSlot to = slots.get(move.to());
            if (from.isEmpty() || to == null || !ready.test(move.to())) {
                continue;   // a node that joined but has not started its replica host yet gets replicas later
            }
            ChangePlacementRequest request = ChangePlacementRequest.newBuilder().setExpectedEpoch(view.log().getEpoch())
                    .setAdd(to).addMarkLeaving(from.get().getIndex()).setReason(move.reason()).build();
            try {
                ShardLogReply changed = ReplicaNode.await(logs.changePlacement(view.spec().getTableId(),
                        view.shard(), request));
                LOG.info("Shard [{}]: moving the replica on {} to {} ({}); placement {} at epoch {}", move.shardKey(),
                        move.from(), move.to(), move.reason(), describe(changed.getPlacementList()),
                        changed.getEpoch());
                started++;
            } catch (StarlingException e) {
                LOG.debug("Shard [{}]: move {} -> {} not started: {}", move.shardKey(), move.from(), move.to(),
                        e.getMessage());
            }
        }
        return started;
    }

    /**
     * Shards with a replica on {@code node} that cannot move: no move under way and every other live node that is
     * not leaving holds the shard already (e.g. R equals the number of data nodes).
     */
    static List<String> stuckOn(List<ShardView> views, String node, Set<String> live, Set<String> drainingNodes) {
        List<String> stuck = new ArrayList<>();
        for (ShardView view : views) {
            List<ReplicaSlot> placement = view.log().getPlacementList();
            if (placement.stream().noneMatch(slot -> slot.getNode().equals(node))
                    || placement.stream().anyMatch(ReplicaSlot::getLeaving)) {
                continue;
            }
            Set<String> targets = new HashSet<>(live);
            targets.removeAll(drainingNodes);
            targets.remove(node);
            placement.forEach(slot -> targets.remove(slot.getNode()));
            if (targets.isEmpty()) {
                stuck.add(view.shardKey());
            }
        }
        return stuck;
    }

    /** Shards (of the given views) that still have a replica on {@code node}. */
    static List<String> replicasOn(List<ShardView> views, String node) {
        List<String> result = new ArrayList<>();
        for (ShardView view : views) {
            if (view.log().getPlacementList().stream().anyMatch(slot -> slot.getNode().equals(node))) {
                result.add(view.shardKey());
            }
        }
        return result;
    }

    private Set<String> liveNodes() {
        Set<String> live = new HashSet<>();
        members.upDataNodes().forEach(slot -> live.add(slot.getNode()));
        return live;
    }

    private static String describe(List<ReplicaSlot> placement) {
        List<String> nodes = new ArrayList<>();
        for (ReplicaSlot slot : placement) {
            nodes.add(slot.getIndex() + "@" + slot.getNode() + (slot.getLeaving() ? "(leaving)" : ""));
        }
        return nodes.toString();
    }
}
