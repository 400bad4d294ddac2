package io.starling.cli.command;

import io.starling.cli.CliContext;
import io.starling.cli.CliException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code starling cluster start|stop|status}: a cluster of several {@code starling server} nodes on this machine for
 * trying things out. Node N listens for HTTP on 7180+N, for Artery on 25520+N and for part transfers on 25530+N,
 * keeps its data in {@code ./.starling-cluster/nodeN} (log {@code nodeN.log}, pid {@code nodeN.pid} beside it) and
 * lists every node as a seed, so any node can be stopped and started again. The journal is PostgreSQL:
 * {@code --journal-url}, else {@code STARLING_PG_URL}, else the one {@code bin/pg-local start} starts. The workspace
 * token is generated once and kept in {@code ./.starling-cluster/token}.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a multi-node Starling cluster on this machine for trying things out.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class})
public final class ClusterCommand implements Callable<Integer> {
    static final String DEFAULT_DIR = ".starling-cluster";
    static final int HTTP_BASE = 7180;
    static final int CLUSTER_BASE = 25_520;
    static final int DATA_BASE = 25_530;
    static final String DEFAULT_HEAP = "512m";
    private static final java.util.regex.Pattern HEAP = java.util.regex.Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** SIGTERM makes a node leave gracefully (its replicas move first); after this it is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(ApiCommand.contextOf(spec).out());
        return 0;
    }

    /** Where node {@code index} (1-based) of a local cluster listens and keeps its files. Pure. */
    record LocalNode(int index, Path dataDir, Path log, Path pidFile, int httpPort, int clusterPort, int dataPort) {
        String url() {
            return "http://127.0.0.1:" + httpPort;
        }

        /** The {@code starling server} arguments of this node. */
        List<String> serverArguments(List<LocalNode> all, String journalUrl, String token) {
            List<String> seeds = all.stream().map(node -> "127.0.0.1:" + node.clusterPort()).toList();
            List<String> args = new ArrayList<>(List.of("server", "--port", Integer.toString(httpPort),
                    "--data-dir", dataDir.toString(), "--workspace-token", token,
                    "--cluster-port", Integer.toString(clusterPort), "--data-port", Integer.toString(dataPort),
                    "--join", String.join(",", seeds), "--journal", "postgres", "--journal-url", journalUrl));
            String user = parameter(journalUrl, "user");
            if (user != null) {
                args.addAll(List.of("--journal-user", user));
            }
            return args;
        }
    }

    /** The nodes of a local cluster of {@code count} nodes under {@code dir}. */
    static List<LocalNode> layout(Path dir, int count) {
        if (count < 1 || count > 9) {
            throw new CliException("--nodes must be between 1 and 9, got " + count);
        }
        List<LocalNode> nodes = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            nodes.add(new LocalNode(index, dir.resolve("node" + index), dir.resolve("node" + index + ".log"),
                    dir.resolve("node" + index + ".pid"), HTTP_BASE + index, CLUSTER_BASE + index, DATA_BASE + index));
        }
        return nodes;
    }

    /** Nodes of an existing local cluster directory (by their pid or data directories). */
    static List<LocalNode> existing(Path dir) {
        List<LocalNode> found = new ArrayList<>();
        for (LocalNode node : layout(dir, 9)) {
            if (Files.exists(node.pidFile()) || Files.isDirectory(node.dataDir())) {
                found.add(node);
            }
        }
        return found;
    }

    static String parameter(String url, String name) {
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

    /** Options every subcommand shares. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--dir", description = "Directory of the cluster's data, logs and pid files (default: "
                + DEFAULT_DIR + ").")
        Path dir;

        @Spec
        CommandSpec spec;

        CliContext context() {
            return ApiCommand.contextOf(spec);
        }

        Path directory() {
            return context().workingDirectory().resolve(dir != null ? dir : Path.of(DEFAULT_DIR)).toAbsolutePath()
                    .normalize();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the nodes in the background and wait until they answer.")
    static final class Start extends Base {
        @Option(names = "--nodes", description = "Number of nodes (default: 3).")
        int nodes = 3;

        @Option(names = "--journal-url", description = "JDBC URL of the PostgreSQL journal (default: STARLING_PG_URL,"
                + " else the database bin/pg-local start runs).")
        String journalUrl;

        @Option(names = "--heap", description = "Maximum heap of each node, as java -Xmx takes it: 512m, 4g (default: "
                + DEFAULT_HEAP + ").")
        String heap = DEFAULT_HEAP;

        @Option(names = "--drain-timeout", description = "Passed to every node: on stop, first move its replicas to"
                + " other nodes for up to this many seconds (0 = leave at once, e.g. when the whole cluster is"
                + " stopped and its data thrown away; default: the server's, 60).")
        Integer drainTimeoutSeconds;

        @Override
        public Integer call() throws Exception {
            CliContext context = context();
            PrintStream out = context.out();
            Path directory = directory();
            String maxHeap = heapSize(heap);
            Files.createDirectories(directory);
            List<LocalNode> cluster = layout(directory, nodes);
            String journal = journalUrl != null ? journalUrl : Optional.ofNullable(context.env("STARLING_PG_URL"))
                    .orElseGet(() -> startPostgres(context));
            String token = token(directory);
            List<LocalNode> launched = new ArrayList<>();
            for (LocalNode node : cluster) {
                if (alive(node).isPresent()) {
                    out.println("node" + node.index() + " is running already (pid " + alive(node).get() + ")");
                    continue;
                }
                Files.createDirectories(node.dataDir());
                List<String> command = new ArrayList<>(javaCommand(maxHeap));
                command.addAll(node.serverArguments(cluster, journal, token));
                if (drainTimeoutSeconds != null) {
                    command.addAll(List.of("--drain-timeout", Integer.toString(Math.max(0, drainTimeoutSeconds))));
                }
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile())).start();
                Files.writeString(node.pidFile(), Long.toString(process.pid()));
                launched.add(node);
                out.println("Starting node" + node.index() + " (pid " + process.pid() + "), log " + node.log());
            }
            try {
                for (LocalNode node : launched) {
                    awaitAnswer(node, token);
                }
            } catch (CliException e) {
                // One node failed to start: do not leave the others running half a cluster.
                for (LocalNode node : launched) {
                    alive(node).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
                    Files.deleteIfExists(node.pidFile());
                }
                throw e;
            }
            out.println();
            out.println("Starling cluster of " + cluster.size() + " nodes is running (journal " + journal + "):");
            for (LocalNode node : cluster) {
                out.println("  node" + node.index() + "  " + node.url() + "   data " + node.dataDir());
            }
            out.println("Workspace admin token: " + token);
            out.println("Try: curl -H 'Authorization: Bearer " + token + "' '" + cluster.get(0).url()
                    + "/v0/sql?q=SELECT%201'");
            out.println("Stop it with: starling cluster stop");
            return 0;
        }

        private static String token(Path directory) throws IOException {
            Path file = directory.resolve("token");
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String token = "p.cluster-" + HexFormat.of().formatHex(random);
            Files.writeString(file, token, StandardCharsets.UTF_8);
            return token;
        }

        /** Runs {@code bin/pg-local start} (next to the working directory or the jar) and answers its JDBC URL. */
        private static String startPostgres(CliContext context) {
            List<Path> candidates = new ArrayList<>(List.of(context.workingDirectory().resolve("bin/pg-local")));
            try {
                Path jar = Path.of(ClusterCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                candidates.add(jar.getParent().getParent().getParent().resolve("bin/pg-local"));
            } catch (Exception ignored) {
                // not run from a jar in the source tree
            }
            for (Path script : candidates) {
                if (!Files.isExecutable(script)) {
                    continue;
                }
                try {
                    Process process = new ProcessBuilder(script.toString(), "start")
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                    if (process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0) {
                        String url = output.lines().reduce((first, last) -> last).orElse("");
                        if (url.startsWith("jdbc:postgresql:")) {
                            return url;
                        }
                    }
                } catch (IOException e) {
                    // try the next one
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new CliException("A cluster needs a PostgreSQL journal: pass --journal-url jdbc:postgresql://..., set"
                    + " STARLING_PG_URL, or run bin/pg-local start from the Starling source tree");
        }

        private void awaitAnswer(LocalNode node, String token) throws InterruptedException {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            try (HttpClient client = HttpClient.newHttpClient()) {
                while (Instant.now().isBefore(deadline)) {
                    if (alive(node).isEmpty()) {
                        throw new CliException("node" + node.index() + " exited during start; see " + node.log());
                    }
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(node.url()
                                        + "/v0/sql?q=SELECT%201")).header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            return;
                        }
                    } catch (IOException notYetListening) {
                        // still starting
                    }
                    Thread.sleep(300);   // polling interval while the node starts
                }
            }
            throw new CliException("node" + node.index() + " did not answer on " + node.url() + " within "
                    + START_TIMEOUT.toSeconds() + " s; see " + node.log());
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop every node (SIGTERM: each leaves gracefully), then remove the pid files.")
    static final class Stop extends Base {
        @Override
        public Integer call() throws Exception {
            PrintStream out = context().out();
            List<ProcessHandle> stopping = new ArrayList<>();
            List<LocalNode> nodes = existing(directory());
            for (LocalNode node : nodes) {
                Optional<ProcessHandle> process = alive(node).flatMap(ProcessHandle::of);
                if (process.isPresent()) {
                    process.get().destroy();
                    stopping.add(process.get());
                    out.println("Stopping node" + node.index() + " (pid " + process.get().pid() + ")");
                }
            }
            Instant deadline = Instant.now().plus(STOP_TIMEOUT);
            for (ProcessHandle process : stopping) {
                try {
                    process.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                            TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    out.println("pid " + process.pid() + " did not stop in time; killing it");
                    process.destroyForcibly();
                }
            }
            for (LocalNode node : nodes) {
                Files.deleteIfExists(node.pidFile());
            }
            out.println(stopping.isEmpty() ? "No node was running" : "Stopped " + stopping.size() + " node(s)");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show which nodes run and answer.")
    static final class Status extends Base {
        @Override
        public Integer call() throws Exception {
            PrintStream out = context().out();
            Path directory = directory();
            List<LocalNode> nodes = existing(directory);
            if (nodes.isEmpty()) {
                out.println("No local cluster in " + directory + "; start one with: starling cluster start");
                return 1;
            }
            Path tokenFile = directory.resolve("token");
            String token = Files.exists(tokenFile) ? Files.readString(tokenFile, StandardCharsets.UTF_8).trim() : "";
            int running = 0;
            try (HttpClient client = HttpClient.newHttpClient()) {
                for (LocalNode node : nodes) {
                    Optional<Long> pid = alive(node);
                    String state = pid.map(value -> "running (pid " + value + ")").orElse("stopped");
                    if (pid.isPresent()) {
                        running++;
                        state += answers(client, node, token) ? ", answers" : ", not answering yet";
                    }
                    out.println("node" + node.index() + "  " + node.url() + "  " + state);
                }
            }
            if (!token.isEmpty()) {
                out.println("Workspace admin token: " + token);
            }
            return running == nodes.size() ? 0 : 1;
        }

        private static boolean answers(HttpClient client, LocalNode node, String token) {
            try {
                return client.send(HttpRequest.newBuilder(URI.create(node.url() + "/v0/sql?q=SELECT%201"))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The pid of the node's process when its pid file names a live process. */
    static Optional<Long> alive(LocalNode node) {
        try {
            if (!Files.exists(node.pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(node.pidFile(), StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A {@code --heap} value checked for {@code -Xmx}: digits with an optional k, m or g. */
    static String heapSize(String value) {
        String size = value == null ? "" : value.strip();
        if (!HEAP.matcher(size).matches()) {
            throw new CliException("--heap takes a size as java -Xmx does (512m, 4g), got [" + value + "]");
        }
        return size;
    }

    /** This JVM's java with this JVM's classpath, running the CLI's main class with at most {@code heap} of heap. */
    static List<String> javaCommand(String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heapSize(heap));
        command.add("-XX:+UseG1GC");
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(io.starling.cli.StarlingCommand.class.getName());
        return command;
    }
}
