package io.starling.node.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a node takes part in a cluster ({@code starling server}); {@link #LOCAL} is {@code starling local}: a cluster
 * of one on H2 whose tables are single replicas (the path that existed before replication).
 *
 * @param replicated      true: tables use the ShardLog, replicas on distinct nodes and the data port (server mode)
 * @param seedNodes       host:port Artery addresses to join (empty: the node joins itself)
 * @param roles           cluster roles, a subset of {@code data}, {@code compute}
 * @param canonicalHost   the Artery host other nodes reach this one on
 * @param transport       {@code tcp} (default) or {@code aeron-udp}
 * @param journal         where the event journal (catalog, shard logs) lives
 * @param dataPort        data port (part transfers); 0 picks a free one
 * @param configFile      an optional HOCON file layered over the built-in configuration (any pekko.* or starling.*
 *                        key), below the values given here
 * @param splitBrainStableAfterSeconds the split-brain resolver's stable-after (keep-majority is always on)
 * @param syncIntervalMillis how often replicas compare themselves with their shard logs and fetch what they lack
 */
public record ClusterConfig(boolean replicated, List<String> seedNodes, Set<String> roles, String canonicalHost,
                            String transport, Journal journal, int dataPort, Path configFile,
                            int splitBrainStableAfterSeconds, long syncIntervalMillis) {
    public static final String ROLE_DATA = "data";
    public static final String ROLE_COMPUTE = "compute";
    public static final String TRANSPORT_TCP = "tcp";
    public static final String TRANSPORT_AERON_UDP = "aeron-udp";

    public static final ClusterConfig LOCAL = new ClusterConfig(false, List.of(), Set.of(ROLE_DATA), "127.0.0.1",
            TRANSPORT_TCP, Journal.H2, 0, null, 20, 2_000);

    /** Where the journal lives: the node's own H2 file, or a PostgreSQL database shared by the cluster. */
    public record Journal(String kind, String url, String user, String password) {
        public static final String KIND_H2 = "h2";
        public static final String KIND_POSTGRES = "postgres";
        public static final Journal H2 = new Journal(KIND_H2, null, "sa", "");

        public Journal {
            kind = kind == null ? KIND_H2 : kind.toLowerCase(Locale.ROOT);
            if (!kind.equals(KIND_H2) && !kind.equals(KIND_POSTGRES)) {
                throw new IllegalArgumentException("Journal [" + kind + "] is not h2 or postgres");
            }
            if (kind.equals(KIND_POSTGRES) && (url == null || !url.startsWith("jdbc:postgresql:"))) {
                throw new IllegalArgumentException("A postgres journal needs a JDBC URL like"
                        + " jdbc:postgresql://host:5432/starling, got [" + url + "]");
            }
            user = user == null ? (kind.equals(KIND_H2) ? "sa" : "postgres") : user;
            password = password == null ? "" : password;
        }

        public static Journal postgres(String url, String user, String password) {
            return new Journal(KIND_POSTGRES, url, user, password);
        }

        /** A shared H2 file (several nodes, e.g. in one test JVM or with AUTO_SERVER=TRUE); url null = own file. */
        public static Journal h2(String url) {
            return new Journal(KIND_H2, url, "sa", "");
        }
    }

    public ClusterConfig {
        seedNodes = List.copyOf(seedNodes);
        roles = Set.copyOf(roles);
        Objects.requireNonNull(canonicalHost, "canonicalHost");
        Objects.requireNonNull(journal, "journal");
        transport = transport == null ? TRANSPORT_TCP : transport;
        if (!transport.equals(TRANSPORT_TCP) && !transport.equals(TRANSPORT_AERON_UDP)) {
            throw new IllegalArgumentException("Transport [" + transport + "] is not tcp or aeron-udp");
        }
        for (String role : roles) {
            if (!role.equals(ROLE_DATA) && !role.equals(ROLE_COMPUTE)) {
                throw new IllegalArgumentException("Role [" + role + "] is not data or compute");
            }
        }
        for (String seed : seedNodes) {
            if (seed.lastIndexOf(':') <= 0) {
                throw new IllegalArgumentException("Seed node [" + seed + "] is not host:port");
            }
        }
        if (dataPort < 0 || dataPort > 65_535) {
            throw new IllegalArgumentException("Data port [" + dataPort + "] is not between 0 and 65535");
        }
    }

    /** A server node (replicated tables) with the given seeds; other values default. */
    public static ClusterConfig server(List<String> seedNodes) {
        return new ClusterConfig(true, seedNodes, Set.of(ROLE_DATA), "127.0.0.1", TRANSPORT_TCP, Journal.H2, 0, null,
                20, 2_000);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public ClusterConfig withJournal(Journal value) {
        return new ClusterConfig(replicated, seedNodes, roles, canonicalHost, transport, value, dataPort, configFile,
                splitBrainStableAfterSeconds, syncIntervalMillis);
    }

    public ClusterConfig withRoles(Set<String> value) {
        return new ClusterConfig(replicated, seedNodes, value, canonicalHost, transport, journal, dataPort, configFile,
                splitBrainStableAfterSeconds, syncIntervalMillis);
    }

    public ClusterConfig withCanonicalHost(String value) {
        return new ClusterConfig(replicated, seedNodes, roles, value, transport, journal, dataPort, configFile,
                splitBrainStableAfterSeconds, syncIntervalMillis);
    }

    public ClusterConfig withTransport(String value) {
        return new ClusterConfig(replicated, seedNodes, roles, canonicalHost, value, journal, dataPort, configFile,
                splitBrainStableAfterSeconds, syncIntervalMillis);
    }

    public ClusterConfig withDataPort(int value) {
        return new ClusterConfig(replicated, seedNodes, roles, canonicalHost, transport, journal, value, configFile,
                splitBrainStableAfterSeconds, syncIntervalMillis);
    }

    public ClusterConfig withConfigFile(Path value) {
        return new ClusterConfig(replicated, seedNodes, roles, canonicalHost, transport, journal, dataPort, value,
                splitBrainStableAfterSeconds, syncIntervalMillis);
    }

    public ClusterConfig withSplitBrainStableAfterSeconds(int value) {
        return new ClusterConfig(replicated, seedNodes, roles, canonicalHost, transport, journal, dataPort, configFile,
                value, syncIntervalMillis);
    }

    public ClusterConfig withSyncIntervalMillis(long value) {
        return new ClusterConfig(replicated, seedNodes, roles, canonicalHost, transport, journal, dataPort, configFile,
                splitBrainStableAfterSeconds, value);
    }
}
