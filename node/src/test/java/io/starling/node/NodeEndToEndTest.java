package io.starling.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end, over HTTP as users call it: create data sources, append CSV (raw, gzip,
 * multipart) and NDJSON (Events API, Data Sources API), query, read the quarantine, errors; then stop the
 * node, start it again on the same data directory and get the same answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeEndToEndTest {
    private static final String TOKEN = "e2e-workspace-token";
    private static final String SALES_SCHEMA = "id Int64, region String, amount Float64";
    private static final String EVENTS_SCHEMA =
            "id Int64 `json:$.id`, kind String `json:$.kind`, value Int32 `json:$.payload.value`";

    @TempDir
    static Path dataDir;

    @Test
    @Order(1)
    void ingestQueryRestartAndQueryAgain() {
        StarlingNode node = start();
        String quarantineImportId;
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            createDataSources(api);
            quarantineImportId = appendCsv(api);
            appendNdjson(api);
            checkAnswers(api, quarantineImportId);
            checkErrors(api);
        } finally {
            node.stop();
        }

        StarlingNode restarted = start();
        try (Api api = new Api(restarted.httpPort(), TOKEN)) {
            assertThat(Api.json(api.withToken(null).get("/tokens")).get("workspace_admin_token").asText()).isEqualTo(TOKEN);
            checkAnswers(api, quarantineImportId);

            HttpResponse<String> truncated = api.post("/v0/datasources/sales_quarantine/truncate", "");
            assertThat(truncated.statusCode()).as(truncated.body()).isEqualTo(200);
            assertThat(Api.json(truncated).get("quarantine_rows").asLong()).isZero();
            assertThat(api.query("SELECT count() AS c FROM sales_quarantine").get("data").get(0).get("c").asLong()).isZero();
            assertThat(api.query("SELECT count() AS c FROM sales").get("data").get(0).get("c").asLong()).isEqualTo(6);

            assertThat(api.delete("/v0/datasources/events").statusCode()).isEqualTo(204);
            assertThat(api.get("/v0/datasources/events").statusCode()).isEqualTo(404);
            assertThat(api.get("/v0/sql?q=" + Api.encode("SELECT count() FROM events")).statusCode()).isEqualTo(404);
            assertThat(Api.json(api.get("/v0/datasources")).get("datasources")).hasSize(1);
        } finally {
            restarted.stop();
        }
    }

    private static StarlingNode start() {
        return StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
    }

    private static void createDataSources(Api api) {
        HttpResponse<String> sales = api.post("/v0/datasources?name=sales&schema=" + Api.encode(SALES_SCHEMA)
                + "&engine_sorting_key=id", "");
        assertThat(sales.statusCode()).as(sales.body()).isEqualTo(200);
        JsonNode created = Api.json(sales).get("datasource");
        assertThat(created.get("id").asText()).matches("t_[0-9a-f]{32}");
        assertThat(created.get("name").asText()).isEqualTo("sales");
        assertThat(created.get("type").asText()).isEqualTo("csv");
        assertThat(created.get("engine").get("engine").asText()).isEqualTo("MergeTree");
        assertThat(created.get("engine").get("engine_sorting_key").asText()).isEqualTo("id");
        assertThat(created.get("columns")).hasSize(3);
        assertThat(created.get("columns").get(2).get("type").asText()).isEqualTo("Float64");
        assertThat(created.get("statistics").get("row_count").asLong()).isZero();

        // Form parameters, as curl -d sends them.
        HttpResponse<String> events = api.postForm("/v0/datasources", "name=events&schema=" + Api.encode(EVENTS_SCHEMA)
                + "&engine_partition_key=" + Api.encode("id % 2") + "&engine_sorting_key=" + Api.encode("kind, id"));
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        JsonNode eventsJson = Api.json(events).get("datasource");
        assertThat(eventsJson.get("type").asText()).isEqualTo("ndjson");
        assertThat(eventsJson.get("columns").get(2).get("jsonpath").asText()).isEqualTo("$.payload.value");
        assertThat(eventsJson.get("engine").get("engine_partition_key").asText()).isEqualTo("id % 2");
        assertThat(eventsJson.get("engine").get("engine_sorting_key").asText()).isEqualTo("kind, id");

        HttpResponse<String> duplicate = api.post("/v0/datasources?name=sales&schema=" + Api.encode(SALES_SCHEMA), "");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.headers().firstValue("X-DB-Exception-Code")).contains("57");
        assertThat(Api.json(duplicate).get("error").asText()).contains("sales");
    }

    /** Appends 6 good rows and 1 bad one; answers the import id of the bad one. */
    private static String appendCsv(Api api) {
        HttpResponse<String> raw = api.post("/v0/datasources?mode=append&name=sales", "1,eu,10.5\n2,us,20\n3,eu,oops\n");
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        JsonNode rawJson = Api.json(raw);
        assertThat(rawJson.get("quarantine_rows").asLong()).isEqualTo(1);
        assertThat(rawJson.get("invalid_lines").asLong()).isZero();
        assertThat(rawJson.get("error").asText()).isEqualTo("There was an error with file contents: 1 row in quarantine");
        assertThat(rawJson.get("import_id").asText()).isEqualTo(rawJson.get("id").asText());
        assertThat(rawJson.get("datasource").get("statistics").get("row_count").asLong()).isEqualTo(2);
        assertThat(rawJson.get("datasource").get("quarantine_rows").asLong()).isEqualTo(1);

        HttpResponse<String> multipart = api.postMultipart("/v0/datasources?mode=append&name=sales", "csv", "sales.csv",
                "4,us,5\n5,asia,7.25\n".getBytes(StandardCharsets.UTF_8));
        assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(200);
        assertThat(Api.json(multipart).get("error").asBoolean(true)).isFalse();

        HttpResponse<String> gzipFile = api.postMultipart("/v0/datasources?mode=append&name=sales", "csv", "more.csv.gz",
                Api.gzip("6,eu,1\n"));
        assertThat(gzipFile.statusCode()).as(gzipFile.body()).isEqualTo(200);

        HttpResponse<String> gzipBody = api.postGzip("/v0/datasources?mode=append&name=sales", "7,us,2.25\n");
        assertThat(gzipBody.statusCode()).as(gzipBody.body()).isEqualTo(200);
        assertThat(Api.json(gzipBody).get("datasource").get("statistics").get("row_count").asLong()).isEqualTo(6);

        // curl -d @rows.csv sends the form content type; with mode=append in the URL the body is data.
        HttpResponse<String> curlStyle = api.postForm("/v0/datasources?mode=append&name=sales", "");
        assertThat(curlStyle.statusCode()).as(curlStyle.body()).isEqualTo(400);
        assertThat(Api.json(curlStyle).get("error").asText()).contains("Nothing to append");
        return rawJson.get("import_id").asText();
    }

    private static void appendNdjson(Api api) {
        String rows = """
                {"id": 1, "kind": "click", "payload": {"value": 3}}
                {"id": 2, "kind": "view", "payload": {"value": 4}}
                {"id": 3, "kind": "click", "payload": {"value": "not a number"}}
                """;
        HttpResponse<String> waited = api.post("/v0/events?name=events&wait=true", rows);
        assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
        assertThat(Api.json(waited).get("successful_rows").asLong()).isEqualTo(2);
        assertThat(Api.json(waited).get("quarantined_rows").asLong()).isEqualTo(1);

        HttpResponse<String> accepted = api.post("/v0/events?name=events", "{\"id\": 4, \"kind\": \"view\", \"payload\": {\"value\": 10}}\n");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(Api.json(accepted).get("successful_rows").asLong()).isEqualTo(1);
        // wait=false rows are buffered and written within the flush interval (EventBatcher)
        long deadline = System.currentTimeMillis() + 5_000;
        while (api.query("SELECT count() AS c FROM events").get("data").get(0).get("c").asLong() < 3
                && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }

        // As curl -d sends it: the form content type, with the rows as the body.
        HttpResponse<String> viaDataSources = api.postForm("/v0/datasources?mode=append&name=events&format=ndjson",
                "{\"id\": 5, \"kind\": \"click\", \"payload\": {\"value\": 20}}\n");
        assertThat(viaDataSources.statusCode()).as(viaDataSources.body()).isEqualTo(200);
        assertThat(Api.json(viaDataSources).get("datasource").get("statistics").get("row_count").asLong()).isEqualTo(4);
    }

    private static void checkAnswers(Api api, String quarantineImportId) {
        JsonNode described = Api.json(api.get("/v0/datasources/sales"));
        assertThat(described.get("statistics").get("row_count").asLong()).isEqualTo(6);
        assertThat(described.get("quarantine_rows").asLong()).isEqualTo(1);
        JsonNode listed = Api.json(api.get("/v0/datasources")).get("datasources");
        assertThat(listed).extracting(node -> node.get("name").asText()).contains("sales", "events");

        JsonNode sales = api.query("SELECT count() AS c, sum(amount) AS total FROM sales");
        assertThat(sales.get("rows").asLong()).isEqualTo(1);
        assertThat(sales.get("data").get(0).get("c").asLong()).isEqualTo(6);
        assertThat(sales.get("data").get(0).get("total").asDouble()).isEqualTo(46.0);
        assertThat(sales.get("meta").get(0).get("name").asText()).isEqualTo("c");
        assertThat(sales.get("statistics").get("rows_read").asLong()).isEqualTo(6);
        assertThat(sales.get("statistics").has("elapsed")).isTrue();

        JsonNode byRegion = api.query("SELECT region, count() AS c, sum(amount) AS total FROM sales "
                + "GROUP BY region ORDER BY region");
        assertThat(byRegion.get("data")).hasSize(3);
        assertThat(byRegion.get("data").get(0).get("region").asText()).isEqualTo("asia");
        assertThat(byRegion.get("data").get(1).get("region").asText()).isEqualTo("eu");
        assertThat(byRegion.get("data").get(1).get("c").asLong()).isEqualTo(2);
        assertThat(byRegion.get("data").get(1).get("total").asDouble()).isEqualTo(11.5);
        assertThat(byRegion.get("data").get(2).get("total").asDouble()).isEqualTo(27.25);

        JsonNode quarantine = api.query("SELECT id, amount, c__error_column, c__error, c__import_id FROM sales_quarantine");
        assertThat(quarantine.get("data")).hasSize(1);
        JsonNode bad = quarantine.get("data").get(0);
        assertThat(bad.get("id").asText()).isEqualTo("3");
        assertThat(bad.get("amount").asText()).isEqualTo("oops");
        assertThat(bad.get("c__error_column").get(0).asText()).isEqualTo("amount");
        assertThat(bad.get("c__error").get(0).asText()).contains("oops").contains("amount");
        assertThat(bad.get("c__import_id").asText()).isEqualTo(quarantineImportId);

        JsonNode events = api.query("SELECT count() AS c, sum(value) AS total, countIf(kind = 'click') AS clicks FROM events");
        assertThat(events.get("data").get(0).get("c").asLong()).isEqualTo(4);
        assertThat(events.get("data").get(0).get("total").asLong()).isEqualTo(37);
        assertThat(events.get("data").get(0).get("clicks").asLong()).isEqualTo(2);
        JsonNode eventsQuarantine = api.query("SELECT count() AS c FROM events_quarantine");
        assertThat(eventsQuarantine.get("data").get(0).get("c").asLong()).isEqualTo(1);

        HttpResponse<String> csv = api.postForm("/v0/sql", "q=" + Api.encode("SELECT id FROM sales ORDER BY id FORMAT CSV"));
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo("1\n2\n4\n5\n6\n7\n");

        HttpResponse<String> rawBody = api.post("/v0/sql", "SELECT max(id) AS m FROM sales FORMAT JSON");
        assertThat(rawBody.statusCode()).as(rawBody.body()).isEqualTo(200);
        assertThat(Api.json(rawBody).get("data").get(0).get("m").asLong()).isEqualTo(7);

    }

    private static void checkErrors(Api api) {
        assertThat(api.withToken("wrong").get("/v0/sql?q=SELECT%201").statusCode()).isEqualTo(403);
        assertThat(api.withToken(null).post("/v0/events?name=events", "{}").statusCode()).isEqualTo(403);

        // (mode=append would create it from the data: spec §1.2.1; replace needs an existing data source)
        HttpResponse<String> unknown = api.post("/v0/datasources?mode=replace&name=missing", "1\n");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Api.json(unknown).get("error").asText()).contains("missing");

        HttpResponse<String> syntax = api.get("/v0/sql?q=" + Api.encode("SELECT id FROM sales WHERE"));
        assertThat(syntax.statusCode()).as(syntax.body()).isEqualTo(400);
        assertThat(syntax.headers().firstValue("X-DB-Exception-Code")).contains("62");
        assertThat(Api.json(syntax).get("error").asText()).contains("Code: 62").contains("SYNTAX_ERROR").contains("line");

        HttpResponse<String> unknownTable = api.get("/v0/sql?q=" + Api.encode("SELECT * FROM nope"));
        assertThat(unknownTable.statusCode()).isEqualTo(404);
        assertThat(unknownTable.headers().firstValue("X-DB-Exception-Code")).contains("60");
    }
}
