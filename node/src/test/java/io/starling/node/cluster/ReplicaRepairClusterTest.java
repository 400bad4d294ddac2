package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import io.starling.protocol.shardlog.Holding;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogReply;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replica repair with several ActorSystems in this JVM: (1) three data nodes hold a data source of S=3 shards with
 * R=2; one node crashes (its ActorSystem terminates without leaving the cluster) and is downed; after the
 * replace-dead-after grace (seconds here) the shards it held are back to two in-sync replicas on the survivors.
 * Inserts run the whole time (Events API, retried with the same idempotency key until acknowledged: inserts into a
 * shard whose second replica is dead miss their quorum until the replacement is added), and at the end both
 * survivors answer exactly the acknowledged rows; the crashed node then returns on its address and deletes its stale
 * copies. (2) A data source created with R=2 on a one-node cluster has one replica per shard, and gets its second
 * when a second node joins. Journal: PostgreSQL ({@code STARLING_PG_URL} or {@code bin/pg-local}), else a shared H2
 * file.
 */
class ReplicaRepairClusterTest {
    private static final String TOKEN = "p.repair-test-token";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration REPLACE_AFTER = Duration.ofSeconds(3);
    private static final int SHARDS = 3;
    private static final int BATCH = 20;

    @TempDir
    Path root;

    private final StarlingNode[] nodes = new StarlingNode[3];
    private final int[] ports = new int[3];
    private volatile String lastAnswer = "";
    private ClusterConfig.Journal journal;
    /** S of the data source the test created. */
    private volatile int tableShards;

    private BackgroundWriter writer;

    @AfterEach
    void stopAll() {
        if (writer != null) {
            writer.stopSoon();
        }
        for (StarlingNode node : nodes) {
            if (node != null) {
                node.stop();
            }
        }
        System.clearProperty(ClusterServices.REMOVAL_GRACE_PROPERTY);
    }

