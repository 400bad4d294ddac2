package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.cli.CliContext;
import io.starling.cli.CliException;
import io.starling.cli.OutputFormat;
import io.starling.cli.http.ApiResponse;
import io.starling.cli.local.LocalServer;
import io.starling.cli.output.Output;
import io.starling.cli.output.Table;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code starling local}: without a subcommand, one node in the foreground until Ctrl-C. {@code local start}
 * runs it in the background (log in {@code <data-dir>/starling.log}, pid in {@code <data-dir>/starling.pid}),
 * {@code stop}, {@code status} and {@code restart} manage it.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run a single Starling node (foreground; Ctrl-C stops it), or manage a background one.",
        subcommands = {LocalCommand.Start.class, LocalCommand.Stop.class, LocalCommand.Status.class,
                LocalCommand.Restart.class})
public final class LocalCommand implements Callable<Integer> {

    /** Where the node listens and keeps its data; unset values fall back to the parent {@code local}'s, then defaults. */
    public static final class NodeOptions {
        @Option(names = "--port", description = "HTTP API port (default: 7181).")
        Integer port;

        @Option(names = "--host", description = "Address to listen on (default: 127.0.0.1).")
        String host;

        @Option(names = "--data-dir", description = "Data directory (default: .starling).")
        Path dataDir;

        @Option(names = "--workspace-token", description = "Use this workspace admin token instead of a generated one.")
        String workspaceToken;
    }

    record Settings(String host, int port, Path dataDir, String workspaceToken) {
        static Settings of(NodeOptions own, NodeOptions parent, CliContext context) {
            NodeOptions p = parent == null ? new NodeOptions() : parent;
            Path dir = own.dataDir != null ? own.dataDir : p.dataDir != null ? p.dataDir : NodeConfig.DEFAULT_DATA_DIR;
            return new Settings(own.host != null ? own.host : p.host != null ? p.host : NodeConfig.DEFAULT_HTTP_HOST,
                    own.port != null ? own.port : p.port != null ? p.port : NodeConfig.DEFAULT_HTTP_PORT,
                    context.workingDirectory().resolve(dir).toAbsolutePath().normalize(),
                    own.workspaceToken != null ? own.workspaceToken : p.workspaceToken);
        }

