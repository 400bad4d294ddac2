package io.starling.node.testing;

import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import java.nio.file.Path;

/** Runs a node in its own JVM for kill -9 tests: {@code NodeMain <dataDir> <httpPort> [workspaceToken]}. */
public final class NodeMain {
    private NodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        NodeConfig config = NodeConfig.defaults().withDataDir(Path.of(args[0])).withHttpPort(Integer.parseInt(args[1]))
                .withWorkspaceToken(args.length > 2 ? args[2] : null);
        StarlingNode node = StarlingNode.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(node::stop));
        System.out.println("READY " + node.httpPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
