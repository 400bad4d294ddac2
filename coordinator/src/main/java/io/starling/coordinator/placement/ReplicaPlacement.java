package io.starling.coordinator.placement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where the replicas of a table shard live: R distinct data nodes, chosen by rendezvous (highest random weight)
 * hashing of the shard key with each node, so the choice is deterministic, spreads shards evenly and moves only the
 * replicas of a node that leaves. Ties in load are broken by the hash. A pure function; thread-safe.
 *
 * <p>This is the allocation strategy for replicas: a shard's replicas are never on one node. The ShardLog records
 * the chosen placement once (nodes are identified by their stable Artery address), so a node that restarts finds
 * its replicas again. Later changes (a node joins, a node leaves gracefully, a node is gone for good, a table has
 * fewer replicas than its R because it was placed on fewer nodes) add or move replicas, chosen by
 * {@link RebalancePlanner}.
 */
public final class ReplicaPlacement {
    private ReplicaPlacement() {
    }

    /**
     * Chooses {@code min(replicas, distinct nodes)} distinct nodes for {@code shardKey} (e.g. {@code tableId~0}).
     * {@code load} counts replicas each node already holds (absent = 0); nodes with fewer replicas are preferred
     * when it is given, then the rendezvous hash decides. Returns the nodes in replica-index order.
     */
    public static List<String> choose(String shardKey, Collection<String> nodes, int replicas, Map<String, Integer> load) {
        if (replicas < 1) {
            throw new IllegalArgumentException("Replica count [" + replicas + "] must be at least 1");
        }
        List<String> distinct = new ArrayList<>(new TreeSet<>(nodes));
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("No data node to place shard [" + shardKey + "] on; start a node with"
                    + " role data");
        }
        Comparator<String> order = Comparator.<String>comparingInt(node -> load.getOrDefault(node, 0))
                .thenComparing(Comparator.<String>comparingLong(node -> weight(shardKey, node)).reversed())
                .thenComparing(Comparator.naturalOrder());
        distinct.sort(order);
        return List.copyOf(distinct.subList(0, Math.min(replicas, distinct.size())));
    }

    /**
     * The placement of every shard of table {@code tableId}: for shard k, {@code min(replicas, nodes)} distinct nodes
     * chosen by {@link #choose} for the shard key {@code tableId~k} with the replicas of shards 0..k-1 counted as
     * load, so the S x R replicas spread evenly over the nodes (S=2, R=1 on three nodes uses two nodes; S=2, R=2
     * uses all three, one of them twice). Deterministic: every node that computes it from the same members gets the
     * same answer. Answers one list per shard, in replica-index order.
     */
    public static List<List<String>> chooseTable(String tableId, Collection<String> nodes, int shards, int replicas) {
        if (shards < 1) {
            throw new IllegalArgumentException("Shard count [" + shards + "] must be at least 1");
        }
        Map<String, Integer> load = new java.util.HashMap<>();
        List<List<String>> placement = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            List<String> chosen = choose(tableId + "~" + shard, nodes, replicas, load);
            chosen.forEach(node -> load.merge(node, 1, Integer::sum));
            placement.add(chosen);
        }
        return List.copyOf(placement);
    }

    /** {@link #choose(String, Collection, int, Map)} without load information. */
    public static List<String> choose(String shardKey, Collection<String> nodes, int replicas) {
        return choose(shardKey, nodes, replicas, Map.of());
    }

    /** The replication factor of a table that does not set one, once the cluster has enough data nodes. */
    public static final int DEFAULT_REPLICAS = 3;

    /** The default replication factor of a cluster: min(3, data nodes), at least 1. */
    public static int defaultReplicas(int dataNodes) {
        return Math.max(1, Math.min(DEFAULT_REPLICAS, dataNodes));
    }

    /** A majority of {@code replicas}: the default insert quorum. */
    public static int majority(int replicas) {
        return replicas / 2 + 1;
    }

    static long weight(String shardKey, String node) {
        // FNV-1a 64 over key, separator, node, then a final mix (splitmix64) so similar names spread.
        long hash = 0xcbf29ce484222325L;
        for (byte b : (shardKey + '\u0000' + node).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 30;
        hash *= 0xbf58476d1ce4e5b9L;
        hash ^= hash >>> 27;
        hash *= 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}
