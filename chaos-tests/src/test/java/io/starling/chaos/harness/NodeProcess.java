package io.starling.chaos.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Starling node in its own JVM ({@code starling local}), so a test can kill it with SIGKILL.
 * The child runs on this JVM's classpath and Java, and logs to {@code <dataDir>/../node-<port>.log}.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final String token;

    private NodeProcess(Process process, int port, String token) {
        this.process = process;
        this.port = port;
        this.token = token;
    }

    public static NodeProcess start(Path dataDir, int port, String token) throws IOException, InterruptedException {
        return start(dataDir, port, token, List.of());
    }

    /** Like {@link #start(Path, int, String)} with extra JVM options for the child (e.g. -Dname=value). */
    public static NodeProcess start(Path dataDir, int port, String token, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.starling.cli.StarlingCommand");
        command.addAll(List.of("local", "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--workspace-token", token));
        Path log = dataDir.resolveSibling("node-" + port + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        NodeProcess node = new NodeProcess(process, port, token);
        node.awaitReady(log);
        return node;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Node exited with " + process.exitValue() + " during start; see " + log);
                }
                try {
                    HttpResponse<String> response = client.send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/tokens")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // The node is still starting.
                }
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Node did not answer on port " + port + " within " + START_TIMEOUT + "; see " + log);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String token() {
        return token;
    }

    /** SIGKILL: no shutdown hook, no flush. */
    public void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                killNine();
            }
        }
    }
}
