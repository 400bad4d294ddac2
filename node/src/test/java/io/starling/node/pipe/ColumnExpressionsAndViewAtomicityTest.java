package io.starling.node.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import io.starling.storage.fault.FaultPoints;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column DEFAULT / MATERIALIZED expressions on every ingest path, and materialized views that commit with their
 * insert or not at all (a failing view writes nothing; a crash after the commit decision is finished at restart).
 */
class ColumnExpressionsAndViewAtomicityTest {
    private static final String TOKEN = "column-expressions-token";

    @TempDir
    Path dataDir;

    @AfterEach
    void disarm() {
        FaultPoints.disarmAll();
    }

    private StarlingNode start() {
        return StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
    }

    private static long count(Api api, String sql) {
        return api.query(sql).get("data").get(0).get("c").asLong();
    }

    @Test
    void expressionDefaultsAndMaterializedColumnsFillEveryIngestPath() {
        StarlingNode node = start();
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            String schema = "`raw` String `json:$.raw`, `id` String `json:$.id` DEFAULT JSONExtractString(raw, 'id'), "
                    + "`id_length` UInt64 MATERIALIZED length(id), `n` Int64 `json:$.n` DEFAULT 7";
            HttpResponse<String> created = api.post("/v0/datasources?name=docs&schema=" + Api.encode(schema)
                    + "&engine_sorting_key=id", "");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            JsonNode columns = Api.json(api.get("/v0/datasources/docs")).get("columns");
            assertThat(columns.get(1).get("default_value").asText()).isEqualTo("JSONExtractString(raw, 'id')");
            assertThat(columns.get(2).get("default_value").asText()).isEqualTo("length(id)");
            assertThat(columns.get(2).get("default_kind").asText()).isEqualTo("MATERIALIZED");

            HttpResponse<String> events = api.post("/v0/events?name=docs&wait=true",
                    "{\"raw\":\"{\\\"id\\\":\\\"from-raw\\\"}\",\"n\":1}\n{\"raw\":\"{}\",\"id\":\"given\",\"id_length\":99}\n");
            assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
            HttpResponse<String> csv = api.post("/v0/datasources?mode=append&name=docs",
                    "\"{\"\"id\"\":\"\"csv-row\"\"}\",,\n");
            assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);

            JsonNode rows = api.query("SELECT id, id_length, n FROM docs ORDER BY id").get("data");
            assertThat(rows.toString()).isEqualTo("[{\"id\":\"csv-row\",\"id_length\":7,\"n\":7},"
                    + "{\"id\":\"from-raw\",\"id_length\":8,\"n\":1},{\"id\":\"given\",\"id_length\":5,\"n\":7}]");
            JsonNode star = api.query("SELECT * FROM docs ORDER BY id LIMIT 1");
            assertThat(star.get("meta").toString()).as("MATERIALIZED columns stay out of SELECT *")
                    .contains("\"raw\"").contains("\"n\"").doesNotContain("id_length");

