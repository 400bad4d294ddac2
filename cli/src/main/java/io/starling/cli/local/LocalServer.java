package io.starling.cli.local;

import io.starling.cli.CliException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A node running as a background process on a data directory. The node itself writes {@code starling.pid} and
 * {@code starling.port} into the data directory once it answers (see LocalCommand), and removes them when it
 * stops; its output goes to {@code starling.log}.
 */
public final class LocalServer {
    public static final String MAIN_CLASS = "io.starling.cli.StarlingCommand";

    private final Path dataDir;

    public LocalServer(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path pidFile() {
        return dataDir.resolve("starling.pid");
    }

    public Path portFile() {
        return dataDir.resolve("starling.port");
    }

    public Path logFile() {
        return dataDir.resolve("starling.log");
    }

    /** Written by the node once it serves: its pid, and its URL. */
    public void recordRunning(long pid, String url) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(portFile(), url + "\n");
        Files.writeString(pidFile(), pid + "\n");
    }

    /** Removes the pid and port files if they still name this process. */
    public void clearRecord(long pid) {
        try {
            if (Files.isRegularFile(pidFile()) && Files.readString(pidFile()).strip().equals(Long.toString(pid))) {
                Files.deleteIfExists(pidFile());
                Files.deleteIfExists(portFile());
            }
        } catch (IOException ignored) {
            // best effort at shutdown
        }
    }

    /** The running node on this data directory, if its pid file names a live Starling process. */
    public Optional<ProcessHandle> running() {
        try {
            if (!Files.isRegularFile(pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            // The kernel may cut a long command line (a big classpath) before the main class, so a live pid whose
            // recorded URL answers like a Starling node counts too.
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> isStarling(process) || answersAtRecordedUrl());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean answersAtRecordedUrl() {
        String url = recordedUrl();
        return url != null && tokens(url) != null;
    }

    private static boolean isStarling(ProcessHandle process) {
        Optional<String> commandLine = process.info().commandLine();
        return commandLine.isEmpty() || commandLine.get().contains(MAIN_CLASS) || commandLine.get().contains("starling");
    }

    /** The URL the running node recorded, or null. */
    public String recordedUrl() {
        try {
            return Files.isRegularFile(portFile()) ? Files.readString(portFile()).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The node's {@code GET /tokens} answer body, or null when nothing answers there. */
    public static String tokens(String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/tokens"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** True when anything accepts connections at this URL (another program may hold the port). */
    public static boolean portTaken(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts {@code java -cp <this classpath> io.starling.cli.StarlingCommand local ...} with the JDK this CLI
     * runs on, in its own session where {@code setsid} exists (closing the terminal does not stop it), and
     * waits until it answers {@code GET /tokens}. Answers the node's URL.
     */
    public String start(List<String> localArguments, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Files.deleteIfExists(pidFile());
        Files.deleteIfExists(portFile());
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags(env));
        command.add("-cp");
        command.add(absoluteClasspath());
        command.add(MAIN_CLASS);
        command.add("local");
        command.addAll(localArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
        Process process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new CliException("Starling Local exited during start-up (exit code " + process.exitValue()
                        + "). Last lines of " + logFile() + ":\n" + tail(25));
            }
            String url = recordedUrl();
            if (url != null && Files.isRegularFile(pidFile()) && tokens(url) != null) {
                return url;
            }
            Thread.sleep(200);
        }
        process.destroy();
        throw new CliException("Starling Local did not answer within " + timeout.toSeconds() + " s, so it was stopped. "
                + "Last lines of " + logFile() + ":\n" + tail(25));
    }

    /** Graceful stop (SIGTERM, shutdown hooks run), then a forced kill after the timeout. True if it was forced. */
    public boolean stop(ProcessHandle process, Duration timeout) throws InterruptedException {
        process.destroy();
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException ignored) {
                // reported below by the caller's status check
            }
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        } finally {
            clearRecord(process.pid());
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static List<String> jvmFlags(Map<String, String> env) {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseG1GC"));
        if (Runtime.version().feature() >= 24) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        String extra = env.get("STARLING_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            flags.addAll(List.of(extra.strip().split("\\s+")));
        }
        return flags;
    }

    private static String absoluteClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }
}
