package io.starling.node.cluster;

import io.starling.coordinator.placement.RebalancePlanner;
import io.starling.coordinator.placement.ReplicaPlacement;
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
 * Moves replicas between data nodes through the shard logs: a node that joins gets its share of the replicas, a
 * node that leaves gracefully gives all of its replicas away before it goes, the replicas of a node gone for good
 * (downed and removed from the cluster, by the Split Brain Resolver or {@code down}, for longer than
 * {@link #replaceDeadAfter}) are re-placed on live nodes without the shard, and a shard with fewer replicas than
 * its table's R (placed while the cluster had fewer nodes) gets more as nodes join. Which replicas move is decided
 * by {@link RebalancePlanner} on the leader of the data nodes (one decider; the logs' epochs make a stale decision
 * fail rather than apply twice). Every node tracks how long each placed node has been gone, so a new leader does
 * not start the grace period over.
 *
 * <p>A move never lowers the number of copies: (1) the log adds a replica on the new node (a fresh index) and flags
 * the old one leaving; the new replica clones the shard from its peers through the data port and the log (its
 * node's catch-up does that); inserts count it in their quorum from this epoch on, and queries read only in-sync
 * replicas; (2) once every staying replica on a live node holds every live part, the log removes the leaving one
 * (the log itself refuses a removal that would leave a part with fewer than its quorum of holders); (3) the old
 * node deletes its copy after a grace period ({@link ClusterServices}). A dead node's replica is moved the same way:
 * it is flagged leaving (it still counts in the quorum size but, being down, never answers, and the log only counts
 * the parts it recorded before it died), and removed once the new replica holds every settled part. A dead node
 * that returns after that has no placement and deletes its stale copy after the grace period; one that returns
 * before simply catches up. A part that only the dead replica held (an insert it took but nobody fetched before it
 * died) keeps the dead replica in the placement for another grace period, then is forgotten
 * ({@link #finishMove}).
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
    /** How long a node is gone from the cluster before its replicas are re-placed, unless configured. */
    public static final java.time.Duration DEFAULT_REPLACE_DEAD_AFTER = java.time.Duration.ofMinutes(5);
    /** Nodes that announced they are leaving, until when the announcement holds. */
    private final Map<String, Long> draining = new ConcurrentHashMap<>();
    /** Placed nodes missing from the cluster: since when this node has seen them missing. */
    private final Map<String, Long> absentSince = new ConcurrentHashMap<>();
    /** Shards whose removal of dead replicas the log refuses while their staying replicas are in sync: since when. */
    private final Map<String, Long> refusedSince = new ConcurrentHashMap<>();
    /** Shards whose removal of a gone replica was refused, warned about once. */
    private final Set<String> warnedWaiting = ConcurrentHashMap.newKeySet();
    /** Nodes whose replica host did not answer a move's readiness check: when that was last logged. */
    private final Map<String, Long> notReadyWarned = new ConcurrentHashMap<>();
    private static final long NOT_READY_WARN_MILLIS = 15_000;
    private volatile long replaceDeadAfterMillis = DEFAULT_REPLACE_DEAD_AFTER.toMillis();

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

    /** How long a placed node must be gone from the cluster before its replicas are re-placed (at least 0). */
    public void replaceDeadAfter(java.time.Duration grace) {
        this.replaceDeadAfterMillis = Math.max(0, grace.toMillis());
    }

    public java.time.Duration replaceDeadAfter() {
        return java.time.Duration.ofMillis(replaceDeadAfterMillis);
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
        Set<String> dead = trackAbsence(absentSince, placedNodes(views), members.presentDataNodes(),
                clock.getAsLong(), replaceDeadAfterMillis);
        String self = members.selfId();
        for (ShardView view : views) {
            // The leader finishes every move; a node finishes the moves of its own replicas (a leaving node does
            // not wait for the leader's next round).
            boolean mine = view.log().getPlacementList().stream()
                    .anyMatch(slot -> slot.getLeaving() && slot.getNode().equals(self));
            if ((leader || mine) && finishMove(view, live, dead)) {
                changes++;
            }
        }
        if (leader) {
            changes += startMoves(views, live, draining(), dead);
        }
        return changes;
    }

    /**
     * Updates {@code absentSince} (node -> when first seen missing) for the nodes named by placements and answers
     * those missing from {@code present} for at least {@code graceMillis}: the dead ones. A node seen again (it
     * returned, e.g. a new incarnation on its address) or no longer placed is forgotten.
     */
    static Set<String> trackAbsence(Map<String, Long> absentSince, Set<String> placed, Set<String> present, long now,
                                    long graceMillis) {
        absentSince.keySet().removeIf(node -> present.contains(node) || !placed.contains(node));
        Set<String> dead = new HashSet<>();
        for (String node : placed) {
            if (present.contains(node)) {
                continue;
            }
            long since = absentSince.computeIfAbsent(node, key -> now);
            if (now - since >= graceMillis) {
                dead.add(node);
            }
        }
        return dead;
    }

    private static Set<String> placedNodes(List<ShardView> views) {
        Set<String> placed = new HashSet<>();
        for (ShardView view : views) {
            view.log().getPlacementList().forEach(slot -> placed.add(slot.getNode()));
        }
        return placed;
    }

    /**
     * The replicas a shard of {@code spec} should have, as {@link #targetReplicas(TableSpec)}; a quarantine table
     * ({@code X_quarantine}, which has no settings of its own) follows its data source {@code X} when that is among
     * {@code tables}.
     */
    static int targetReplicas(TableSpec spec, Map<String, TableSpec> tables) {
        String id = spec.getTableId();
        String suffix = io.starling.coordinator.catalog.DataSourceTables.QUARANTINE_ID_SUFFIX;
        if (id.endsWith(suffix) && !spec.containsSettings(ReplicatedTables.REPLICAS_SETTING)) {
            TableSpec owner = tables.get(id.substring(0, id.length() - suffix.length()));
            if (owner != null) {
                return targetReplicas(owner);
            }
        }
        return targetReplicas(spec);
    }

    /**
     * The replicas a shard of {@code spec} should have: its {@value ReplicatedTables#REPLICAS_SETTING} setting, else
     * the cluster default ({@value ReplicaPlacement#DEFAULT_REPLICAS}, as placed when enough data nodes are up); the
     * planner adds replicas up to it as nodes join. 0 (never grow) for a setting that does not parse.
     */
    static int targetReplicas(TableSpec spec) {
        try {
            return Math.max(1, ReplicatedTables.setting(spec, ReplicatedTables.REPLICAS_SETTING,
                    ReplicaPlacement.DEFAULT_REPLICAS));
        } catch (StarlingException e) {
            return 0;
        }
    }

    /**
     * Removes the leaving replicas of a shard once every staying replica on a live node is in sync (holds every
     * settled part), at least one is, and the log's quorum rule allows it. When the log keeps refusing because of
     * parts that only leaving replicas on dead nodes hold (an insert such a node took but nobody fetched before it
     * died), those parts are forgotten after another {@link #replaceDeadAfter} period: their node is gone for good,
     * and until then no replica is in sync, so queries of the shard fail. Answers whether the placement changed.
     */
    boolean finishMove(ShardView view, Set<String> live, Set<String> dead) {
        ShardLogReply log = view.log();
        List<ReplicaSlot> leavingSlots = log.getPlacementList().stream().filter(ReplicaSlot::getLeaving).toList();
        List<Integer> leaving = leavingSlots.stream().map(ReplicaSlot::getIndex).toList();
        if (leaving.isEmpty() || !stayingInSync(log, live)) {
            refusedSince.remove(view.shardKey());
            return false;
        }
        long now = clock.getAsLong();
        boolean allDead = leavingSlots.stream().allMatch(slot -> dead.contains(slot.getNode()));
        Long refused = refusedSince.get(view.shardKey());
        boolean forget = allDead && refused != null && now - refused >= replaceDeadAfterMillis;
        ChangePlacementRequest request = ChangePlacementRequest.newBuilder().setExpectedEpoch(log.getEpoch())
                .addAllRemove(leaving).setForgetLost(forget).setReason(forget ? "dead replica removed" : "move done")
                .build();
        try {
            ShardLogReply changed = ReplicaNode.await(logs.changePlacement(view.spec().getTableId(), view.shard(),
                    request));
            refusedSince.remove(view.shardKey());
            warnedWaiting.remove(view.shardKey());
            if (forget) {
                LOG.warn("Shard [{}]: replicas {} of nodes gone for good removed, forgetting the parts only they held"
                                + " (inserts never acknowledged to a quorum); placement {} at epoch {}", view.shardKey(),
                        leaving, describe(changed.getPlacementList()), changed.getEpoch());
            } else {
                LOG.info("Shard [{}]: replicas {} moved away; placement {} at epoch {}", view.shardKey(), leaving,
                        describe(changed.getPlacementList()), changed.getEpoch());
            }
            return true;
        } catch (StarlingException e) {
            if (allDead) {
                refusedSince.putIfAbsent(view.shardKey(), now);
            }
            if (allDead && warnedWaiting.add(view.shardKey())) {
                LOG.warn("Shard [{}]: the replicas {} of a node gone for good cannot be removed yet: {}. Parts only"
                        + " they hold are forgotten in {} s unless the node returns", view.shardKey(), leaving,
                        e.getMessage(), replaceDeadAfterMillis / 1000);
            } else {
                LOG.debug("Shard [{}]: removing replicas {} waits: {}", view.shardKey(), leaving, e.getMessage());
            }
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

    /**
     * Starts the moves the planner picks: adds the new replica and flags the old one leaving, or (growth) only adds
     * one.
     */
    int startMoves(List<ShardView> views, Set<String> live, Set<String> drainingNodes, Set<String> dead) {
        Map<String, ShardView> byKey = new HashMap<>();
        Map<String, TableSpec> tables = new HashMap<>();
        views.forEach(view -> tables.put(view.spec().getTableId(), view.spec()));
        List<RebalancePlanner.ShardReplicas> shards = new ArrayList<>();
        for (ShardView view : views) {
            if (view.log().getPlacementCount() == 0) {
                continue;
            }
            byKey.put(view.shardKey(), view);
            List<String> staying = view.log().getPlacementList().stream().filter(slot -> !slot.getLeaving())
                    .map(ReplicaSlot::getNode).toList();
            boolean moving = view.log().getPlacementList().stream().anyMatch(ReplicaSlot::getLeaving);
            shards.add(new RebalancePlanner.ShardReplicas(view.shardKey(), staying, moving,
                    targetReplicas(view.spec(), tables)));
        }
        List<RebalancePlanner.Move> moves = RebalancePlanner.plan(shards, live, drainingNodes, dead, MAX_MOVES);
        Map<String, ReplicaSlot> slots = new HashMap<>();
        members.upDataNodes().forEach(slot -> slots.put(slot.getNode(), slot));
        int started = 0;
        for (RebalancePlanner.Move move : moves) {
            ShardView view = byKey.get(move.shardKey());
            Optional<ReplicaSlot> from = view.log().getPlacementList().stream()
                    .filter(slot -> slot.getNode().equals(move.from())).findFirst();
            ReplicaSlot to = slots.get(move.to());
            if ((from.isEmpty() && !move.addsOnly()) || to == null) {
                continue;
            }
            if (!ready.test(move.to())) {
                // A node that joined but has not started its replica host yet gets replicas later; one that stays
                // silent is worth a line (a move that never starts otherwise leaves no trace).
                long now = clock.getAsLong();
                Long warned = notReadyWarned.get(move.to());
                if (warned == null || now - warned >= NOT_READY_WARN_MILLIS) {
                    notReadyWarned.put(move.to(), now);
                    LOG.info("Shard [{}]: move {} -> {} waits: the replica host of {} does not answer", move.shardKey(),
                            move.from(), move.to(), move.to());
                }
                continue;
            }
            ChangePlacementRequest.Builder request = ChangePlacementRequest.newBuilder()
                    .setExpectedEpoch(view.log().getEpoch()).setAdd(to).setReason(move.reason());
            from.ifPresent(slot -> request.addMarkLeaving(slot.getIndex()));
            try {
                ShardLogReply changed = ReplicaNode.await(logs.changePlacement(view.spec().getTableId(),
                        view.shard(), request.build()));
                if (move.addsOnly()) {
                    LOG.info("Shard [{}]: adding a replica on {} ({}: below its {} replicas); placement {} at epoch {}",
                            move.shardKey(), move.to(), move.reason(), targetReplicas(view.spec(), tables),
                            describe(changed.getPlacementList()), changed.getEpoch());
                } else {
                    LOG.info("Shard [{}]: moving the replica on {} to {} ({}); placement {} at epoch {}",
                            move.shardKey(), move.from(), move.to(), move.reason(),
                            describe(changed.getPlacementList()), changed.getEpoch());
                }
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
