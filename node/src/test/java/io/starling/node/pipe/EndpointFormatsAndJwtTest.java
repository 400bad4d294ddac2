package io.starling.node.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.auth.Jwts;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .prometheus} endpoints and JWT {@code fixed_params} over HTTP. */
class EndpointFormatsAndJwtTest {
    private static final String TOKEN = "endpoint-formats-token";

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api api;

    @BeforeAll
    static void start() {
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        api = new Api(node.httpPort(), TOKEN);
        HttpResponse<String> built = new ProjectFiles()
                .add("tenant_events.datasource", """
                        SCHEMA >
                            `tenant` String `json:$.tenant`,
                            `path` String `json:$.path`,
                            `ms` Float64 `json:$.ms`

                        ENGINE MergeTree
                        ENGINE_SORTING_KEY tenant
                        """)
                .add("samples.datasource", """
                        SCHEMA >
                            `name` String `json:$.name`,
                            `value` Float64 `json:$.value`,
                            `labels` Map(String, String) `json:$.labels`

                        ENGINE MergeTree
                        ENGINE_SORTING_KEY name
                        """)
                .add("tenant_totals.pipe", """
                        NODE totals
                        SQL >
                            %
                            SELECT tenant, count() AS hits
                            FROM tenant_events
                            WHERE tenant = {{ String(tenant, 't2', description="Tenant to read") }}
                              AND ms >= {{ Float64(min_ms, 0) }}
                              {% if defined(codes) %} AND toInt32(ms) IN {{ Array(codes, 'Int32') }} {% end %}
                            GROUP BY tenant

                        TYPE endpoint
                        """)
                .add("request_metrics.pipe", """
                        NODE metrics
                        SQL >
                            SELECT name, value, 'Requests by tenant' AS help, 'counter' AS type, labels
                            FROM samples
                            ORDER BY name, value DESC

                        TYPE endpoint
                        """)
                .add("unnamed_metrics.pipe", """
                        NODE metrics
                        SQL >
                            SELECT tenant, count() AS value FROM tenant_events GROUP BY tenant

                        TYPE endpoint
                        """)
                .build(api);
        assertThat(built.statusCode()).as(built.body()).isEqualTo(200);
        HttpResponse<String> appended = api.post("/v0/events?name=tenant_events&wait=true",
                "{\"tenant\":\"t1\",\"path\":\"/a\\\"b\",\"ms\":1}\n{\"tenant\":\"t1\",\"path\":\"/a\\\"b\",\"ms\":2}\n"
                        + "{\"tenant\":\"t2\",\"path\":\"/x\",\"ms\":3}\n");
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        HttpResponse<String> samples = api.post("/v0/events?name=samples&wait=true",
                "{\"name\":\"requests_total\",\"value\":2,\"labels\":{\"tenant\":\"t1\",\"path\":\"/a\\\"b\"}}\n"
                        + "{\"name\":\"requests_total\",\"value\":1,\"labels\":{\"tenant\":\"t2\"}}\n");
        assertThat(samples.statusCode()).as(samples.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.stop();
    }

    @Test
    void prometheusEndpointWritesTheExpositionFormat() {
        HttpResponse<String> metrics = api.get("/v0/pipes/request_metrics.prometheus");
        assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain")
                .contains("version=0.0.4");
        assertThat(metrics.body()).isEqualTo("""
                # HELP requests_total Requests by tenant
                # TYPE requests_total counter
                requests_total{tenant="t1",path="/a\\"b"} 2
                requests_total{tenant="t2"} 1
                """);

        HttpResponse<String> bad = api.get("/v0/pipes/unnamed_metrics.prometheus");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(Api.json(bad).get("error").asText()).contains("[name]", "tenant");
    }

    @Test
    void jwtFixedParamsWinOverUrlParameters() {
        Object scopes = List.of(Map.of("type", "PIPES:READ", "resource", "tenant_totals",
                "fixed_params", Map.of("tenant", "t1")));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("workspace_id", "default").claim("name", "tenant-app")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("scopes", scopes).build();
        Api tenant = api.withToken(Jwts.sign(claims, TOKEN));

        assertThat(Api.json(api.get("/v0/pipes/tenant_totals.json?tenant=t2")).get("data").toString())
                .isEqualTo("[{\"tenant\":\"t2\",\"hits\":1}]");
        for (String url : List.of("/v0/pipes/tenant_totals.json?tenant=t2", "/v0/pipes/tenant_totals.json",
                "/v0/pipes/tenant_totals?tenant=t2")) {
            HttpResponse<String> answer = tenant.get(url);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(Api.json(answer).get("data").toString()).as(url).isEqualTo("[{\"tenant\":\"t1\",\"hits\":2}]");
        }
        assertThat(tenant.get("/v0/pipes/request_metrics.prometheus").statusCode()).isEqualTo(403);
    }

    @Test
    void openApiListsEndpointsWithTheirParameters() {
        HttpResponse<String> response = api.get("/v0/pipes/openapi.json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode document = Api.json(response);
        assertThat(document.get("openapi").asText()).startsWith("3.0");
        JsonNode paths = document.get("paths");
        assertThat(paths.has("/v0/pipes/tenant_totals.json")).isTrue();
        assertThat(paths.has("/v0/pipes/request_metrics.json")).isTrue();
        JsonNode parameters = paths.get("/v0/pipes/tenant_totals.json").get("get").get("parameters");
        JsonNode tenant = find(parameters, "tenant");
        assertThat(tenant.get("in").asText()).isEqualTo("query");
        assertThat(tenant.get("required").asBoolean()).isFalse();
        assertThat(tenant.get("description").asText()).isEqualTo("Tenant to read");
        assertThat(tenant.get("schema").get("type").asText()).isEqualTo("string");
        assertThat(tenant.get("schema").get("default").asText()).isEqualTo("t2");
        JsonNode minMs = find(parameters, "min_ms").get("schema");
        assertThat(minMs.get("type").asText()).isEqualTo("number");
        assertThat(minMs.get("default").isNumber()).isTrue();
        JsonNode codes = find(parameters, "codes").get("schema");
        assertThat(codes.get("type").asText()).isEqualTo("array");
        assertThat(codes.get("items").get("type").asText()).isEqualTo("integer");

        Object scopes = List.of(Map.of("type", "PIPES:READ", "resource", "tenant_totals"));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("workspace_id", "default").claim("name", "docs")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("scopes", scopes).build();
        HttpResponse<String> scoped = api.withToken(Jwts.sign(claims, TOKEN)).get("/v0/pipes/openapi.json");
        assertThat(scoped.statusCode()).as(scoped.body()).isEqualTo(200);
        assertThat(Api.json(scoped).get("paths").has("/v0/pipes/tenant_totals.json")).isTrue();
        assertThat(Api.json(scoped).get("paths").has("/v0/pipes/request_metrics.json")).isFalse();
    }

    private static JsonNode find(JsonNode parameters, String name) {
        for (JsonNode parameter : parameters) {
            if (parameter.get("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("No parameter " + name + " in " + parameters);
    }
}
