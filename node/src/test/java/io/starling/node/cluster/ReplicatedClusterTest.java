package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.IntegerType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
        ClusterConfig.Journal journal = journal();
        for (int i = 0; i < 3; i++) {
            ports[i] = freePort();
        }
        for (int i = 0; i < 3; i++) {
            nodes[i] = StarlingNode.start(config(i, journal));
        }
        await("3 data nodes are Up", () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 3);

        Api first = new Api(nodes[0].httpPort(), TOKEN);
        HttpResponse<String> created = first.post("/v0/datasources?name=ev&schema="
                + Api.encode("id Int64 `json:$.id`, v Int64 `json:$.v`"), "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String tableId = Api.json(created).path("datasource").path("id").asText(Api.json(created).path("id").asText());
        assertThat(tableId).startsWith("t_");

        // Acknowledged inserts through two different nodes.
        appendEvents(nodes[0], 1, 100);
        await("node 2 knows the data source", () -> answers(nodes[1]) != null);
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
        await("node 3 left", () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 2);
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
        await("node 3 holds every row on disk again", () -> nodes[2].openTables() > 0
                && Files.isDirectory(root.resolve("node2").resolve("tables").resolve(tableId))
                && rowsOnDisk(root.resolve("node2"), tableId) == rows);
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
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            HttpResponse<String> response = api.get("/v0/sql?q=" + Api.encode(
                    "SELECT count() AS c, sum(v) AS s FROM ev FORMAT JSON"));
            lastAnswer = response.statusCode() + " " + response.body();
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode row = Api.json(response).get("data").get(0);
            return new long[] {row.get("c").asLong(), row.get("s").asLong()};
        } catch (RuntimeException e) {
            lastAnswer = e.toString();
            return null;
        }
    }

    private static volatile String lastAnswer = "";

    private void assertEveryNodeAnswers(long count, long sum, int... indexes) {
        for (int index : indexes) {
            StarlingNode node = nodes[index];
            await("node " + (index + 1) + " answers count " + count + " and sum " + sum, () -> {
                long[] answer = answers(node);
                return answer != null && answer[0] == count && answer[1] == sum;
            });
        }
    }

    private static long rowsOnDisk(Path dataDir, String tableId) {
        Path table = dataDir.resolve("tables").resolve(tableId);
        try (var parts = Files.list(table)) {
            long rows = 0;
            for (Path part : parts.filter(p -> Files.exists(p.resolve("count.txt"))).toList()) {
                rows += Long.parseLong(Files.readString(part.resolve("count.txt")).trim());
            }
            return rows;
        } catch (java.nio.file.NoSuchFileException e) {
            return -1; // a merge retired the part between listing and reading: the caller's await looks again
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + DEADLINE.toSeconds() + " s waiting until " + what
                        + "; last answer: " + lastAnswer);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(50);   // polling interval of a deadline-bounded wait, not a fixed delay
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A fresh database on PostgreSQL (bin/pg-local or STARLING_PG_URL), else a shared H2 file. */
    private ClusterConfig.Journal journal() throws Exception {
        String url = System.getenv("STARLING_PG_URL");
        String reason = null;
        if (url == null) {
            try {
                Process process = new ProcessBuilder(Path.of("..", "bin", "pg-local").toString(), "start")
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0 && output.startsWith("jdbc:")) {
                    url = output.lines().reduce((a, b) -> b).orElse(output);
                } else {
                    reason = "bin/pg-local start failed";
                }
            } catch (IOException e) {
                reason = e.toString();
            }
        }
        if (url != null) {
            int query = url.indexOf('?');
            String base = url.substring(0, url.lastIndexOf('/', query < 0 ? url.length() : query));
            String params = query < 0 ? "" : url.substring(query);
            String database = "starling_mt_" + Long.toHexString(System.nanoTime());
            try (Connection connection = DriverManager.getConnection(base + "/postgres" + params);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
                System.out.println("ReplicatedClusterTest journal: PostgreSQL database " + database);
                return ClusterConfig.Journal.postgres(base + "/" + database + params, "postgres", "");
            } catch (java.sql.SQLException e) {
                reason = "PostgreSQL at [" + base + "] refused: " + e.getMessage();
            }
        }
        System.out.println("ReplicatedClusterTest journal: PostgreSQL unavailable (" + reason
                + "); using a shared H2 file");
        Path file = root.resolve("journal").resolve("journal");
        Files.createDirectories(file.getParent());
        return ClusterConfig.Journal.h2("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=TRUE");
    }

    @SuppressWarnings("unused")
    private static List<String> names(List<StarlingNode> running) {
        List<String> names = new ArrayList<>();
        running.forEach(node -> names.add(String.valueOf(node.httpPort())));
        return names;
    }
}
