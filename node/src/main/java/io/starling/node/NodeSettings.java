package io.starling.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;

/**
 * The Pekko configuration of a node: {@code starling-node.conf} (cluster, persistence, dispatchers) with the
 * per-node values of {@link NodeConfig} on top. System properties still win (ConfigFactory.load).
 */
public final class NodeSettings {
    public static final String ACTOR_SYSTEM_NAME = "starling";
    public static final String DATA_ROLE = "data";
    public static final String BLOCKING_IO_DISPATCHER = "starling.blocking-io-dispatcher";

    private NodeSettings() {
    }

    public static Path catalogDirectory(Path dataDir) {
        return dataDir.resolve("catalog").resolve("h2");
    }

    public static Path tablesDirectory(Path dataDir) {
        return dataDir.resolve("tables");
    }

    /**
     * The H2 URL of the catalog journal. {@code WRITE_DELAY=0}: H2's MVStore otherwise commits to its file
     * up to a second later, so an acknowledged catalog event could be lost to kill -9 (tested in
     * CatalogDurabilityTest). {@code DB_CLOSE_ON_EXIT=FALSE}: the pool closes the database when the actor
     * system stops, not H2's own shutdown hook racing with coordinated shutdown.
     */
    public static String jdbcUrl(Path dataDir) {
        Path file = catalogDirectory(dataDir.toAbsolutePath().normalize()).resolve("catalog");
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    public static Config pekkoConfig(NodeConfig config) {
        return pekkoConfig(config, -1);
    }

    /**
     * The configuration with the cluster layer ({@link io.starling.node.cluster.ClusterSettings}) of a server node:
     * seeds, roles (plus {@code dataport-<port>} so peers find this node's data port), transport, journal and the
     * optional HOCON file. {@code dataPort} is the bound data port, or -1 (local mode: no data port).
     */
    public static Config pekkoConfig(NodeConfig config, int dataPort) {
        Config overrides = ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(config.remotePort()))
                .withValue("starling.jdbc-url", ConfigValueFactory.fromAnyRef(jdbcUrl(config.dataDir())));
        if (config.cluster().replicated()) {
            overrides = io.starling.node.cluster.ClusterSettings.overrides(config.cluster(), dataPort)
                    .withFallback(overrides);
        }
        Config file = config.cluster().configFile() == null ? ConfigFactory.empty()
                : ConfigFactory.parseFile(config.cluster().configFile().toFile());
        return ConfigFactory.load(overrides
                .withFallback(file)
                .withFallback(ConfigFactory.parseResources(NodeSettings.class.getClassLoader(), "starling-node.conf"))
                .withFallback(ConfigFactory.defaultApplication()));
    }
}
