package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last data-plane conformance gaps (spec data-plane §1.2, §1.3): syntax errors of the Query API are 400 with
 * ClickHouse's 62 SYNTAX_ERROR and the position; URL imports of an unreachable file answer the import job, which
 * fails saying why; dropping a data source that pipes use is 409 unless forced, never for a materialized view's
 * source; {@code used_by} lists the pipes that use a data source.
 */
class DataPlaneGapsTest {
    private static final String TOKEN = "gaps-workspace-admin-token";

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api admin;
    static HttpServer files;

    @BeforeAll
    static void start() throws IOException {
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        admin = new Api(node.httpPort(), TOKEN);
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", exchange -> {
            boolean missing = exchange.getRequestURI().getPath().contains("missing");
            byte[] body = missing ? new byte[0] : "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(missing ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        files.start();
    }

    @AfterAll
    static void stop() {
        files.stop(0);
        admin.close();
        node.stop();
    }

    private static HttpResponse<String> sql(String query) {
        return admin.get("/v0/sql?q=" + Api.encode(query));
    }

    private static String code(HttpResponse<String> response) {
        return response.headers().firstValue("X-DB-Exception-Code").orElse("none");
    }

    // 1. Query API errors keep ClickHouse's codes

    @Test
    void aSyntaxErrorIs400WithCode62AndThePosition() {
        HttpResponse<String> misspelled = sql("SELEC 1");
        assertThat(misspelled.statusCode()).as(misspelled.body()).isEqualTo(400);
        assertThat(code(misspelled)).isEqualTo("62");
        String error = Api.json(misspelled).get("error").asText();
        assertThat(error).startsWith("Code: 62. DB::Exception: Syntax error: failed at position 1 ('SELEC')")
                .contains("Expected one of: SELECT, WITH").endsWith("(SYNTAX_ERROR)");

        HttpResponse<String> later = admin.postForm("/v0/sql", "q=" + Api.encode("SELECT a FRM t"));
        assertThat(later.statusCode()).isEqualTo(400);
        assertThat(code(later)).isEqualTo("62");
        assertThat(Api.json(later).get("error").asText()).contains("failed at position 14 ('t')");

        HttpResponse<String> unterminated = sql("SELECT 'abc");
        assertThat(code(unterminated)).isEqualTo("62");
        HttpResponse<String> raw = admin.post("/v0/sql", "SELECT 1 +");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(code(raw)).isEqualTo("62");
        HttpResponse<String> empty = admin.post("/v0/sql", "-- nothing but a comment");
        assertThat(code(empty)).isEqualTo("62");
    }

    @Test
    void otherQueryErrorsKeepTheirOwnCodes() {
        admin.post("/v0/datasources?name=gap_codes&schema=" + Api.encode("id Int64, name String"), "");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SELECT * FROM no_such_table", "60");
        expected.put("SELECT nope FROM gap_codes", "47");
        expected.put("SELECT noSuchFunction(id) FROM gap_codes", "46");
        expected.put("SELECT 1 + 'a'", "43");
        expected.put("INSERT INTO gap_codes VALUES (1, 'a')", "1");
        expected.forEach((query, code) -> {
            HttpResponse<String> response = sql(query);
            assertThat(code(response)).as(query + " -> " + response.body()).isEqualTo(code);
            assertThat(response.statusCode()).as(query).isEqualTo(code.equals("60") ? 404 : 400);
            assertThat(Api.json(response).get("error").asText()).as(query).startsWith("Code: " + code + ".");
        });
        assertThat(Api.json(sql("DROP TABLE gap_codes")).get("error").asText()).contains("Only SELECT or WITH");
    }

    // 2. URL imports of an unreachable file: the job is created and fails

    @Test
    void anUnreachableUrlAnswersTheImportJobWhichFailsSayingWhy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + closedPort + "/events.csv";
        JsonNode refusedJob = startedJob(admin.post("/v0/datasources?mode=create&name=gap_refused&url="
                + Api.encode(refused), ""));
        assertThat(refusedJob.get("status").asText()).isEqualTo("error");
        assertThat(refusedJob.get("kind").asText()).isEqualTo("import");
        assertThat(refusedJob.get("error").asText()).startsWith("[Error] Cannot fetch").contains("connection refused");
        assertThat(refusedJob.get("datasource").get("name").asText()).isEqualTo("gap_refused");
        // the schema would have come from the file: nothing was created
        assertThat(admin.get("/v0/datasources/gap_refused").statusCode()).isEqualTo(404);

