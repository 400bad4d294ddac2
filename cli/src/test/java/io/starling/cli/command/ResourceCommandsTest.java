package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.cli.support.Cli;
import io.starling.cli.support.FakeApi;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pipe, endpoint, token, job and copy commands, and how API failures are explained. */
class ResourceCommandsTest {
    private static final String PIPES = "{\"pipes\":[{\"name\":\"top_users\",\"type\":\"endpoint\",\"nodes\":[{},{}],"
            + "\"updated_at\":\"2024-01-01 00:00:00\"},{\"name\":\"daily_copy\",\"type\":\"copy\",\"nodes\":[{}]},"
            + "{\"name\":\"helper\",\"endpoint\":null,\"nodes\":[{}]}]}";

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
    void pipeLsListsEveryPipeAndEndpointLsOnlyEndpoints() {
        api.on("GET /v0/pipes", 200, PIPES);

        Cli.Result pipes = cli.run("pipe", "ls");
        assertThat(pipes.out()).contains("| top_users  | endpoint | 2", "| daily_copy | copy", "| helper     | default");

        Cli.Result endpoints = cli.run("endpoint", "ls");
        assertThat(endpoints.out()).contains("top_users").doesNotContain("daily_copy").doesNotContain("helper");

        assertThat(cli.run("copy", "ls").out()).contains("daily_copy").doesNotContain("top_users");
    }

    @Test
    void endpointDataPassesParametersAndPrintsRows() {
        api.on("GET /v0/pipes/top_users.json", 200, "{\"meta\":[{\"name\":\"user\",\"type\":\"String\"}],"
                + "\"data\":[{\"user\":\"alice\"}],\"rows\":1}");
        api.on("GET /v0/pipes/top_users.csv", 200, "\"user\"\n\"alice\"\n");

        Cli.Result table = cli.run("endpoint", "data", "top_users", "--param", "limit=5", "--param", "zone=JFK Airport");
        assertThat(table.exit()).isZero();
        FakeApi.Request request = api.last("GET /v0/pipes/top_users.json");
        assertThat(request.param("limit")).isEqualTo("5");
        assertThat(request.param("zone")).isEqualTo("JFK Airport");
        assertThat(table.out()).contains("| user   |", "| alice  |");

        assertThat(cli.run("endpoint", "data", "top_users", "--format", "csv").out()).isEqualTo("\"user\"\n\"alice\"\n");
    }

    @Test
    void endpointUrlIsBuiltFromTheHost() {
        Cli.Result result = cli.run("endpoint", "url", "top_users", "--with-token");

        assertThat(result.out().strip()).isEqualTo(api.url() + "/v0/pipes/top_users.json?token=admin");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void tokenLsAndCreateStatic() {
        api.on("GET /v0/tokens", 200, "{\"tokens\":[{\"name\":\"admin token\",\"token\":\"p.abc\",\"scopes\":"
                + "[{\"type\":\"ADMIN\"}]},{\"name\":\"reader\",\"token\":\"p.def\",\"scopes\":[{\"type\":\"PIPES:READ\","
                + "\"resource\":\"top_users\"}]}]}");
        api.on("POST /v0/tokens", 200, "{\"name\":\"tracker\",\"token\":\"p.new\"}");

        assertThat(cli.run("token", "ls").out()).contains("| admin token | ADMIN", "| reader      | PIPES:READ:top_users | p.def");

        Cli.Result created = cli.run("token", "create", "static", "tracker", "--scope", "DATASOURCES:APPEND:events",
                "--scope", "PIPES:READ:top_users");
        assertThat(created.exit()).isZero();
        FakeApi.Request request = api.last("POST /v0/tokens");
        assertThat(request.param("name")).isEqualTo("tracker");
        assertThat(request.params().get("scope")).containsExactly("DATASOURCES:APPEND:events", "PIPES:READ:top_users");
        assertThat(created.out()).contains("✓ Token 'tracker' created", "p.new");
    }

    @Test
    void jobLsFiltersByStatus() {
        api.on("GET /v0/jobs", 200, "{\"jobs\":[{\"id\":\"j1\",\"kind\":\"copy\",\"status\":\"done\",\"created_at\":\"x\","
                + "\"datasource\":{\"id\":\"t_1\",\"name\":\"daily\"}}]}");

        Cli.Result result = cli.run("job", "ls", "-s", "done");

        assertThat(api.last("GET /v0/jobs").param("status")).isEqualTo("done");
        assertThat(result.out()).contains("| j1 | copy | done   | x          | daily");
    }

    @Test
    void copyRunSendsModeAndParametersAndWaits() {
        api.on("POST /v0/pipes/daily_copy/run", 200, "{\"id\":\"c1\",\"job_id\":\"c1\",\"status\":\"waiting\"}");
        api.on("GET /v0/jobs/c1", 200, "{\"id\":\"c1\",\"status\":\"done\"}");

        Cli.Result result = cli.run("copy", "run", "daily_copy", "--mode", "replace", "--param", "day=2024-01-01", "--wait");

        assertThat(result.exit()).isZero();
        FakeApi.Request request = api.last("POST /v0/pipes/daily_copy/run");
        assertThat(request.param("_mode")).isEqualTo("replace");
        assertThat(request.param("day")).isEqualTo("2024-01-01");
        assertThat(result.out()).contains("** Copy job c1 started", "Job c1: done");
    }

    @Test
    void aFailedJobFailsTheCommand() {
        api.on("POST /v0/pipes/daily_copy/run", 200, "{\"job_id\":\"c2\"}");
        api.on("GET /v0/jobs/c2", 200, "{\"id\":\"c2\",\"status\":\"error\",\"error\":\"Missing columns: 'x'\"}");

        Cli.Result result = cli.run("copy", "run", "daily_copy", "--wait");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("Job c2 error: Missing columns: 'x'");
    }

    @Test
    void anApiTheServerDoesNotHaveIsNamed() {
        Cli.Result result = cli.run("pipe", "ls");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("This server does not support the Pipes API (GET /v0/pipes) yet",
                "HTTP 404 on GET /v0/pipes");
    }

    @Test
    void aMissingResourceIsNotMistakenForAMissingApi() {
        api.on("GET /v0/pipes/nope.json", 404, "{\"error\":\"Code: 60. DB::Exception: Pipe nope does not exist\"}");

        Cli.Result result = cli.run("endpoint", "data", "nope");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("Error 404", "Pipe nope does not exist").doesNotContain("does not support");
    }

    @Test
    void aRejectedTokenSaysWhichTokenToUse() {
        api.on("GET /v0/tokens", 403, "{\"error\":\"Forbidden. The auth Token doesn't have the correct scopes.\"}");

        Cli.Result result = cli.run("token", "ls");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("Error 403", "workspace admin token", "--token");
    }

    @Test
    void devOutsideAProjectAndAGroupWithoutSubcommandShowUsage() {
        Cli.Result dev = cli.run("dev");
        assertThat(dev.exit()).isEqualTo(2);
        assertThat(dev.err()).contains("No .datasource or .pipe files");

        Cli.Result group = cli.run("datasource");
        assertThat(group.exit()).isEqualTo(2);
        assertThat(group.err()).contains("append", "truncate");
    }
}