            HttpResponse<String> bad = api.post("/v0/datasources?name=bad_defaults&schema="
                    + Api.encode("`a` Int64, `b` Int64 DEFAULT no_such_column + 1"), "");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("column [b]").contains("no_such_column");
        } finally {
            node.stop();
        }
    }

    private static void buildViews(Api api) {
        HttpResponse<String> built = new ProjectFiles()
                .add("src.datasource", "SCHEMA >\n    `id` Int64 `json:$.id`,\n    `code` String `json:$.code`\n\n"
                        + "ENGINE MergeTree\nENGINE_SORTING_KEY id\n")
                .add("codes.datasource", "SCHEMA >\n    `id` Int64,\n    `value` UInt64\n\n"
                        + "ENGINE MergeTree\nENGINE_SORTING_KEY id\n")
                .add("doubled.datasource", "SCHEMA >\n    `id` Int64,\n    `twice` UInt64\n\n"
                        + "ENGINE MergeTree\nENGINE_SORTING_KEY id\n")
                .add("codes_mv.pipe", "NODE parse\nSQL >\n    SELECT id, toUInt64(code) AS value FROM src\n\n"
                        + "TYPE materialized\nDATASOURCE codes\n")
                .add("doubled_mv.pipe", "NODE twice\nSQL >\n    SELECT id, value * 2 AS twice FROM codes\n\n"
                        + "TYPE materialized\nDATASOURCE doubled\n")
                .build(api);
        assertThat(built.statusCode()).as(built.body()).isEqualTo(200);
    }

    /** A body big enough for the Events API's bulk path still goes through the views of its data source. */
    @Test
    void aBigAppendFeedsItsViewsToo() {
        StarlingNode node = start();
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            buildViews(api);
            StringBuilder body = new StringBuilder();
            int rows = 0;
            while (body.length() < 6 << 20) {
                rows++;
                body.append("{\"id\":").append(rows).append(",\"code\":\"").append(rows % 1000)
                        .append("\",\"pad\":\"").append("p".repeat(60)).append("\"}\n");
            }
            HttpResponse<String> response = api.post("/v0/events?name=src&wait=true", body.toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            long expectedSum = 0;
            for (int id = 1; id <= rows; id++) {
                expectedSum += 2L * (id % 1000);
            }
            JsonNode counts = api.query("SELECT (SELECT count() FROM src) AS a, (SELECT count() FROM codes) AS b,"
                    + " (SELECT sum(twice) FROM doubled) AS c").get("data").get(0);
            assertThat(counts.get("a").asLong()).isEqualTo(rows);
            assertThat(counts.get("b").asLong()).isEqualTo(rows);
            assertThat(counts.get("c").asLong()).isEqualTo(expectedSum);
        } finally {
            node.stop();
        }
    }

    @Test
    void aFailingViewFailsTheAppendWithNothingWritten() {
        StarlingNode node = start();
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            buildViews(api);
            HttpResponse<String> good = api.post("/v0/events?name=src&wait=true", "{\"id\":1,\"code\":\"10\"}\n");
            assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
            HttpResponse<String> failing = api.post("/v0/events?name=src&wait=true",
                    "{\"id\":2,\"code\":\"20\"}\n{\"id\":3,\"code\":\"not a number\"}\n");
            assertThat(failing.statusCode()).as(failing.body()).isGreaterThanOrEqualTo(400);
            assertThat(count(api, "SELECT count() AS c FROM src")).isEqualTo(1);
            assertThat(count(api, "SELECT count() AS c FROM codes")).isEqualTo(1);
            assertThat(count(api, "SELECT count() AS c FROM doubled")).isEqualTo(1);
            assertThat(count(api, "SELECT sum(twice) AS c FROM doubled")).isEqualTo(20);
        } finally {
            node.stop();
        }
    }

    @Test
    void aCrashAfterTheCommitDecisionIsFinishedAtRestartInEveryTable() {
        StarlingNode node = start();
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            buildViews(api);
            FaultPoints.arm(FaultPoints.TRANSACTION_AFTER_DECISION, dataDir.resolve("tables").resolve(".transactions"));
            HttpResponse<String> crashed = api.post("/v0/events?name=src&wait=true", "{\"id\":5,\"code\":\"50\"}\n");
            assertThat(crashed.statusCode()).isGreaterThanOrEqualTo(500);
            FaultPoints.disarmAll();
            assertThat(count(api, "SELECT count() AS c FROM src")).as("not published before the restart").isZero();
            assertThat(count(api, "SELECT count() AS c FROM codes")).isZero();
        } finally {
            node.stop();
        }
        StarlingNode restarted = start();
        try (Api api = new Api(restarted.httpPort(), TOKEN)) {
            assertThat(count(api, "SELECT count() AS c FROM src")).isEqualTo(1);
            assertThat(count(api, "SELECT sum(value) AS c FROM codes")).isEqualTo(50);
            assertThat(count(api, "SELECT sum(twice) AS c FROM doubled")).isEqualTo(100);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aCrashBeforeTheCommitDecisionLeavesEveryTableEmpty() {
        StarlingNode node = start();
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            buildViews(api);
            FaultPoints.arm(FaultPoints.TRANSACTION_BEFORE_DECISION, dataDir.resolve("tables").resolve(".transactions"));
            HttpResponse<String> crashed = api.post("/v0/events?name=src&wait=true", "{\"id\":5,\"code\":\"50\"}\n");
            assertThat(crashed.statusCode()).isGreaterThanOrEqualTo(500);
            FaultPoints.disarmAll();
        } finally {
            node.stop();
        }
        StarlingNode restarted = start();
        try (Api api = new Api(restarted.httpPort(), TOKEN)) {
            assertThat(count(api, "SELECT count() AS c FROM src")).isZero();
            assertThat(count(api, "SELECT count() AS c FROM codes")).isZero();
            assertThat(count(api, "SELECT count() AS c FROM doubled")).isZero();
        } finally {
            restarted.stop();
        }
    }
}