        admin.post("/v0/datasources?name=gap_url&schema=" + Api.encode("id Int64, name String"), "");
        String missing = "http://127.0.0.1:" + files.getAddress().getPort() + "/missing.csv";
        JsonNode notFound = startedJob(admin.post("/v0/datasources?mode=append&name=gap_url&url="
                + Api.encode(missing), ""));
        assertThat(notFound.get("status").asText()).isEqualTo("error");
        assertThat(notFound.get("error").asText()).contains("HTTP 404 Not Found").contains(missing);
        assertThat(notFound.get("datasource").get("name").asText()).isEqualTo("gap_url");

        // the error is in tinybird.jobs_log too
        String jobId = notFound.get("id").asText();
        JsonNode logged = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            logged = admin.query("SELECT status, error FROM tinybird.jobs_log WHERE job_id = '" + jobId
                    + "' AND status = 'error'").get("data");
            if (!logged.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(logged).isNotNull();
        assertThat(logged.size()).isEqualTo(1);
        assertThat(logged.get(0).get("error").asText()).contains("404");

        // a good file still imports
        String good = "http://127.0.0.1:" + files.getAddress().getPort() + "/good.csv";
        assertThat(startedJob(admin.post("/v0/datasources?mode=append&name=gap_url&url=" + Api.encode(good), ""))
                .get("status").asText()).isEqualTo("done");
    }

    @Test
    void anInvalidUrlIsStillRefusedAt400() {
        for (String url : new String[] {"ftp://example.com/x.csv", "not a url", "file:///etc/passwd", "http://"}) {
            HttpResponse<String> response = admin.post("/v0/datasources?mode=create&name=gap_bad_url&url="
                    + Api.encode(url), "");
            assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(400);
            assertThat(Api.json(response).get("error").asText()).as(url).contains("url");
        }
        // replace of a data source that does not exist is 404 whatever the URL
        HttpResponse<String> replace = admin.post("/v0/datasources?mode=replace&name=gap_nowhere&url="
                + Api.encode("http://127.0.0.1:1/x.csv"), "");
        assertThat(replace.statusCode()).isEqualTo(404);
    }

    @Test
    void creatingANameThatExistsIs409WhateverCarriesTheSchema() {
        admin.post("/v0/datasources?name=gap_exists&schema=" + Api.encode("id Int64"), "");
        admin.post("/v0/datasources?name=gap_exists&mode=append", "1\n");
        HttpResponse<String> fromBody = admin.post("/v0/datasources?name=gap_exists&mode=create", "2\n3\n");
        assertThat(fromBody.statusCode()).as(fromBody.body()).isEqualTo(409);
        assertThat(code(fromBody)).isEqualTo("57");
        HttpResponse<String> fromUrl = admin.post("/v0/datasources?name=gap_exists&mode=create&url="
                + Api.encode("http://127.0.0.1:" + files.getAddress().getPort() + "/good.csv"), "");
        assertThat(fromUrl.statusCode()).as(fromUrl.body()).isEqualTo(409);
        assertThat(admin.query("SELECT count() AS c FROM gap_exists").get("data").get(0).get("c").asLong()).isEqualTo(1);
    }

