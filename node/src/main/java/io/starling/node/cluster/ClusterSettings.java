package io.starling.node.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.starling.node.NodeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.cluster.Member;

/**
 * The Pekko settings of a server node derived from its {@link ClusterConfig}, and what peers read back from a
 * member (its data port travels as the role {@code dataport-<port>}). Pure functions.
 */
public final class ClusterSettings {
    public static final String DATA_PORT_ROLE_PREFIX = "dataport-";
    /** How long sharding waits after a node was removed before it starts that node's entities elsewhere. */
    public static final int DOWN_REMOVAL_MARGIN_SECONDS = 2;

    private ClusterSettings() {
    }

    public static Config overrides(ClusterConfig cluster, int dataPort) {
        List<String> roles = new ArrayList<>(cluster.roles());
        roles.sort(null);
        if (dataPort > 0) {
            roles.add(DATA_PORT_ROLE_PREFIX + dataPort);
        }
        List<String> seeds = cluster.seedNodes().stream()
                .map(seed -> "pekko://" + NodeSettings.ACTOR_SYSTEM_NAME + "@" + seed).toList();
        Config config = ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(cluster.canonicalHost()))
                .withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef(cluster.transport()))
                .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(roles))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withValue("pekko.cluster.downing-provider-class",
                        ConfigValueFactory.fromAnyRef("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"))
                .withValue("pekko.cluster.split-brain-resolver.active-strategy",
                        ConfigValueFactory.fromAnyRef("keep-majority"))
                .withValue("pekko.cluster.split-brain-resolver.stable-after",
                        ConfigValueFactory.fromAnyRef(cluster.splitBrainStableAfterSeconds() + "s"))
                // Without it the margin is the resolver's stable-after (20 s): after a node was removed, sharding
                // waits that long before it starts the node's entities (shard logs, the catalog) elsewhere, and asks
                // sent meanwhile time out. A node restarted on its address (new UID) has its old incarnation downed
                // and removed as soon as it tries to join, so the margin was most of a restart's stall. Our entities
                // are event-sourced and fenced by the journal (a stale incarnation cannot commit), so a short margin
                // is safe.
                .withValue("pekko.cluster.down-removal-margin",
                        ConfigValueFactory.fromAnyRef(DOWN_REMOVAL_MARGIN_SECONDS + "s"))
                // A restarted node's first Join only makes the leader remove its old incarnation; it joins on the
                // retry, which Pekko sends after 10 s by default.
                .withValue("pekko.cluster.retry-unsuccessful-join-after", ConfigValueFactory.fromAnyRef("2s"))
                // A graceful leave (ClusterServices#drain) runs in the first phase, while the node still serves.
                .withValue("pekko.coordinated-shutdown.phases.before-service-unbind.timeout",
                        ConfigValueFactory.fromAnyRef((ClusterServices.MAX_DRAIN.toSeconds() + 10) + "s"));
        if (cluster.journal().kind().equals(ClusterConfig.Journal.KIND_POSTGRES)) {
            String db = "pekko-persistence-jdbc.shared-databases.default.";
            config = config
                    .withValue(db + "profile", ConfigValueFactory.fromAnyRef("slick.jdbc.PostgresProfile$"))
                    .withValue(db + "db.url", ConfigValueFactory.fromAnyRef(cluster.journal().url()))
                    .withValue(db + "db.user", ConfigValueFactory.fromAnyRef(cluster.journal().user()))
                    .withValue(db + "db.password", ConfigValueFactory.fromAnyRef(cluster.journal().password()))
                    .withValue(db + "db.driver", ConfigValueFactory.fromAnyRef("org.postgresql.Driver"));
        } else if (cluster.journal().url() != null) {
            config = config.withValue("starling.jdbc-url", ConfigValueFactory.fromAnyRef(cluster.journal().url()));
        }
        return config;
    }

    /** The node id of a member: its Artery host:port, stable across restarts on the same address. */
    public static String nodeId(Member member) {
        return member.address().host().get() + ":" + member.address().port().get();
    }

    /** The data port address (host:port) a member advertises, if any. */
    public static Optional<String> dataAddress(Member member) {
        for (String role : member.getRoles()) {
            if (role.startsWith(DATA_PORT_ROLE_PREFIX)) {
                return Optional.of(member.address().host().get() + ":" + role.substring(DATA_PORT_ROLE_PREFIX.length()));
            }
        }
        return Optional.empty();
    }
}
