package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.node.NodeConfig;
import io.starling.node.cluster.ClusterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code starling server} options: flags over the HOCON file over defaults (no node is started). */
class ServerCommandTest {
    @TempDir
    Path directory;

    private NodeConfig parse(String... args) {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs(args);
        return command.nodeConfig(directory, Map.of("STARLING_JOURNAL_PASSWORD", "secret"));
    }

    @Test
    void flagsDescribeAClusterNode() {
        NodeConfig config = parse("--join", "10.0.0.1:25520,10.0.0.2:25520", "--cluster-host", "10.0.0.3",
                "--cluster-port", "25521", "--roles", "data,compute", "--transport", "aeron-udp",
                "--journal", "postgres", "--journal-url", "jdbc:postgresql://db:5432/starling", "--port", "0");
        ClusterConfig cluster = config.cluster();
        assertThat(cluster.replicated()).isTrue();
        assertThat(cluster.seedNodes()).containsExactly("10.0.0.1:25520", "10.0.0.2:25520");
        assertThat(cluster.roles()).isEqualTo(Set.of("data", "compute"));
        assertThat(cluster.canonicalHost()).isEqualTo("10.0.0.3");
        assertThat(cluster.transport()).isEqualTo("aeron-udp");
        assertThat(cluster.journal().kind()).isEqualTo("postgres");
        assertThat(cluster.journal().password()).isEqualTo("secret");
        assertThat(config.remotePort()).isEqualTo(25521);
        assertThat(config.httpPort()).isZero();
    }

    @Test
    void theConfigFileFillsWhatFlagsLeaveOpen() throws Exception {
        Files.writeString(directory.resolve("node.conf"), """
                starling.server {
                  join = ["127.0.0.1:25520"]
                  roles = [data]
                  data-port = 0
                  journal { kind = postgres, url = "jdbc:postgresql://127.0.0.1:55432/starling", user = app }
                }
                """);
        NodeConfig config = parse("--config", "node.conf", "--cluster-port", "25599");
        assertThat(config.cluster().seedNodes()).containsExactly("127.0.0.1:25520");
        assertThat(config.cluster().dataPort()).isZero();
        assertThat(config.cluster().journal().user()).isEqualTo("app");
        assertThat(config.cluster().configFile()).isEqualTo(directory.resolve("node.conf"));
        assertThat(config.remotePort()).isEqualTo(25599);
        assertThat(config.cluster().roles()).containsExactly("data");
    }

    @Test
    void withoutJoinTheNodeFormsAClusterOfOneOnH2() {
        NodeConfig config = parse();
        assertThat(config.cluster().seedNodes()).isEmpty();
        assertThat(config.cluster().journal().kind()).isEqualTo("h2");
        assertThat(config.cluster().roles()).containsExactly("data");
        assertThat(NodeConfig.defaults().cluster()).isEqualTo(ClusterConfig.LOCAL);
    }
}
