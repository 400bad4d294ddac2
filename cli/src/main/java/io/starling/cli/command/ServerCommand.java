package io.starling.cli.command;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.starling.cli.CliContext;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.cluster.ClusterConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code starling server}: one node of a cluster, in the foreground until Ctrl-C. Nodes find each other through
 * {@code --join host:port,...} (Artery addresses; a node listed first in its own --join forms the cluster). Tables
 * are replicated (ShardLog, data port); the journal is PostgreSQL for multi-node clusters ({@code bin/pg-local}
 * starts a throw-away one). Values come from the flags, then from {@code starling.server.*} in the optional
 * HOCON {@code --config} file (which may also set any pekko.* or starling.* key), then defaults.
 *
 * <pre>
 * starling.server {
 *   join = ["10.0.0.1:25520", "10.0.0.2:25520"]
 *   roles = [data]                       # data, compute
 *   cluster-host = "10.0.0.1", cluster-port = 25520, data-port = 25530
 *   transport = tcp                      # or aeron-udp
 *   journal { kind = postgres, url = "jdbc:postgresql://db:5432/starling", user = starling, password = "..." }
 * }
 * </pre>
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run a cluster node (replicated tables) in the foreground; Ctrl-C stops it.")
public final class ServerCommand implements Callable<Integer> {
    private static final String PREFIX = "starling.server.";

    @Option(names = "--join", split = ",", description = "Seed nodes host:port (Artery), comma-separated.")
    List<String> join;

    @Option(names = "--config", description = "HOCON file with starling.server.* (and any pekko.*/starling.*) settings.")
    Path configFile;

    @Option(names = "--port", description = "HTTP API port (default: 7181).")
    Integer port;

    @Option(names = "--host", description = "Address the HTTP API listens on (default: 127.0.0.1).")
    String host;

    @Option(names = "--data-dir", description = "Data directory (default: .starling).")
    Path dataDir;

    @Option(names = "--workspace-token", description = "Use this workspace admin token instead of a generated one.")
    String workspaceToken;

    @Option(names = "--cluster-host", description = "Address other nodes reach this one on (default: 127.0.0.1).")
    String clusterHost;

    @Option(names = "--cluster-port", description = "Artery port (default: 25520).")
    Integer clusterPort;

    @Option(names = "--data-port", description = "Data port for part transfers (default: 25530; 0 = any free port).")
    Integer dataPort;

    @Option(names = "--roles", split = ",", description = "Roles: data, compute (default: data).")
    List<String> roles;

    @Option(names = "--transport", description = "tcp (default) or aeron-udp.")
    String transport;

    @Option(names = "--journal", description = "h2 (single node) or postgres.")
    String journal;

    @Option(names = "--journal-url", description = "JDBC URL of the postgres journal.")
    String journalUrl;

    @Option(names = "--journal-user", description = "Journal database user.")
    String journalUser;

    @Option(names = "--journal-password", description = "Journal database password (or STARLING_JOURNAL_PASSWORD).")
    String journalPassword;

    @Option(names = "--drain-timeout", description = "On SIGTERM or Ctrl-C, first move this node's replicas to other"
            + " nodes for up to this many seconds (default: 60; 0 = leave at once).")
    Integer drainTimeoutSeconds;

    @Spec
    CommandSpec spec;

    /** The node configuration from the flags, the file and the defaults (no side effects; tested). */
    NodeConfig nodeConfig(Path workingDirectory, java.util.Map<String, String> env) {
        Config file = configFile == null ? ConfigFactory.empty()
                : ConfigFactory.parseFile(workingDirectory.resolve(configFile).toFile()).resolve();
        List<String> seeds = join != null ? join : list(file, "join");
        Set<String> roleSet = new LinkedHashSet<>(roles != null ? roles : list(file, "roles"));
        if (roleSet.isEmpty()) {
            roleSet.add(ClusterConfig.ROLE_DATA);
        }
        String journalKind = first(journal, string(file, "journal.kind"), ClusterConfig.Journal.KIND_H2);
        String password = first(journalPassword, string(file, "journal.password"), env.get("STARLING_JOURNAL_PASSWORD"));
        ClusterConfig.Journal journalConfig = new ClusterConfig.Journal(journalKind,
                first(journalUrl, string(file, "journal.url"), null),
                first(journalUser, string(file, "journal.user"), null), password);
        ClusterConfig cluster = ClusterConfig.server(seeds)
                .withRoles(roleSet)
                .withCanonicalHost(first(clusterHost, string(file, "cluster-host"), "127.0.0.1"))
                .withTransport(first(transport, string(file, "transport"), ClusterConfig.TRANSPORT_TCP))
                .withDataPort(number(dataPort, file, "data-port", 25_530))
                .withJournal(journalConfig)
                .withConfigFile(configFile == null ? null : workingDirectory.resolve(configFile));
        Path directory = dataDir != null ? dataDir : Path.of(first(null, string(file, "data-dir"),
                NodeConfig.DEFAULT_DATA_DIR.toString()));
        return NodeConfig.defaults()
                .withHttpHost(first(host, string(file, "host"), NodeConfig.DEFAULT_HTTP_HOST))
                .withHttpPort(number(port, file, "port", NodeConfig.DEFAULT_HTTP_PORT))
                .withDataDir(workingDirectory.resolve(directory).toAbsolutePath().normalize())
                .withWorkspaceToken(first(workspaceToken, string(file, "workspace-token"), null))
                .withRemotePort(number(clusterPort, file, "cluster-port", 25_520))
                .withCluster(cluster);
    }

    @Override
    public Integer call() throws Exception {
        CliContext context = ApiCommand.contextOf(spec);
        NodeConfig config = nodeConfig(context.workingDirectory(), context.env());
        StarlingNode node = StarlingNode.start(config);
        // Graceful leave: a stop first hands this node's replicas over (the data leader moves them), then leaves.
        java.time.Duration drain = java.time.Duration.ofSeconds(drainTimeoutSeconds == null ? 60 : drainTimeoutSeconds);
        io.starling.node.cluster.ClusterServices.of(node.actorSystem())
                .ifPresent(services -> services.drainOnShutdown(drain));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.stop();
            stopped.countDown();
        }, "starling-shutdown"));
        PrintStream out = context.out();
        out.println("Starling server is running: HTTP on " + config.httpHost() + ":" + node.httpPort() + ", cluster on "
                + config.cluster().canonicalHost() + ":" + config.remotePort() + ", roles " + config.cluster().roles());
        out.println("Data directory: " + config.dataDir());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private static List<String> list(Config file, String key) {
        if (!file.hasPath(PREFIX + key)) {
            return List.of();
        }
        return switch (file.getValue(PREFIX + key).valueType()) {
            case LIST -> file.getStringList(PREFIX + key);
            default -> Arrays.stream(file.getString(PREFIX + key).split(",")).map(String::trim)
                    .filter(value -> !value.isEmpty()).toList();
        };
    }

    private static String string(Config file, String key) {
        return file.hasPath(PREFIX + key) ? file.getString(PREFIX + key) : null;
    }

    private static int number(Integer flag, Config file, String key, int fallback) {
        if (flag != null) {
            return flag;
        }
        return file.hasPath(PREFIX + key) ? file.getInt(PREFIX + key) : fallback;
    }

    private static String first(String flag, String fromFile, String fallback) {
        return flag != null ? flag : fromFile != null ? fromFile : fallback;
    }
}