    @Test
    void theReplicasOfACrashedNodeAreReplacedOnTheSurvivors() throws Exception {
        System.setProperty(ClusterServices.REMOVAL_GRACE_PROPERTY, "1000");
        startCluster(3);
        String tableId = createDataSource(SHARDS, 2);
        writer = new BackgroundWriter("repair-test-writer", () -> nodes[0].httpPort(), TOKEN, "ev", BATCH, DEADLINE);
        writer.start();
        ClusterTestSupport.await("some rows are acknowledged", DEADLINE, writer::lastOutcome,
                () -> writer.acknowledgedRows() >= 3 * BATCH);
        String victim = id(2);
        List<Integer> victimShards = shardsOn(tableId, victim);
        assertThat(victimShards).as("S=3 x R=2 on 3 nodes puts two replicas on each node").hasSize(2);

        // Node 3 crashes: no drain, no leave (the crash configuration disables those shutdown phases); it is downed.
        Address address = Cluster.get(nodes[2].actorSystem()).selfMember().address();
        nodes[2].stop();
        nodes[2] = null;
        long acknowledgedAtCrash = writer.acknowledgedRows();
        Cluster.get(nodes[0].actorSystem()).manager().tell(new Down(address));
        ClusterTestSupport.await("the crashed node is gone from the cluster", DEADLINE, () -> lastAnswer,
                () -> !new ClusterMembers(Cluster.get(nodes[0].actorSystem())).presentDataNodes().contains(victim));
        // Within the grace the dead node keeps its slots. Queries are answered by the survivors meanwhile, never
        // with fewer rows than were acknowledged; a shard whose fresh insert only the dead node held (it took the
        // write and crashed before a survivor fetched it) answers 369 rather than a partial result, until that
        // unacknowledged part is forgotten when the dead replica is removed.
        assertThat(shardsOn(tableId, victim)).isEqualTo(victimShards);
        long[] gap = answer(nodes[1]);
        if (gap != null) {
            assertThat(gap[0]).isGreaterThanOrEqualTo(acknowledgedAtCrash);
        } else {
            assertThat(lastAnswer).contains("ALL_REPLICAS_ARE_STALE");
        }

        // Inserts went on through the grace and the re-placement; they pause while the new replicas catch up (under
        // steady inserts on a loaded 2-core box they may trail the newest part at every poll), then go on.
        writer.pause(true);   // "holds every live part" is a moving target while inserts run
        ClusterTestSupport.await("every shard has two in-sync replicas on the survivors", Duration.ofSeconds(150),
                () -> lastAnswer, () -> repaired(tableId, List.of(id(0), id(1))));
        writer.pause(false);
        ClusterTestSupport.await("more rows are acknowledged after the repair", DEADLINE, writer::lastOutcome,
                () -> writer.acknowledgedRows() >= acknowledgedAtCrash + 3 * BATCH);
        writer.stop();
        System.out.println("ReplicaRepairClusterTest: " + writer.acknowledgedRows() + " rows acknowledged, "
                + writer.retried().size() + " insert attempts retried " + writer.retried().stream().limit(3).toList());
        assertThat(writer.failures()).as("failed inserts").isEmpty();
        long rows = writer.acknowledgedRows();
        for (int index : new int[] {0, 1}) {
            StarlingNode node = nodes[index];
            ClusterTestSupport.await("node " + (index + 1) + " answers every acknowledged row", DEADLINE,
                    () -> lastAnswer, () -> {
                        long[] answer = answer(node);
                        return answer != null && answer[0] == rows && answer[1] == sumOf(1, rows);
                    });
        }
        assertThat(shardDirectories(0, tableId) + shardDirectories(1, tableId)).isEqualTo(SHARDS * 2);

        // The crashed node returns on its address after its replicas were replaced: it holds no placement of them
        // and deletes its stale copies after the removal grace (unless rebalancing gives it replicas again).
        nodes[2] = StarlingNode.start(config(2, false));
        ClusterTestSupport.await("the returned node keeps the files of exactly its replicas", DEADLINE,
                () -> lastAnswer, () -> {
                    long placed = shardsOn(tableId, victim).size();
                    return !moving(tableId) && shardDirectories(2, tableId) == placed;
                });
        ClusterTestSupport.await("every node answers every acknowledged row", DEADLINE, () -> lastAnswer, () -> {
            for (StarlingNode node : nodes) {
                long[] answer = answer(node);
                if (answer == null || answer[0] != rows || answer[1] != sumOf(1, rows)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void aTablePlacedOnOneNodeGetsItsSecondReplicaWhenANodeJoins() throws Exception {
        startCluster(1);
        String tableId = createDataSource(1, 2);
        appendBatch(nodes[0], 1);
        assertThat(nodesOf(tableId, 0)).as("min(R, data nodes) replicas").containsExactly(id(0));

        nodes[1] = start(1, false);
        ClusterTestSupport.await("the shard has two in-sync replicas", DEADLINE, () -> lastAnswer,
                () -> repaired(tableId, List.of(id(0), id(1))));
        appendBatch(nodes[1], 1 + BATCH);
        long rows = 2 * BATCH;
        for (StarlingNode node : new StarlingNode[] {nodes[0], nodes[1]}) {
            ClusterTestSupport.await("a node answers every row", DEADLINE, () -> lastAnswer, () -> {
                long[] answer = answer(node);
                return answer != null && answer[0] == rows && answer[1] == sumOf(1, rows);
            });
        }
        assertThat(shardDirectories(1, tableId)).as("the new replica's files are on node 2").isEqualTo(1);
    }

    /** Starts nodes 0..count-1 (node 3 with the crash configuration) and waits until they are Up. */
    private void startCluster(int count) throws Exception {
        journal = ClusterTestSupport.journal(root);
        for (int i = 0; i < ports.length; i++) {
            ports[i] = ClusterTestSupport.freePort();
        }
        for (int i = 0; i < count; i++) {
            nodes[i] = start(i, i == 2);
        }
        ClusterTestSupport.await(count + " data nodes are Up", DEADLINE, () -> lastAnswer,
                () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == count);
    }

    private StarlingNode start(int index, boolean crashes) throws Exception {
        StarlingNode node = StarlingNode.start(config(index, crashes));
        ClusterServices.of(node.actorSystem()).orElseThrow().replaceDeadAfter(REPLACE_AFTER);
        return node;
    }

    private String createDataSource(int shards, int replicas) {
        tableShards = shards;
        try (Api api = new Api(nodes[0].httpPort(), TOKEN)) {
            HttpResponse<String> created = api.post("/v0/datasources?name=ev&schema="
                    + Api.encode("id Int64 `json:$.id`, v Int64 `json:$.v`") + "&engine_sorting_key=id&engine_settings="
                    + Api.encode("starling_shards=" + shards + ", starling_replicas=" + replicas
                    + ", starling_sharding_key=id"), "");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            return Api.json(created).path("datasource").path("id").asText(Api.json(created).path("id").asText());
        }
    }

    /** True when every shard has exactly two replicas, on {@code expected}, none leaving, each holding every part. */
    private boolean repaired(String tableId, List<String> expected) {
        for (ShardLogReply log : logs(tableId)) {
            List<String> placed = log.getPlacementList().stream().map(ReplicaSlot::getNode).toList();
            lastAnswer = "placement " + log.getPlacementList() + " holdings " + log.getHoldingsList();
            if (placed.size() != 2 || !expected.containsAll(placed)
                    || log.getPlacementList().stream().anyMatch(ReplicaSlot::getLeaving)) {
                return false;
            }
            for (Holding holding : log.getHoldingsList()) {
                if (holding.getReplicasCount() != 2) {
                    return false;
                }
            }
        }
        return true;
    }

    private void appendBatch(StarlingNode node, long from) {
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            HttpResponse<String> response = api.post("/v0/events?name=ev&wait=true", BackgroundWriter.batch(from, BATCH));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    private String id(int index) {
        return "127.0.0.1:" + ports[index];
    }

    /** The shards of the table with a replica on {@code node}. */
    private List<Integer> shardsOn(String tableId, String node) {
        List<Integer> shards = new ArrayList<>();
        List<ShardLogReply> logs = logs(tableId);
        for (int shard = 0; shard < logs.size(); shard++) {
            if (logs.get(shard).getPlacementList().stream().anyMatch(slot -> slot.getNode().equals(node))) {
                shards.add(shard);
            }
        }
        return shards;
    }

    private List<String> nodesOf(String tableId, int shard) {
        return log(tableId, shard).getPlacementList().stream().map(ReplicaSlot::getNode).toList();
    }

    private boolean moving(String tableId) {
        return logs(tableId).stream().anyMatch(log -> log.getPlacementList().stream().anyMatch(ReplicaSlot::getLeaving));
    }

    private List<ShardLogReply> logs(String tableId) {
        List<ShardLogReply> result = new ArrayList<>();
        int shards = tableShards(tableId);
        for (int shard = 0; shard < shards; shard++) {
            result.add(log(tableId, shard));
        }
        return result;
    }

    private int tableShards(String tableId) {
        return tableShards;
    }

    private ShardLogReply log(String tableId, int shard) {
        ShardLogs logs = new ShardLogs(ClusterSharding.get(nodes[0].actorSystem()), Duration.ofSeconds(20));
        return logs.getLog(tableId, shard, Long.MAX_VALUE).toCompletableFuture().join();
    }

    /** How many of the table's shard directories exist on node {@code index}. */
    private int shardDirectories(int index, String tableId) {
        Path tables = root.resolve("node" + index).resolve("tables");
        int count = 0;
        for (int shard = 0; shard < SHARDS; shard++) {
            if (Files.isDirectory(tables.resolve(ShardTables.localId(tableId, shard)))) {
                count++;
            }
        }
        lastAnswer = "node " + (index + 1) + " has " + count + " shard directories";
        return count;
    }

    private long[] answer(StarlingNode node) {
        return ClusterTestSupport.countAndSum(node, TOKEN, answer -> lastAnswer = answer);
    }

    private static long sumOf(long from, long to) {
        return (from + to) * (to - from + 1) / 2;
    }

    /**
     * A server node joining node 1. {@code crashes}: its shutdown neither hands its shard regions over nor leaves
     * the cluster, so stopping it looks like a crash to the others.
     */
    private NodeConfig config(int index, boolean crashes) throws Exception {
        ClusterConfig cluster = ClusterConfig.server(List.of("127.0.0.1:" + ports[0]))
                .withJournal(journal).withSplitBrainStableAfterSeconds(5).withSyncIntervalMillis(300);
        if (crashes) {
            Path file = root.resolve("crash-node" + index + ".conf");
            Files.writeString(file, """
                    pekko.coordinated-shutdown.phases {
                      cluster-sharding-shutdown-region.enabled = off
                      cluster-leave.enabled = off
                      cluster-exiting.enabled = off
                      cluster-exiting-done.enabled = off
                    }
                    """);
            cluster = cluster.withConfigFile(file);
        }
        return NodeConfig.defaults().withHttpPort(0).withDataDir(root.resolve("node" + index))
                .withWorkspaceToken(TOKEN).withRemotePort(ports[index]).withCluster(cluster);
    }
}
