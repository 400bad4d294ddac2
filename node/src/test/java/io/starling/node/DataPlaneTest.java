package io.starling.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.typesafe.config.ConfigFactory;
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

/** Tokens, JWTs, replace, rename, alter, delete jobs, service data sources and limits over HTTP. */
class DataPlaneTest {
    private static final String TOKEN = "dataplane-workspace-admin-token";

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api admin;

    @BeforeAll
    static void start() {
        System.setProperty("starling.limits.events-max-body", "64KiB");
        ConfigFactory.invalidateCaches();
        try {
            node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        } finally {
            System.clearProperty("starling.limits.events-max-body");
            ConfigFactory.invalidateCaches();
        }
        admin = new Api(node.httpPort(), TOKEN);
    }

    @AfterAll
    static void stop() {
        admin.close();
        node.stop();
    }

    private static void create(String name, String schema, String extra) {
        HttpResponse<String> response = admin.post("/v0/datasources?name=" + name + "&schema=" + Api.encode(schema) + extra, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static long count(Api api, String sql) {
        return api.query(sql).get("data").get(0).get("c").asLong();
    }

    @Test
    void staticTokensAreScopedRefreshedAndDeleted() {
        create("tk_events", "id Int64 `json:$.id`, kind String `json:$.kind`", "");
        create("tk_other", "id Int64", "");
        HttpResponse<String> created = admin.post("/v0/tokens?name=appender&scope=DATASOURCES:APPEND:tk_events"
                + "&scope=DATASOURCES:READ:tk_events", "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode token = Api.json(created);
        assertThat(token.get("scopes").get(0).get("type").asText()).isEqualTo("DATASOURCES:APPEND");
        assertThat(token.get("scopes").get(0).get("resource").asText()).isEqualTo("tk_events");
        Api appender = admin.withToken(token.get("token").asText());

        HttpResponse<String> appended = appender.post("/v0/events?name=tk_events&wait=true", "{\"id\":1,\"kind\":\"a\"}\n");
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        assertThat(count(appender, "SELECT count() AS c FROM tk_events")).isEqualTo(1);

        HttpResponse<String> otherAppend = appender.post("/v0/events?name=tk_other", "{\"id\":1}\n");
        assertThat(otherAppend.statusCode()).isEqualTo(403);
        assertThat(Api.json(otherAppend).get("error").asText())
                .startsWith("Forbidden. The auth Token doesn't have the correct scopes.").contains("DATASOURCES:APPEND:tk_other");
        HttpResponse<String> otherRead = appender.get("/v0/sql?q=" + Api.encode("SELECT count() FROM tk_other"));
        assertThat(otherRead.statusCode()).as(otherRead.body()).isEqualTo(403);
        assertThat(appender.post("/v0/datasources?name=nope&schema=" + Api.encode("a Int8"), "").statusCode()).isEqualTo(403);
        assertThat(appender.delete("/v0/datasources/tk_events").statusCode()).isEqualTo(403);
        assertThat(appender.get("/v0/tokens").statusCode()).isEqualTo(403);
        assertThat(Api.json(appender.get("/v0/datasources")).get("datasources")).hasSize(1);
        assertThat(appender.get("/v0/sql?q=" + Api.encode("SELECT count() FROM tinybird.datasources_ops_log")).statusCode())
                .isEqualTo(403);

        JsonNode listed = Api.json(admin.get("/v0/tokens"));
        assertThat(listed.get("tokens").findValuesAsText("name")).contains("appender", "Workspace admin token");
        assertThat(admin.post("/v0/tokens?name=bad&scope=DATASOURCES:FLY", "").statusCode()).isEqualTo(400);
        assertThat(admin.post("/v0/tokens?name=none", "").statusCode()).isEqualTo(400);

        HttpResponse<String> refreshed = admin.post("/v0/tokens/appender/refresh", "");
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String newValue = Api.json(refreshed).get("token").asText();
        assertThat(newValue).isNotEqualTo(token.get("token").asText());
        assertThat(appender.post("/v0/events?name=tk_events", "{\"id\":2}\n").statusCode()).isEqualTo(403);
        assertThat(admin.withToken(newValue).post("/v0/events?name=tk_events", "{\"id\":2}\n").statusCode()).isEqualTo(202);
        assertThat(Api.json(admin.get("/v0/tokens/appender")).get("token").asText()).isEqualTo(newValue);

        assertThat(admin.delete("/v0/tokens/appender").statusCode()).isEqualTo(204);
        assertThat(admin.withToken(newValue).post("/v0/events?name=tk_events", "{\"id\":3}\n").statusCode()).isEqualTo(403);
        assertThat(admin.get("/v0/tokens/appender").statusCode()).isEqualTo(404);
    }

    private static String jwt(Instant expires, String key, Map<String, Object> limits, Object scopes) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("workspace_id", "default")
                .claim("name", "frontend-" + System.nanoTime()).expirationTime(Date.from(expires)).claim("scopes", scopes);
        if (limits != null) {
            claims.claim("limits", limits);
        }
        return Jwts.sign(claims.build(), key);
    }

    @Test
    void jwtsReadFilteredRowsAndAreRateLimited() {
        create("jwt_sales", "org String, amount Int64", "");
        create("jwt_secret", "x Int64", "");
        assertThat(admin.post("/v0/datasources?mode=append&name=jwt_sales", "a,1\na,2\nb,5\n").statusCode()).isEqualTo(200);
        Object scopes = List.of(Map.of("type", "DATASOURCES:READ", "resource", "jwt_sales", "filter", "org = 'a'"));
        Api reader = admin.withToken(jwt(Instant.now().plusSeconds(600), TOKEN, null, scopes));
        JsonNode sum = reader.query("SELECT count() AS c, sum(amount) AS s FROM jwt_sales");
        assertThat(sum.get("data").get(0).get("c").asLong()).isEqualTo(2);
        assertThat(sum.get("data").get(0).get("s").asLong()).isEqualTo(3);
        assertThat(reader.get("/v0/sql?q=" + Api.encode("SELECT * FROM jwt_secret")).statusCode()).isEqualTo(403);
        assertThat(reader.post("/v0/events?name=jwt_sales", "{}").statusCode()).isEqualTo(403);
        assertThat(reader.get("/v0/jobs").statusCode()).isEqualTo(403);

        Api expired = admin.withToken(jwt(Instant.now().minusSeconds(5), TOKEN, null, scopes));
        HttpResponse<String> refused = expired.get("/v0/sql?q=SELECT%201");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Api.json(refused).get("error").asText()).contains("expired");
        assertThat(admin.withToken(jwt(Instant.now().plusSeconds(600), "other-key", null, scopes))
                .get("/v0/sql?q=SELECT%201").statusCode()).isEqualTo(403);

        Api limited = admin.withToken(jwt(Instant.now().plusSeconds(600), TOKEN, Map.of("rps", 1), scopes));
        HttpResponse<String> first = limited.get("/v0/sql?q=SELECT%201");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).contains("1");
        HttpResponse<String> second = limited.get("/v0/sql?q=SELECT%201");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(second.headers().firstValue("X-RateLimit-Remaining")).contains("0");
    }

