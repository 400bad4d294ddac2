package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.cli.support.Cli;
import io.starling.cli.support.FakeApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code starling datasource ...} against a fake Data Sources API. */
class DatasourceCommandTest {
    private static final String LIST = "{\"datasources\":[{\"id\":\"t_1\",\"name\":\"events\",\"created_at\":\"2024-01-01 00:00:00\","
            + "\"updated_at\":\"2024-01-02 00:00:00\",\"statistics\":{\"bytes\":2048,\"row_count\":42}},"
            + "{\"id\":\"t_2\",\"name\":\"orders\",\"created_at\":\"2024-01-03 00:00:00\",\"updated_at\":\"2024-01-03 00:00:00\","
            + "\"statistics\":null}]}";
    private static final String APPENDED = "{\"id\":\"imp\",\"import_id\":\"imp\",\"datasource\":{\"name\":\"events\"},"
            + "\"error\":false,\"quarantine_rows\":0,\"invalid_lines\":0}";

    @TempDir
    Path dir;
    private FakeApi api;
    private Cli cli;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
        cli = new Cli(dir).env("TB_HOST", api.url()).env("TB_TOKEN", "admin");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void lsPrintsATableAndMatchFilters() {
        api.on("GET /v0/datasources", 200, LIST);

        Cli.Result all = cli.run("datasource", "ls");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("| name   | row_count | size   | created_at", "| events | 42        | 2.0 KB |",
                "| orders |");

        Cli.Result matched = cli.run("datasource", "ls", "--match", "^ord");
        assertThat(matched.out()).contains("orders").doesNotContain("events");
    }

    @Test
    void lsWithJsonOrCsvOutput() {
        api.on("GET /v0/datasources", 200, LIST);

        assertThat(cli.run("--output", "json", "datasource", "ls").out()).contains("\"name\" : \"events\"");
        assertThat(cli.run("datasource", "ls", "--output", "csv").out())
                .startsWith("name,row_count,size,created_at,updated_at\nevents,42,2.0 KB,");
    }

    @Test
    void appendUploadsTheFileAsAMultipartPartNamedByItsFormat() throws IOException {
        api.on("POST /v0/datasources", 200, APPENDED);
        Path file = Files.writeString(dir.resolve("rows.csv"), "2024-01-01 00:00:00,alice\n2024-01-02 00:00:00,bob\n");

        Cli.Result result = cli.run("datasource", "append", "events", "rows.csv");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("Importing data to events...", "✓ Rows appended!");
        FakeApi.Request request = api.last("POST /v0/datasources");
        assertThat(request.header("Authorization")).isEqualTo("Bearer admin");
        assertThat(request.param("mode")).isEqualTo("append");
        assertThat(request.param("name")).isEqualTo("events");
        assertThat(request.param("format")).isEqualTo("csv");
        String contentType = request.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        assertThat(request.bodyText())
                .startsWith("--" + boundary + "\r\n")
                .contains("Content-Disposition: form-data; name=\"csv\"; filename=\"rows.csv\"\r\n")
                .contains("\r\n\r\n" + Files.readString(file) + "\r\n--" + boundary + "--\r\n");
        assertThat(Long.parseLong(request.header("Content-Length"))).isEqualTo(request.body().length);
    }

    @Test
    void anInteractiveUploadShowsProgressAndNdjsonFilesUseTheNdjsonPart() throws IOException {
        api.on("POST /v0/datasources", 200, APPENDED);
        Files.writeString(dir.resolve("rows.ndjson"), "{\"a\":1}\n".repeat(1000));

        Cli.Result result = new Cli(dir).env("TB_HOST", api.url()).env("TB_TOKEN", "admin").interactive("")
                .run("datasource", "append", "events", "--file", "rows.ndjson");

        assertThat(result.exit()).isZero();
        assertThat(result.err()).contains("Uploading rows.ndjson: 100%");
        assertThat(api.last("POST /v0/datasources").bodyText()).contains("name=\"ndjson\"; filename=\"rows.ndjson\"");
    }

    @Test
    void quarantinedRowsFailTheAppend() throws IOException {
        api.on("POST /v0/datasources", 200, "{\"id\":\"i\",\"error\":\"There was an error with file contents: 2 rows in "
                + "quarantine\",\"quarantine_rows\":2}");
        Files.writeString(dir.resolve("rows.csv"), "x\n");

        Cli.Result result = cli.run("datasource", "append", "events", "rows.csv");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("2 rows in quarantine");
    }

