package io.starling.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.starling.chaos.harness.ApiClient;
import io.starling.chaos.harness.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment's backfill survives a SIGKILL (ARCHITECTURE §5: per-partition tasks, idempotent and resumable): the
 * node is killed after some live partitions were migrated; after the restart the deployment resumes, the done
 * partitions are not migrated again, and after promotion every row (including rows appended while the backfill was
 * running, before and after the kill) is in the new table exactly once.
 */
class BackfillResumeTest {
    private static final String TOKEN = "backfill-resume-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = """
            SCHEMA >
                `id` Int64 `json:$.id`,
                `year` UInt16 `json:$.year`,
                `amount` String `json:$.amount`

            ENGINE "MergeTree"
            ENGINE_PARTITION_KEY "year"
            ENGINE_SORTING_KEY "id"
            """;
    private static final String V2 = V1.replace("`amount` String", "`amount` Int64")
            + "\nFORWARD_QUERY >\n    SELECT * EXCEPT 'amount', toInt64(amount) AS amount\n";
    private static final int YEARS = 4;
    private static final int ROWS_PER_YEAR = 250;

    @TempDir
    Path workDir;

    @Test
    void aKilledNodeResumesTheBackfillWithoutRedoingDonePartitions() throws Exception {
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        int port = NodeProcess.freePort();
        long expectedRows = (long) YEARS * ROWS_PER_YEAR;
        long expectedSum = 0;
        String deployment;
        try (NodeProcess node = NodeProcess.start(dataDir, port, TOKEN,
                List.of("-Dstarling.deploy.testPartitionDelayMillis=1500"));
             ApiClient api = new ApiClient(node.baseUrl(), TOKEN)) {
            promote(api, deploy(node, V1));
            StringBuilder rows = new StringBuilder();
            for (int year = 0; year < YEARS; year++) {
                for (int i = 0; i < ROWS_PER_YEAR; i++) {
                    long id = year * 1000L + i;
                    rows.append("{\"id\":").append(id).append(",\"year\":").append(2020 + year)
                            .append(",\"amount\":\"").append(id).append("\"}\n");
                    expectedSum += id;
                }
            }
            append(api, rows.toString());

            deployment = deploy(node, V2);
            JsonNode progress = awaitProgress(api, deployment, 1);
            assertThat(progress.get("partitions").asInt()).isEqualTo(YEARS);
            // Appended while the backfill runs: one row in a partition already done, one in a partition still to do.
            append(api, "{\"id\":90001,\"year\":2020,\"amount\":\"5\"}\n{\"id\":90002,\"year\":2023,\"amount\":\"7\"}\n");
            expectedRows += 2;
            expectedSum += 90001 + 90002;
            node.killNine();
        }

        try (NodeProcess node = NodeProcess.start(dataDir, port, TOKEN);
             ApiClient api = new ApiClient(node.baseUrl(), TOKEN)) {
            append(api, "{\"id\":90003,\"year\":2021,\"amount\":\"9\"}\n{\"id\":90004,\"year\":2024,\"amount\":\"11\"}\n");
            expectedRows += 2;
            expectedSum += 90003 + 90004;
            JsonNode ready = awaitStatus(api, deployment);
            assertThat(ready.get("status").asText()).as(ready.toString()).isEqualTo("data_ready");
            String resumed = api.queryTsv("SELECT rows, options.Values[indexOf(options.Names, 'partitions_resumed_done')] FROM "
                    + "tinybird.datasources_ops_log WHERE event_type = 'deployment_backfill' AND result = 'ok'");
            String[] fields = resumed.split("\t");
            assertThat(Integer.parseInt(fields[1])).as(resumed).isBetween(1, YEARS - 1);
            assertThat(Long.parseLong(fields[0])).as("rows migrated after the restart: " + resumed)
                    .isLessThan((long) YEARS * ROWS_PER_YEAR);
            promote(api, deployment);
            assertThat(api.queryTsv("SELECT count(), uniqExact(id), sum(id), toTypeName(any(amount)) FROM orders"))
                    .isEqualTo(expectedRows + "\t" + expectedRows + "\t" + expectedSum + "\tInt64");
        }
    }

    private static JsonNode awaitProgress(ApiClient api, String id, int done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode deployment = JSON.readTree(api.get("/v1/deployments/" + id).body()).get("deployment");
            JsonNode progress = deployment.path("backfill").path("orders");
            if (progress.path("partitions_done").asInt(0) >= done) {
                assertThat(deployment.get("status").asText()).isEqualTo("populating");
                return progress;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("deployment " + id + " did not migrate " + done + " partition(s) in time");
    }

    private static JsonNode awaitStatus(ApiClient api, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode deployment = JSON.readTree(api.get("/v1/deployments/" + id).body()).get("deployment");
            String status = deployment.get("status").asText();
            if (!List.of("calculating", "creating_schema", "populating").contains(status)) {
                return deployment;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deployment " + id + " did not finish in time");
    }

    private static String deploy(NodeProcess node, String orders) throws IOException, InterruptedException {
        String boundary = "----resume-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data_project://\"; "
                + "filename=\"orders.datasource\"\r\nContent-Type: text/plain\r\n\r\n" + orders + "\r\n--" + boundary
                + "--\r\n";
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/v1/deploy"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).get("deployment").get("id").asText();
        }
    }

    private static void promote(ApiClient api, String id) throws Exception {
        assertThat(awaitStatus(api, id).get("status").asText()).isEqualTo("data_ready");
        HttpResponse<String> promoted = api.post("/v1/deployments/" + id + "/set-live", "");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
    }

    private static void append(ApiClient api, String ndjson) throws IOException, InterruptedException {
        HttpResponse<String> appended = api.post("/v0/events?name=orders&wait=true", ndjson);
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
    }
}