    @Test
    void replaceSwapsAllRowsOrTheMatchingPartitions() {
        create("people", "id Int64, name String, profession String", "&engine_partition_key=profession&engine_sorting_key=id");
        admin.post("/v0/datasources?mode=append&name=people", "1,Luke,Jedi\n2,Yoda,Jedi\n3,Han,Pilot\n");
        HttpResponse<String> replaced = admin.post("/v0/datasources?mode=replace&name=people&replace_condition="
                + Api.encode("profession = 'Jedi'"), "50,Mace Windu,Jedi\n60,Ignored,Pilot\n");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode rows = admin.query("SELECT id, name FROM people ORDER BY id").get("data");
        assertThat(rows.findValuesAsText("name")).containsExactly("Han", "Mace Windu");

        HttpResponse<String> full = admin.post("/v0/datasources?mode=replace&name=people", "7,Rey,Jedi\nbad,row,x\n");
        assertThat(full.statusCode()).as(full.body()).isEqualTo(200);
        assertThat(Api.json(full).get("quarantine_rows").asLong()).isEqualTo(1);
        assertThat(admin.query("SELECT name FROM people").get("data").findValuesAsText("name")).containsExactly("Rey");

        HttpResponse<String> badCondition = admin.post("/v0/datasources?mode=replace&name=people&replace_condition="
                + Api.encode("nope = 1"), "8,Finn,Pilot\n");
        assertThat(badCondition.statusCode()).isEqualTo(400);
        assertThat(admin.query("SELECT name FROM people").get("data").findValuesAsText("name")).containsExactly("Rey");
        assertThat(admin.post("/v0/datasources?mode=replace&name=missing_ds", "1\n").statusCode()).isEqualTo(404);
    }

