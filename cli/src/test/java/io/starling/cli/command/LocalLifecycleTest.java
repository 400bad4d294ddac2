package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.cli.local.LocalServer;
import io.starling.cli.support.Cli;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden path against a real node in a child process: {@code local start}, {@code sql}, {@code datasource ls},
 * {@code datasource append} (a real multipart upload), {@code local status}, {@code local stop}.
 */
class LocalLifecycleTest {
    @TempDir
    Path dir;
    private Cli cli;
    private Path dataDir;

    @AfterEach
    void stopNode() {
        if (cli != null) {
            new LocalServer(dataDir).running().ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    @Timeout(120)
    void startQueryListAndStopABackgroundNode() throws Exception {
        int port = freePort();
        dataDir = dir.resolve("data");
        String host = "http://127.0.0.1:" + port;
        cli = new Cli(dir).env("STARLING_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1");

        Cli.Result started = cli.run("local", "start", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--timeout", "90");
        assertThat(started.exit()).as(started.err()).isZero();
        assertThat(started.out()).contains("✓ Starling Local is ready!", host);
        assertThat(Files.readString(dataDir.resolve("starling.pid")).strip()).matches("\\d+");
        assertThat(dataDir.resolve("starling.log")).exists();

        Cli.Result again = cli.run("local", "start", "--port", Integer.toString(port), "--data-dir", dataDir.toString());
        assertThat(again.out()).as(again.err()).contains("already running");

        createDataSource(host);
        Cli.Result query = cli.run("sql", "--host", host, "SELECT 40 + 2 AS answer");
        assertThat(query.exit()).as(query.err()).isZero();
        assertThat(query.out()).contains("| answer |", "| 42     |");

        Cli.Result list = cli.run("datasource", "ls", "--host", host);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("| events |");

        Files.writeString(dir.resolve("rows.csv"), "alice,3\nbob,4\n");
        Cli.Result appended = cli.run("datasource", "append", "--host", host, "events", "rows.csv");
        assertThat(appended.exit()).as(appended.err()).isZero();
        assertThat(appended.out()).contains("✓ Rows appended!");

        Cli.Result status = cli.run("local", "status", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("running", "yes");

        Cli.Result stopped = cli.run("local", "stop", "--data-dir", dataDir.toString());
        assertThat(stopped.exit()).isZero();
        assertThat(stopped.out()).contains("✓ Starling Local stopped");
        assertThat(dataDir.resolve("starling.pid")).doesNotExist();

        Cli.Result after = cli.run("local", "status", "--data-dir", dataDir.toString(), "--port", Integer.toString(port));
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.out()).contains("stopped");
        Cli.Result unreachable = cli.run("sql", "--host", host, "SELECT 1");
        assertThat(unreachable.exit()).isEqualTo(2);
    }

    private static void createDataSource(String host) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String token = http.send(HttpRequest.newBuilder(URI.create(host + "/tokens")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().replaceAll(".*\"workspace_admin_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            String form = "name=events&schema=" + URLEncoder.encode("user String, n UInt32", StandardCharsets.UTF_8);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(host + "/v0/datasources"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        }
    }
}