        List<String> arguments() {
            List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--host", host,
                    "--data-dir", dataDir.toString()));
            if (workspaceToken != null) {
                args.addAll(List.of("--workspace-token", workspaceToken));
            }
            return args;
        }

        String url() {
            String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
            return "http://" + shown + ":" + port;
        }
    }

    @Mixin
    NodeOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CliContext context = ApiCommand.contextOf(spec);
        Settings settings = Settings.of(options, null, context);
        LocalServer server = new LocalServer(settings.dataDir());
        Optional<ProcessHandle> other = server.running();
        if (other.isPresent() && other.get().pid() != ProcessHandle.current().pid()) {
            throw new CliException("Starling is already running on " + settings.dataDir() + " (pid " + other.get().pid()
                    + "). Stop it with `starling local stop`, or use another --data-dir.");
        }
        NodeConfig config = NodeConfig.defaults()
                .withHttpHost(settings.host())
                .withHttpPort(settings.port())
                .withDataDir(settings.dataDir())
                .withWorkspaceToken(settings.workspaceToken());
        StarlingNode node = StarlingNode.start(config);
        long pid = ProcessHandle.current().pid();
        String url = new Settings(settings.host(), node.httpPort(), settings.dataDir(), null).url();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.stop();
            server.clearRecord(pid);
            stopped.countDown();
        }, "starling-shutdown"));
        server.recordRunning(pid, url);
        PrintStream out = context.out();
        out.println("Starling is running on " + url);
        out.println("Data directory: " + settings.dataDir());
        out.println("Workspace admin token: " + node.workspaceAdminToken());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** Base of the background-node subcommands. */
    abstract static class Sub implements Callable<Integer> {
        @Mixin
        NodeOptions own;

        @ParentCommand
        LocalCommand parent;

        @Spec
        CommandSpec spec;

        CliContext context() {
            return ApiCommand.contextOf(spec);
        }

        Settings settings() {
            return Settings.of(own, parent.options, context());
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a node in the background and wait until it answers.")
    public static final class Start extends Sub {
        @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for it (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            return start(context(), settings(), Duration.ofSeconds(timeoutSeconds));
        }

        static int start(CliContext context, Settings settings, Duration timeout) throws Exception {
            PrintStream out = context.out();
            LocalServer server = new LocalServer(settings.dataDir());
            Optional<ProcessHandle> running = server.running();
            if (running.isPresent()) {
                out.println("✓ Starling Local is already running (pid " + running.get().pid() + ") at "
                        + server.recordedUrl());
                return 0;
            }
            if (settings.port() != 0 && LocalServer.portTaken(settings.host(), settings.port())) {
                throw new CliException("Port " + settings.port() + " on " + settings.host() + " is already in use. "
                        + "Stop what runs there (`starling local status --port " + settings.port() + "`), or pass "
                        + "another --port.");
            }
            out.println("» Starting Starling Local...");
            out.flush();
            String url = server.start(settings.arguments(), context.env(), timeout);
            JsonNode tokens = new ApiResponse(200, LocalServer.tokens(url), "application/json").json();
            long pid = server.running().map(ProcessHandle::pid).orElse(-1L);
            out.println("✓ Starling Local is ready! (pid " + pid + ")");
            out.println("  API:   " + url);
            out.println("  Data:  " + settings.dataDir());
            out.println("  Logs:  " + server.logFile());
            out.println("  Token: " + tokens.path("workspace_admin_token").asText());
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the background node (graceful, then killed after --timeout). Data is kept.")
    public static final class Stop extends Sub {
        @Option(names = "--timeout", defaultValue = "30", description = "Seconds before it is killed (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            return stop(context(), settings(), Duration.ofSeconds(timeoutSeconds));
        }

        static int stop(CliContext context, Settings settings, Duration timeout) throws InterruptedException {
            LocalServer server = new LocalServer(settings.dataDir());
            Optional<ProcessHandle> running = server.running();
            if (running.isEmpty()) {
                context.out().println("* Starling Local is not running on " + settings.dataDir());
                return 0;
            }
            context.out().println("» Stopping Starling Local (pid " + running.get().pid() + ")...");
            boolean forced = server.stop(running.get(), timeout);
            context.out().println(forced ? "✓ Starling Local killed (it did not stop within " + timeout.toSeconds() + " s)"
                    : "✓ Starling Local stopped");
            return 0;
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Stop the background node and start it again (on the same port unless --port). Data is kept.")
    public static final class Restart extends Sub {
        @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for it (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            Settings settings = settings();
            String previous = new LocalServer(settings.dataDir()).recordedUrl();
            if (own.port == null && parent.options.port == null && previous != null) {
                settings = new Settings(settings.host(), URI.create(previous).getPort(), settings.dataDir(),
                        settings.workspaceToken());
            }
            Stop.stop(context(), settings, Duration.ofSeconds(30));
            return Start.start(context(), settings, Duration.ofSeconds(timeoutSeconds));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether a node runs on the data directory: pid, API URL, answering. Exit 1 when not running.")
    public static final class Status extends Sub {
        @Option(names = "--output", description = "human or json (default: human).")
        OutputFormat output;

        @Override
        public Integer call() {
            Settings settings = settings();
            LocalServer server = new LocalServer(settings.dataDir());
            Optional<ProcessHandle> running = server.running();
            String url = running.isPresent() && server.recordedUrl() != null ? server.recordedUrl() : settings.url();
            boolean answering = LocalServer.tokens(url) != null;
            String state = running.isPresent() ? "running" : answering ? "running (not started here)" : "stopped";
            ObjectNode json = ApiResponse.MAPPER.createObjectNode();
            json.put("status", state);
            if (running.isPresent()) {
                json.put("pid", running.get().pid());
            } else {
                json.putNull("pid");
            }
            json.put("api", url);
            json.put("answering", answering);
            json.put("data_dir", settings.dataDir().toString());
            json.put("log", server.logFile().toString());
            Table table = new Table("status", "pid", "api", "answering", "data_dir")
                    .row(state, running.map(p -> Long.toString(p.pid())).orElse(""), url, answering ? "yes" : "no",
                            settings.dataDir());
            Output.print(context().out(), output == null ? OutputFormat.human : output, json, table);
            return running.isPresent() || answering ? 0 : 1;
        }
    }
}