    @Test
    void renameAndAlterKeepTheRows() {
        create("before_rename", "id Int64", "");
        admin.post("/v0/datasources?mode=append&name=before_rename", "1\n2\n");
        HttpResponse<String> renamed = admin.send(admin.request("/v0/datasources/before_rename?name=after_rename")
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(Api.json(renamed).get("name").asText()).isEqualTo("after_rename");
        assertThat(admin.get("/v0/datasources/before_rename").statusCode()).isEqualTo(404);
        assertThat(count(admin, "SELECT count() AS c FROM after_rename")).isEqualTo(2);

        HttpResponse<String> dry = admin.postForm("/v0/datasources/after_rename/alter",
                "dry=true&schema=" + Api.encode("id Int64, label String"));
        assertThat(Api.json(dry).get("operations").get(0).asText()).isEqualTo("ADD COLUMN `label` String");
        assertThat(Api.json(admin.get("/v0/datasources/after_rename")).get("columns")).hasSize(1);
        HttpResponse<String> altered = admin.postForm("/v0/datasources/after_rename/alter",
                "schema=" + Api.encode("id Int64, label String"));
        assertThat(altered.statusCode()).as(altered.body()).isEqualTo(200);
        assertThat(admin.post("/v0/datasources?mode=append&name=after_rename", "3,three\n").statusCode()).isEqualTo(200);
        JsonNode rows = admin.query("SELECT id, label FROM after_rename ORDER BY id").get("data");
        assertThat(rows.findValuesAsText("label")).containsExactly("", "", "three");

        HttpResponse<String> retype = admin.postForm("/v0/datasources/after_rename/alter", "schema=" + Api.encode("id String"));
        assertThat(retype.statusCode()).isEqualTo(400);
        assertThat(Api.json(retype).get("error").asText()).contains("only adding columns at the end");
    }

    @Test
    void rowsWrittenBeforeAColumnWasAddedReadItsDefaultExpression() {
        create("with_defaults", "id Int64", "");
        admin.post("/v0/datasources?mode=append&name=with_defaults", "1\n2\n");
        HttpResponse<String> altered = admin.postForm("/v0/datasources/with_defaults/alter", "schema="
                + Api.encode("id Int64, doubled Int64 DEFAULT id * 2, tag LowCardinality(String) DEFAULT 'none'"));
        assertThat(altered.statusCode()).as(altered.body()).isEqualTo(200);
        assertThat(admin.post("/v0/datasources?mode=append&name=with_defaults", "3,7,new\n").statusCode())
                .isEqualTo(200);

        JsonNode rows = admin.query("SELECT id, doubled, tag FROM with_defaults ORDER BY id").get("data");
        assertThat(rows.toString()).isEqualTo("[{\"id\":1,\"doubled\":2,\"tag\":\"none\"},"
                + "{\"id\":2,\"doubled\":4,\"tag\":\"none\"},{\"id\":3,\"doubled\":7,\"tag\":\"new\"}]");
        // filters read the computed values too (granule by granule, the PREWHERE path)
        assertThat(count(admin, "SELECT count() AS c FROM with_defaults WHERE doubled = 4")).isEqualTo(1);
        assertThat(count(admin, "SELECT count() AS c FROM with_defaults WHERE tag = 'none'")).isEqualTo(2);
    }

    @Test
    void deleteRunsAsAJob() throws InterruptedException {
        create("to_delete", "id Int64, country String", "");
        admin.post("/v0/datasources?mode=append&name=to_delete", "1,ES\n2,FR\n3,ES\n");
        HttpResponse<String> dry = admin.postForm("/v0/datasources/to_delete/delete",
                "dry_run=true&delete_condition=" + Api.encode("country = 'ES'"));
        assertThat(Api.json(dry).get("rows_to_be_deleted").asLong()).isEqualTo(2);
        assertThat(admin.postForm("/v0/datasources/to_delete/delete", "x=1").statusCode()).isEqualTo(400);

        HttpResponse<String> started = admin.postForm("/v0/datasources/to_delete/delete",
                "delete_condition=" + Api.encode("country = 'ES'"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode job = Api.json(started);
        assertThat(job.get("job").get("kind").asText()).isEqualTo("delete_data");
        assertThat(job.get("job").get("delete_condition").asText()).isEqualTo("country = 'ES'");
        JsonNode done = awaitJob(job.get("job_id").asText());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(admin.query("SELECT id FROM to_delete").get("data").findValuesAsText("id")).containsExactly("2");

        // a condition that cannot run is refused before any job starts (DataPlaneConformanceTest has the details)
        HttpResponse<String> invalid = admin.postForm("/v0/datasources/to_delete/delete",
                "delete_condition=" + Api.encode("random_column = 1"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Api.json(invalid).get("error").asText()).contains("random_column");
        JsonNode listed = Api.json(admin.get("/v0/jobs?kind=delete_data"));
        assertThat(listed.get("jobs").size()).isEqualTo(1);
        assertThat(admin.get("/v0/jobs/nope").statusCode()).isEqualTo(404);

        JsonNode log = admin.query("SELECT job_type, status FROM tinybird.jobs_log WHERE status = 'done'");
        assertThat(log.get("data").findValuesAsText("job_type")).contains("delete");
    }

    private static JsonNode awaitJob(String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonNode job = Api.json(admin.get("/v0/jobs/" + id));
            String status = job.get("status").asText();
            if (status.equals("done") || status.equals("error")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Job " + id + " did not finish");
    }

    @Test
    void serviceDataSourcesRecordOperationsAndQueries() {
        create("logged", "id Int64", "");
        admin.post("/v0/datasources?mode=append&name=logged", "1\n2\n");
        admin.post("/v0/datasources/logged/truncate", "");
        admin.query("SELECT count() FROM logged");
        JsonNode ops = admin.query("SELECT event_type, result, rows FROM tinybird.datasources_ops_log "
                + "WHERE datasource_name = 'logged' ORDER BY timestamp");
        assertThat(ops.get("data").findValuesAsText("event_type")).contains("create", "append", "truncate");
        JsonNode stats = admin.query("SELECT count() AS c FROM tinybird.pipe_stats_rt WHERE pipe_name = 'query_api'");
        assertThat(stats.get("data").get(0).get("c").asLong()).isPositive();
        assertThat(admin.get("/v0/sql?q=" + Api.encode("SELECT * FROM tinybird.nope")).statusCode()).isEqualTo(404);
    }

    @Test
    void limitsAnswerTheDocumentedStatuses() {
        String longSql = "SELECT 1 " + "-- padding\n".repeat(800);
        HttpResponse<String> tooLong = admin.post("/v0/sql", longSql);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Api.json(tooLong).get("error").asText()).contains("limit is 8192 bytes");

        create("big_events", "id Int64 `json:$.id`", "");
        String body = "{\"id\":1}\n".repeat(10_000);
        HttpResponse<String> tooLarge = admin.postExpectingContinue("/v0/events?name=big_events", body);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Api.json(tooLarge).get("error").asText()).contains("413");
        HttpResponse<String> gzipped = admin.postGzip("/v0/events?name=big_events&wait=true", "{\"id\":1}\n{\"id\":2}\n");
        assertThat(gzipped.statusCode()).as(gzipped.body()).isEqualTo(200);
        HttpResponse<String> single = admin.post("/v0/events?name=big_events&format=json&wait=true",
                "{\n  \"id\": 7\n}");
        assertThat(Api.json(single).get("successful_rows").asLong()).isEqualTo(1);
        HttpResponse<String> malformed = admin.post("/v0/events?name=big_events&wait=true", "{\"id\":3}\n{not json\n");
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(200);
        assertThat(count(admin, "SELECT count() AS c FROM big_events")).isEqualTo(4);
        // The Events API creates a missing data source with a guessed schema when the token may create (§4.3).
        assertThat(admin.post("/v0/events?name=no_such_ds", "{\"id\":1}\n").statusCode()).isEqualTo(202);
        assertThat(admin.get("/v0/datasources/no_such_ds").statusCode()).isEqualTo(200);
    }
}
