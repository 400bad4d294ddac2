package io.starling.chaos.harness;

import java.io.IOException;
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
 * A cluster node ({@code starling server}) in its own JVM, so a test can SIGKILL it and start it again on the same
 * ports and data directory. The child runs on this JVM's classpath and Java and logs to
 * {@code <dataDir>/../server-<httpPort>.log}.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * Where a node listens and what it joins; the same value restarts it as the same member. {@code jvmOptions}
     * may override Pekko settings as system properties (e.g. {@code -Dpekko.cluster.split-brain-resolver.stable-after=5s}).
     */
    public record Spec(Path dataDir, int httpPort, int clusterPort, int dataPort, String seed, String journalUrl,
                       String token, List<String> jvmOptions) {
        public Spec {
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    private final Process process;
    private final Spec spec;

    private ServerProcess(Process process, Spec spec) {
        this.process = process;
        this.spec = spec;
    }

    /** Starts the node without waiting for it; call {@link #awaitReady()} before using it. */
    public static ServerProcess launch(Spec spec) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.addAll(spec.jvmOptions());
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.starling.cli.StarlingCommand");
        command.addAll(List.of("server", "--port", Integer.toString(spec.httpPort()),
                "--data-dir", spec.dataDir().toString(), "--workspace-token", spec.token(),
                "--cluster-port", Integer.toString(spec.clusterPort()), "--data-port", Integer.toString(spec.dataPort()),
                "--join", spec.seed(), "--journal", "postgres", "--journal-url", spec.journalUrl(),
                "--journal-user", userOf(spec.journalUrl()), "--journal-password=" + passwordOf(spec.journalUrl())));
        Path log = spec.dataDir().resolveSibling("server-" + spec.httpPort() + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServerProcess(process, spec);
    }

    private static String userOf(String url) {
        String user = parameter(url, "user");
        return user == null ? "postgres" : user;
    }

    private static String passwordOf(String url) {
        String password = parameter(url, "password");
        return password == null ? "" : password;
    }

    private static String parameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Waits until the node answers a query on its HTTP API (it has joined the cluster and read its catalog). */
    public ServerProcess awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Path log = spec.dataDir().resolveSibling("server-" + spec.httpPort() + ".log");
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Server exited with " + process.exitValue() + " during start; see "
                            + log);
                }
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl()
                                    + "/v0/sql?q=SELECT%201")).header("Authorization", "Bearer " + spec.token())
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return this;
                    }
                } catch (IOException notYetListening) {
                    // still starting
                }
                Thread.sleep(200);   // polling interval of a deadline-bounded wait
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Server did not answer on port " + spec.httpPort() + " within "
                + START_TIMEOUT + "; see " + log);
    }

    public Spec spec() {
        return spec;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + spec.httpPort();
    }

    /** SIGKILL: no shutdown hook, no flush, no leaving the cluster. */
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
