package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.cli.support.Cli;
import io.starling.cli.support.FakeApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build, deploy and deployment against fakes of /v1/build, /v1/deploy and /v1/deployments. */
class DeployCommandTest {
    private static final String DATASOURCE = "SCHEMA >\n    `user` String `json:$.user`,\n    `n` UInt32 `json:$.n`\n\n"
            + "ENGINE MergeTree\nENGINE_SORTING_KEY user\n";
    private static final String PIPE = "NODE top\nSQL >\n    SELECT user, sum(n) AS n FROM events GROUP BY user\n"
            + "TYPE endpoint\n";

    @TempDir
    Path dir;
    private FakeApi api;
    private Cli cli;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
        cli = new Cli(dir).env("TB_HOST", api.url()).env("TB_TOKEN", "admin");
        Files.createDirectories(dir.resolve("datasources"));
        Files.createDirectories(dir.resolve("endpoints"));
        Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(dir.resolve("datasources/events.datasource"), DATASOURCE);
        Files.writeString(dir.resolve("endpoints/top.pipe"), PIPE);
        Files.writeString(dir.resolve("fixtures/events.ndjson"), "{\"user\":\"a\",\"n\":1}\n");
        Files.writeString(dir.resolve("fixtures/other.ndjson"), "{}\n");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void deployCheckSendsEveryDatafileAndPrintsTheChanges() {
        api.on("POST /v1/deploy", 200, "{\"result\":\"success\",\"deployment\":{\"id\":5,\"status\":\"calculating\","
                + "\"new_datasource_names\":[\"events\"],\"changed_pipe_names\":[\"top\"]}}");

        Cli.Result result = cli.run("deploy", "--check");

        assertThat(result.exit()).isZero();
        FakeApi.Request request = api.last("POST /v1/deploy");
        assertThat(request.param("check")).isEqualTo("true");
        assertThat(request.param("allow_destructive_operations")).isNull();
        assertThat(request.header("Authorization")).isEqualTo("Bearer admin");
        assertThat(request.bodyText())
                .contains("Content-Disposition: form-data; name=\"data_project://\"; filename=\"events.datasource\"\r\n"
                        + "Content-Type: text/plain\r\n\r\n" + DATASOURCE)
                .contains("name=\"data_project://\"; filename=\"top.pipe\"");
        assertThat(result.out()).contains("» Validating deployment...", "» Changes to be deployed...",
                "| new      | events | datasources/events.datasource |", "| modified | top    | endpoints/top.pipe            |",
                "✓ Deployment is valid");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void deployWaitsUntilReadyThenPromotes() {
        AtomicInteger polls = new AtomicInteger();
        api.on("POST /v1/deploy", 200, "{\"result\":\"success\",\"deployment\":{\"id\":7,\"status\":\"calculating\","
                + "\"new_datasource_names\":[\"events\"]}}");
        api.on("GET /v1/deployments/7", request -> new FakeApi.Answer(200, polls.incrementAndGet() < 2
                ? "{\"result\":\"success\",\"deployment\":{\"id\":7,\"status\":\"populating\"}}"
                : "{\"result\":\"success\",\"deployment\":{\"id\":7,\"status\":\"data_ready\"}}"));
        api.on("POST /v1/deployments/7/set-live", 200, "{}");

        Cli.Result result = cli.run("deploy", "--allow-destructive-operations");

        assertThat(result.exit()).isZero();
        assertThat(api.last("POST /v1/deploy").param("allow_destructive_operations")).isEqualTo("true");
        assertThat(api.last("POST /v1/deploy").param("check")).isNull();
        assertThat(polls.get()).isEqualTo(2);
        assertThat(result.out()).contains("✓ Deployment submitted successfully", "Deployment is ready",
                "Setting candidate deployment as live", "Deployment promoted successfully");
    }

    @Test
    void aFailedDeploymentPrintsTheErrorsAndExitsNonZero() {
        api.on("POST /v1/deploy", 400, "{\"result\":\"failed\",\"error\":\"Invalid project\",\"errors\":[{\"filename\":"
                + "\"top.pipe\",\"error\":\"Unknown table 'evnts'\"}]}");

        Cli.Result result = cli.run("deploy");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("top.pipe: Unknown table 'evnts'", "Deployment failed");
    }

    @Test
    void tokenChangesAreListedAfterTheResourceChanges() {
        api.on("POST /v1/deploy", 200, "{\"result\":\"success\",\"deployment\":{\"id\":3,\"status\":\"calculating\","
                + "\"new_token_names\":[\"reader\"],\"deleted_token_names\":[\"old\"],"
                + "\"deleted_connection_names\":[\"kafka_a\"]}}");

        Cli.Result result = cli.run("deploy", "--check");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("» Changes to be deployed...", "| deleted | kafka_a |",
                "» Changes in tokens to be deployed...", "| new     | reader |", "| deleted | old    |");
    }

    @Test
    void noChangesIsSaid() {
        api.on("POST /v1/deploy", 200, "{\"result\":\"no_changes\",\"deployment\":{}}");

        Cli.Result result = cli.run("deploy");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("* No changes to be deployed");
    }

    @Test
    void aServerWithoutDeploymentsSaysSo() {
        Cli.Result result = cli.run("deploy");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("This server does not support deployments (POST /v1/deploy) yet");
    }

    @Test
    void aBrokenDatafileStopsTheDeployBeforeCallingTheServer() throws IOException {
        Files.writeString(dir.resolve("datasources/bad.datasource"), "SCHEMA >\n    `a` NotAType\n");

        Cli.Result result = cli.run("deploy");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("datasources/bad.datasource");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void deploymentLsPromoteAndDiscardPickTheStagingDeployment() {
        api.on("GET /v1/deployments", 200, "{\"deployments\":[{\"id\":4,\"status\":\"live\",\"live\":true,"
                + "\"created_at\":\"2024-01-01\"},{\"id\":5,\"status\":\"data_ready\",\"live\":false,\"created_at\":\"2024-01-02\"},"
                + "{\"id\":3,\"status\":\"deleted\",\"live\":false}]}");
        api.on("POST /v1/deployments/5/set-live", 200, "{}");
        api.on("DELETE /v1/deployments/5", 200, "{}");

        assertThat(cli.run("deployment", "ls").out()).contains("| 4  | Live", "| 5  | Staging", "| 3  | Deleted");
        assertThat(cli.run("deployment", "promote").exit()).isZero();
        assertThat(api.last("POST /v1/deployments/5/set-live").header("Authorization")).isEqualTo("Bearer admin");
        Cli.Result discarded = cli.run("deployment", "discard");
        assertThat(discarded.exit()).isZero();
        assertThat(api.last("DELETE /v1/deployments/5")).isNotNull();
    }

    @Test
    void deploymentCreateDoesNotWaitOrPromoteByDefaultAndAutoNeedsWait() {
        api.on("POST /v1/deploy", 200, "{\"result\":\"success\",\"deployment\":{\"id\":9,\"status\":\"calculating\"}}");

        Cli.Result created = cli.run("deployment", "create");
        assertThat(created.exit()).isZero();
        assertThat(created.out()).contains("Deployment 9 is being created");
        assertThat(api.requests()).hasSize(1);

        Cli.Result auto = cli.run("deployment", "create", "--auto");
        assertThat(auto.exit()).isEqualTo(2);
        assertThat(auto.err()).contains("--auto only works with --wait");
    }

    @Test
    void buildSendsTheProjectAndAppendsMatchingFixtures() {
        api.on("POST /v1/build", 200, "{\"result\":\"success\",\"build\":{\"id\":\"b1\",\"new_datasource_names\":"
                + "[\"events\"],\"new_pipe_names\":[\"top\"]}}");
        api.on("POST /v0/datasources", 200, "{\"id\":\"i\",\"error\":false}");

        Cli.Result result = cli.run("build");

        assertThat(result.exit()).isZero();
        assertThat(api.last("POST /v1/build").bodyText()).contains("filename=\"events.datasource\"", "filename=\"top.pipe\"");
        FakeApi.Request fixture = api.last("POST /v0/datasources");
        assertThat(fixture.param("name")).isEqualTo("events");
        assertThat(fixture.param("mode")).isEqualTo("append");
        assertThat(fixture.bodyText()).contains("{\"user\":\"a\",\"n\":1}");
        assertThat(api.requests()).hasSize(2);
        assertThat(result.out()).contains("✓ datasources/events.datasource created", "✓ endpoints/top.pipe created",
                "✓ fixtures/events.ndjson appended to events", "Build completed in");
    }

    @Test
    void buildCheckOnlyParsesLocally() {
        Cli.Result result = cli.run("build", "--check");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("✓ 2 datafiles are valid");
        assertThat(api.requests()).isEmpty();
    }
}
