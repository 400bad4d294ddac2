package io.starling.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.starling.node.testing.Api;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Type guessing, create from data, the Events API's group commit and dedup, URL import jobs, over HTTP. */
class IngestionApiTest {
    private static final String TOKEN = "ingestion-workspace-admin-token";

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api admin;
    static HttpServer files;
    static volatile byte[] served = new byte[0];

    @BeforeAll
    static void start() throws IOException {
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        admin = new Api(node.httpPort(), TOKEN);
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().contains("missing") ? new byte[0] : served;
            int status = exchange.getRequestURI().getPath().contains("missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
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

    private static long count(String sql) {
        return admin.query(sql).get("data").get(0).get("c").asLong();
    }

    private static String fileUrl(String name) {
        return "http://127.0.0.1:" + files.getAddress().getPort() + "/" + name;
    }

    @Test
    void eventsToAMissingDataSourceCreateItWithAGuessedSchema() {
        HttpResponse<String> response = admin.post("/v0/events?name=auto_events&wait=true",
                "{\"ts\":\"2024-01-01 10:00:00\",\"user\":{\"id\":7,\"name\":\"ann\"},\"tags\":[\"a\",\"b\"]}\n"
                        + "{\"ts\":\"2024-01-01 10:00:01\",\"user\":{\"id\":8,\"name\":\"bob\"},\"tags\":[]}\n");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Api.json(response).get("successful_rows").asLong()).isEqualTo(2);
        JsonNode described = Api.json(admin.get("/v0/datasources/auto_events"));
        assertThat(described.toString()).contains("user_id").contains("Array(String)");
        assertThat(count("SELECT sum(user_id) AS c FROM auto_events")).isEqualTo(15);
        assertThat(count("SELECT count() AS c FROM auto_events WHERE has(tags, 'b')")).isEqualTo(1);

        // a token that may only append cannot create
        HttpResponse<String> created = admin.post("/v0/tokens?name=only_append&scope=DATASOURCES:APPEND:auto_events", "");
        Api appender = admin.withToken(Api.json(created).get("token").asText());
        assertThat(appender.post("/v0/events?name=auto_other", "{\"a\":1}\n").statusCode()).isIn(403, 404);
        assertThat(appender.post("/v0/events?name=auto_events&wait=true",
                "{\"ts\":\"2024-01-01 10:00:02\",\"user\":{\"id\":1,\"name\":\"c\"},\"tags\":[]}\n").statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentEventsAreAllWrittenExactlyOnce() throws Exception {
        assertThat(admin.post("/v0/datasources?name=gc_events&schema=" + Api.encode("id Int64 `json:$.id`, c String `json:$.c`"),
                "").statusCode()).isEqualTo(200);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> answers = new ArrayList<>();
        int clients = 16;
        int requests = 20;
        int rows = 25;
        for (int client = 0; client < clients; client++) {
            int c = client;
            answers.add(pool.submit(() -> {
                int ok = 0;
                for (int r = 0; r < requests; r++) {
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < rows; i++) {
                        long id = ((long) c * requests + r) * rows + i;
                        body.append("{\"id\":").append(id).append(",\"c\":\"x\"}\n");
                    }
                    body.append("{\"id\":\"bad-").append(c).append('-').append(r).append("\",\"c\":\"x\"}\n");
                    boolean wait = r % 2 == 0;
                    HttpResponse<String> response = admin.post("/v0/events?name=gc_events&wait=" + wait, body.toString());
                    if (response.statusCode() == (wait ? 200 : 202)) {
                        ok++;
                    }
                }
                return ok;
            }));
        }
        int ok = 0;
        for (Future<Integer> answer : answers) {
            ok += answer.get();
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(clients * requests);
        long expected = (long) clients * requests * rows;
        long deadline = System.currentTimeMillis() + 10_000;
        while (count("SELECT count() AS c FROM gc_events") < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count("SELECT count() AS c FROM gc_events")).isEqualTo(expected);
        assertThat(count("SELECT uniqExact(id) AS c FROM gc_events")).isEqualTo(expected);
        assertThat(count("SELECT max(id) AS c FROM gc_events")).isEqualTo(expected - 1);
        while (count("SELECT count() AS c FROM gc_events_quarantine") < clients * requests
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // wait=false rows: the quarantine part follows the batch's part
        }
        // each request's bad row is quarantined once, under that request's own import id, though requests that
        // were committed together share their quarantine part
        assertThat(count("SELECT count() AS c FROM gc_events_quarantine")).isEqualTo(clients * requests);
        assertThat(count("SELECT uniqExact(id) AS c FROM gc_events_quarantine")).isEqualTo(clients * requests);
        assertThat(count("SELECT uniqExact(c__import_id) AS c FROM gc_events_quarantine")).isEqualTo(clients * requests);
    }

    @Test
    void retriedEventsAreDeduplicated() throws InterruptedException {
        assertThat(admin.post("/v0/datasources?name=dd_events&schema=" + Api.encode("id Int64 `json:$.id`"), "")
                .statusCode()).isEqualTo(200);
        String body = "{\"id\":1}\n{\"id\":2}\n";
        assertThat(admin.post("/v0/events?name=dd_events&wait=true", body).statusCode()).isEqualTo(200);
        HttpResponse<String> retry = admin.post("/v0/events?name=dd_events&wait=true", body);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(Api.json(retry).get("successful_rows").asLong()).isEqualTo(2);
        assertThat(count("SELECT count() AS c FROM dd_events")).isEqualTo(2);

        HttpRequest keyed = admin.request("/v0/events?name=dd_events").header("Idempotency-Key", "batch-42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":3}\n")).build();
        assertThat(admin.send(keyed).statusCode()).isEqualTo(202);
        assertThat(admin.send(keyed).statusCode()).isEqualTo(202);
        assertThat(admin.post("/v0/events?name=dd_events&wait=true&idempotency_key=batch-42", "{\"id\":3}\n")
                .statusCode()).isEqualTo(200);
        long deadline = System.currentTimeMillis() + 5_000;
        while (count("SELECT count() AS c FROM dd_events") < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count("SELECT count() AS c FROM dd_events")).isEqualTo(3);
    }

    @Test
    void aBodyResentAfterATruncateOrAWholeReplaceIsWrittenAgain() {
        assertThat(admin.post("/v0/datasources?name=again_events&schema=" + Api.encode("id Int64 `json:$.id`"), "")
                .statusCode()).isEqualTo(200);
        String body = "{\"id\":1}\n{\"id\":2}\n";
        assertThat(admin.post("/v0/events?name=again_events&wait=true", body).statusCode()).isEqualTo(200);
        assertThat(admin.post("/v0/datasources/again_events/truncate", "").statusCode()).isEqualTo(200);
        assertThat(count("SELECT count() AS c FROM again_events")).isZero();

        HttpResponse<String> resent = admin.post("/v0/events?name=again_events&wait=true", body);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        assertThat(count("SELECT count() AS c FROM again_events")).isEqualTo(2);
        // still a retry until the rows are reset again
        assertThat(admin.post("/v0/events?name=again_events&wait=true", body).statusCode()).isEqualTo(200);
        assertThat(count("SELECT count() AS c FROM again_events")).isEqualTo(2);

        HttpResponse<String> replaced = admin.post("/v0/datasources?name=again_events&mode=replace", "7\n");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(admin.post("/v0/events?name=again_events&wait=true", body).statusCode()).isEqualTo(200);
        assertThat(count("SELECT sum(id) AS c FROM again_events")).isEqualTo(10);
    }

    @Test
    void aSmallBodySentWholeOrChunkedIsReadTheSameWay() {
        // A body that arrives with its headers is parsed on the HTTP thread; a chunked one is streamed to the parser.
        String body = "{\"id\":1,\"s\":\"a\\u00e9\"}\n{\"id\":\"x\"}\nnot json\n{\"s\":\"b\",\"id\":4}";
        for (String name : List.of("whole_events", "chunked_events")) {
            assertThat(admin.post("/v0/datasources?name=" + name + "&schema="
                    + Api.encode("id Int64 `json:$.id`, s String `json:$.s`"), "").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> whole = admin.post("/v0/events?name=whole_events&wait=true", body);
        HttpRequest chunked = admin.request("/v0/events?name=chunked_events&wait=true").POST(
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        body.getBytes(StandardCharsets.UTF_8)))).build();
        HttpResponse<String> streamed = admin.send(chunked);
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(Api.json(whole)).isEqualTo(Api.json(streamed));
        assertThat(Api.json(whole).get("successful_rows").asLong()).isEqualTo(2);
        assertThat(Api.json(whole).get("quarantined_rows").asLong()).isEqualTo(1);
        for (String name : List.of("whole_events", "chunked_events")) {
            JsonNode rows = admin.query("SELECT id, s FROM " + name + " ORDER BY id").get("data");
            assertThat(rows.toString()).isEqualTo("[{\"id\":1,\"s\":\"aé\"},{\"id\":4,\"s\":\"b\"}]");
            assertThat(count("SELECT count() AS c FROM " + name + "_quarantine")).isEqualTo(1);
        }
    }

    @Test
    void badEventsKeepTheGoodRowsAndOversizedBodiesAreRefused() {
        assertThat(admin.post("/v0/datasources?name=bad_events&schema=" + Api.encode("id Int64 `json:$.id`"), "")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> response = admin.post("/v0/events?name=bad_events&wait=true",
                "{\"id\":1}\n{\"id\":\"nope\"}\n{broken json\n{\"id\":4}\n");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = Api.json(response);
        assertThat(json.get("successful_rows").asLong()).isEqualTo(2);
        assertThat(json.get("quarantined_rows").asLong()).isEqualTo(1);
        assertThat(json.get("invalid_lines").asLong()).isEqualTo(1);
        assertThat(count("SELECT count() AS c FROM bad_events")).isEqualTo(2);
        assertThat(count("SELECT count() AS c FROM bad_events_quarantine")).isEqualTo(1);
        assertThat(admin.post("/v0/events?wait=true", "{\"id\":1}\n").statusCode()).isEqualTo(400);
        String big = "{\"id\":1}\n".repeat(11 * 1024 * 1024 / 9 + 1);
        assertThat(admin.postExpectingContinue("/v0/events?name=bad_events", big).statusCode()).isEqualTo(413);
    }

    @Test
    void createFromACsvBodyGuessesTheSchemaAndAppends() {
        HttpResponse<String> response = admin.post("/v0/datasources?name=guessed_csv&mode=create",
                "Event Time,amount,label\n2024-01-01 00:00:00,1.5,a\n2024-01-02 00:00:00,3,b\n2024-01-03 00:00:00,2,c\n");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"quarantine_rows\":0");
        assertThat(count("SELECT count() AS c FROM guessed_csv WHERE amount > 1.6")).isEqualTo(2);
        // later rows that do not fit the guessed types go to the quarantine
        HttpResponse<String> appended = admin.post("/v0/datasources?name=guessed_csv&mode=append",
                "2024-01-04 00:00:00,oops,d\n2024-01-05 00:00:00,4,e\n");
        assertThat(appended.body()).contains("\"quarantine_rows\":1");
        assertThat(count("SELECT count() AS c FROM guessed_csv")).isEqualTo(4);
        assertThat(Api.json(admin.get("/v0/datasources/guessed_csv")).toString()).contains("event_time");

        HttpResponse<String> ndjson = admin.postMultipart("/v0/datasources?name=guessed_nd", "ndjson", "rows.ndjson",
                "{\"a\":{\"b\":1}}\n{\"a\":{\"b\":2}}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        assertThat(count("SELECT sum(a_b) AS c FROM guessed_nd")).isEqualTo(3);
    }

    @Test
    void analyzeAnswersColumnsSchemaAndPreview() {
        HttpResponse<String> response = admin.postMultipart("/v0/analyze", "ndjson", "sample.ndjson",
                "{\"n\":{\"f\":\"x\"},\"arr\":[1,2],\"maybe\":1}\n{\"n\":{\"f\":\"y\"},\"arr\":[3]}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = Api.json(response);
        JsonNode columns = json.get("analysis").get("columns");
        assertThat(columns.get(0).get("name").asText()).isEqualTo("n_f");
        assertThat(columns.get(0).get("path").asText()).isEqualTo("$.n.f");
        assertThat(columns.get(1).get("recommended_type").asText()).isEqualTo("Array(Int16)");
        assertThat(columns.get(2).get("recommended_type").asText()).isEqualTo("Nullable(Int16)");
        assertThat(columns.get(2).get("present_pct").asDouble()).isEqualTo(0.5);
        assertThat(json.get("analysis").get("schema").asText()).contains("arr Array(Int16) `json:$.arr[:]`");
        assertThat(json.get("preview").get("rows").asInt()).isEqualTo(2);
        assertThat(json.get("preview").get("data").get(0).get("arr").toString()).isEqualTo("[1,2]");
        assertThat(json.get("preview").get("meta").get(0).get("type").asText()).isEqualTo("String");

        served = "id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> fromUrl = admin.post("/v0/analyze?url=" + Api.encode(fileUrl("x.csv")), "");
        assertThat(fromUrl.statusCode()).as(fromUrl.body()).isEqualTo(200);
        assertThat(Api.json(fromUrl).get("analysis").get("schema").asText()).isEqualTo("id Int16, name String");
    }

    @Test
    void urlImportsRunAsJobs() throws Exception {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        served = Api.gzip(csv.toString());
        HttpResponse<String> response = admin.post("/v0/datasources?name=from_url&mode=create&url="
                + Api.encode(fileUrl("people.csv.gz")), "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = Api.json(response);
        String id = json.get("id").asText();
        assertThat(json.get("job_id").asText()).isEqualTo(id);
        assertThat(json.get("import_id").asText()).isEqualTo(id);
        assertThat(json.get("job").get("kind").asText()).isEqualTo("import");
        assertThat(json.get("job").get("status").asText()).isIn("waiting", "working", "done");
        JsonNode job = awaitJob(id);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("statistics").get("row_count").asLong()).isEqualTo(1000);
        assertThat(job.get("quarantine_rows").asLong()).isZero();
        assertThat(count("SELECT count() AS c FROM from_url")).isEqualTo(1000);

        served = "{\"id\":5000,\"name\":\"z\"}\n{\"id\":\"bad\",\"name\":\"y\"}\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ndjson = admin.post("/v0/datasources?name=from_url&mode=append&format=ndjson&url="
                + Api.encode(fileUrl("more.ndjson")), "");
        JsonNode appended = awaitJob(Api.json(ndjson).get("id").asText());
        assertThat(appended.get("status").asText()).isEqualTo("done");
        assertThat(appended.get("quarantine_rows").asLong()).isEqualTo(1);
        assertThat(count("SELECT count() AS c FROM from_url")).isEqualTo(1001);

        served = "7,seven\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> replaced = admin.post("/v0/datasources?name=from_url&mode=replace&url="
                + Api.encode(fileUrl("only.csv")), "");
        assertThat(awaitJob(Api.json(replaced).get("id").asText()).get("status").asText()).isEqualTo("done");
        assertThat(count("SELECT count() AS c FROM from_url")).isEqualTo(1);

        // an unreachable file: the job is created and fails saying why (Tinybird's behaviour)
        HttpResponse<String> missing = admin.post("/v0/datasources?name=from_url&mode=append&url="
                + Api.encode(fileUrl("missing.csv")), "");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(200);
        JsonNode failed = awaitJob(Api.json(missing).get("id").asText());
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText()).contains("404");
    }

    private static JsonNode awaitJob(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode job;
        do {
            job = Api.json(admin.get("/v0/jobs/" + id));
            if (job.get("status").asText().equals("done") || job.get("status").asText().equals("error")) {
                return job;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return job;
    }
}
