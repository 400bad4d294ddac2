package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tinybird data-plane conformance over HTTP (spec data-plane §1.0-§1.5): curl-style raw bodies under the form
 * content type, mode=append creating a missing data source, progress=true and debug=blocks,block_log imports,
 * rate-limit and x-vercel-verify headers, delete_condition validation, query timeouts.
 */
class DataPlaneConformanceTest {
    private static final String TOKEN = "conformance-workspace-admin-token";

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api admin;

    @BeforeAll
    static void start() {
        Map<String, String> settings = Map.of("starling.limits.query-timeout", "2s");
        node = startNode(dataDir, settings);
        admin = new Api(node.httpPort(), TOKEN);
    }

    private static StarlingNode startNode(Path directory, Map<String, String> settings) {
        settings.forEach(System::setProperty);
        ConfigFactory.invalidateCaches();
        try {
            return StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(directory)
                    .withWorkspaceToken(TOKEN));
        } finally {
            settings.keySet().forEach(System::clearProperty);
            ConfigFactory.invalidateCaches();
        }
    }

    @AfterAll
    static void stop() {
        admin.close();
        node.stop();
    }

    private static long count(String sql) {
        return admin.query(sql).get("data").get(0).get("c").asLong();
    }

    private static HttpResponse<String> postChunkedForm(String pathAndQuery, String body) {
        // ofInputStream has no known length: the client sends it chunked
        return admin.send(admin.request(pathAndQuery).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).build());
    }

    // 1. curl --data-binary @file.csv sends the form content type: the body is the data.

    @Test
    void aRawBodyUnderTheFormContentTypeIsTheData() {
        HttpResponse<String> csv = admin.postForm("/v0/datasources?name=curl_csv&mode=create",
                "id,name,amount\n1,ann,1.5\n2,bob,2.5\n3,cid,3\n");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(Api.json(csv).get("error").asBoolean(true)).isFalse();
        assertThat(count("SELECT count() AS c FROM curl_csv WHERE amount > 2")).isEqualTo(2);

        HttpResponse<String> ndjson = admin.postForm("/v0/datasources?name=curl_ndjson&mode=create&format=ndjson",
                "{\"id\":1,\"kind\":\"a=b\"}\n{\"id\":2,\"kind\":\"c\"}\n");
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        assertThat(count("SELECT count() AS c FROM curl_ndjson")).isEqualTo(2);

        // one line, no newline, still not a form of API parameters
        HttpResponse<String> oneLine = admin.postForm("/v0/datasources?name=curl_csv&mode=append", "4,dan,9");
        assertThat(oneLine.statusCode()).as(oneLine.body()).isEqualTo(200);
        assertThat(count("SELECT count() AS c FROM curl_csv")).isEqualTo(4);

        HttpResponse<String> chunked = postChunkedForm("/v0/datasources?name=curl_csv&mode=append", "5,eve,1\n6,fay,2\n");
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(200);
        assertThat(count("SELECT count() AS c FROM curl_csv")).isEqualTo(6);
    }

    @Test
    void realFormPostsStillCarryParameters() {
        HttpResponse<String> created = admin.postForm("/v0/datasources", "name=form_ds&schema="
                + Api.encode("id Int64, label String") + "&engine_sorting_key=id");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(Api.json(created).get("datasource").get("columns")).hasSize(2);

        HttpResponse<String> chunked = postChunkedForm("/v0/datasources", "name=form_ds_chunked&schema="
                + Api.encode("id Int64"));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(200);
        assertThat(Api.json(chunked).get("datasource").get("name").asText()).isEqualTo("form_ds_chunked");

        HttpResponse<String> badMode = admin.postForm("/v0/datasources", "mode=upsert&name=form_ds");
        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(Api.json(badMode).get("error").asText()).contains("mode=append");
    }

    // 2. mode=append creates a missing data source from the data, with create rights.

    @Test
    void appendToAMissingDataSourceCreatesItWhenTheTokenMayCreate() {
        HttpResponse<String> appended = admin.post("/v0/datasources?mode=append&name=appended_new",
                "ts,value\n2024-01-01 00:00:00,1\n2024-01-02 00:00:00,2\n");
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        JsonNode answer = Api.json(appended);
        assertThat(answer.get("datasource").get("name").asText()).isEqualTo("appended_new");
        assertThat(answer.get("datasource").get("statistics").get("row_count").asLong()).isEqualTo(2);
        assertThat(count("SELECT sum(value) AS c FROM appended_new")).isEqualTo(3);

        HttpResponse<String> ndjson = admin.post("/v0/datasources?mode=append&name=appended_nd&format=ndjson",
                "{\"a\":{\"b\":5}}\n");
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        assertThat(count("SELECT sum(a_b) AS c FROM appended_nd")).isEqualTo(5);

        HttpResponse<String> withSchema = admin.post("/v0/datasources?mode=append&name=appended_schema&schema="
                + Api.encode("x Int32, y String"), "7,seven\n");
        assertThat(withSchema.statusCode()).as(withSchema.body()).isEqualTo(200);
        assertThat(Api.json(admin.get("/v0/datasources/appended_schema")).get("columns").get(0).get("type").asText())
                .isEqualTo("Int32");

        HttpResponse<String> token = admin.post("/v0/tokens?name=ghost_appender&scope=DATASOURCES:APPEND:ghost", "");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        Api appender = admin.withToken(Api.json(token).get("token").asText());
        HttpResponse<String> refused = appender.post("/v0/datasources?mode=append&name=ghost", "1,2\n");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
        assertThat(admin.get("/v0/datasources/ghost").statusCode()).isEqualTo(404);
    }

    // 3. progress=true streams block status lines, then the usual answer.

    @Test
    void progressStreamsBlockStatusLinesEndingWithTheAnswer() throws Exception {
        admin.post("/v0/datasources?name=progress_ds&schema=" + Api.encode("id Int64, label String"), "");
        HttpResponse<String> response = admin.post("/v0/datasources?mode=append&name=progress_ds&progress=true",
                "1,a\n2,b\nbad,c\n");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            lines.add(Api.JSON.readTree(line));
        }
        assertThat(lines.size()).isGreaterThanOrEqualTo(4);
        List<String> statuses = lines.subList(0, lines.size() - 1).stream().map(l -> l.get("status").asText()).toList();
        assertThat(statuses).startsWith("processing").contains("inserting_chunk:0", "done_inserting_chunk:0")
                .endsWith("done");
        assertThat(lines.get(0).get("block_id").asText()).isNotBlank();
        JsonNode done = lines.get(lines.size() - 2);
        assertThat(done.get("rows").asLong()).isEqualTo(2);
        assertThat(done.get("quarantine_rows").asLong()).isEqualTo(1);
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("datasource").get("name").asText()).isEqualTo("progress_ds");
        assertThat(last.get("quarantine_rows").asLong()).isEqualTo(1);
        assertThat(last.get("import_id").asText()).isNotBlank();
        assertThat(count("SELECT count() AS c FROM progress_ds")).isEqualTo(2);

        HttpResponse<String> failed = admin.post("/v0/datasources?mode=append&name=progress_ds&progress=true&format=xml",
                "1,a\n");
        String[] failedLines = failed.body().split("\n");
        assertThat(Api.JSON.readTree(failedLines[failedLines.length - 1]).get("error").asText()).contains("xml");
    }

    // 4. debug=blocks,block_log adds both fields.

    @Test
    void debugBlocksAndBlockLogDescribeTheImport() {
        admin.post("/v0/datasources?name=debug_ds&schema=" + Api.encode("id Int64"), "");
        String body = "1\n\n2\nnope\n3\n";
        HttpResponse<String> response = admin.post("/v0/datasources?mode=append&name=debug_ds&debug=blocks,block_log",
                body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Api.json(response);
        JsonNode block = answer.get("blocks").get(0);
        assertThat(block.get("block_id").asText()).isNotBlank();
        JsonNode processed = block.get("process_return").get(0);
        assertThat(processed.get("lines").asLong()).isEqualTo(4);
        assertThat(processed.get("quarantine").asLong()).isEqualTo(1);
        assertThat(processed.get("invalid_lines").asLong()).isZero();
        assertThat(processed.get("empty_lines").asLong()).isEqualTo(1);
        assertThat(processed.get("bytes").asLong()).isEqualTo(body.length());
        assertThat(processed.has("parser")).isTrue();
        assertThat(processed.get("time").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(block.has("processing_time")).isTrue();
        assertThat(block.get("processing_error").isNull()).isTrue();
        assertThat(block.get("processing_error_type").isNull()).isTrue();
        List<String> statuses = answer.get("block_log").findValuesAsText("status");
        assertThat(statuses).containsExactly("processing", "inserting_chunk:0", "done_inserting_chunk:0", "done");
        assertThat(answer.get("block_log").get(0).get("block_id").asText()).isEqualTo(block.get("block_id").asText());
        assertThat(answer.get("block_log").get(0).get("timestamp").isNumber()).isTrue();

        HttpResponse<String> created = admin.post("/v0/datasources?name=debug_guessed&debug=block_log", "a,b\n1,2\n");
        assertThat(Api.json(created).get("block_log").findValuesAsText("status")).contains("processing", "guessing", "done");
        assertThat(Api.json(created).has("blocks")).isFalse();

        HttpResponse<String> plain = admin.post("/v0/datasources?mode=append&name=debug_ds", "4\n");
        assertThat(Api.json(plain).has("blocks")).isFalse();
        assertThat(Api.json(plain).has("block_log")).isFalse();
    }

    // 5. headers: rate limits everywhere, x-vercel-verify on the Events API.

    @Test
    void eventsImportsAndQueriesAnswerRateLimitHeadersAndVercelVerification() {
        HttpResponse<String> events = admin.post("/v0/events?name=vercel_logs&x-vercel-verify=abc123", "{\"id\":1}\n");
        assertThat(events.statusCode()).as(events.body()).isEqualTo(202);
        assertThat(events.headers().firstValue("x-vercel-verify")).contains("abc123");
        assertRateLimitHeaders(events);

        HttpResponse<String> verify = admin.get("/v0/events?name=vercel_logs&x-vercel-verify=abc123");
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(verify.headers().firstValue("x-vercel-verify")).contains("abc123");

        HttpResponse<String> imported = admin.post("/v0/datasources?mode=append&name=vercel_logs&format=ndjson",
                "{\"id\":2}\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertRateLimitHeaders(imported);

        HttpResponse<String> query = admin.get("/v0/sql?q=" + Api.encode("SELECT 1"));
        assertRateLimitHeaders(query);
    }

    private static void assertRateLimitHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isPresent();
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).isPresent();
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void configuredLimitsAnswer429WithRetryAfter(@TempDir Path otherDir) {
        StarlingNode limited = startNode(otherDir, Map.of("starling.limits.events-rps", "1",
                "starling.limits.imports-per-minute", "1", "starling.limits.sql-rps", "1"));
        try (Api api = new Api(limited.httpPort(), TOKEN)) {
            assertThat(api.post("/v0/events?name=limited&wait=true", "{\"id\":1}\n").statusCode()).isEqualTo(200);
            HttpResponse<String> tooMany = api.post("/v0/events?name=limited&x-vercel-verify=v", "{\"id\":2}\n");
            assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(429);
            assertThat(tooMany.headers().firstValue("Retry-After")).isPresent();
            assertThat(tooMany.headers().firstValue("X-RateLimit-Remaining")).contains("0");
            assertThat(tooMany.headers().firstValue("x-vercel-verify")).contains("v");
            assertThat(Api.json(tooMany).get("error").asText()).contains("limited");
            // another data source has its own bucket
            assertThat(api.post("/v0/events?name=limited_other", "{\"id\":1}\n").statusCode()).isEqualTo(202);

            HttpResponse<String> first = api.post("/v0/datasources?mode=append&name=limited", "{\"id\":3}\n"
                    .replace("{\"id\":3}", "3"));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(first.headers().firstValue("X-RateLimit-Limit")).contains("1");
            HttpResponse<String> second = api.post("/v0/datasources?mode=append&name=limited", "4\n");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
            assertThat(Integer.parseInt(second.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            // creating from a schema alone is not an import
            assertThat(api.post("/v0/datasources?name=limited_schema&schema=" + Api.encode("a Int8"), "").statusCode())
                    .isEqualTo(200);

            assertThat(api.get("/v0/sql?q=SELECT%201").statusCode()).isEqualTo(200);
            HttpResponse<String> query = api.get("/v0/sql?q=SELECT%201");
            assertThat(query.statusCode()).isEqualTo(429);
            assertThat(query.headers().firstValue("Retry-After")).isPresent();
        } finally {
            limited.stop();
        }
    }

    // 6. delete_condition is checked before the job starts.

    @Test
    void anInvalidDeleteConditionIs400BeforeAnyJob() {
        admin.post("/v0/datasources?name=del_ds&schema=" + Api.encode("id Int64, country String"), "");
        admin.post("/v0/datasources?mode=append&name=del_ds", "1,ES\n2,FR\n3,ES\n");
        int jobsBefore = Api.json(admin.get("/v0/jobs?kind=delete_data")).get("jobs").size();

        HttpResponse<String> unknown = admin.postForm("/v0/datasources/del_ds/delete",
                "delete_condition=" + Api.encode("random_column = 1"));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(Api.json(unknown).get("error").asText()).contains("random_column");
        assertThat(unknown.headers().firstValue("X-DB-Exception-Code")).contains("47");
        HttpResponse<String> syntax = admin.postForm("/v0/datasources/del_ds/delete",
                "delete_condition=" + Api.encode("country = = 'ES'"));
        assertThat(syntax.statusCode()).as(syntax.body()).isEqualTo(400);
        HttpResponse<String> dryUnknown = admin.postForm("/v0/datasources/del_ds/delete",
                "dry_run=true&delete_condition=" + Api.encode("nope > 1"));
        assertThat(dryUnknown.statusCode()).isEqualTo(400);
        assertThat(Api.json(admin.get("/v0/jobs?kind=delete_data")).get("jobs").size()).isEqualTo(jobsBefore);

        HttpResponse<String> dry = admin.postForm("/v0/datasources/del_ds/delete",
                "dry_run=true&delete_condition=" + Api.encode("country = 'ES'"));
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(Api.json(dry).get("rows_to_be_deleted").asLong()).isEqualTo(2);
        assertThat(count("SELECT count() AS c FROM del_ds")).isEqualTo(3);
        assertThat(admin.postForm("/v0/datasources/nope_ds/delete", "delete_condition=" + Api.encode("a = 1"))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void onlyJobsThatHaveNotStartedCanBeCancelled() throws InterruptedException {
        admin.post("/v0/datasources?name=cancel_ds&schema=" + Api.encode("id Int64"), "");
        String id = Api.json(admin.postForm("/v0/datasources/cancel_ds/delete",
                "delete_condition=" + Api.encode("id = 1"))).get("job_id").asText();
        String status = "";
        for (int i = 0; i < 200 && !status.equals("done"); i++) {
            status = Api.json(admin.get("/v0/jobs/" + id)).get("status").asText();
            Thread.sleep(25);
        }
        HttpResponse<String> finished = admin.post("/v0/jobs/" + id + "/cancel", "");
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(400);
        assertThat(Api.json(finished).get("error").asText()).contains("is done").contains("cannot be cancelled");
        assertThat(Api.json(admin.get("/v0/jobs/" + id)).get("is_cancellable").asBoolean()).isFalse();
        assertThat(admin.post("/v0/jobs/nope/cancel", "").statusCode()).isEqualTo(404);
    }

    // 7. the query timeout answers 408 TIMEOUT_EXCEEDED (159) and the node keeps serving.

    @Test
    void slowQueriesAnswer408AndTheNodeKeepsServing() {
        String slow = "SELECT count() AS c FROM numbers(100000000000) WHERE number % 7 = 3";
        HttpResponse<String> timedOut = admin.get("/v0/sql?q=" + Api.encode(slow));
        assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(408);
        assertThat(timedOut.headers().firstValue("X-DB-Exception-Code")).contains("159");
        assertThat(Api.json(timedOut).get("error").asText()).contains("TIMEOUT_EXCEEDED");
        assertThat(count("SELECT 42 AS c")).isEqualTo(42);
        HttpResponse<String> slept = admin.get("/v0/sql?q=" + Api.encode("SELECT sleep(3) AS s"));
        assertThat(slept.statusCode()).as(slept.body()).isEqualTo(408);
        assertThat(slept.headers().firstValue("X-DB-Exception-Code")).contains("159");
        assertThat(count("SELECT 43 AS c")).isEqualTo(43);

        HttpResponse<String> built = build(Map.of("slow_endpoint.pipe", """
                NODE counted
                SQL >
                    %
                    SELECT count() AS c FROM numbers({{Int64(n, 10)}}) WHERE number % 7 = 3

                TYPE ENDPOINT
                """));
        assertThat(built.statusCode()).as(built.body()).isEqualTo(200);
        HttpResponse<String> fast = admin.get("/v0/pipes/slow_endpoint.json?n=100");
        assertThat(fast.statusCode()).as(fast.body()).isEqualTo(200);
        assertThat(Api.json(fast).get("data").get(0).get("c").asLong()).isEqualTo(14);
        assertRateLimitHeaders(fast);
        HttpResponse<String> endpointTimeout = admin.get("/v0/pipes/slow_endpoint.json?n=100000000000");
        assertThat(endpointTimeout.statusCode()).as(endpointTimeout.body()).isEqualTo(408);
        assertThat(endpointTimeout.headers().firstValue("X-DB-Exception-Code")).contains("159");
        assertThat(admin.get("/v0/pipes/slow_endpoint.json?n=7").statusCode()).isEqualTo(200);
    }

    // 8. other spec §1.2-§1.3 behaviours found missing by probing.

    @Test
    void theQueryApiRendersTemplatedSqlWithUrlParameters() {
        admin.post("/v0/datasources?name=tpl_ds&schema=" + Api.encode("id Int64"), "");
        admin.post("/v0/datasources?mode=append&name=tpl_ds", "1\n2\n3\n4\n");
        HttpResponse<String> limited = admin.send(admin.request("/v0/sql?my_limit=2&app_name=explorer")
                .POST(HttpRequest.BodyPublishers.ofString("% SELECT id FROM tpl_ds ORDER BY id LIMIT {{Int8(my_limit, 10)}}"))
                .build());
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(200);
        assertThat(Api.json(limited).get("data").findValuesAsText("id")).containsExactly("1", "2");
        HttpResponse<String> defaulted = admin.get("/v0/sql?q=" + Api.encode(
                "%\nSELECT count() AS c FROM tpl_ds WHERE id <= {{Int8(top, 3)}}"));
        assertThat(Api.json(defaulted).get("data").get(0).get("c").asLong()).isEqualTo(3);
        HttpResponse<String> bad = admin.get("/v0/sql?top=x&q=" + Api.encode("% SELECT {{Int8(top, 3)}} AS c"));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    }

    @Test
    void attrsSelectTheDataSourceFieldsAndGetOnEventsIsNotAllowed() {
        admin.post("/v0/datasources?name=attrs_ds&schema=" + Api.encode("id Int64"), "");
        JsonNode one = Api.json(admin.get("/v0/datasources/attrs_ds?attrs=name,id,statistics"));
        assertThat(iterable(one.fieldNames())).containsExactlyInAnyOrder("name", "id", "statistics");
        JsonNode all = Api.json(admin.get("/v0/datasources?attrs=name"));
        assertThat(all.get("datasources").size()).isPositive();
        all.get("datasources").forEach(ds -> assertThat(iterable(ds.fieldNames())).containsExactly("name"));
        assertThat(Api.json(admin.get("/v0/datasources/attrs_ds")).has("columns")).isTrue();

        HttpResponse<String> getEvents = admin.get("/v0/events?name=attrs_ds");
        assertThat(getEvents.statusCode()).as(getEvents.body()).isEqualTo(405);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void replaceTakesAMultipartFileAndDropDryRunKeepsTheDataSource() {
        admin.post("/v0/datasources?name=repl_mp&schema=" + Api.encode("id Int64, name String"), "");
        admin.post("/v0/datasources?mode=append&name=repl_mp", "1,a\n2,b\n");
        HttpResponse<String> replaced = admin.postMultipart("/v0/datasources?mode=replace&name=repl_mp", "csv",
                "new.csv", "7,x\n8,y\n9,z\n".getBytes(StandardCharsets.UTF_8));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(admin.query("SELECT id FROM repl_mp ORDER BY id").get("data").findValuesAsText("id"))
                .containsExactly("7", "8", "9");
        HttpResponse<String> ndjson = admin.postMultipart("/v0/datasources?mode=replace&name=repl_mp", "ndjson",
                "new.ndjson", "{\"id\":5,\"name\":\"n\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        assertThat(count("SELECT count() AS c FROM repl_mp")).isEqualTo(1);

        HttpResponse<String> dry = admin.delete("/v0/datasources/repl_mp?dry_run=true");
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(Api.json(dry).get("datasource").get("name").asText()).isEqualTo("repl_mp");
        assertThat(Api.json(dry).get("affected_materializations").isArray()).isTrue();
        assertThat(admin.get("/v0/datasources/repl_mp").statusCode()).isEqualTo(200);
        assertThat(admin.delete("/v0/datasources/nope_ds?dry_run=true").statusCode()).isEqualTo(404);
        assertThat(admin.delete("/v0/datasources/repl_mp").statusCode()).isEqualTo(204);
        assertThat(admin.get("/v0/datasources/repl_mp").statusCode()).isEqualTo(404);
    }

    /** POST /v1/build with {@code files} as tb build sends them. */
    private static HttpResponse<String> build(Map<String, String> files) {
        String boundary = "----conformance-build-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data_project://\"; filename=\""
                    + name + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n").getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return admin.send(admin.request("/v1/build").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}
