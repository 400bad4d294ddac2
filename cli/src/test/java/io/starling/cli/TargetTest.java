package io.starling.cli;

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

/** How the CLI chooses its server and token: options, environment, .tinyb, then a local server's /tokens. */
class TargetTest {
    @TempDir
    Path dir;
    private FakeApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
        api.on("GET /v0/datasources", 200, "{\"datasources\":[]}");
        api.on("GET /tokens", 200, "{\"user_token\":\"u\",\"admin_token\":\"a\",\"workspace_admin_token\":\"ws-admin\"}");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String authorization() {
        return api.last("GET /v0/datasources").header("Authorization");
    }

    @Test
    void aLocalServerWithoutAConfiguredTokenLendsItsWorkspaceAdminToken() {
        Cli.Result result = new Cli(dir).run("datasource", "ls", "--host", api.url());

        assertThat(result.exit()).isZero();
        assertThat(authorization()).isEqualTo("Bearer ws-admin");
    }

    @Test
    void globalOptionsWorkBeforeTheCommandAndTheEnvironmentIsTheFallback() {
        new Cli(dir).env("TB_HOST", api.url()).env("TB_TOKEN", "from-env").run("datasource", "ls");
        assertThat(authorization()).isEqualTo("Bearer from-env");

        new Cli(dir).env("TB_TOKEN", "from-env").run("--host", api.url(), "--token", "from-option", "datasource", "ls");
        assertThat(authorization()).isEqualTo("Bearer from-option");

        new Cli(dir).env("TB_HOST", "http://127.0.0.1:1").run("datasource", "--host", api.url(), "--token", "mid", "ls");
        assertThat(authorization()).isEqualTo("Bearer mid");
    }

    @Test
    void theTinybFileInAParentDirectoryGivesHostAndToken() throws IOException {
        Files.writeString(dir.resolve(".tinyb"), "{\"host\": \"" + api.url() + "/\", \"token\": \"tinyb-token\", "
                + "\"name\": \"ws\"}");
        Path nested = Files.createDirectories(dir.resolve("datasources"));

        Cli.Result result = new Cli(nested).run("datasource", "ls");

        assertThat(result.exit()).isZero();
        assertThat(authorization()).isEqualTo("Bearer tinyb-token");
    }

    @Test
    void hostsAreNormalised() {
        assertThat(Target.normalize("localhost:7181/")).isEqualTo("http://localhost:7181");
        assertThat(Target.normalize("https://api.tinybird.co")).isEqualTo("https://api.tinybird.co");
    }
}
