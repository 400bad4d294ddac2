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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments through the HTTP API on one in-process node (spec lifecycle §2 and the golden path §10 steps 12-14):
 * deploy, evolve a column type with a FORWARD_QUERY, a failing migration that leaves live untouched, and rows
 * appended while the backfill runs reaching the new table exactly once.
 */
class DeploymentsEndToEndTest {
    private static final String TOKEN = "deploy-e2e-token";
    private static final String ORDERS_V1 = """
            SCHEMA >
                `order_id` String `json:$.order_id`,
                `amount` String `json:$.amount`

            ENGINE "MergeTree"
            ENGINE_SORTING_KEY "order_id"
            """;
    private static final String TOTALS = """
            NODE totals_node
            SQL >
                SELECT count() AS orders, sum(toFloat64(amount)) AS revenue FROM orders

            TYPE endpoint
            """;
    private static final String FIXTURE = """
            {"order_id":"o1","amount":"10"}
            {"order_id":"o2","amount":"20"}
            {"order_id":"o3","amount":"30"}
            {"order_id":"o4","amount":"40"}
            """;

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
        DeploymentHooks.clear();
        api.close();
        node.stop();
    }

    @Test
    void goldenPathDeploysThenMigratesAColumnTypeWithAForwardQuery() {
        long first = deployAndPromote(project(ORDERS_V1), "");
        assertThat(first).isEqualTo(1);
        append(FIXTURE);
        assertThat(totals()).isEqualTo("{\"orders\":4,\"revenue\":100}");

        String v2 = ORDERS_V1.replace("`amount` String", "`amount` Int64");
        HttpResponse<String> withoutForward = deploy(project(v2), "?check=true");
        assertThat(withoutForward.statusCode()).as(withoutForward.body()).isEqualTo(400);
        JsonNode refused = Api.json(withoutForward);
        assertThat(refused.get("result").asText()).isEqualTo("failed");
        assertThat(refused.get("error").asText()).contains("Error on datasource 'orders'", "schema mismatch",
                "'amount' changes type from String to Int64", "FORWARD_QUERY");

        String v2Forward = v2 + "\nFORWARD_QUERY >\n    SELECT * EXCEPT 'amount', toInt64(amount) AS amount\n";
        HttpResponse<String> checked = deploy(project(v2Forward), "?check=true");
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        assertThat(Api.json(checked).get("deployment").get("changed_datasource_names").toString()).isEqualTo("[\"orders\"]");
        assertThat(api.get("/v1/deployments").body()).doesNotContain("\"id\":\"2\"");

        long second = deployAndPromote(project(v2Forward), "");
        assertThat(second).isEqualTo(2);
        assertThat(api.query("SELECT order_id, amount * 2 AS doubled FROM orders ORDER BY order_id").get("data")
                .toString()).isEqualTo("[{\"order_id\":\"o1\",\"doubled\":20},{\"order_id\":\"o2\",\"doubled\":40},"
                + "{\"order_id\":\"o3\",\"doubled\":60},{\"order_id\":\"o4\",\"doubled\":80}]");
        assertThat(api.get("/v0/datasources/orders").body()).contains("Int64");
        assertThat(totals()).isEqualTo("{\"orders\":4,\"revenue\":100}");

        JsonNode list = Api.json(api.get("/v1/deployments")).get("deployments");
        assertThat(statuses(list)).containsExactly(Map.entry("2", "live"), Map.entry("1", "deleted"));
        JsonNode backfills = api.query("SELECT datasource_name, rows, result FROM tinybird.datasources_ops_log "
                + "WHERE event_type = 'deployment_backfill'").get("data");
        assertThat(backfills.toString()).isEqualTo("[{\"datasource_name\":\"orders\",\"rows\":4,\"result\":\"ok\"}]");

        assertThat(Api.json(deploy(project(v2Forward), "")).get("result").asText()).isEqualTo("no_changes");
    }

    @Test
    void aFailingMigrationIsDiscardedAndLeavesLiveAsItWas() {
        deployAndPromote(project(ORDERS_V1), "");
        append(FIXTURE + "{\"order_id\":\"o5\",\"amount\":\"abc\"}\n");
        String before = api.query("SELECT order_id, amount FROM orders ORDER BY order_id").get("data").toString();
        String datasourceBefore = Api.json(api.get("/v0/datasources/orders")).get("columns").toString();
        String endpointBefore = endpointState();

        String bad = ORDERS_V1.replace("`amount` String", "`amount` Int32")
                + "\nFORWARD_QUERY >\n    SELECT order_id, toInt32(amount) AS amount\n";
        HttpResponse<String> created = deploy(project(bad), "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = Api.json(created).get("deployment").get("id").asText();
        JsonNode failed = awaitFinished(id);
        assertThat(failed.get("deployment").get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("Error on datasource 'orders'",
                "Error migrating data: Populate job", "failed, status: error");

        assertThat(api.query("SELECT order_id, amount FROM orders ORDER BY order_id").get("data").toString())
                .isEqualTo(before);
        assertThat(Api.json(api.get("/v0/datasources/orders")).get("columns").toString()).isEqualTo(datasourceBefore);
        assertThat(endpointState()).isEqualTo(endpointBefore);
        JsonNode list = Api.json(api.get("/v1/deployments")).get("deployments");
        assertThat(statuses(list)).containsExactly(Map.entry("2", "failed"), Map.entry("1", "live"));
        assertThat(api.send(api.request("/v1/deployments/2/set-live").POST(HttpRequest.BodyPublishers.noBody())
                .build()).statusCode()).isEqualTo(400);

        // The slot is free again: a good deployment goes through.
        String good = ORDERS_V1.replace("`amount` String", "`amount` Int32")
                + "\nFORWARD_QUERY >\n    SELECT order_id, toInt32OrZero(amount) AS amount\n";
        assertThat(deployAndPromote(project(good), "")).isEqualTo(3);
        assertThat(api.query("SELECT sum(amount) AS total, count() AS n FROM orders").get("data").toString())
                .isEqualTo("[{\"total\":100,\"n\":5}]");
    }

    @Test
    void rowsAppendedDuringTheBackfillReachTheNewTableOnce() throws Exception {
        deployAndPromote(project(ORDERS_V1), "");
        append(FIXTURE);
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DeploymentHooks.beforePartition((deployment, dataSource, partition) -> {
            reached.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String v2 = ORDERS_V1.replace("`amount` String", "`amount` Int64")
                + "\nFORWARD_QUERY >\n    SELECT * EXCEPT 'amount', toInt64(amount) AS amount\n";
        HttpResponse<String> created = deploy(project(v2), "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = Api.json(created).get("deployment").get("id").asText();
        assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Api.json(api.get("/v1/deployments/" + id)).get("deployment").get("status").asText())
                .isEqualTo("populating");

        append("{\"order_id\":\"o5\",\"amount\":\"50\"}\n{\"order_id\":\"o6\",\"amount\":\"60\"}\n");
        assertThat(api.query("SELECT count() AS n FROM orders").get("data").get(0).get("n").asLong()).isEqualTo(6);
        release.countDown();

        assertThat(awaitFinished(id).get("deployment").get("status").asText()).isEqualTo("data_ready");
        append("{\"order_id\":\"o7\",\"amount\":\"70\"}\n");
        promote(id);
        assertThat(api.query("SELECT count() AS n, sum(amount) AS total, uniqExact(order_id) AS ids FROM orders")
                .get("data").toString()).isEqualTo("[{\"n\":7,\"total\":280,\"ids\":7}]");
        assertThat(totals()).isEqualTo("{\"orders\":7,\"revenue\":280}");
    }

    // ---- helpers ----

    private Map<String, String> project(String ordersDatasource) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("datasources/orders.datasource", ordersDatasource);
        files.put("endpoints/totals.pipe", TOTALS);
        return files;
    }

    private long deployAndPromote(Map<String, String> files, String query) {
        HttpResponse<String> created = deploy(files, query);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode answer = Api.json(created);
        assertThat(answer.get("result").asText()).as(created.body()).isEqualTo("success");
        String id = answer.get("deployment").get("id").asText();
        JsonNode ready = awaitFinished(id);
        assertThat(ready.get("deployment").get("status").asText()).as(ready.toString()).isEqualTo("data_ready");
        promote(id);
        return Long.parseLong(id);
    }

    private void promote(String id) {
        HttpResponse<String> promoted = api.send(api.request("/v1/deployments/" + id + "/set-live")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(Api.json(promoted).get("deployment").get("live").asBoolean()).isTrue();
    }

    private JsonNode awaitFinished(String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> response = api.get("/v1/deployments/" + id);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = Api.json(response);
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
        String boundary = "----starling-deploy-boundary";
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
        HttpResponse<String> appended = api.post("/v0/events?name=orders&wait=true", ndjson);
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        assertThat(Api.json(appended).get("quarantined_rows").asLong()).isZero();
    }

    private String totals() {
        HttpResponse<String> response = api.get("/v0/pipes/totals.json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.json(response).get("data").get(0).toString();
    }

    /** The endpoint's status and data (or error): 'abc' makes toFloat64 fail, before and after alike. */
    private String endpointState() {
        HttpResponse<String> response = api.get("/v0/pipes/totals.json");
        JsonNode body = Api.json(response);
        return response.statusCode() + " " + (response.statusCode() == 200 ? body.get("data") : body.get("error"));
    }

    private static Map<String, String> statuses(JsonNode deployments) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (JsonNode deployment : deployments) {
            statuses.put(deployment.get("id").asText(), deployment.get("status").asText());
        }
        return statuses;
    }
}
