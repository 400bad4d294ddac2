package io.starling.node.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import io.starling.sql.format.parquet.ParquetColumns;
import io.starling.sql.format.parquet.ParquetFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet over HTTP: appends and create-from-file with Parquet bodies (raw with format=parquet, multipart
 * {@code parquet=@file}, URL imports of {@code .parquet}), values mapped by jsonpath with bad rows quarantined, and
 * Parquet output from {@code /v0/sql ... FORMAT Parquet} and {@code /v0/pipes/{name}.parquet}.
 */
class ParquetHttpTest {
    private static final String TOKEN = "parquet-http-token";
    private static final Path USERDATA = locate("shared/data/clickhouse-parquet/data_parquet/userdata1.parquet");

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api api;
    static HttpServer files;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        api = new Api(node.httpPort(), TOKEN);
        HttpResponse<String> built = new ProjectFiles()
                .add("users.datasource", """
                        SCHEMA >
                            `id` Int32 `json:$.id`,
                            `first` String `json:$.first_name`,
                            `country` LowCardinality(String) `json:$.country`,
                            `salary` Nullable(Float64) `json:$.salary`,
                            `registered` DateTime `json:$.registration_dttm`

                        ENGINE MergeTree
                        ENGINE_SORTING_KEY id
                        """)
                .add("replaced_users.datasource", """
                        SCHEMA >
                            `id` Int32 `json:$.id`,
                            `cc` Nullable(String) `json:$.cc`,
                            `birthdate` String `json:$.birthdate`

                        ENGINE MergeTree
                        ENGINE_SORTING_KEY id
                        """)
                .add("strict_users.datasource", """
                        SCHEMA >
                            `id` Int32 `json:$.id`,
                            `email_number` Int64 `json:$.email`

                        ENGINE MergeTree
                        ENGINE_SORTING_KEY id
                        """)
                .add("by_country.pipe", """
                        NODE by_country
                        SQL >
                            SELECT country, count() AS users, max(salary) AS top_salary, min(registered) AS first_seen
                            FROM users
                            GROUP BY country
                            ORDER BY users DESC, country
                            LIMIT 5

                        TYPE endpoint
                        """)
                .build(api);
        assertThat(built.statusCode()).as(built.body()).isEqualTo(200);
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", exchange -> {
            byte[] body = USERDATA == null ? new byte[0] : Files.readAllBytes(USERDATA);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        files.start();
    }

    @AfterAll
    static void stop() {
        files.stop(0);
        api.close();
        node.stop();
    }

    private static byte[] userdata() throws IOException {
        Assumptions.assumeTrue(USERDATA != null, "shared/data/clickhouse-parquet is not beside the work tree");
        return Files.readAllBytes(USERDATA);
    }

    private static HttpResponse<byte[]> bytes(String pathAndQuery) {
        try {
            return CLIENT.send(api.request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> postBytes(String pathAndQuery, byte[] body) {
        return api.send(api.request(pathAndQuery).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static long count(String sql) {
        return api.query(sql).get("data").get(0).get("c").asLong();
    }

    @Test
    void appendRawParquetMapsColumnsByJsonPathAndEndpointAnswersParquet() throws IOException {
        HttpResponse<String> appended = postBytes("/v0/datasources?mode=append&name=users&format=parquet", userdata());
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        JsonNode answer = Api.json(appended);
        assertThat(answer.get("error").asBoolean()).as(answer.toString()).isFalse();
        assertThat(answer.get("quarantine_rows").asLong()).isZero();
        assertThat(count("SELECT count() AS c FROM users")).isEqualTo(1000);
        JsonNode first = api.query("SELECT first, country, salary, toString(registered) AS registered FROM users "
                + "WHERE id = 1 LIMIT 1").get("data").get(0);
        assertThat(first.get("first").asText()).isEqualTo("Amanda");
        assertThat(first.get("country").asText()).isEqualTo("Indonesia");
        assertThat(first.get("salary").asDouble()).isEqualTo(49756.53);
        // INT96 1454486129 seconds = 2016-02-03 07:55:29 UTC
        assertThat(first.get("registered").asText()).isEqualTo("2016-02-03 07:55:29");

        HttpResponse<byte[]> endpoint = bytes("/v0/pipes/by_country.parquet");
        assertThat(endpoint.statusCode()).as(new String(endpoint.body())).isEqualTo(200);
        assertThat(endpoint.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/octet-stream");
        try (ParquetFile file = ParquetFile.of(endpoint.body())) {
            assertThat(file.rowCount()).isEqualTo(5);
            Map<String, String> types = file.guessColumns().stream()
                    .collect(Collectors.toMap(ParquetColumns.Column::name, ParquetColumns.Column::type));
            assertThat(types).containsEntry("country", "String").containsEntry("users", "UInt64")
                    .containsEntry("top_salary", "Nullable(Float64)").containsEntry("first_seen", "DateTime64(3)");
        }
    }

    @Test
    void rowsThatDoNotFitGoToQuarantine() throws IOException {
        HttpResponse<String> appended = api.postMultipart("/v0/datasources?mode=append&name=strict_users", "parquet",
                "userdata1.parquet", userdata());
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        JsonNode answer = Api.json(appended);
        assertThat(answer.get("quarantine_rows").asLong()).isEqualTo(1000);
        assertThat(count("SELECT count() AS c FROM strict_users")).isZero();
        assertThat(count("SELECT count() AS c FROM strict_users_quarantine")).isEqualTo(1000);
        // read column by column, quarantined as NDJSON would: the raw values and the reason, per row
        JsonNode bad = api.query("SELECT id, email_number, c__error_column, c__error FROM strict_users_quarantine "
                + "WHERE id = '1'").get("data").get(0);
        assertThat(bad.get("email_number").asText()).isEqualTo("ajordan0@com.com");
        assertThat(bad.get("c__error_column").toString()).contains("email_number");
        assertThat(bad.get("c__error").toString())
                .contains("value 'ajordan0@com.com' on column 'email_number' is not Int64");
    }

    @Test
    void replaceWithAParquetBody() throws IOException {
        HttpResponse<String> replaced = postBytes("/v0/datasources?mode=replace&name=replaced_users&format=parquet",
                userdata());
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(count("SELECT count() AS c FROM replaced_users")).isEqualTo(1000);
        HttpResponse<String> again = postBytes("/v0/datasources?mode=replace&name=replaced_users&format=parquet",
                userdata());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(count("SELECT count() AS c FROM replaced_users")).isEqualTo(1000);
        assertThat(count("SELECT uniqExact(id) AS c FROM replaced_users")).isEqualTo(1000);
    }

    @Test
    void createFromAParquetFileGuessesTheSchema() throws IOException {
        HttpResponse<String> created = api.postMultipart("/v0/datasources?name=guessed_users", "file",
                "userdata1.parquet", userdata());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode dataSource = Api.json(api.get("/v0/datasources/guessed_users"));
        assertThat(dataSource.get("type").asText()).isEqualTo("parquet");
        assertThat(dataSource.toString()).contains("Nullable(DateTime64(9))", "\"jsonpath\":\"$.registration_dttm\"");
        assertThat(count("SELECT count() AS c FROM guessed_users")).isEqualTo(1000);
        JsonNode row = api.query("SELECT first_name, toString(registration_dttm) AS at FROM guessed_users "
                + "WHERE id = 2").get("data").get(0);
        assertThat(row.get("first_name").asText()).isEqualTo("Albert");
        assertThat(row.get("at").asText()).startsWith("2016-02-03 17:04:03");
    }

    @Test
    void urlImportOfAParquetFile() throws IOException {
        userdata();
        String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/data/userdata1.parquet";
        HttpResponse<String> started = api.post("/v0/datasources?mode=create&name=url_users&url=" + Api.encode(url), "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode job = awaitJob(Api.json(started).get("id").asText());
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(count("SELECT count() AS c FROM url_users")).isEqualTo(1000);
    }

    @Test
    void sqlFormatParquet() throws IOException {
        HttpResponse<byte[]> response = bytes("/v0/sql?q=" + Api.encode(
                "SELECT number AS n, toString(number) AS s, [number, 1] AS a FROM numbers(3) FORMAT Parquet"));
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        try (ParquetFile file = ParquetFile.of(response.body())) {
            assertThat(file.rowCount()).isEqualTo(3);
            assertThat(file.guessColumns()).extracting(ParquetColumns.Column::type)
                    .containsExactly("UInt64", "String", "Array(UInt64)");
        }
    }

    @Test
    void aBodyThatIsNotParquetIsRefused() {
        HttpResponse<String> refused = api.post("/v0/datasources?mode=append&name=users&format=parquet", "a,b\n1,2\n");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("not a Parquet file");
    }

    private static JsonNode awaitJob(String id) {
        JsonNode job = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            job = Api.json(api.get("/v0/jobs/" + id));
            String status = job.get("status").asText();
            if (status.equals("done") || status.equals("error")) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return job;
    }

    private static Path locate(String relative) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            for (Path candidate : List.of(directory.resolve(relative), directory.resolve("..").resolve(relative))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate.normalize();
                }
            }
            directory = directory.getParent();
        }
        return null;
    }
}
