package io.starling.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events API bodies big enough to be parsed in segments at once (several MiB, as bulk loaders send): every good
 * row lands once and in order, bad rows are quarantined and broken lines counted wherever they fall, gzip bodies
 * read the same, and a retried body is deduplicated. Bodies of several segments are written as parts while they
 * arrive and published together (BulkInsert), unless a view reads the data source.
 */
class EventsBulkIngestTest {
    private static final String TOKEN = "bulk-events-admin-token";

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api admin;

    @BeforeAll
    static void start() {
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        admin = new Api(node.httpPort(), TOKEN);
    }

    @AfterAll
    static void stop() {
        admin.close();
        node.stop();
    }

    private static long count(String sql) {
        return admin.query(sql).get("data").get(0).get("c").asLong();
    }

    /** 60,000 lines (~3.5 MB): every 1,000th row has a bad id, every 7,919th line is broken JSON. */
    private static String body(int offset) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            int id = offset + i;
            if (i % 7_919 == 7_918) {
                text.append("{\"id\":").append(id).append(",\"s\":\"unterminated}\n");
            } else if (i % 1_000 == 999) {
                text.append("{\"id\":\"bad-").append(id).append("\",\"s\":\"q\"}\n");
            } else {
                text.append("{\"id\":").append(id).append(",\"s\":\"v\\\"").append(id)
                        .append("\",\"pad\":\"").append("x".repeat(i % 40)).append("\"}\n");
            }
        }
        return text.toString();
    }

    @Test
    void bigBodiesKeepEveryGoodRowQuarantineBadOnesAndDeduplicateRetries() {
        assertThat(admin.post("/v0/datasources?name=bulk&schema="
                + Api.encode("id Int64 `json:$.id`, s String `json:$.s`"), "").statusCode()).isEqualTo(200);
        String plain = body(0);
        assertThat(plain.length()).isGreaterThan(3 << 20);

        HttpResponse<String> response = admin.post("/v0/events?name=bulk&wait=true", plain);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = Api.json(response);
        long broken = 60_000 / 7_919;
        long bad = 60;
        assertThat(json.get("successful_rows").asLong()).isEqualTo(60_000 - broken - bad);
        assertThat(json.get("quarantined_rows").asLong()).isEqualTo(bad);
        assertThat(json.get("invalid_lines").asLong()).isEqualTo(broken);

        HttpResponse<String> retry = admin.post("/v0/events?name=bulk&wait=true", plain);
        assertThat(Api.json(retry).get("successful_rows").asLong()).isEqualTo(60_000 - broken - bad);

        HttpResponse<String> zipped = admin.postGzip("/v0/events?name=bulk&wait=true", body(100_000));
        assertThat(zipped.statusCode()).as(zipped.body()).isEqualTo(200);
        assertThat(Api.json(zipped).get("successful_rows").asLong()).isEqualTo(60_000 - broken - bad);

        assertThat(count("SELECT count() AS c FROM bulk")).isEqualTo(2 * (60_000 - broken - bad));
        assertThat(count("SELECT uniqExact(id) AS c FROM bulk")).isEqualTo(2 * (60_000 - broken - bad));
        assertThat(count("SELECT count() AS c FROM bulk WHERE s = concat('v\"', toString(id))"))
                .isEqualTo(2 * (60_000 - broken - bad));
        assertThat(count("SELECT count() AS c FROM bulk_quarantine")).isEqualTo(2 * bad);
    }

    /** Two bodies in one: about 7 MB (the Events API takes up to 10 MB), four segments of the bulk path. */
    private static String bigBody(int offset) {
        return body(offset) + body(offset + 60_000);
    }

    @Test
    void aBodyOfSeveralSegmentsIsWrittenAsItArrivesAndPublishedTogether() throws Exception {
        HttpResponse<String> created = admin.post("/v0/datasources?name=segments&schema="
                + Api.encode("id Int64 `json:$.id`, s String `json:$.s`"), "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String tableId = Api.json(created).path("datasource").path("id").asText();
        String big = bigBody(0);
        assertThat(big.length()).isGreaterThan(6 << 20);
        long broken = 2 * (60_000 / 7_919);
        long bad = 2 * 60;
        long good = 120_000 - broken - bad;

        HttpResponse<String> response = admin.post("/v0/events?name=segments&wait=true&idempotency_key=big-1", big);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = Api.json(response);
        assertThat(json.get("successful_rows").asLong()).isEqualTo(good);
        assertThat(json.get("quarantined_rows").asLong()).isEqualTo(bad);
        assertThat(json.get("invalid_lines").asLong()).isEqualTo(broken);
        assertThat(count("SELECT count() AS c FROM segments")).isEqualTo(good);
        assertThat(count("SELECT uniqExact(id) AS c FROM segments")).isEqualTo(good);
        assertThat(count("SELECT count() AS c FROM segments WHERE s = concat('v\"', toString(id))")).isEqualTo(good);
        assertThat(count("SELECT count() AS c FROM segments_quarantine")).isEqualTo(bad);

        // Written in pieces: the parts of the one request took several block numbers, and no temporary is left.
        Path table = dataDir.resolve("tables").resolve(tableId);
        java.util.List<String> entries;
        try (var files = java.nio.file.Files.list(table)) {
            entries = files.map(file -> file.getFileName().toString()).toList();
        }
        assertThat(entries).noneMatch(name -> name.startsWith("tmp_"));
        long highestBlock = entries.stream().filter(name -> name.startsWith("all_"))
                .mapToLong(name -> Long.parseLong(name.split("_")[2])).max().orElse(0);
        assertThat(highestBlock).as("block numbers of the parts in %s", entries).isGreaterThanOrEqualTo(3);

        HttpResponse<String> retry = admin.post("/v0/events?name=segments&wait=true&idempotency_key=big-1", big);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(Api.json(retry).get("successful_rows").asLong()).isEqualTo(good);
        assertThat(count("SELECT count() AS c FROM segments")).as("the retry wrote nothing").isEqualTo(good);
        try (var files = java.nio.file.Files.list(table)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.startsWith("tmp_"));
        }
    }

    @Test
    void concurrentBigBodiesEachLandOnce() throws Exception {
        assertThat(admin.post("/v0/datasources?name=concurrent&schema="
                + Api.encode("id Int64 `json:$.id`, s String `json:$.s`"), "").statusCode()).isEqualTo(200);
        long good = 120_000 - 2 * (60_000 / 7_919) - 2 * 60;
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String big = bigBody(i * 1_000_000);
            sent.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> admin.post("/v0/events?name=concurrent&wait=true", big)));
        }
        for (var request : sent) {
            HttpResponse<String> response = request.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Api.json(response).get("successful_rows").asLong()).isEqualTo(good);
        }
        assertThat(count("SELECT count() AS c FROM concurrent")).isEqualTo(3 * good);
        assertThat(count("SELECT uniqExact(id) AS c FROM concurrent")).isEqualTo(3 * good);
    }
}
