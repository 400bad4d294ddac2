package io.starling.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.chaos.harness.ApiClient;
import io.starling.chaos.harness.CliRunner;
import io.starling.chaos.harness.NodeProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden path of spec lifecycle §10 end to end, driven by the {@code starling} CLI against a node in its own JVM,
 * with a trimmed copy of a real Tinybird project (log-analytics starter kit, MIT): deploy, append the fixture, call
 * the endpoint, change a column type with a FORWARD_QUERY and deploy again (every row migrated, the endpoint still
 * answering, the backfill logged), run the project's tests green. A second test proves that a migration whose cast
 * fails leaves live data and endpoints exactly as they were.
 */
class GoldenPathTest {
    private static final String TOKEN = "golden-path-admin-token";
    private static final Path PROJECT = Path.of("src/test/resources/projects/log-analytics");
    private static final String ENDPOINT = "/v0/pipes/log_level_frequency_api.json?date_from=2024-03-01&date_to=2024-03-02";
    private static final String EXPECTED_ROWS = "[{\"hour\":\"2024-03-01 10:00:00\",\"log_level\":\"ERROR\",\"total\":1},"
            + "{\"hour\":\"2024-03-01 10:00:00\",\"log_level\":\"INFO\",\"total\":2},"
            + "{\"hour\":\"2024-03-01 11:00:00\",\"log_level\":\"INFO\",\"total\":1},"
            + "{\"hour\":\"2024-03-01 11:00:00\",\"log_level\":\"WARN\",\"total\":1}]";
    private static final String FORWARD = """

            FORWARD_QUERY >
                SELECT * EXCEPT 'contentlength', toUInt32(contentlength) AS contentlength
            """;

    @TempDir
    Path workDir;

    @Test
    void deployAppendQueryEvolveWithAForwardQueryAndRunTheTests() throws Exception {
        Path project = copyProject();
        try (NodeProcess node = NodeProcess.start(Files.createDirectories(workDir.resolve("data")),
                NodeProcess.freePort(), TOKEN);
             ApiClient api = new ApiClient(node.baseUrl(), TOKEN)) {
            CliRunner cli = new CliRunner(project, node.baseUrl(), TOKEN);

            CliRunner.Result valid = cli.run("build", "--check");
            assertThat(valid.exit()).as(valid.toString()).isZero();
            CliRunner.Result first = cli.run("deploy");
            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(first.out()).contains("» Changes to be deployed...", "datasources/logs.datasource",
                    "✓ Deployment submitted successfully", "Deployment is ready", "Deployment promoted successfully");
            assertThat(first.err()).contains("TOKEN app CREATE in logs.datasource is ignored");

            CliRunner.Result appended = cli.run("datasource", "append", "logs", "fixtures/logs.ndjson");
            assertThat(appended.exit()).as(appended.toString()).isZero();
            assertThat(endpoint(api)).isEqualTo(EXPECTED_ROWS);
            assertThat(api.queryTsv("SELECT count(), toTypeName(any(contentlength)) FROM logs")).isEqualTo("5\tString");

            // Evolve: contentlength String -> UInt32 with a FORWARD_QUERY.
            Path datafile = project.resolve("datasources/logs.datasource");
            Files.writeString(datafile, Files.readString(datafile).replace("`contentlength` String", "`contentlength` UInt32")
                    + FORWARD);
            CliRunner.Result check = cli.run("deploy", "--check");
            assertThat(check.exit()).as(check.toString()).isZero();
            assertThat(check.out()).contains("modified", "logs", "✓ Deployment is valid");
            CliRunner.Result second = cli.run("deploy");
            assertThat(second.exit()).as(second.toString()).isZero();
            assertThat(second.out()).contains("Deployment promoted successfully");

            assertThat(api.queryTsv("SELECT count(), sum(contentlength), toTypeName(any(contentlength)) FROM logs"))
                    .isEqualTo("5\t1000\tUInt32");
            assertThat(endpoint(api)).isEqualTo(EXPECTED_ROWS);
            assertThat(api.queryTsv("SELECT datasource_name, rows, result FROM tinybird.datasources_ops_log "
                    + "WHERE event_type = 'deployment_backfill'")).isEqualTo("logs\t5\tok");
            CliRunner.Result list = cli.run("deployment", "ls");
            assertThat(list.out()).contains("Live", "Deleted");

            CliRunner.Result tests = cli.run("test", "run");
            assertThat(tests.exit()).as(tests.toString()).isZero();
            assertThat(tests.out()).contains("» Building test environment", "✓ fixtures/logs.ndjson appended to logs",
                    "* log_level_frequency_api.yaml", "✓ levels_per_hour_on_march_first passed", "✓ 3/3 passed");
        }
    }

