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
 * read the same, and a retried body is deduplicated.
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
}
