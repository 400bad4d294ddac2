package io.starling.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Materialized views across deployments (spec lifecycle §2.5-2.7): a changed view target without FORWARD_QUERY is
 * recomputed from its landing data source through the view; with a FORWARD_QUERY it keeps its rows; recomputing
 * from a landing data source whose TTL the target does not share needs --allow-destructive-operations.
 */
class MaterializedViewDeploymentTest {
    private static final String TOKEN = "mv-deploy-token";
    private static final String EVENTS = """
            SCHEMA >
                `day` Date `json:$.day`,
                `kind` String `json:$.kind`

            ENGINE "MergeTree"
            ENGINE_SORTING_KEY "day"
            """;
    private static final String DAILY = """
            SCHEMA >
                `day` Date,
                `events` UInt64

            ENGINE "SummingMergeTree"
            ENGINE_SORTING_KEY "day"
            """;
    private static final String DAILY_MV = """
            NODE daily_node
            SQL >
                SELECT day, count() AS events FROM events GROUP BY day

            TYPE materialized
            DATASOURCE daily
            """;
    private static final String ROWS = "{\"day\":\"2024-01-01\",\"kind\":\"a\"}\n{\"day\":\"2024-01-01\",\"kind\":\"b\"}\n"
            + "{\"day\":\"2024-01-02\",\"kind\":\"a\"}\n";

    @TempDir
    Path dataDir;
    StarlingNode node;
    Api api;

    @BeforeEach
    void start() {
        System.setProperty("starling.deploy.retireGraceSeconds", "0");
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        api = new Api(node.httpPort(), TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
        node.stop();
    }

    @Test
    void aChangedTargetWithoutForwardQueryIsRecomputedFromItsSource() {
        promote(create(project(EVENTS, DAILY, DAILY_MV)));
        append(ROWS);
        assertThat(daily()).isEqualTo("[{\"day\":\"2024-01-01\",\"n\":2},{\"day\":\"2024-01-02\",\"n\":1}]");

        // The target gains a column; the view fills it. No FORWARD_QUERY: recomputed from events.
        String daily2 = DAILY.replace("`events` UInt64", "`events` UInt64,\n    `kinds` UInt64");
        String mv2 = DAILY_MV.replace("count() AS events", "count() AS events, uniqExact(kind) AS kinds");
        JsonNode check = Api.json(deploy(project(EVENTS, daily2, mv2), "?check=true"));
        assertThat(check.get("deployment").get("changed_datasource_names").toString()).isEqualTo("[\"daily\"]");
        promote(create(project(EVENTS, daily2, mv2)));
        assertThat(api.query("SELECT day, sum(events) AS n, sum(kinds) AS k FROM daily GROUP BY day ORDER BY day")
                .get("data").toString()).isEqualTo("[{\"day\":\"2024-01-01\",\"n\":2,\"k\":2},"
                + "{\"day\":\"2024-01-02\",\"n\":1,\"k\":1}]");
        // The first deployment filled the new target from an empty source, the second recomputed both days.
        assertThat(api.query("SELECT rows FROM tinybird.datasources_ops_log WHERE event_type = 'populateview' "
                + "AND datasource_name = 'daily' ORDER BY rows").get("data").toString())
                .isEqualTo("[{\"rows\":0},{\"rows\":2}]");

        // Appends after promotion reach the new target once, through the live view.
        append("{\"day\":\"2024-01-02\",\"kind\":\"c\"}\n");
        assertThat(daily()).isEqualTo("[{\"day\":\"2024-01-01\",\"n\":2},{\"day\":\"2024-01-02\",\"n\":2}]");
    }

    @Test
    void recomputingFromALandingTtlShorterThanTheTargetsNeedsAllowDestructive() {
        String events = EVENTS + "ENGINE_TTL \"day + toIntervalDay(7)\"\n";
        promote(create(project(events, DAILY, DAILY_MV)));
        String daily2 = DAILY.replace("ENGINE_SORTING_KEY \"day\"", "ENGINE_SORTING_KEY \"day\"\nENGINE_SETTINGS "
                + "\"index_granularity=4096\"");
        HttpResponse<String> refused = deploy(project(events, daily2, DAILY_MV), "?check=true");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(Api.json(refused).get("error").asText()).contains("Error on datasource 'daily'", "TTL",
                "FORWARD_QUERY", "--allow-destructive-operations");

        JsonNode allowed = Api.json(deploy(project(events, daily2, DAILY_MV),
                "?check=true&allow_destructive_operations=true"));
        assertThat(allowed.get("result").asText()).isEqualTo("success");
        assertThat(allowed.get("deployment").get("feedback").toString()).contains("WARNING", "would be lost");

        String withForward = daily2 + "\nFORWARD_QUERY >\n    SELECT day, events\n";
        JsonNode kept = Api.json(deploy(project(events, withForward, DAILY_MV), "?check=true"));
        assertThat(kept.get("result").asText()).as(kept.toString()).isEqualTo("success");
    }

    // ---- helpers ----

    private String daily() {
        return api.query("SELECT day, sum(events) AS n FROM daily GROUP BY day ORDER BY day").get("data").toString();
    }

    private static Map<String, String> project(String events, String daily, String mv) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("datasources/events.datasource", events);
        files.put("datasources/daily.datasource", daily);
        files.put("materializations/daily_mv.pipe", mv);
        return files;
    }

    private String create(Map<String, String> files) {
        HttpResponse<String> created = deploy(files, "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(Api.json(created).get("result").asText()).as(created.body()).isEqualTo("success");
        return Api.json(created).get("deployment").get("id").asText();
    }

    private void promote(String id) {
        JsonNode finished = awaitFinished(id);
        assertThat(finished.get("deployment").get("status").asText()).as(finished.toString()).isEqualTo("data_ready");
        HttpResponse<String> promoted = api.send(api.request("/v1/deployments/" + id + "/set-live")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
    }

    private JsonNode awaitFinished(String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode answer = Api.json(api.get("/v1/deployments/" + id));
            String status = answer.get("deployment").get("status").asText();
            if (status.equals("data_ready") || status.equals("failed") || status.equals("live")) {
                return answer;
            }
            assertThat(System.nanoTime()).as("deployment " + id + " still " + status).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private HttpResponse<String> deploy(Map<String, String> files, String query) {
        String boundary = "----starling-mv-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data_project://\"; filename=\""
                    + name + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content.getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.request("/v1/deploy" + query)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private void append(String ndjson) {
        HttpResponse<String> appended = api.post("/v0/events?name=events&wait=true", ndjson);
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
    }
}
