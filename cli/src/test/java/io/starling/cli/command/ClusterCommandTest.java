package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.cli.CliException;
import io.starling.node.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code starling cluster}: the layout of a local cluster and the server arguments of its nodes (no node starts). */
class ClusterCommandTest {
    @TempDir
    Path directory;

    @Test
    void threeNodesGetTheirOwnPortsAndDirectoriesAndListEveryNodeAsASeed() {
        List<ClusterCommand.LocalNode> nodes = ClusterCommand.layout(directory, 3);
        assertThat(nodes).extracting(ClusterCommand.LocalNode::httpPort).containsExactly(7181, 7182, 7183);
        assertThat(nodes).extracting(ClusterCommand.LocalNode::clusterPort).containsExactly(25521, 25522, 25523);
        assertThat(nodes.get(1).dataDir()).isEqualTo(directory.resolve("node2"));
        assertThat(nodes.get(2).url()).isEqualTo("http://127.0.0.1:7183");

        List<String> args = nodes.get(1).serverArguments(nodes,
                "jdbc:postgresql://127.0.0.1:55432/starling?user=postgres", "p.tok");
        assertThat(args.get(0)).isEqualTo("server");
        // The server command accepts them and describes node 2 of the cluster.
        ServerCommand server = new ServerCommand();
        new CommandLine(server).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        NodeConfig config = server.nodeConfig(directory, Map.of());
        assertThat(config.httpPort()).isEqualTo(7182);
        assertThat(config.remotePort()).isEqualTo(25522);
        assertThat(config.cluster().dataPort()).isEqualTo(25532);
        assertThat(config.cluster().seedNodes())
                .containsExactly("127.0.0.1:25521", "127.0.0.1:25522", "127.0.0.1:25523");
        assertThat(config.cluster().journal().kind()).isEqualTo("postgres");
        assertThat(config.cluster().journal().user()).isEqualTo("postgres");
        assertThat(config.workspaceToken()).isEqualTo("p.tok");
        assertThat(config.dataDir()).isEqualTo(directory.resolve("node2"));
    }

    @Test
    void statusFindsTheNodesOfADirectoryAndNoProcessIsAliveWithoutPidFiles() throws Exception {
        assertThat(ClusterCommand.existing(directory)).isEmpty();
        Files.createDirectories(directory.resolve("node1"));
        Files.createDirectories(directory.resolve("node2"));
        Files.writeString(directory.resolve("node2.pid"), "not-a-pid");
        List<ClusterCommand.LocalNode> found = ClusterCommand.existing(directory);
        assertThat(found).extracting(ClusterCommand.LocalNode::index).containsExactly(1, 2);
        assertThat(found).allMatch(node -> ClusterCommand.alive(node).isEmpty());
        Files.writeString(directory.resolve("node1.pid"), Long.toString(ProcessHandle.current().pid()));
        assertThat(ClusterCommand.alive(found.get(0))).contains(ProcessHandle.current().pid());
    }

    @Test
    void theNodeCountIsBounded() {
        assertThatThrownBy(() -> ClusterCommand.layout(directory, 0)).isInstanceOf(CliException.class)
                .hasMessageContaining("--nodes");
        assertThat(ClusterCommand.parameter("jdbc:postgresql://h/db?user=app&ssl=true", "user")).isEqualTo("app");
        assertThat(ClusterCommand.parameter("jdbc:postgresql://h/db", "user")).isNull();
    }

    @Test
    void eachNodeGetsTheHeapAskedFor() {
        assertThat(ClusterCommand.javaCommand("4g")).contains("-Xmx4g").doesNotContain("-Xmx512m");
        assertThat(ClusterCommand.javaCommand(ClusterCommand.DEFAULT_HEAP)).contains("-Xmx512m");
        assertThat(ClusterCommand.heapSize(" 768m ")).isEqualTo("768m");
        assertThatThrownBy(() -> ClusterCommand.heapSize("4 GB")).isInstanceOf(CliException.class)
                .hasMessageContaining("--heap");
        assertThatThrownBy(() -> ClusterCommand.heapSize("-Xmx4g")).isInstanceOf(CliException.class);
    }
}
