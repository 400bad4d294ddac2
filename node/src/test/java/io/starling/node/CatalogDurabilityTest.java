package io.starling.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.testing.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged catalog event survives kill -9: a node in its own JVM generates and persists the workspace
 * tokens (no token configured), answers them over HTTP, and is killed with SIGKILL right away; a node started
 * on the same data directory answers the same tokens. Without WRITE_DELAY=0 on the H2 URL, H2 would lose
 * the event (it commits to its file up to a second later).
 */
class CatalogDurabilityTest {
    @TempDir
    Path dataDir;

    @Test
    void generatedTokensSurviveKillNine() throws Exception {
        int port = freePort();
        Process child = startChild(port);
        String tokens;
        try {
            waitForReady(child);
            try (Api api = new Api(port, null)) {
                tokens = api.get("/tokens").body();
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(tokens).contains("workspace_admin_token");

        StarlingNode node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir));
        try (Api api = new Api(node.httpPort(), null)) {
            assertThat(Api.json(api.get("/tokens"))).isEqualTo(Api.JSON.readTree(tokens));
        } finally {
            node.stop();
        }
    }

    @Test
    void aCreatedDataSourceAndItsRowsSurviveKillNineRightAfterTheAnswer() throws Exception {
        int port = freePort();
        String token = "durable-token";
        Process child = startChild(port, token);
        int status;
        int appended;
        try {
            waitForReady(child);
            try (Api api = new Api(port, token)) {
                status = api.post("/v0/datasources?name=durable&schema=" + Api.encode("id Int64"), "").statusCode();
                appended = api.post("/v0/datasources?mode=append&name=durable", "1\n2\n3\n").statusCode();
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(status).isEqualTo(200);
        assertThat(appended).isEqualTo(200);

        StarlingNode node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir)
                .withWorkspaceToken(token));
        try {
            assertThat(node.dataSourceNames()).containsExactly("durable");
            try (Api api = new Api(node.httpPort(), token)) {
                JsonNode described = Api.json(api.get("/v0/datasources/durable"));
                assertThat(described.get("statistics").get("row_count").asLong()).isEqualTo(3);
            }
        } finally {
            node.stop();
        }
    }

    private Process startChild(int port) throws IOException {
        return startChild(port, null);
    }

    private Process startChild(int port, String token) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.starling.node.testing.NodeMain");
        command.add(dataDir.toString());
        command.add(Integer.toString(port));
        if (token != null) {
            command.add(token);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void waitForReady(Process child) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The child node exited before it was ready:\n" + seen);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
