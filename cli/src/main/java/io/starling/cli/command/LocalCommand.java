package io.starling.cli.command;

import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code starling local}: one node with embedded defaults, in the foreground until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run a single Starling node with embedded storage and catalog (Ctrl-C stops it).")
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "7181", description = "HTTP API port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data-dir", defaultValue = ".starling", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--workspace-token", description = "Use this workspace admin token instead of a generated one.")
    String workspaceToken;

    @Override
    public Integer call() throws InterruptedException {
        NodeConfig config = NodeConfig.defaults()
                .withHttpHost(host)
                .withHttpPort(port)
                .withDataDir(dataDir.toAbsolutePath())
                .withWorkspaceToken(workspaceToken);
        StarlingNode node = StarlingNode.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.stop();
            stopped.countDown();
        }, "starling-shutdown"));
        System.out.println("Starling is running on http://" + host + ":" + node.httpPort());
        System.out.println("Data directory: " + dataDir.toAbsolutePath());
        System.out.println("Workspace admin token: " + node.workspaceAdminToken());
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
