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
 * The staging deployment over HTTP (spec lifecycle §2.1, §2.4, §2.11, acceptance scenario 11): reads with
 * {@code __tb__deployment=<id>} see the staged schema and pipes while live is untouched, Events API writes with
 * {@code __tb__min_deployment=<id>} land in staging only, both parameters keep working after promotion, and TOKEN
 * lines of the datafiles are diffed and applied on promotion.
 */
class StagingDeploymentTest {
    private static final String TOKEN = "staging-e2e-token";
    private static final String ORDERS_V1 = """
            SCHEMA >
                `order_id` String `json:$.order_id`,
                `amount` String `json:$.amount`

            ENGINE "MergeTree"
            ENGINE_SORTING_KEY "order_id"
            """;
    private static final String ORDERS_V2 = ORDERS_V1.replace("`amount` String", "`amount` Int64")
            + "\nFORWARD_QUERY >\n    SELECT * EXCEPT 'amount', toInt64(amount) AS amount\n";
    private static final String TOTALS = """
            NODE totals_node
            SQL >
                SELECT count() AS orders, toString(sum(toFloat64(amount))) AS revenue, toTypeName(any(amount)) AS type
                FROM orders

            TYPE endpoint
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
        api.close();
        node.stop();
    }

    @Test
    void stagingReadsAndWritesAreAddressedByDeploymentIdAndKeepWorkingAfterPromotion() {
        promote(create(project(ORDERS_V1, TOTALS)));
        append("", "{\"order_id\":\"o1\",\"amount\":\"10\"}\n{\"order_id\":\"o2\",\"amount\":\"20\"}\n");

        String staged = create(project(ORDERS_V2, TOTALS));
        assertThat(awaitFinished(staged).get("deployment").get("status").asText()).isEqualTo("data_ready");

        // Reads: live without the parameter, staging with it.
        assertThat(endpoint("")).isEqualTo("{\"orders\":2,\"revenue\":\"30\",\"type\":\"String\"}");
        assertThat(endpoint("?__tb__deployment=" + staged)).isEqualTo("{\"orders\":2,\"revenue\":\"30\",\"type\":\"Int64\"}");
        assertThat(sql("SELECT toTypeName(amount) AS t FROM orders LIMIT 1", "&__tb__deployment=" + staged))
                .isEqualTo("[{\"t\":\"Int64\"}]");

        // Writes: __tb__min_deployment reaches staging only; a plain append reaches live and is teed into staging.
        append("&__tb__min_deployment=" + staged, "{\"order_id\":\"o3\",\"amount\":\"30\"}\n");
        append("", "{\"order_id\":\"o4\",\"amount\":\"40\"}\n");
        assertThat(endpoint("")).isEqualTo("{\"orders\":3,\"revenue\":\"70\",\"type\":\"String\"}");
        assertThat(endpoint("?__tb__deployment=" + staged)).isEqualTo("{\"orders\":4,\"revenue\":\"100\",\"type\":\"Int64\"}");

        // An id that names no staging deployment is a 404; the live id serves live.
        assertThat(api.get("/v0/pipes/totals.json?__tb__deployment=99").statusCode()).isEqualTo(404);
        assertThat(endpoint("?__tb__deployment=1")).isEqualTo("{\"orders\":3,\"revenue\":\"70\",\"type\":\"String\"}");

        promote(staged);
        assertThat(endpoint("")).isEqualTo("{\"orders\":4,\"revenue\":\"100\",\"type\":\"Int64\"}");
        assertThat(endpoint("?__tb__deployment=" + staged)).isEqualTo(endpoint(""));
        append("&__tb__min_deployment=" + staged, "{\"order_id\":\"o5\",\"amount\":\"50\"}\n");
        assertThat(endpoint("")).isEqualTo("{\"orders\":5,\"revenue\":\"150\",\"type\":\"Int64\"}");
    }

    @Test
    void tokenLinesAreDiffedAndAppliedOnPromotion() {
        String v1 = ORDERS_V1 + "\nTOKEN orders_writer APPEND\nTOKEN reader READ\n";
        String pipe = TOTALS + "\nTOKEN reader READ\n";
        JsonNode first = Api.json(deploy(project(v1, pipe), ""));
        assertThat(first.get("deployment").get("new_token_names").toString())
                .isEqualTo("[\"orders_writer\",\"reader\"]");
        promote(first.get("deployment").get("id").asText());
        JsonNode tokens = Api.json(api.get("/v0/tokens"));
        assertThat(scopes(tokens, "reader")).isEqualTo("[\"DATASOURCES:READ:orders\",\"PIPES:READ:totals\"]");
        assertThat(scopes(tokens, "orders_writer")).isEqualTo("[\"DATASOURCES:APPEND:orders\"]");
        String writer = token(tokens, "orders_writer");

        // Only tokens change: still a deployment. The changed token keeps its value; the dropped one goes.
        String v2 = ORDERS_V1 + "\nTOKEN orders_writer APPEND\nTOKEN orders_writer READ\n";
        JsonNode check = Api.json(deploy(project(v2, TOTALS), "?check=true"));
        assertThat(check.get("result").asText()).isEqualTo("success");
        assertThat(check.get("deployment").get("changed_token_names").toString()).isEqualTo("[\"orders_writer\"]");
        assertThat(check.get("deployment").get("deleted_token_names").toString()).isEqualTo("[\"reader\"]");
        assertThat(check.get("deployment").get("changed_pipe_names").toString()).isEqualTo("[\"totals\"]");
        promote(create(project(v2, TOTALS)));
        tokens = Api.json(api.get("/v0/tokens"));
        assertThat(scopes(tokens, "orders_writer")).isEqualTo("[\"DATASOURCES:APPEND:orders\",\"DATASOURCES:READ:orders\"]");
        assertThat(token(tokens, "orders_writer")).isEqualTo(writer);
        assertThat(token(tokens, "reader")).isNull();
        assertThat(Api.json(deploy(project(v2, TOTALS), "")).get("result").asText()).isEqualTo("no_changes");
    }

    @Test
    void removingAConnectionNeedsAllowDestructiveOperations() {
        Map<String, String> files = project(ORDERS_V1, TOTALS);
        files.put("connections/my_kafka.connection", "TYPE kafka\nKAFKA_BOOTSTRAP_SERVERS localhost:9092\n");
        JsonNode first = Api.json(deploy(files, ""));
        assertThat(first.get("deployment").get("new_connection_names").toString()).isEqualTo("[\"my_kafka\"]");
        promote(first.get("deployment").get("id").asText());

        HttpResponse<String> refused = deploy(project(ORDERS_V1, TOTALS), "?check=true");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(Api.json(refused).get("error").asText()).contains("Error on connection 'my_kafka'",
                "--allow-destructive-operations");
        JsonNode allowed = Api.json(deploy(project(ORDERS_V1, TOTALS), "?check=true&allow_destructive_operations=true"));
        assertThat(allowed.get("result").asText()).isEqualTo("success");
        assertThat(allowed.get("deployment").get("deleted_connection_names").toString()).isEqualTo("[\"my_kafka\"]");
    }

    // ---- helpers ----

    private static Map<String, String> project(String orders, String totals) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("datasources/orders.datasource", orders);
        files.put("endpoints/totals.pipe", totals);
        return files;
    }

    private String create(Map<String, String> files) {
        HttpResponse<String> created = deploy(files, "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(Api.json(created).get("result").asText()).as(created.body()).isEqualTo("success");
        return Api.json(created).get("deployment").get("id").asText();
    }

    private void promote(String id) {
        assertThat(awaitFinished(id).get("deployment").get("status").asText()).isIn("data_ready", "live");
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
        String boundary = "----starling-staging-boundary";
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

    private void append(String extra, String ndjson) {
        HttpResponse<String> appended = api.post("/v0/events?name=orders&wait=true" + extra, ndjson);
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        assertThat(Api.json(appended).get("quarantined_rows").asLong()).isZero();
    }

    private String endpoint(String query) {
        HttpResponse<String> response = api.get("/v0/pipes/totals.json" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.json(response).get("data").get(0).toString();
    }

    private String sql(String sql, String extra) {
        HttpResponse<String> response = api.get("/v0/sql?q=" + Api.encode(sql + " FORMAT JSON") + extra);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.json(response).get("data").toString();
    }

    private static JsonNode find(JsonNode tokens, String name) {
        for (JsonNode token : tokens.get("tokens")) {
            if (token.get("name").asText().equals(name)) {
                return token;
            }
        }
        return null;
    }

    private static String scopes(JsonNode tokens, String name) {
        JsonNode token = find(tokens, name);
        assertThat(token).as("token " + name + " in " + tokens).isNotNull();
        java.util.List<String> scopes = new java.util.ArrayList<>();
        for (JsonNode scope : token.get("scopes")) {
            scopes.add(scope.isTextual() ? scope.asText() : scope.get("type").asText()
                    + (scope.hasNonNull("resource") ? ":" + scope.get("resource").asText() : ""));
        }
        java.util.Collections.sort(scopes);
        return Api.JSON.valueToTree(scopes).toString();
    }

    private static String token(JsonNode tokens, String name) {
        JsonNode token = find(tokens, name);
        return token == null ? null : token.get("token").asText();
    }
}
