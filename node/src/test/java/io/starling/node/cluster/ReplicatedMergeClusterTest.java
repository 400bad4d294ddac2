package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import io.starling.storage.part.PartName;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merges, deletes, replaces and truncates of a replicated table (R=3) go through its shard log: every replica ends
 * with the same parts, byte for byte, and a replica that was down while they happened converges when it returns.
 * Three server nodes in this JVM on one journal (PostgreSQL when available, else a shared H2 file).
 */
class ReplicatedMergeClusterTest {
    private static final String TOKEN = "p.merge-test-token";
    private static final Duration DEADLINE = Duration.ofSeconds(45);

    @TempDir
    Path root;

    private final StarlingNode[] nodes = new StarlingNode[3];
    private final int[] ports = new int[3];
    private String tableId;
    private volatile String lastAnswer = "";

    @AfterEach
    void stopAll() {
        for (StarlingNode node : nodes) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void mergesAndMutationsReachEveryReplicaAndAReturningReplicaConverges() throws Exception {
        ClusterConfig.Journal journal = ClusterTestSupport.journal(root);
        for (int i = 0; i < 3; i++) {
            ports[i] = ClusterTestSupport.freePort();
        }
        for (int i = 0; i < 3; i++) {
            nodes[i] = StarlingNode.start(config(i, journal));
        }
        await("3 data nodes are Up", () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 3);
        try (Api api = new Api(nodes[0].httpPort(), TOKEN)) {
            HttpResponse<String> created = api.post("/v0/datasources?name=ev&schema="
                    + Api.encode("id Int64 `json:$.id`, v Int64 `json:$.v`"), "");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            tableId = Api.json(created).path("datasource").path("id").asText(Api.json(created).path("id").asText());
        }

        // Twelve inserts, one part each: the merge leader merges them and every replica applies the merges.
        for (int batch = 0; batch < 12; batch++) {
            appendEvents(nodes[0], batch * 10L + 1, batch * 10L + 10);
        }
        assertEveryNodeAnswers(120, sumOf(1, 120), 0, 1, 2);
        await("the replicas merged to the same parts", () -> {
            Map<String, String> first = partsOnDisk(0);
            return first.size() < 12 && first.keySet().stream().anyMatch(part -> !part.endsWith("_0"))
                    && first.equals(partsOnDisk(1)) && first.equals(partsOnDisk(2));
        });

        // delete_condition through node 2, replace_condition through node 3: every replica applies both.
        try (Api api = new Api(nodes[1].httpPort(), TOKEN)) {
            HttpResponse<String> started = api.postForm("/v0/datasources/ev/delete",
                    "delete_condition=" + Api.encode("id <= 20"));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            JsonNode job = awaitJob(api, Api.json(started).get("job_id").asText());
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        }
        assertEveryNodeAnswers(100, sumOf(21, 120), 0, 1, 2);
        try (Api api = new Api(nodes[2].httpPort(), TOKEN)) {
            HttpResponse<String> replaced = api.post("/v0/datasources?mode=replace&format=ndjson&name=ev&replace_condition="
                    + Api.encode("id > 100"), "{\"id\":1000,\"v\":1000}\n{\"id\":5,\"v\":5}\n");
            assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        }
        long count = 80 + 1;
        long sum = sumOf(21, 100) + 1000;
        assertEveryNodeAnswers(count, sum, 0, 1, 2);
        await("the replicas hold the same parts after the mutations", () -> {
            Map<String, String> first = partsOnDisk(0);
            return first.equals(partsOnDisk(1)) && first.equals(partsOnDisk(2));
        });

        // Node 3 is down while inserts, merges and a delete happen; it returns and converges from the log.
        nodes[2].stop();
        nodes[2] = null;
        await("node 3 left", () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 2);
        for (int batch = 0; batch < 6; batch++) {
            appendEvents(nodes[0], 2_000 + batch * 10L + 1, 2_000 + batch * 10L + 10);
        }
        count += 60;
        sum += sumOf(2_001, 2_060);
        try (Api api = new Api(nodes[0].httpPort(), TOKEN)) {
            JsonNode job = awaitJob(api, Api.json(api.postForm("/v0/datasources/ev/delete",
                    "delete_condition=" + Api.encode("id = 1000"))).get("job_id").asText());
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        }
        count -= 1;
        sum -= 1000;
        assertEveryNodeAnswers(count, sum, 0, 1);
        nodes[2] = StarlingNode.start(config(2, journal));
        long rows = count;
        await("node 3 holds the same parts as the others again", () -> {
            Map<String, String> first = partsOnDisk(0);
            return first.equals(partsOnDisk(2)) && rowsOnDisk(2) == rows;
        });
        assertEveryNodeAnswers(count, sum, 0, 1, 2);

        // Truncate through the log empties every replica.
        try (Api api = new Api(nodes[2].httpPort(), TOKEN)) {
            HttpResponse<String> truncated = api.post("/v0/datasources/ev/truncate", "");
            assertThat(truncated.statusCode()).as(truncated.body()).isEqualTo(200);
        }
        assertEveryNodeAnswers(0, 0, 0, 1, 2);
        await("every replica's disk is empty", () -> partsOnDisk(0).isEmpty() && partsOnDisk(1).isEmpty()
                && partsOnDisk(2).isEmpty());
    }

    private NodeConfig config(int index, ClusterConfig.Journal journal) {
        ClusterConfig cluster = ClusterConfig.server(List.of("127.0.0.1:" + ports[0]))
                .withJournal(journal).withSplitBrainStableAfterSeconds(5).withSyncIntervalMillis(300);
        return NodeConfig.defaults().withHttpPort(0).withDataDir(root.resolve("node" + index))
                .withWorkspaceToken(TOKEN).withRemotePort(ports[index]).withCluster(cluster);
    }

    /** Active parts on a node's disk ({@link ClusterTestSupport#activeParts}), with their checksums.txt. */
    private Map<String, String> partsOnDisk(int node) {
        Path table = root.resolve("node" + node).resolve("tables").resolve(tableId);
        Map<String, String> parts = new TreeMap<>();
        try {
            for (PartName name : ClusterTestSupport.activeParts(table)) {
                parts.put(name.toString(), Files.readString(table.resolve(name.toString()).resolve("checksums.txt")));
            }
        } catch (IOException e) {
            return Map.of("unreadable", e.toString());   // a part was retired while listing: try again
        }
        return parts;
    }

    private long rowsOnDisk(int node) {
        return ClusterTestSupport.activeRowsOnDisk(root.resolve("node" + node).resolve("tables").resolve(tableId));
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

    private static long sumOf(long from, long to) {
        return (from + to) * (to - from + 1) / 2;
    }

    private JsonNode awaitJob(Api api, String id) {
        JsonNode[] job = new JsonNode[1];
        await("job " + id + " ends", () -> {
            job[0] = Api.json(api.get("/v0/jobs/" + id));
            lastAnswer = job[0].toString();
            String status = job[0].path("status").asText();
            return status.equals("done") || status.equals("error");
        });
        return job[0];
    }

    private long[] answers(StarlingNode node) {
        return ClusterTestSupport.countAndSum(node, TOKEN, answer -> lastAnswer = answer);
    }

    private void assertEveryNodeAnswers(long count, long sum, int... indexes) {
        for (int index : indexes) {
            StarlingNode node = nodes[index];
            await("node " + (index + 1) + " answers count " + count + " and sum " + sum, () -> {
                long[] answer = answers(node);
                return answer != null && answer[0] == count && answer[1] == sum;
            });
        }
    }

    private void await(String what, java.util.function.BooleanSupplier condition) {
        ClusterTestSupport.await(what, DEADLINE, () -> lastAnswer, condition);
    }
}