    /** The answer of an import is the waiting job; answers the job once it finished. */
    private static JsonNode startedJob(HttpResponse<String> response) throws InterruptedException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = Api.json(response);
        String id = json.get("id").asText();
        assertThat(json.get("job_id").asText()).isEqualTo(id);
        assertThat(json.get("import_id").asText()).isEqualTo(id);
        assertThat(json.get("job_url").asText()).endsWith("/v0/jobs/" + id);
        assertThat(json.get("job").get("kind").asText()).isEqualTo("import");
        assertThat(json.get("status").asText()).isIn("waiting", "working", "done", "error");
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode job;
        do {
            job = Api.json(admin.get("/v0/jobs/" + id));
            String status = job.get("status").asText();
            if (status.equals("done") || status.equals("error")) {
                return job;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return job;
    }

    // 3. Dropping a data source that pipes use

    @Test
    void droppingADataSourceThatPipesUseIs409UnlessForcedAndNeverForAViewSource() {
        HttpResponse<String> built = build(Map.of(
                "gap_src.datasource", "SCHEMA >\n    `id` Int64 `json:$.id`,\n    `code` String `json:$.code`\n\n"
                        + "ENGINE MergeTree\nENGINE_SORTING_KEY id\n",
                "gap_target.datasource", "SCHEMA >\n    `id` Int64,\n    `value` UInt64\n\n"
                        + "ENGINE MergeTree\nENGINE_SORTING_KEY id\n",
                "gap_lookup.datasource", "SCHEMA >\n    `id` Int64,\n    `label` String\n\n"
                        + "ENGINE MergeTree\nENGINE_SORTING_KEY id\n",
                "gap_mv.pipe", "NODE parse\nSQL >\n    SELECT id, toUInt64(code) AS value FROM gap_src\n\n"
                        + "TYPE materialized\nDATASOURCE gap_target\n",
                "gap_top.pipe", "NODE top\nSQL >\n    SELECT t.id, l.label FROM gap_target AS t\n"
                        + "    LEFT JOIN gap_lookup AS l ON l.id = t.id\n\nTYPE endpoint\n"));
        assertThat(built.statusCode()).as(built.body()).isEqualTo(200);

        // used_by: pipes that read the data source or write into it
        assertThat(usedBy("gap_src")).containsExactly("gap_mv");
        assertThat(usedBy("gap_target")).containsExactlyInAnyOrder("gap_mv", "gap_top");
        assertThat(usedBy("gap_lookup")).containsExactly("gap_top");
        JsonNode listed = Api.json(admin.get("/v0/datasources?attrs=name,used_by")).get("datasources");
        for (JsonNode dataSource : listed) {
            if (dataSource.get("name").asText().equals("gap_lookup")) {
                assertThat(dataSource.get("used_by").get(0).get("name").asText()).isEqualTo("gap_top");
                assertThat(dataSource.get("used_by").get(0).get("id").asText()).startsWith("t_");
            }
        }

        // the source (trigger) of a materialized view: never, not even forced
        for (String path : new String[] {"/v0/datasources/gap_src", "/v0/datasources/gap_src?force=true"}) {
            HttpResponse<String> refused = admin.delete(path);
            assertThat(refused.statusCode()).as(path + " -> " + refused.body()).isEqualTo(409);
            assertThat(Api.json(refused).get("error").asText()).contains("gap_mv").contains("source");
            assertThat(Api.json(refused).get("affected_materializations").toString()).contains("gap_mv");
        }
        JsonNode dry = Api.json(admin.delete("/v0/datasources/gap_src?dry_run=true"));
        assertThat(dry.get("can_be_dropped_with_force").asBoolean()).isFalse();

        // used by an endpoint only: 409 listing it, force drops the data source and leaves the pipe
        HttpResponse<String> lookup = admin.delete("/v0/datasources/gap_lookup");
        assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(409);
        assertThat(Api.json(lookup).get("dependent_pipes").toString()).contains("gap_top");
        assertThat(Api.json(lookup).get("error").asText()).contains("gap_top").contains("force=true");
        assertThat(admin.get("/v0/datasources/gap_lookup").statusCode()).isEqualTo(200);
        assertThat(admin.delete("/v0/datasources/gap_lookup?force=true").statusCode()).isEqualTo(204);
        assertThat(admin.get("/v0/datasources/gap_lookup").statusCode()).isEqualTo(404);
        // the endpoint stays (and answers that its table is gone until it is changed)
        assertThat(Api.json(admin.get("/v0/pipes")).get("pipes").findValuesAsText("name")).contains("gap_top");
        HttpResponse<String> broken = admin.get("/v0/pipes/gap_top.json");
        assertThat(code(broken)).isEqualTo("60");
        assertThat(broken.body()).contains("gap_lookup");

        // the target of a materialized view: forced, the view goes with it and the source takes appends again
        JsonNode targetDry = Api.json(admin.delete("/v0/datasources/gap_target?dry_run=true"));
        assertThat(targetDry.get("affected_materializations").toString()).contains("gap_mv");
        assertThat(targetDry.get("dependent_pipes").toString()).contains("gap_top");
        assertThat(targetDry.get("can_be_dropped").asBoolean()).isFalse();
        assertThat(targetDry.get("can_be_dropped_with_force").asBoolean()).isTrue();
        assertThat(admin.delete("/v0/datasources/gap_target").statusCode()).isEqualTo(409);
        assertThat(admin.delete("/v0/datasources/gap_target?force=true").statusCode()).isEqualTo(204);
        assertThat(Api.json(admin.get("/v0/pipes")).get("pipes").findValuesAsText("name")).doesNotContain("gap_mv");
        HttpResponse<String> appended = admin.post("/v0/events?name=gap_src&wait=true", "{\"id\":1,\"code\":\"7\"}\n");
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        assertThat(usedBy("gap_src")).isEmpty();
        assertThat(admin.delete("/v0/datasources/gap_src").statusCode()).isEqualTo(204);
    }

    // 4. The Query API reads pipes too

    @Test
    void theQueryApiReadsPipesByNameAndThePipelineParameter() {
        admin.post("/v0/datasources?name=gap_sales&schema=" + Api.encode("id Int64, amount Int64"), "");
        admin.post("/v0/datasources?name=gap_sales&mode=append", "1,10\n2,20\n3,30\n");
        HttpResponse<String> built = build(Map.of("gap_big.pipe", "NODE big\nSQL >\n    %\n    SELECT id, amount "
                + "FROM gap_sales WHERE amount >= {{Int64(min_amount, 0)}}\n\nTYPE endpoint\n"));
        assertThat(built.statusCode()).as(built.body()).isEqualTo(200);

        assertThat(admin.query("SELECT sum(amount) AS c FROM gap_big").get("data").get(0).get("c").asLong())
                .isEqualTo(60);
        HttpResponse<String> filtered = admin.get("/v0/sql?min_amount=20&q="
                + Api.encode("SELECT count() AS c FROM gap_big"));
        assertThat(Api.json(filtered).get("data").get(0).get("c").asLong()).as(filtered.body()).isEqualTo(2);
        HttpResponse<String> placeholder = admin.get("/v0/sql?pipeline=gap_big&q="
                + Api.encode("SELECT max(amount) AS c FROM _"));
        assertThat(Api.json(placeholder).get("data").get(0).get("c").asLong()).as(placeholder.body()).isEqualTo(30);
        HttpResponse<String> unknownPipeline = admin.get("/v0/sql?pipeline=gap_none&q=" + Api.encode("SELECT * FROM _"));
        assertThat(code(unknownPipeline)).isEqualTo("60");
        assertThat(Api.json(unknownPipeline).get("error").asText()).contains("gap_none");

        // a token that may read the pipe, not the data source, reads the pipe only
        HttpResponse<String> token = admin.post("/v0/tokens?name=gap_pipe_reader&scope=PIPES:READ:gap_big", "");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        try (Api reader = admin.withToken(Api.json(token).get("token").asText())) {
            HttpResponse<String> viaPipe = reader.get("/v0/sql?q=" + Api.encode("SELECT count() AS c FROM gap_big"));
            assertThat(viaPipe.statusCode()).as(viaPipe.body()).isEqualTo(200);
            assertThat(reader.get("/v0/sql?q=" + Api.encode("SELECT count() FROM gap_sales")).statusCode())
                    .isEqualTo(403);
        }
        assertThat(admin.delete("/v0/datasources/gap_sales").statusCode()).isEqualTo(409);
    }

    private static java.util.List<String> usedBy(String dataSource) {
        JsonNode json = Api.json(admin.get("/v0/datasources/" + dataSource));
        return json.get("used_by").findValuesAsText("name");
    }

    /** POST /v1/build with {@code files} as tb build sends them. */
    private static HttpResponse<String> build(Map<String, String> files) {
        String boundary = "----gaps-build-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, content) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"data_project://\"; filename=\"" + name + "\"\r\nContent-Type: text/plain\r\n\r\n" + content
                + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return admin.send(admin.request("/v1/build").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}
