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
        Config overrides = ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(config.remotePort()))
                .withValue("starling.jdbc-url", ConfigValueFactory.fromAnyRef(jdbcUrl(config.dataDir())));
        return ConfigFactory.load(overrides
                .withFallback(ConfigFactory.parseResources(NodeSettings.class.getClassLoader(), "starling-node.conf"))
                .withFallback(ConfigFactory.defaultApplication()));
    }
}
