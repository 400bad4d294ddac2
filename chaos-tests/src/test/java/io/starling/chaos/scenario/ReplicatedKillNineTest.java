package io.starling.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.chaos.harness.ApiClient;
import io.starling.chaos.harness.ServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariants 1 and 2 on a cluster: three {@code starling server} JVMs on one PostgreSQL journal
 * ({@code STARLING_PG_URL}; skipped without it), a data source replicated on all three (R=3, quorum 2). Inserts
 * acknowledged through node A survive a SIGKILL of node B, which is restarted at once on the same address (default
 * Pekko settings: no shortened resolver timeout); inserts keep being acknowledged while B restarts, B catches up
 * from the shard log (its own disk holds every row), every node answers the same count and sum, and a retried
 * insert with the same idempotency key, sent to another node, is applied once.
 */
class ReplicatedKillNineTest {
    private static final String TOKEN = "chaos-cluster-token";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)   // the servers' logs stay when it fails
    Path workDir;

    private final List<ServerProcess> running = new ArrayList<>();
    private final long started = System.nanoTime();
    private long killedAt;
    private String lastAnswer = "";

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ServerProcess server : running) {
            server.close();
        }
    }

    @Test
    void acknowledgedInsertsSurviveKillNineAndTheReturningNodeCatchesUp() throws Exception {
        String baseUrl = System.getenv("STARLING_PG_URL");
        Assumptions.assumeTrue(baseUrl != null && !baseUrl.isBlank(),
                "STARLING_PG_URL is not set (e.g. the output of bin/pg-local start); a cluster needs PostgreSQL");
        String journal = freshDatabase(baseUrl);
        int[] cluster = {freePort(), freePort(), freePort()};
        ServerProcess.Spec[] specs = new ServerProcess.Spec[3];
        for (int i = 0; i < 3; i++) {
            specs[i] = new ServerProcess.Spec(Files.createDirectories(workDir.resolve("node" + i)), freePort(),
                    cluster[i], freePort(), "127.0.0.1:" + cluster[0], journal, TOKEN,
                    List.of());
        }
        // All three at once: B and C retry joining A (the seed) until it is up.
        ServerProcess a = ServerProcess.launch(specs[0]);
        ServerProcess b = ServerProcess.launch(specs[1]);
        ServerProcess c = ServerProcess.launch(specs[2]);
        running.addAll(List.of(a, b, c));
        a.awaitReady();
        b.awaitReady();
        c.awaitReady();
        step("three servers answer");

        long count = 0;
        long sum = 0;
        String tableId;
        ServerProcess restarted;
        try (ApiClient viaA = new ApiClient(a.baseUrl(), TOKEN)) {
            await("the three nodes place a replicated data source", () -> {
                try {
                    HttpResponse<String> created = viaA.post("/v0/datasources?name=events&schema="
                            + ApiClient.encode("id Int64 `json:$.id`, v Int64 `json:$.v`") + "&engine_sorting_key=id"
                            + "&engine_settings=" + ApiClient.encode("starling_replicas=3"), "");
                    lastAnswer = created.statusCode() + " " + created.body();
                    return created.statusCode() == 200;
                } catch (IOException | InterruptedException e) {
                    lastAnswer = e.toString();
                    return false;
                }
            });
            tableId = idOf(lastAnswer);
            step("data source created");
            for (int batch = 0; batch < 5; batch++) {
                sum += append(viaA, batch * 100L, 100, "batch-" + batch);
                count += 100;
            }
            assertEveryNodeAnswers(List.of(a, b, c), count, sum);
            long before = count;
            await("node B holds its replica on disk", () -> rowsOnDisk(specs[1].dataDir(), tableId) == before);

            b.killNine();
            running.remove(b);
            killedAt = System.nanoTime();
            step("B killed");
            // B comes back at once on the same address and data directory, as a supervisor restarts a crashed
            // process: its new incarnation joins, which makes the cluster down and remove the old one at once, so
            // the shard logs B hosted move to other nodes within seconds (no waiting for the resolver).
            restarted = ServerProcess.launch(specs[1]);
            running.add(restarted);
            // Until then, entities B hosted (a shard log among them, maybe) do not answer: an append may wait or
            // fail, and the client retries it with the same idempotency key (applied once either way).
            for (int batch = 5; batch < 10; batch++) {
                sum += append(viaA, batch * 100L, 100, "batch-" + batch);
                count += 100;
            }
            step("500 more rows acknowledged while B restarts");
            // A retried insert: the same idempotency key and body through A, then again through C.
            sum += append(viaA, 10_000, 50, "retry-1");
            count += 50;
            try (ApiClient viaC = new ApiClient(c.baseUrl(), TOKEN)) {
                append(viaC, 10_000, 50, "retry-1");
            }
            append(viaA, 10_000, 50, "retry-1");
            assertEveryNodeAnswers(List.of(a, c), count, sum);
        }

        step("A and C agree");
        restarted.awaitReady();
        step("B restarted (" + (System.nanoTime() - killedAt) / 1_000_000 + " ms after the kill)");
        long rows = count;
        await("node B holds every row on its own disk again", () -> rowsOnDisk(specs[1].dataDir(), tableId) == rows);
        step("B caught up on disk");
        assertEveryNodeAnswers(List.of(a, restarted, c), count, sum);
        step("all three agree");
    }

    /** Progress with the seconds since the start, in the test's output (where a slow step shows). */
    private void step(String what) {
        System.out.printf("ReplicatedKillNineTest %6.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    /**
     * Appends {@code rows} events with ids from {@code first} through the Events API (wait=true), retrying a failed
     * or timed-out attempt with the same idempotency key until acknowledged; answers their sum.
     */
    private long append(ApiClient api, long first, int rows, String idempotencyKey) throws Exception {
        StringBuilder body = new StringBuilder();
        long sum = 0;
        for (long id = first; id < first + rows; id++) {
            body.append("{\"id\":").append(id).append(",\"v\":").append(id).append("}\n");
            sum += id;
        }
        String path = "/v0/events?name=events&wait=true&idempotency_key=" + idempotencyKey;
        await("append " + idempotencyKey + " is acknowledged", () -> {
            try {
                HttpResponse<String> response = api.post(path, body.toString());
                lastAnswer = response.statusCode() + " " + response.body();
                return response.statusCode() == 200;
            } catch (IOException e) {
                lastAnswer = e.toString();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while appending");
            }
        });
        return sum;
    }

    private void assertEveryNodeAnswers(List<ServerProcess> nodes, long count, long sum) {
        for (ServerProcess node : nodes) {
            await(node.baseUrl() + " answers count " + count + " and sum " + sum, () -> {
                try (ApiClient api = new ApiClient(node.baseUrl(), TOKEN)) {
                    lastAnswer = api.queryTsv("SELECT count(), sum(v) FROM events");
                    return lastAnswer.equals(count + "\t" + sum);
                } catch (IOException | InterruptedException | IllegalStateException e) {
                    lastAnswer = e.toString();
                    return false;
                }
            });
        }
    }

    /** Rows of the active parts in the node's directory of table {@code tableId} (parts covered by another left out). */
    private static long rowsOnDisk(Path dataDir, String tableId) {
        Path table = dataDir.resolve("tables").resolve(tableId);
        if (!Files.isDirectory(table)) {
            return -1;
        }
        Pattern partName = Pattern.compile("(.+)_(\\d+)_(\\d+)_(\\d+)");
        try (var entries = Files.list(table)) {
            List<long[]> ranges = new ArrayList<>();
            List<Path> parts = new ArrayList<>();
            for (Path entry : entries.toList()) {
                Matcher matcher = partName.matcher(entry.getFileName().toString());
                // tmp_*: writes in flight and retired parts waiting for deletion
                if (matcher.matches() && !entry.getFileName().toString().startsWith("tmp_")
                        && Files.exists(entry.resolve("count.txt"))) {
                    ranges.add(new long[] {Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)),
                            Long.parseLong(matcher.group(4))});
                    parts.add(entry);
                }
            }
            long rows = 0;
            for (int i = 0; i < parts.size(); i++) {
                long[] mine = ranges.get(i);
                boolean covered = false;
                for (long[] other : ranges) {
                    covered |= other != mine && other[0] <= mine[0] && other[1] >= mine[1] && other[2] > mine[2];
                }
                if (!covered) {
                    rows += Long.parseLong(Files.readString(parts.get(i).resolve("count.txt")).trim());
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            return -1;   // a part was retired while listing: ask again
        }
    }

    private static String idOf(String createdAnswer) {
        Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*\"(t_[^\"]+)\"").matcher(createdAnswer);
        assertThat(matcher.find()).as(createdAnswer).isTrue();
        return matcher.group(1);
    }

    private void await(String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Timed out after " + DEADLINE.toSeconds() + " s waiting until " + what
                        + "; last answer: " + lastAnswer);
            }
            try {
                Thread.sleep(200);   // polling interval of a deadline-bounded wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what);
            }
        }
    }

    private static String freshDatabase(String url) throws Exception {
        int query = url.indexOf('?');
        String base = url.substring(0, url.lastIndexOf('/', query < 0 ? url.length() : query));
        String params = query < 0 ? "" : url.substring(query);
        String database = "starling_chaos_" + Long.toHexString(System.nanoTime());
        try (Connection connection = DriverManager.getConnection(base + "/postgres" + params);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return base + "/" + database + params;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
