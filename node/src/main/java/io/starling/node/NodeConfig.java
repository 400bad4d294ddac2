package io.starling.node;

import io.starling.node.cluster.ClusterConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run one node.
 *
 * @param httpHost       address the HTTP API listens on (default 127.0.0.1)
 * @param httpPort       HTTP API port (default 7181; 0 picks a free port, see {@link StarlingNode#httpPort()})
 * @param dataDir        where the catalog journal ({@code catalog/h2}) and table parts ({@code tables/}) live
 * @param workspaceToken the workspace admin token to use, or null to generate one on first start (then kept)
 * @param remotePort     Artery (cluster) port; 0 picks a free one
 * @param cluster        membership, roles, transport and journal ({@link ClusterConfig#LOCAL} for {@code local})
 */
public record NodeConfig(String httpHost, int httpPort, Path dataDir, String workspaceToken, int remotePort,
                         ClusterConfig cluster) {
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 7181;
    public static final Path DEFAULT_DATA_DIR = Path.of(".starling");

    public NodeConfig {
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(dataDir, "dataDir");
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("HTTP port [" + httpPort + "] is not between 0 and 65535");
        }
        if (remotePort < 0 || remotePort > 65_535) {
            throw new IllegalArgumentException("Remote port [" + remotePort + "] is not between 0 and 65535");
        }
        if (workspaceToken != null && workspaceToken.isBlank()) {
            workspaceToken = null;
        }
        cluster = cluster == null ? ClusterConfig.LOCAL : cluster;
    }

    /** A single-node ({@code local}) configuration. */
    public NodeConfig(String httpHost, int httpPort, Path dataDir, String workspaceToken, int remotePort) {
        this(httpHost, httpPort, dataDir, workspaceToken, remotePort, ClusterConfig.LOCAL);
    }

    public NodeConfig withCluster(ClusterConfig value) {
        return new NodeConfig(httpHost, httpPort, dataDir, workspaceToken, remotePort, value);
    }

    public static NodeConfig defaults() {
        return new NodeConfig(DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, DEFAULT_DATA_DIR, null, 0);
    }

    public NodeConfig withHttpHost(String host) {
        return new NodeConfig(host, httpPort, dataDir, workspaceToken, remotePort, cluster);
    }

    public NodeConfig withHttpPort(int port) {
        return new NodeConfig(httpHost, port, dataDir, workspaceToken, remotePort, cluster);
    }

    public NodeConfig withDataDir(Path directory) {
        return new NodeConfig(httpHost, httpPort, directory, workspaceToken, remotePort, cluster);
    }

    public NodeConfig withWorkspaceToken(String token) {
        return new NodeConfig(httpHost, httpPort, dataDir, token, remotePort, cluster);
    }

    public NodeConfig withRemotePort(int port) {
        return new NodeConfig(httpHost, httpPort, dataDir, workspaceToken, port, cluster);
    }
}
