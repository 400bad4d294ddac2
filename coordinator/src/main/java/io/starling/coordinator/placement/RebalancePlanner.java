package io.starling.coordinator.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which replicas to add or move between data nodes, in this order: off nodes that leave (drain); off nodes gone for
 * good (dead: removed from the cluster longer than a grace period) onto live nodes without the shard; one more
 * replica for shards with fewer replicas than their target R (nodes joined since the table was placed); then from
 * the most loaded node to the least loaded one until no two live nodes differ by more than one replica (a node that
 * joined gets its share). Load is the number of shard replicas a node holds over every table. A pure function;
 * deterministic for the same input, so any node computing it agrees; thread-safe.
 *
 * <p>A move is carried out in two placement changes of the shard's log (add the new replica, then remove the old
 * one once the new one is in sync), so a shard with a move under way ({@link ShardReplicas#moving}) is left alone
 * until it completes. An added replica ({@link #GROW}) is one placement change. Replicas on nodes that are down but
 * not (yet) dead are not moved: the node may return and catch up.
 */
public final class RebalancePlanner {
    private RebalancePlanner() {
    }

    /**
     * One table shard's replicas.
     *
     * @param shardKey {@code tableId~shard}
     * @param nodes    the nodes of its replicas that stay (a replica being moved away is left out; its replacement
     *                 is in)
     * @param moving   true while a move of this shard is under way
     * @param target   the replicas the shard should have (its table's R); 0: as many as it has (never grows)
     */
    public record ShardReplicas(String shardKey, List<String> nodes, boolean moving, int target) {
        public ShardReplicas {
            Objects.requireNonNull(shardKey, "shardKey");
            nodes = List.copyOf(nodes);
            if (target < 0) {
                throw new IllegalArgumentException("Target replicas [" + target + "] of [" + shardKey
                        + "] must not be negative");
            }
        }

        /** A shard that keeps its number of replicas. */
        public ShardReplicas(String shardKey, List<String> nodes, boolean moving) {
            this(shardKey, nodes, moving, 0);
        }
    }

    /**
     * Move the replica of {@code shardKey} on node {@code from} to node {@code to}, or ({@link #GROW}, {@code from}
     * empty) add a replica on {@code to}; {@code reason}: {@link #LEAVE}, {@link #REPLACE}, {@link #GROW} or
     * {@link #BALANCE}.
     */
    public record Move(String shardKey, String from, String to, String reason) {
        /** True when the move only adds a replica (nothing leaves). */
        public boolean addsOnly() {
            return from.isEmpty();
        }
    }

    public static final String LEAVE = "leave";
    /** A replica on a dead node (removed from the cluster for longer than the grace period) is re-placed. */
    public static final String REPLACE = "replace";
    /** A shard with fewer replicas than its target gets one more. */
    public static final String GROW = "grow";
    public static final String BALANCE = "balance";

    /** {@link #plan(List, Collection, Set, Set, int)} without dead nodes. */
    public static List<Move> plan(List<ShardReplicas> shards, Collection<String> liveNodes, Set<String> draining,
                                  int maxMoves) {
        return plan(shards, liveNodes, draining, Set.of(), maxMoves);
    }

    /**
     * The moves to start now, at most one per shard. Every replica on a {@code draining} node, then every replica on
     * a {@code dead} node, gets a move to the least loaded live node that does not hold the shard yet (when there is
     * one; these are not limited: copies are at stake). Then, while fewer than {@code maxMoves} moves are under way
     * (those in progress included), shards below their target get one more replica, and last balancing moves even
     * out the load.
     *
     * @param shards    every shard of every replicated table
     * @param liveNodes data nodes that are up and reachable
     * @param draining  nodes that are leaving: they receive nothing and give all their replicas away
     * @param dead      nodes gone for good: their replicas are re-placed (they are never live)
     */
    public static List<Move> plan(List<ShardReplicas> shards, Collection<String> liveNodes, Set<String> draining,
                                  Set<String> dead, int maxMoves) {
        TreeSet<String> targets = new TreeSet<>(liveNodes);
        targets.removeAll(draining);
        Map<String, Integer> load = new HashMap<>();
        targets.forEach(node -> load.put(node, 0));
        List<ShardReplicas> ordered = new ArrayList<>(shards);
        ordered.sort(Comparator.comparing(ShardReplicas::shardKey));
        Set<String> busy = new HashSet<>();
        int underWay = 0;
        for (ShardReplicas shard : ordered) {
            for (String node : shard.nodes()) {
                load.computeIfPresent(node, (key, count) -> count + 1);
            }
            if (shard.moving()) {
                busy.add(shard.shardKey());
                underWay++;
            }
        }
        List<Move> moves = new ArrayList<>();
        for (ShardReplicas shard : ordered) {
            if (busy.contains(shard.shardKey())) {
                continue;
            }
            for (String node : shard.nodes()) {
                if (!draining.contains(node)) {
                    continue;
                }
                Optional<String> target = lightest(shard, targets, load);
                if (target.isPresent()) {
                    moves.add(new Move(shard.shardKey(), node, target.get(), LEAVE));
                    load.merge(target.get(), 1, Integer::sum);
                    busy.add(shard.shardKey());
                    break;
                }
            }
        }
        for (ShardReplicas shard : ordered) {
            if (busy.contains(shard.shardKey())) {
                continue;
            }
            for (String node : shard.nodes()) {
                if (!dead.contains(node) || liveNodes.contains(node)) {
                    continue;
                }
                Optional<String> target = lightest(shard, targets, load);
                if (target.isPresent()) {
                    moves.add(new Move(shard.shardKey(), node, target.get(), REPLACE));
                    load.merge(target.get(), 1, Integer::sum);
                    busy.add(shard.shardKey());
                    break;
                }
            }
        }
        int budget = maxMoves - underWay - moves.size();
        for (ShardReplicas shard : ordered) {
            if (budget <= 0) {
                break;
            }
            if (busy.contains(shard.shardKey()) || shard.nodes().size() >= shard.target()) {
                continue;
            }
            Optional<String> target = lightest(shard, targets, load);
            if (target.isPresent()) {
                moves.add(new Move(shard.shardKey(), "", target.get(), GROW));
                load.merge(target.get(), 1, Integer::sum);
                busy.add(shard.shardKey());
                budget--;
            }
        }
        while (budget > 0 && targets.size() > 1) {
            Comparator<String> byLoad = Comparator.<String>comparingInt(load::get).thenComparing(Comparator.naturalOrder());
            String heaviest = targets.stream().max(Comparator.<String>comparingInt(load::get)
                    .thenComparing(Comparator.<String>reverseOrder())).orElseThrow();
            String lightest = targets.stream().min(byLoad).orElseThrow();
            if (load.get(heaviest) - load.get(lightest) <= 1) {
                break;
            }
            Optional<ShardReplicas> movable = ordered.stream()
                    .filter(shard -> !busy.contains(shard.shardKey()) && shard.nodes().contains(heaviest)
                            && !shard.nodes().contains(lightest))
                    .max(Comparator.comparingLong(shard -> ReplicaPlacement.weight(shard.shardKey(), lightest)));
            if (movable.isEmpty()) {
                break;
            }
            moves.add(new Move(movable.get().shardKey(), heaviest, lightest, BALANCE));
            busy.add(movable.get().shardKey());
            load.merge(heaviest, -1, Integer::sum);
            load.merge(lightest, 1, Integer::sum);
            budget--;
        }
        return List.copyOf(moves);
    }

    /** The least loaded target node without a replica of the shard (ties: rendezvous weight, then name). */
    private static Optional<String> lightest(ShardReplicas shard, Collection<String> targets, Map<String, Integer> load) {
        return targets.stream().filter(node -> !shard.nodes().contains(node))
                .min(Comparator.<String>comparingInt(load::get)
                        .thenComparing(Comparator.<String>comparingLong(node -> ReplicaPlacement.weight(shard.shardKey(),
                                node)).reversed())
                        .thenComparing(Comparator.naturalOrder()));
    }
}
