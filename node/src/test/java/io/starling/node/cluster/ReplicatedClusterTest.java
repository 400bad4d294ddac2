package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.IntegerType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server nodes (three ActorSystems in this JVM, Artery TCP on free ports) sharing a PostgreSQL journal
 * ({@code bin/pg-local}, or {@code STARLING_PG_URL}; a shared H2 file when PostgreSQL cannot start), one data
 * source with R=3 and insert_quorum=2 (the default majority). Waits on conditions with deadlines, never sleeps.
 */
class ReplicatedClusterTest {
    private static final String TOKEN = "p.cluster-test-token";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private final StarlingNode[] nodes = new StarlingNode[3];
    private final int[] ports = new int[3];

    @AfterEach
    void stopAll() {
        for (StarlingNode node : nodes) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void replicatedInsertsSurviveANodeAndAReturningNodeCatchesUp() throws Exception {
        ClusterConfig.Journal journal = ClusterTestSupport.journal(root);
        for (int i = 0; i < 3; i++) {
            ports[i] = ClusterTestSupport.freePort();
        }
        for (int i = 0; i < 3; i++) {
            nodes[i] = StarlingNode.start(config(i, journal));
        }
        ClusterTestSupport.await("3 data nodes are Up", DEADLINE, () -> lastAnswer,
                () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 3);

        Api first = new Api(nodes[0].httpPort(), TOKEN);
        HttpResponse<String> created = first.post("/v0/datasources?name=ev&schema="
                + Api.encode("id Int64 `json:$.id`, v Int64 `json:$.v`"), "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String tableId = Api.json(created).path("datasource").path("id").asText(Api.json(created).path("id").asText());
        assertThat(tableId).startsWith("t_");

        // Acknowledged inserts through two different nodes.
        appendEvents(nodes[0], 1, 100);
        ClusterTestSupport.await("node 2 knows the data source", DEADLINE, () -> lastAnswer,
                () -> answers(nodes[1]) != null);
        appendEvents(nodes[1], 101, 200);
        long expectedCount = 200;
        long expectedSum = sumOf(1, 200);
        assertEveryNodeAnswers(expectedCount, expectedSum, 0, 1, 2);

        // The same insert token twice (and once more through another node) is applied once.
        TableSpec spec = TableSpec.newBuilder().setTableId(tableId).setEngine("MergeTree")
                .addColumns(TableColumn.newBuilder().setName("id").setType("Int64"))
                .addColumns(TableColumn.newBuilder().setName("v").setType("Int64")).build();
        Block retried = block(1_001, 1_010);
        ReplicatedTables viaFirst = tables(nodes[0]);
        viaFirst.insert(spec, retried, "tok-1").toCompletableFuture().get(30, TimeUnit.SECONDS);
        viaFirst.insert(spec, retried, "tok-1").toCompletableFuture().get(30, TimeUnit.SECONDS);
        tables(nodes[1]).insert(spec, retried, "tok-1").toCompletableFuture().get(30, TimeUnit.SECONDS);
        expectedCount += 10;
        expectedSum += sumOf(1_001, 1_010);
        assertEveryNodeAnswers(expectedCount, expectedSum, 0, 1, 2);

        // Stop one replica's node: acknowledged rows stay readable, and inserts still reach the quorum.
        nodes[2].stop();
        nodes[2] = null;
        ClusterTestSupport.await("node 3 left", DEADLINE, () -> lastAnswer,
                () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 2);
        assertEveryNodeAnswers(expectedCount, expectedSum, 0, 1);
        appendEvents(nodes[0], 2_001, 2_050);
        expectedCount += 50;
        expectedSum += sumOf(2_001, 2_050);
        assertEveryNodeAnswers(expectedCount, expectedSum, 0, 1);

        // The node returns on its address and data directory and catches up from the log.
        nodes[2] = StarlingNode.start(config(2, journal));
        assertEveryNodeAnswers(expectedCount, expectedSum, 0, 1, 2);
        // Queries are answered by in-sync replicas (possibly others); the returning replica catches up on its own.
        long rows = expectedCount;
        ClusterTestSupport.await("node 3 holds every row on disk again", DEADLINE, () -> lastAnswer,
                () -> nodes[2].openTables() > 0
                && Files.isDirectory(root.resolve("node2").resolve("tables").resolve(tableId))
                && ClusterTestSupport.activeRowsOnDisk(root.resolve("node2").resolve("tables").resolve(tableId)) == rows);
    }

    private NodeConfig config(int index, ClusterConfig.Journal journal) {
        ClusterConfig cluster = ClusterConfig.server(List.of("127.0.0.1:" + ports[0]))
                .withJournal(journal).withSplitBrainStableAfterSeconds(5).withSyncIntervalMillis(300);
        return NodeConfig.defaults().withHttpPort(0).withDataDir(root.resolve("node" + index))
                .withWorkspaceToken(TOKEN).withRemotePort(ports[index]).withCluster(cluster);
    }

    private static ReplicatedTables tables(StarlingNode node) {
        var system = node.actorSystem();
        ShardLogs logs = new ShardLogs(ClusterSharding.get(system), Duration.ofSeconds(20));
        return new ReplicatedTables(system, logs, new ClusterMembers(Cluster.get(system)), Duration.ofSeconds(20));
    }

    private static void appendEvents(StarlingNode node, long from, long to) {
        StringBuilder body = new StringBuilder();
        for (long id = from; id <= to; id++) {
            body.append("{\"id\":").append(id).append(",\"v\":").append(id).append("}\n");
        }
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            HttpResponse<String> response = api.post("/v0/events?name=ev&wait=true", body.toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    private static Block block(long from, long to) {
        int rows = (int) (to - from + 1);
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = from + i;
        }
        return new Block(List.of(new LongColumn(IntegerType.INT64, values), new LongColumn(IntegerType.INT64,
                values.clone())), rows);
    }

    private static long sumOf(long from, long to) {
        return (from + to) * (to - from + 1) / 2;
    }

    /** count() and sum(v) on a node, or null while it cannot answer yet. */
    private static long[] answers(StarlingNode node) {
        return ClusterTestSupport.countAndSum(node, TOKEN, answer -> lastAnswer = answer);
    }

    private static volatile String lastAnswer = "";

    private void assertEveryNodeAnswers(long count, long sum, int... indexes) {
        for (int index : indexes) {
            StarlingNode node = nodes[index];
            ClusterTestSupport.await("node " + (index + 1) + " answers count " + count + " and sum " + sum, DEADLINE,
                    () -> lastAnswer, () -> {
                        long[] answer = answers(node);
                        return answer != null && answer[0] == count && answer[1] == sum;
                    });
        }
    }

    @SuppressWarnings("unused")
    private static List<String> names(List<StarlingNode> running) {
        List<String> names = new ArrayList<>();
        running.forEach(node -> names.add(String.valueOf(node.httpPort())));
        return names;
    }
}
