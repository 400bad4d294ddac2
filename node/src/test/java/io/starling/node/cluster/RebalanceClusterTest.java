package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogReply;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-placement with several ActorSystems in this JVM: two data nodes hold a data source of S=3 shards with R=2 (every
 * shard on both, and its quarantine table); a third node joins and the rebalancer moves replicas to it (every node
 * ends within one replica of the others over all replicated tables); then one of the first nodes leaves gracefully and its replicas are re-created on the other two before it goes. Inserts run
 * through the whole test (Events API, retried with the same idempotency key until acknowledged) and queries are
 * checked while replicas move: they never fail and never see fewer rows than were acknowledged before they started;
 * at the end every node answers exactly the acknowledged rows. Journal: PostgreSQL ({@code STARLING_PG_URL} or
 * {@code bin/pg-local}), else a shared H2 file.
 */
class RebalanceClusterTest {
    private static final String TOKEN = "p.rebalance-test-token";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int BATCH = 20;

    @TempDir
    Path root;

    private final StarlingNode[] nodes = new StarlingNode[3];
    private final int[] ports = new int[3];
    private volatile String lastAnswer = "";

    private BackgroundWriter writer;
    /** Failed queries of the checkers. */
    private final List<String> failures = new CopyOnWriteArrayList<>();

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
    void aJoiningNodeReceivesReplicasAndALeavingNodeHandsItsReplicasOver() throws Exception {
        System.setProperty(ClusterServices.REMOVAL_GRACE_PROPERTY, "1000");
        ClusterConfig.Journal journal = ClusterTestSupport.journal(root);
        for (int i = 0; i < 3; i++) {
            ports[i] = ClusterTestSupport.freePort();
        }
        nodes[0] = StarlingNode.start(config(0, journal));
        nodes[1] = StarlingNode.start(config(1, journal));
        ClusterTestSupport.await("2 data nodes are Up", DEADLINE, () -> lastAnswer,
                () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 2);

        Api api = new Api(nodes[0].httpPort(), TOKEN);
        HttpResponse<String> created = api.post("/v0/datasources?name=ev&schema="
                + Api.encode("id Int64 `json:$.id`, v Int64 `json:$.v`") + "&engine_sorting_key=id&engine_settings="
                + Api.encode("starling_shards=3, starling_replicas=2, starling_sharding_key=id"), "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String tableId = Api.json(created).path("datasource").path("id").asText(Api.json(created).path("id").asText());

        writer = new BackgroundWriter("rebalance-test-writer", () -> nodes[0].httpPort(), TOKEN, "ev", BATCH, DEADLINE);
        writer.start();
        ClusterTestSupport.await("some rows are acknowledged", DEADLINE, writer::lastOutcome,
                () -> writer.acknowledgedRows() >= 5 * BATCH);
        assertThat(nodesOf(tableId)).as("nodes %s and %s", id(0), id(1))
                .allMatch(shard -> shard.size() == 2 && shard.containsAll(List.of(id(0), id(1))));

        // A third node joins: two replicas move to it, one from each of the first nodes, while inserts go on.
        nodes[2] = StarlingNode.start(config(2, journal));
        QueryChecker during = new QueryChecker(new int[] {0, 1});
        during.start();
        // The rebalancer evens out every replicated table (the service data sources too): the new node takes
        // replicas of the data source's shards.
        // Each move clones and catches up under steady inserts: on a loaded 2-core box one took a minute.
        ClusterTestSupport.await("shards of the data source moved to the new node and no move is under way",
                Duration.ofSeconds(240), () -> lastAnswer, () -> {
                    Map<String, Integer> load = load(tableId);
                    return nodesOf(tableId).stream().filter(shard -> shard.contains(id(2))).count() >= 1
                            && load.getOrDefault(id(0), 0) >= 1 && load.getOrDefault(id(1), 0) >= 1
                            && !moving(tableId);
                });
        ClusterTestSupport.await("every node keeps the files of exactly its replicas", DEADLINE,
                () -> lastAnswer, () -> {
                    for (int index = 0; index < 3; index++) {
                        String node = id(index);
                        long placed = nodesOf(tableId).stream().filter(shard -> shard.contains(node)).count();
                        if (shardDirectories(index, tableId) != placed) {
                            return false;
                        }
                    }
                    return true;
                });
        during.stop();

        // Node 2 (index 1) leaves gracefully: its replicas are re-created on nodes 1 and 3 first.
        QueryChecker leaving = new QueryChecker(new int[] {0, 2});
        leaving.start();
        // As `starling server` does on SIGTERM: the stop first drains (in the first coordinated-shutdown phase, while
        // the node still serves), then leaves. Replicas of tables that every node holds already (service data
        // sources of R=3) have nowhere to go and stay.
        // The drain returns as soon as the replicas moved; the long bound is for a starved 2-core CI box. It runs
        // before the stop because a stop waits only a minute for the node to terminate, drain included.
        ClusterServices.of(nodes[1].actorSystem()).orElseThrow().drain(Duration.ofSeconds(240));
        nodes[1].stop();
        nodes[1] = null;
        assertThat(nodesOf(tableId)).allMatch(shard -> !shard.contains(id(1)) && shard.size() == 2);
        assertThat(load(tableId)).doesNotContainKey(id(1));
        ClusterTestSupport.await("more rows are acknowledged after the leave", DEADLINE, writer::lastOutcome,
                () -> writer.acknowledgedRows() >= leaving.acknowledgedAtStart + 5 * BATCH);
        leaving.stop();

        writer.stop();
        System.out.println("RebalanceClusterTest: " + writer.acknowledgedRows() + " rows acknowledged, "
                + writer.retried().size() + " insert attempts retried " + writer.retried().stream().limit(3).toList()
                + ", " + (during.checked + leaving.checked) + " queries checked while replicas moved");
        assertThat(writer.failures()).as("failed inserts").isEmpty();
        assertThat(failures).as("failed queries").isEmpty();
        assertThat(during.checked + leaving.checked).as("queries checked while replicas moved").isGreaterThan(5);
        long rows = writer.acknowledgedRows();
        for (int index : new int[] {0, 2}) {
            StarlingNode node = nodes[index];
            ClusterTestSupport.await("node " + (index + 1) + " answers every acknowledged row", DEADLINE,
                    () -> lastAnswer, () -> {
                        long[] answer = answer(node);
                        return answer != null && answer[0] == rows && answer[1] == sumOf(1, rows);
                    });
        }
    }

    /** Queries nodes in a loop: every answer is a success with at least the rows acknowledged before it started. */
    private final class QueryChecker {
        private final int[] indexes;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        final long acknowledgedAtStart = writer.acknowledgedRows();
        volatile int checked;

        QueryChecker(int[] indexes) {
            this.indexes = indexes;
            this.thread = new Thread(this::run, "rebalance-test-reader");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        private void run() {
            int turn = 0;
            while (running.get()) {
                StarlingNode node = nodes[indexes[turn++ % indexes.length]];
                if (node == null) {
                    continue;
                }
                long before = writer.acknowledgedRows();
                try (Api api = new Api(node.httpPort(), TOKEN)) {
                    HttpResponse<String> response = api.get("/v0/sql?q=" + Api.encode(
                            "SELECT count() AS c, sum(v) AS s FROM ev FORMAT JSON"));
                    if (response.statusCode() != 200) {
                        failures.add("query on node " + node.httpPort() + ": " + response.statusCode() + " "
                                + response.body());
                        continue;
                    }
                    long count = Api.json(response).get("data").get(0).get("c").asLong();
                    if (count < before) {
                        failures.add("query on node " + node.httpPort() + " saw " + count + " rows, but " + before
                                + " were acknowledged before it started");
                    }
                    checked++;
                } catch (RuntimeException e) {
                    failures.add("query: " + e);
                }
                try {
                    Thread.sleep(50);   // a query every 50 ms per checker
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private String id(int index) {
        return "127.0.0.1:" + ports[index];
    }

    /** Every shard's replica nodes (leaving ones included), from the shard logs. */
    private List<List<String>> nodesOf(String tableId) {
        List<List<String>> result = new ArrayList<>();
        for (ShardLogReply log : logs(tableId)) {
            result.add(log.getPlacementList().stream().map(ReplicaSlot::getNode).toList());
        }
        return result;
    }

    /** Replicas per node of the data source and its quarantine table. */
    private Map<String, Integer> load(String tableId) {
        Map<String, Integer> load = new HashMap<>();
        List<ShardLogReply> all = new ArrayList<>(logs(tableId));
        all.add(log(tableId + "_quarantine", 0));
        for (ShardLogReply log : all) {
            log.getPlacementList().forEach(slot -> load.merge(slot.getNode(), 1, Integer::sum));
        }
        lastAnswer = "replicas per node " + load;
        return load;
    }

    private boolean moving(String tableId) {
        return logs(tableId).stream().anyMatch(log -> log.getPlacementList().stream().anyMatch(ReplicaSlot::getLeaving));
    }

    private List<ShardLogReply> logs(String tableId) {
        List<ShardLogReply> result = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            result.add(log(tableId, shard));
        }
        return result;
    }

    private ShardLogReply log(String tableId, int shard) {
        ShardLogs logs = new ShardLogs(ClusterSharding.get(nodes[0].actorSystem()), Duration.ofSeconds(20));
        return logs.getLog(tableId, shard, Long.MAX_VALUE).toCompletableFuture().join();
    }

    /** How many of the table's shard directories exist on node {@code index}. */
    private int shardDirectories(int index, String tableId) {
        Path tables = root.resolve("node" + index).resolve("tables");
        int count = 0;
        for (int shard = 0; shard < 3; shard++) {
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

    private NodeConfig config(int index, ClusterConfig.Journal journal) {
        ClusterConfig cluster = ClusterConfig.server(List.of("127.0.0.1:" + ports[0]))
                .withJournal(journal).withSplitBrainStableAfterSeconds(5).withSyncIntervalMillis(300);
        return NodeConfig.defaults().withHttpPort(0).withDataDir(root.resolve("node" + index))
                .withWorkspaceToken(TOKEN).withRemotePort(ports[index]).withCluster(cluster);
    }
}
