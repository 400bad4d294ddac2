package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the HTTP layer does on its own: tokens, auth, request ids, JSON errors, read-only SQL, unknown names. */
class HttpBasicsTest {
    private static final String TOKEN = "basics-workspace-token";

    @TempDir
    static Path dataDir;

    private static StarlingNode node;
    private static Api api;

    @BeforeAll
    static void start() {
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        api = new Api(node.httpPort(), TOKEN);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.stop();
        node.stop(); // idempotent
    }

    @Test
    void tokensAnswerWithoutAuthAndTheConfiguredAdminToken() {
        HttpResponse<String> response = api.withToken(null).get("/tokens");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tokens = Api.json(response);
        assertThat(tokens.get("workspace_admin_token").asText()).isEqualTo(TOKEN);
        assertThat(tokens.get("admin_token").asText()).startsWith("p.");
        assertThat(tokens.get("user_token").asText()).startsWith("p.");
        assertThat(node.workspaceAdminToken()).isEqualTo(TOKEN);
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).hasSize(26));
    }

    @Test
    void missingOrUnknownTokensAre403WithAJsonError() {
        HttpResponse<String> missing = api.withToken(null).get("/v0/sql?q=SELECT%201");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(Api.json(missing).get("error").asText()).contains("token");
        HttpResponse<String> unknown = api.withToken("nope").get("/v0/datasources");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(Api.json(unknown).get("error").asText()).contains("Invalid token");
        assertThat(unknown.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void theTokenParameterAndEveryWorkspaceTokenWork() {
        JsonNode tokens = Api.json(api.get("/tokens"));
        for (String field : new String[] {"user_token", "admin_token", "workspace_admin_token"}) {
            HttpResponse<String> response = api.withToken(null).get("/v0/datasources?token="
                    + Api.encode(tokens.get(field).asText()));
            assertThat(response.statusCode()).as(field).isEqualTo(200);
            assertThat(Api.json(response).get("datasources").isArray()).isTrue();
        }
    }

    @Test
    void appendingToAnUnknownDataSourceIs404NamingIt() {
        HttpResponse<String> replace = api.post("/v0/datasources?mode=replace&name=nowhere", "1,2\n");
        assertThat(replace.statusCode()).isEqualTo(404);
        assertThat(Api.json(replace).get("error").asText()).contains("nowhere");
        assertThat(replace.headers().firstValue("X-DB-Exception-Code")).contains("60");

        // mode=append creates a missing data source from the data when the token may create (spec §1.2.1)
        HttpResponse<String> append = api.post("/v0/datasources?mode=append&name=nowhere_appended", "1,2\n");
        assertThat(append.statusCode()).as(append.body()).isEqualTo(200);
        assertThat(api.get("/v0/datasources/nowhere_appended").statusCode()).isEqualTo(200);

        // The Events API creates a missing data source (guessed schema) when the token may create data sources.
        HttpResponse<String> events = api.post("/v0/events?name=nowhere_events&wait=true", "{\"a\":1}\n");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(api.get("/v0/datasources/nowhere_events").statusCode()).isEqualTo(200);

        assertThat(api.get("/v0/datasources/nowhere").statusCode()).isEqualTo(404);
        assertThat(api.delete("/v0/datasources/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void theQueryApiRunsReadsOnly() {
        HttpResponse<String> insert = api.get("/v0/sql?q=" + Api.encode("INSERT INTO t VALUES (1)"));
        assertThat(insert.statusCode()).isEqualTo(400);
        assertThat(Api.json(insert).get("error").asText()).contains("Only SELECT");
        HttpResponse<String> drop = api.postForm("/v0/sql", "q=" + Api.encode("/* x */ DROP TABLE t"));
        assertThat(drop.statusCode()).isEqualTo(400);
        HttpResponse<String> empty = api.get("/v0/sql");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Api.json(empty).get("error").asText()).contains("q parameter");
    }

    @Test
    void invalidRequestsAreClear4xx() {
        HttpResponse<String> badName = api.post("/v0/datasources?name=" + Api.encode("bad name") + "&schema="
                + Api.encode("a Int64"), "");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(Api.json(badName).get("error").asText()).contains("bad name");
        HttpResponse<String> badKey = api.post("/v0/datasources?name=bad_key&schema=" + Api.encode("a Int64")
                + "&engine_sorting_key=" + Api.encode("noSuchFunction(a)"), "");
        assertThat(badKey.statusCode()).as(badKey.body()).isBetween(400, 499);
        assertThat(api.get("/v0/datasources/bad_key").statusCode()).isEqualTo(404);
        HttpResponse<String> badType = api.post("/v0/datasources?name=bad_type&schema=" + Api.encode("a Nope"), "");
        assertThat(badType.statusCode()).as(badType.body()).isEqualTo(400);
        assertThat(Api.json(badType).get("error").asText()).contains("Nope");
        HttpResponse<String> badMode = api.post("/v0/datasources?mode=upsert&name=x", "");
        assertThat(badMode.statusCode()).isEqualTo(400);
        HttpResponse<String> unknownPath = api.get("/v0/nothing-here");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(Api.json(unknownPath).has("error")).isTrue();
        assertThat(unknownPath.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void containerTypesInsideNullableAreRefusedLikeClickHouse() {
        HttpResponse<String> created = api.post("/v0/datasources?name=nullable_tags&schema="
                + Api.encode("id Int64 `json:$.id`, tags Nullable(Array(String)) `json:$.tags[:]`"), "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
        String error = Api.json(created).get("error").asText();
        assertThat(error).contains("Nested type Array(String) cannot be inside Nullable type")
                .contains("Array(Nullable(String))").contains("DEFAULT").contains("tags");
        assertThat(api.get("/v0/datasources/nullable_tags").statusCode()).isEqualTo(404);
        HttpResponse<String> nestedMap = api.post("/v0/datasources?name=nullable_map&schema="
                + Api.encode("m Array(Nullable(Map(String, UInt8)))"), "");
        assertThat(nestedMap.statusCode()).as(nestedMap.body()).isEqualTo(400);
        assertThat(Api.json(nestedMap).get("error").asText())
                .contains("Nested type Map(String, UInt8) cannot be inside Nullable type");
        // CAST and :: refuse the same types
        for (String sql : java.util.List.of("SELECT CAST([1] AS Nullable(Array(UInt8)))",
                "SELECT [1]::Nullable(Array(UInt8))", "SELECT CAST('a', 'Nullable(LowCardinality(String))')")) {
            HttpResponse<String> cast = api.get("/v0/sql?q=" + Api.encode(sql));
            assertThat(cast.statusCode()).as(sql + ": " + cast.body()).isEqualTo(400);
            assertThat(Api.json(cast).get("error").asText()).as(sql).contains("cannot be inside Nullable type");
        }
    }
}