    @Test
    void aUrlBecomesAnImportJobThatIsAwaited() {
        api.on("POST /v0/datasources", 200, "{\"id\":\"j1\",\"job_id\":\"j1\",\"status\":\"waiting\"}");
        api.on("GET /v0/jobs/j1", 200, "{\"id\":\"j1\",\"kind\":\"import\",\"status\":\"done\"}");

        Cli.Result result = cli.run("datasource", "replace", "events", "https://example.com/data.ndjson",
                "--sql-condition", "day = '2024-01-01'");

        assertThat(result.exit()).isZero();
        FakeApi.Request request = api.last("POST /v0/datasources");
        assertThat(request.param("mode")).isEqualTo("replace");
        assertThat(request.param("url")).isEqualTo("https://example.com/data.ndjson");
        assertThat(request.param("format")).isEqualTo("ndjson");
        assertThat(request.param("replace_condition")).isEqualTo("day = '2024-01-01'");
        assertThat(result.out()).contains("Job j1: done", "✓ Data replaced!");
    }

    @Test
    void eventsGoThroughTheEventsApi() {
        api.on("POST /v0/events", 200, "{\"successful_rows\":2,\"quarantined_rows\":0}");

        Cli.Result result = cli.run("datasource", "append", "events", "--events", "{\"a\":1}\n{\"a\":2}");

        assertThat(result.exit()).isZero();
        FakeApi.Request request = api.last("POST /v0/events");
        assertThat(request.param("name")).isEqualTo("events");
        assertThat(request.param("wait")).isEqualTo("true");
        assertThat(request.bodyText()).isEqualTo("{\"a\":1}\n{\"a\":2}\n");
        assertThat(result.out()).contains("✓ Rows appended: 2");
    }

    @Test
    void truncateNeedsConfirmationAndRmDropsTheDataSource() {
        api.on("POST /v0/datasources/events/truncate", 200, "{}");
        api.on("DELETE /v0/datasources/events", 204, "");

        Cli.Result refused = cli.run("datasource", "truncate", "events");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");
        assertThat(api.requests()).isEmpty();

        Cli.Result confirmed = new Cli(dir).env("TB_HOST", api.url()).env("TB_TOKEN", "admin").interactive("y\n")
                .run("datasource", "truncate", "events");
        assertThat(confirmed.exit()).isZero();
        assertThat(confirmed.out()).contains("** Data Source 'events' truncated");

        Cli.Result removed = cli.run("datasource", "rm", "events", "--yes");
        assertThat(removed.exit()).isZero();
        assertThat(api.last("DELETE /v0/datasources/events").header("Authorization")).isEqualTo("Bearer admin");
    }

    @Test
    void deleteSendsTheConditionAndWaitsForTheJob() {
        api.on("POST /v0/datasources/events/delete", 200, "{\"id\":\"d1\",\"job_id\":\"d1\",\"status\":\"waiting\"}");
        api.on("GET /v0/jobs/d1", 200, "{\"id\":\"d1\",\"status\":\"done\"}");

        Cli.Result result = cli.run("datasource", "delete", "events", "--sql-condition", "user = 'bob'", "--yes", "--wait");

        assertThat(result.exit()).isZero();
        assertThat(api.last("POST /v0/datasources/events/delete").form().get("delete_condition"))
                .containsExactly("user = 'bob'");
        assertThat(result.out()).contains("** Delete job d1 started", "** Rows deleted from 'events'");
    }

    @Test
    void analyzeShowsColumnsAndSchema() throws IOException {
        api.on("POST /v0/analyze", 200, "{\"analysis\":{\"columns\":[{\"path\":\"$.a\",\"recommended_type\":\"Int16\","
                + "\"present_pct\":1,\"name\":\"a\"},{\"path\":\"$.b\",\"recommended_type\":\"String\",\"present_pct\":0.5,"
                + "\"name\":\"b\"}],\"schema\":\"a Int16 `json:$.a`, b Nullable(String) `json:$.b`\"}}");
        Files.writeString(dir.resolve("t.ndjson"), "{\"a\":1,\"b\":\"x\"}\n{\"a\":2}\n");

        Cli.Result result = cli.run("datasource", "analyze", "t.ndjson");

        assertThat(result.exit()).isZero();
        assertThat(api.last("POST /v0/analyze").bodyText()).contains("name=\"ndjson\"; filename=\"t.ndjson\"");
        assertThat(result.out()).contains("| a    | Int16  | false    |", "| b    | String | true     |",
                "SCHEMA >", "a Int16 `json:$.a`");
    }
}
