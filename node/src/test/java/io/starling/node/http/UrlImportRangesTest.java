package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * URL imports of files larger than one download range ({@link UrlDownload#CHUNK_BYTES}) from a server that
 * supports ranges: the file is fetched in parallel ranges and imported whole; a range that keeps failing fails
 * the import job (CSV: while streaming inside the job; Parquet: while spooling, before the job's rows).
 */
class UrlImportRangesTest {
    private static final String TOKEN = "url-ranges-admin-token";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api admin;
    static HttpServer files;
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static byte[] csv;
    static int rows;

    @BeforeAll
    static void start() throws IOException {
        StringBuilder text = new StringBuilder("id,name\n");
        while (text.length() < UrlDownload.CHUNK_BYTES * 5 / 2) {
            text.append(rows).append(",name-").append(rows % 997).append('\n');
            rows++;
        }
        csv = text.toString().getBytes(StandardCharsets.UTF_8);
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        admin = new Api(node.httpPort(), TOKEN);
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.setExecutor(Executors.newCachedThreadPool());
        files.createContext("/", UrlImportRangesTest::serve);
        files.start();
    }

    @AfterAll
    static void stop() {
        files.stop(0);
        admin.close();
        node.stop();
    }

    /** Serves {@link #csv} with ranges; under /broken/ every range past the first answers 500. */
    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(path + " " + range);
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            if (matcher == null || !matcher.matches()) {
                exchange.sendResponseHeaders(200, csv.length);
                exchange.getResponseBody().write(csv);
                return;
            }
            long start = Long.parseLong(matcher.group(1));
            long end = Math.min(Long.parseLong(matcher.group(2)), csv.length - 1);
            if (path.startsWith("/broken/") && start > 0) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + csv.length);
            exchange.sendResponseHeaders(206, end - start + 1);
            exchange.getResponseBody().write(csv, (int) start, (int) (end - start + 1));
        }
    }

    private static String url(String path) {
        return Api.encode("http://127.0.0.1:" + files.getAddress().getPort() + path);
    }

    private static JsonNode awaitJob(HttpResponse<String> started) throws InterruptedException {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = Api.json(started).get("id").asText();
        long deadline = System.currentTimeMillis() + 60_000;
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

    @Test
    void aLargeFileIsImportedFromParallelRanges() throws Exception {
        JsonNode job = awaitJob(admin.post("/v0/datasources?name=ranged&mode=create&schema="
                + Api.encode("id Int64, name String") + "&url=" + url("/ok/people.csv"), ""));
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("statistics").get("row_count").asLong()).isEqualTo(rows);
        assertThat(admin.query("SELECT count() AS c, sum(id) AS s FROM ranged").get("data").get(0).get("s").asLong())
                .isEqualTo((long) rows * (rows - 1) / 2);
        assertThat(requests.stream().filter(request -> request.startsWith("/ok/people.csv bytes=")).count())
                .isEqualTo(3);
    }

    @Test
    void aRangeThatKeepsFailingFailsTheImportJob() throws Exception {
        JsonNode created = awaitJob(admin.post("/v0/datasources?name=broken_csv&mode=create&schema="
                + Api.encode("id Int64, name String") + "&url=" + url("/broken/people.csv"), ""));
        assertThat(created.get("status").asText()).as(created.toString()).isEqualTo("error");
        assertThat(created.get("error").asText()).contains("Cannot fetch").contains("HTTP 500");

        JsonNode parquet = awaitJob(admin.post("/v0/datasources?name=broken_parquet&mode=create&format=parquet&url="
                + url("/broken/people.parquet"), ""));
        assertThat(parquet.get("status").asText()).as(parquet.toString()).isEqualTo("error");
        assertThat(parquet.get("error").asText()).contains("Cannot fetch").contains("HTTP 500");
    }
}
