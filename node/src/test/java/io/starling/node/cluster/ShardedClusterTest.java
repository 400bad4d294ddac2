package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.IntegerType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server nodes (three ActorSystems in this JVM) and a data source of S=2 shards with R=2 replicas, sharded by
 * {@code id}: every node answers count, sum, GROUP BY, ORDER BY ... LIMIT and a JOIN with a small table exactly as
 * the rows say (which is what one node holding every row answers); a retried insert is applied once across the
 * shards; after a node stops, a query succeeds from the other replicas or fails with a retryable 503, and soon
 * succeeds. Journal: PostgreSQL ({@code STARLING_PG_URL} or {@code bin/pg-local}), else a shared H2 file.
 */
class ShardedClusterTest {
    private static final String TOKEN = "p.sharded-test-token";
    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final int ROWS = 600;

    @TempDir
    Path root;

    private final StarlingNode[] nodes = new StarlingNode[3];
    private final int[] ports = new int[3];
    private String lastAnswer = "";

    @AfterEach
    void stopAll() {
        for (StarlingNode node : nodes) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void everyNodeAnswersTheSameAcrossShardsAndANodeLossIsRetryable() throws Exception {
        startThreeNodes();

        Api first = new Api(nodes[0].httpPort(), TOKEN);
        HttpResponse<String> created = first.post("/v0/datasources?name=ev&schema="
                + Api.encode("id Int64 `json:$.id`, k String `json:$.k`, v Int64 `json:$.v`")
                + "&engine_sorting_key=id&engine_settings="
                + Api.encode("starling_shards=2, starling_replicas=2, starling_sharding_key=id"), "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String tableId = Api.json(created).path("datasource").path("id").asText(Api.json(created).path("id").asText());
        HttpResponse<String> small = first.post("/v0/datasources?name=small&schema="
                + Api.encode("k String `json:$.k`, label String `json:$.label`"), "");
        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);

        appendEvents(nodes[0], 1, ROWS / 2);
        ClusterTestSupport.await("node 2 knows the data source", DEADLINE, () -> lastAnswer,
                () -> answer(nodes[1], "SELECT count() AS c FROM ev") != null);
        appendEvents(nodes[1], ROWS / 2 + 1, ROWS);
        String smallRows = "{\"k\":\"k0\",\"label\":\"zero\"}\n{\"k\":\"k1\",\"label\":\"one\"}\n"
                + "{\"k\":\"k2\",\"label\":\"two\"}\n";
        post(nodes[2], "/v0/events?name=small&wait=true", smallRows);
        // A truncate forgets the inserts it dropped (in the shard logs and the node's Events API): the same bytes
        // sent again are written, not answered as a retry of rows nobody holds any more.
        post(nodes[0], "/v0/datasources/small/truncate", "");
        assertThat(answer(nodes[1], "SELECT count() AS c FROM small")).isEqualTo("[{\"c\":0}]");
        post(nodes[2], "/v0/events?name=small&wait=true", smallRows);
        post(nodes[1], "/v0/events?name=small&wait=true", smallRows);   // a retry through another node: once
        for (StarlingNode node : nodes) {
            assertThat(answer(node, "SELECT count() AS c FROM small")).isEqualTo("[{\"c\":3}]");
        }

        // Placement: each shard on two distinct nodes, the four replicas over all three nodes.
        TableSpec spec = spec(tableId);
        List<List<ReplicaSlot>> placement = tables(nodes[0]).placement(spec).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(placement).hasSize(2);
        Set<String> used = new HashSet<>();
        for (List<ReplicaSlot> shard : placement) {
            assertThat(shard.stream().map(ReplicaSlot::getNode).distinct().count()).isEqualTo(2);
            shard.forEach(slot -> used.add(slot.getNode()));
        }
        assertThat(used).hasSize(3);

        Map<String, String> expected = expectedAnswers(ROWS, 0);
        assertEveryNodeAnswers(expected, 0, 1, 2);
        printLatencies(nodes[0], expected.keySet());

        // The same insert token three times (through two nodes): its rows land on both shards, once.
        Block retried = block(1_001, 1_010);
        tables(nodes[0]).insert(spec, retried, "tok-1").toCompletableFuture().get(30, TimeUnit.SECONDS);
        tables(nodes[0]).insert(spec, retried, "tok-1").toCompletableFuture().get(30, TimeUnit.SECONDS);
        tables(nodes[1]).insert(spec, retried, "tok-1").toCompletableFuture().get(30, TimeUnit.SECONDS);
        expected = expectedAnswers(ROWS, 10);
        assertEveryNodeAnswers(expected, 0, 1, 2);

        // Blocks bigger than one Artery frame (256 KiB) reach a writer on another node in staged pieces: with one
        // replica per shard spread over the nodes, some shard's writer is not node 1.
        HttpResponse<String> wide = first.post("/v0/datasources?name=wide&schema="
                + Api.encode("id Int64 `json:$.id`, s String `json:$.s`") + "&engine_sorting_key=id&engine_settings="
                + Api.encode("starling_shards=2, starling_replicas=1, starling_sharding_key=id"), "");
        assertThat(wide.statusCode()).as(wide.body()).isEqualTo(200);
        java.util.Random random = new java.util.Random(7);
        StringBuilder lines = new StringBuilder();
        long totalLength = 0;
        for (int i = 0; i < 400; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < 3_000; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            lines.append("{\"id\":").append(i).append(",\"s\":\"").append(text).append("\"}\n");
            totalLength += text.length();
        }
        post(nodes[0], "/v0/events?name=wide&wait=true", lines.toString());
        String wideQuery = "SELECT count() AS c, sum(length(s)) AS l FROM wide";
        String wideLength = Long.toString(totalLength);
        for (StarlingNode node : nodes) {
            ClusterTestSupport.await("every node counts the wide rows", DEADLINE, () -> lastAnswer,
                    () -> {
                        String answer = answer(node, wideQuery);
                        return answer != null && answer.contains("400") && answer.contains(wideLength);
                    });
        }

        // A node stops: queries through the others succeed (each shard keeps a replica) or fail retryably.
        nodes[2].stop();
        nodes[2] = null;
        List<Integer> statuses = new ArrayList<>();
        Map<String, String> afterLoss = expected;
        for (int index : new int[] {0, 1}) {
            StarlingNode node = nodes[index];
            ClusterTestSupport.await("node " + (index + 1) + " answers after the loss", DEADLINE, () -> lastAnswer,
                    () -> {
                        for (Map.Entry<String, String> query : afterLoss.entrySet()) {
                            HttpResponse<String> response = query(node, query.getKey());
                            statuses.add(response.statusCode());
                            if (response.statusCode() != 200) {
                                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                                assertThat(response.body()).containsAnyOf("ALL_REPLICAS_ARE_STALE",
                                        "ALL_CONNECTION_TRIES_FAILED", "TOO_FEW_LIVE_REPLICAS");
                                return false;
                            }
                            if (!data(response).equals(query.getValue())) {
                                lastAnswer = query.getKey() + " -> " + data(response);
                                return false;
                            }
                        }
                        return true;
                    });
        }
        assertThat(statuses).isNotEmpty().allMatch(status -> status == 200 || status == 503);
    }

    /**
     * Read-your-writes across nodes: with insert_quorum=1 an insert is acknowledged once its writer holds it, so the
     * other replica may lack it when the next query starts; a query through another node right after the
     * acknowledgement (no waiting) still counts it, whichever replica the node asked first. Also checks the shapes
     * that now run on the shards (a FROM subquery under an aggregation, DISTINCT) against the rows.
     */
    @Test
    void aQueryRightAfterAnInsertAcknowledgedThroughAnotherNodeSeesIt() throws Exception {
        startThreeNodes();
        HttpResponse<String> created = new Api(nodes[0].httpPort(), TOKEN).post("/v0/datasources?name=ev&schema="
                + Api.encode("id Int64 `json:$.id`, k String `json:$.k`, v Int64 `json:$.v`")
                + "&engine_sorting_key=id&engine_settings=" + Api.encode(
                "starling_shards=2, starling_replicas=2, starling_sharding_key=id, insert_quorum=1"), "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        appendEvents(nodes[0], 1, 40);
        for (int index = 0; index < 3; index++) {
            int node = index;
            ClusterTestSupport.await("node " + (node + 1) + " counts the first rows", DEADLINE, () -> lastAnswer,
                    () -> "[{\"c\":40}]".equals(answer(nodes[node], "SELECT count() AS c FROM ev")));
        }
        long rows = 40;
        for (int round = 0; round < 24; round++) {
            appendEvents(nodes[round % 3], rows + 1, rows + 10);
            rows += 10;
            StarlingNode reader = nodes[(round + 1) % 3];
            assertThat(answer(reader, "SELECT count() AS c FROM ev")).as("round " + round + ": " + lastAnswer)
                    .isEqualTo("[{\"c\":" + rows + "}]");
            assertThat(answer(reader, "SELECT count() AS c FROM (SELECT id FROM ev WHERE v >= 0)"))
                    .as("round " + round + ": " + lastAnswer).isEqualTo("[{\"c\":" + rows + "}]");
        }
        long[] byResidue = new long[3];
        for (long id = 1; id <= rows; id++) {
            if (id % 4 == 1) {
                byResidue[(int) ((id % 10) % 3)]++;
            }
        }
        String grouped = "[{\"x\":0,\"c\":" + byResidue[0] + "},{\"x\":1,\"c\":" + byResidue[1]
                + "},{\"x\":2,\"c\":" + byResidue[2] + "}]";
        for (StarlingNode node : nodes) {
            assertThat(answer(node, "SELECT x, count() AS c FROM (SELECT v % 3 AS x FROM ev WHERE k = 'k1')"
                    + " GROUP BY x ORDER BY x")).as(lastAnswer).isEqualTo(grouped);
            assertThat(answer(node, "SELECT DISTINCT k FROM ev WHERE v > 5 ORDER BY k")).as(lastAnswer)
                    .isEqualTo("[{\"k\":\"k0\"},{\"k\":\"k1\"},{\"k\":\"k2\"},{\"k\":\"k3\"}]");
        }

        // Altering the data source (a column added at the end) reaches every replica: rows with the new column are
        // written through any node and every node reads it, the rows before the alter with its type's default.
        try (Api api = new Api(nodes[1].httpPort(), TOKEN)) {
            HttpResponse<String> altered = api.post("/v0/datasources/ev/alter?schema=" + Api.encode(
                    "id Int64 `json:$.id`, k String `json:$.k`, v Int64 `json:$.v`, w Int64 `json:$.w`"), "");
            assertThat(altered.statusCode()).as(altered.body()).isEqualTo(200);
        }
        long before = rows;
        for (int round = 0; round < 3; round++) {
            StringBuilder body = new StringBuilder();
            for (long id = rows + 1; id <= rows + 10; id++) {
                body.append("{\"id\":").append(id).append(",\"k\":\"k").append(id % 4).append("\",\"v\":")
                        .append(id % 10).append(",\"w\":100}\n");
            }
            int writer = round;
            ClusterTestSupport.await("node " + (writer + 1) + " takes rows with the new column", DEADLINE,
                    () -> lastAnswer, () -> {
                        try (Api api = new Api(nodes[writer].httpPort(), TOKEN)) {
                            HttpResponse<String> response = api.post("/v0/events?name=ev&wait=true", body.toString());
                            lastAnswer = response.statusCode() + " " + response.body();
                            return response.statusCode() == 200 && response.body().contains("\"successful_rows\":10");
                        }
                    });
            rows += 10;
        }
        String withColumn = "[{\"c\":" + rows + ",\"t\":" + (rows - before) * 100 + ",\"z\":" + before + "}]";
        for (int index = 0; index < 3; index++) {
            StarlingNode node = nodes[index];
            ClusterTestSupport.await("node " + (index + 1) + " reads the added column", DEADLINE, () -> lastAnswer,
                    () -> withColumn.equals(answer(node,
                            "SELECT count() AS c, sum(w) AS t, countIf(w = 0) AS z FROM ev")));
        }

        // A TTL set by an alteration expires rows on every replica: the leader deletes them through the shard logs
        // (TtlSweeper, here every second), so every node counts the unexpired rows only.
        try (Api api = new Api(nodes[0].httpPort(), TOKEN)) {
            HttpResponse<String> expiring = api.post("/v0/datasources?name=expiring&schema="
                    + Api.encode("id Int64 `json:$.id`, ts DateTime `json:$.ts`") + "&engine_sorting_key=id"
                    + "&engine_settings=" + Api.encode("starling_shards=2, starling_replicas=2, "
                    + "starling_sharding_key=id, merge_with_ttl_timeout=1"), "");
            assertThat(expiring.statusCode()).as(expiring.body()).isEqualTo(200);
            StringBuilder body = new StringBuilder();
            for (int id = 1; id <= 15; id++) {
                body.append("{\"id\":").append(id).append(",\"ts\":\"")
                        .append(id <= 10 ? "2020-01-01 00:00:00" : "2099-01-01 00:00:00").append("\"}\n");
            }
            post(nodes[0], "/v0/events?name=expiring&wait=true", body.toString());
            for (StarlingNode node : nodes) {
                ClusterTestSupport.await("every node counts every row before the TTL", DEADLINE, () -> lastAnswer,
                        () -> "[{\"c\":15}]".equals(answer(node, "SELECT count() AS c FROM expiring")));
            }
            HttpResponse<String> ttl = api.post("/v0/datasources/expiring/alter?ttl="
                    + Api.encode("ts + INTERVAL 1 DAY"), "");
            assertThat(ttl.statusCode()).as(ttl.body()).isEqualTo(200);
        }
        for (int index = 0; index < 3; index++) {
            StarlingNode node = nodes[index];
            ClusterTestSupport.await("node " + (index + 1) + " counts the unexpired rows only", DEADLINE,
                    () -> lastAnswer, () -> "[{\"c\":5,\"m\":11}]".equals(
                            answer(node, "SELECT count() AS c, min(id) AS m FROM expiring")));
        }
    }

    /** Median wall time of each query over HTTP on one node (printed for the record, never asserted). */
    private void printLatencies(StarlingNode node, Iterable<String> queries) {
        for (String sql : queries) {
            long[] micros = new long[21];
            for (int i = 0; i < micros.length; i++) {
                long start = System.nanoTime();
                query(node, sql);
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
            java.util.Arrays.sort(micros);
            System.out.println("ShardedClusterTest latency: median " + micros[micros.length / 2] / 1000.0 + " ms, "
                    + "max " + micros[micros.length - 1] / 1000.0 + " ms: " + sql);
        }
    }

    /** Query -> the JSON {@code data} array every node must answer, computed from the rows in Java. */
    private static Map<String, String> expectedAnswers(int rows, int extra) {
        List<long[]> all = new ArrayList<>();
        for (long id = 1; id <= rows; id++) {
            all.add(new long[] {id, id % 4, id % 10});
        }
        for (long id = 1_001; id < 1_001 + extra; id++) {
            all.add(new long[] {id, id % 4, id % 10});
        }
        long sum = all.stream().mapToLong(row -> row[2]).sum();
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("SELECT count() AS c, sum(v) AS s FROM ev",
                "[{\"c\":" + all.size() + ",\"s\":" + sum + "}]");
        TreeMap<Long, long[]> groups = new TreeMap<>();
        for (long[] row : all) {
            long[] group = groups.computeIfAbsent(row[1], key -> new long[2]);
            group[0]++;
            group[1] += row[2];
        }
        StringBuilder grouped = new StringBuilder("[");
        StringBuilder joined = new StringBuilder("[");
        Map<Long, String> labels = Map.of(0L, "zero", 1L, "one", 2L, "two");
        TreeMap<String, Long> byLabel = new TreeMap<>();
        groups.forEach((key, group) -> {
            grouped.append(grouped.length() > 1 ? "," : "").append("{\"k\":\"k").append(key).append("\",\"c\":")
                    .append(group[0]).append(",\"s\":").append(group[1]).append('}');
            if (labels.containsKey(key)) {
                byLabel.put(labels.get(key), group[0]);
            }
        });
        byLabel.forEach((label, count) -> joined.append(joined.length() > 1 ? "," : "").append("{\"label\":\"")
                .append(label).append("\",\"c\":").append(count).append('}'));
        answers.put("SELECT k, count() AS c, sum(v) AS s FROM ev GROUP BY k ORDER BY k", grouped.append(']').toString());
        List<Long> nines = all.stream().filter(row -> row[2] == 9).map(row -> row[0])
                .sorted((a, b) -> Long.compare(b, a)).limit(3).toList();
        StringBuilder top = new StringBuilder("[");
        nines.forEach(id -> top.append(top.length() > 1 ? "," : "").append("{\"id\":").append(id)
                .append(",\"v\":9}"));
        answers.put("SELECT id, v FROM ev WHERE v = 9 ORDER BY id DESC LIMIT 3", top.append(']').toString());
        answers.put("SELECT s.label AS label, count() AS c FROM ev JOIN small AS s ON ev.k = s.k GROUP BY label"
                + " ORDER BY label", joined.append(']').toString());
        return answers;
    }

    private void assertEveryNodeAnswers(Map<String, String> expected, int... indexes) {
        for (int index : indexes) {
            StarlingNode node = nodes[index];
            for (Map.Entry<String, String> query : expected.entrySet()) {
                ClusterTestSupport.await("node " + (index + 1) + " answers " + query.getKey() + " with "
                        + query.getValue(), DEADLINE, () -> lastAnswer, () -> query.getValue()
                        .equals(answer(node, query.getKey())));
            }
        }
    }

    /** The JSON data array of the query on the node, or null while it cannot answer. */
    private String answer(StarlingNode node, String sql) {
        HttpResponse<String> response = query(node, sql);
        if (response.statusCode() != 200) {
            return null;
        }
        return data(response);
    }

    private HttpResponse<String> query(StarlingNode node, String sql) {
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            HttpResponse<String> response = api.get("/v0/sql?q=" + Api.encode(sql + " FORMAT JSON"));
            lastAnswer = response.statusCode() + " " + response.body();
            return response;
        }
    }

    private static String data(HttpResponse<String> response) {
        JsonNode data = Api.json(response).get("data");
        return data == null ? "" : data.toString();
    }

    private static void appendEvents(StarlingNode node, long from, long to) {
        StringBuilder body = new StringBuilder();
        for (long id = from; id <= to; id++) {
            body.append("{\"id\":").append(id).append(",\"k\":\"k").append(id % 4).append("\",\"v\":")
                    .append(id % 10).append("}\n");
        }
        post(node, "/v0/events?name=ev&wait=true", body.toString());
    }

    private static void post(StarlingNode node, String path, String body) {
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            HttpResponse<String> response = api.post(path, body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    private static Block block(long from, long to) {
        int rows = (int) (to - from + 1);
        long[] ids = new long[rows];
        long[] values = new long[rows];
        String[] keys = new String[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = from + i;
            keys[i] = "k" + (ids[i] % 4);
            values[i] = ids[i] % 10;
        }
        return new Block(List.of(new LongColumn(IntegerType.INT64, ids), StringColumn.of(keys),
                new LongColumn(IntegerType.INT64, values)), rows);
    }

    private static TableSpec spec(String tableId) {
        return TableSpec.newBuilder().setTableId(tableId).setEngine("MergeTree").addSortingKey("id")
                .addColumns(TableColumn.newBuilder().setName("id").setType("Int64"))
                .addColumns(TableColumn.newBuilder().setName("k").setType("String"))
                .addColumns(TableColumn.newBuilder().setName("v").setType("Int64"))
                .putSettings(ReplicatedTables.SHARDS_SETTING, "2").putSettings(ReplicatedTables.REPLICAS_SETTING, "2")
                .putSettings(ShardRouter.SHARDING_KEY_SETTING, "id").build();
    }

    /** Starts three server nodes on free ports with a fresh journal and waits until each sees all three Up. */
    private void startThreeNodes() throws Exception {
        ClusterConfig.Journal journal = ClusterTestSupport.journal(root);
        for (int i = 0; i < 3; i++) {
            ports[i] = ClusterTestSupport.freePort();
        }
        for (int i = 0; i < 3; i++) {
            nodes[i] = StarlingNode.start(config(i, journal));
        }
        ClusterTestSupport.await("3 data nodes are Up", DEADLINE, () -> lastAnswer,
                () -> java.util.Arrays.stream(nodes).allMatch(node ->
                        new ClusterMembers(Cluster.get(node.actorSystem())).upDataNodes().size() == 3));
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
}