    @Test
    void aMigrationWithABadCastLeavesLiveDataAndEndpointsAsTheyWere() throws Exception {
        Path project = copyProject();
        try (NodeProcess node = NodeProcess.start(Files.createDirectories(workDir.resolve("data")),
                NodeProcess.freePort(), TOKEN);
             ApiClient api = new ApiClient(node.baseUrl(), TOKEN)) {
            CliRunner cli = new CliRunner(project, node.baseUrl(), TOKEN);
            assertThat(cli.run("deploy").exit()).isZero();
            assertThat(cli.run("datasource", "append", "logs", "fixtures/logs.ndjson").exit()).isZero();
            HttpResponse<String> bad = api.post("/v0/events?name=logs&wait=true", "{\"event_ts\":\"2024-03-02 09:00:00.000\","
                    + "\"ip_address\":\"10.0.0.9\",\"log_level\":\"INFO\",\"log_message\":\"GET /\",\"method\":\"GET\","
                    + "\"contentlength\":\"abc\"}\n");
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(200);
            String rowsBefore = api.queryTsv("SELECT * FROM logs ORDER BY event_ts");
            String schemaBefore = api.get("/v0/datasources/logs").body().replaceAll("\"(updated_at|last_commit|statistics)\":[^,]*,?", "");
            String endpointBefore = endpoint(api);
            String pipesBefore = api.get("/v0/pipes").body();

            Path datafile = project.resolve("datasources/logs.datasource");
            Files.writeString(datafile, Files.readString(datafile).replace("`contentlength` String", "`contentlength` UInt32")
                    + FORWARD);
            CliRunner.Result failed = cli.run("deploy");
            assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
            assertThat(failed.err()).contains("Deployment failed", "Error on datasource 'logs'",
                    "Error migrating data: Populate job", "failed, status: error", "Rolling back deployment",
                    "Previous deployment is already live");

            assertThat(api.queryTsv("SELECT * FROM logs ORDER BY event_ts")).isEqualTo(rowsBefore);
            assertThat(api.get("/v0/datasources/logs").body()
                    .replaceAll("\"(updated_at|last_commit|statistics)\":[^,]*,?", "")).isEqualTo(schemaBefore);
            assertThat(endpoint(api)).isEqualTo(endpointBefore);
            assertThat(api.get("/v0/pipes").body()).isEqualTo(pipesBefore);
            CliRunner.Result list = cli.run("deployment", "ls");
            assertThat(list.out()).contains("Live", "Failed");
            assertThat(api.queryTsv("SELECT result FROM tinybird.datasources_ops_log "
                    + "WHERE event_type = 'deployment_backfill'")).isEqualTo("error");
        }
    }

    private static String endpoint(ApiClient api) throws IOException, InterruptedException {
        HttpResponse<String> response = api.get(ENDPOINT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("data").toString();
    }

    private Path copyProject() throws IOException {
        Path target = workDir.resolve("project");
        try (Stream<Path> walk = Files.walk(PROJECT)) {
            for (Path source : walk.toList()) {
                Path destination = target.resolve(PROJECT.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        return target;
    }
}
