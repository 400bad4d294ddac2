package io.starling.node.cluster;

import io.starling.node.cluster.query.DistributedReads;
import io.starling.node.cluster.query.FragmentHost;
import io.starling.node.cluster.query.FragmentServer;
import io.starling.node.shard.ReplicaStore;
import io.starling.sql.QueryEngine;
import io.starling.node.shard.ShardLog;
import io.starling.node.transfer.DataPortServer;
import io.starling.node.transfer.PartFetcher;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ReplicaSyncRequest;
import io.starling.protocol.shardlog.ShardLogReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server node ({@code starling server}) runs besides the single-node services: the ShardLog entities,
 * this node's replica host, its query fragment host (distributed reads), the data port, and a periodic catch-up of
 * its replicas (every {@code syncInterval} each replica applies its log's new entries and fetches the parts it
 * lacks, so a node that restarts, or starts empty, converges without a manual step; then, when the log grants it
 * the shard's merge lease, it chooses and commits merges). Started by StarlingNode when {@link ClusterConfig#replicated()}.
 */
public final class ClusterServices {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterServices.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_CONCURRENT_FETCHES = 4;
    /** Merges the merge leader of a shard commits per catch-up round at most. */
    private static final int MERGES_PER_ROUND = 4;

    private final ReplicatedTables tables;
    private final ReplicaNode replicaNode;
    private final ShardLogs logs;
    private final ClusterMembers members;
    private final AtomicBoolean syncing = new AtomicBoolean();

    private ClusterServices(ReplicatedTables tables, ReplicaNode replicaNode, ShardLogs logs, ClusterMembers members) {
        this.tables = tables;
        this.replicaNode = replicaNode;
        this.logs = logs;
        this.members = members;
    }

    /** Starts the services; {@code tableSpecs} lists the tables of the catalog (read at every catch-up round). */
    public static ClusterServices start(ActorSystem<?> system, ClusterSharding sharding, ReplicaStore store,
                                        Executor blockingIo, ClusterConfig config, DataPortServer dataPort,
                                        Supplier<List<TableSpec>> tableSpecs, String dataRole) {
        ShardLog.init(sharding, dataRole);
        ShardLogs logs = new ShardLogs(sharding, ASK_TIMEOUT);
        ClusterMembers members = new ClusterMembers(Cluster.get(system));
        ReplicaNode replicaNode = new ReplicaNode(store, new PartFetcher(MAX_CONCURRENT_FETCHES), logs, members::selfId);
        ReplicaHost.spawn(system, replicaNode, blockingIo);
        ReplicatedTables tables = new ReplicatedTables(system, logs, members, ASK_TIMEOUT);
        QueryEngine engine = new QueryEngine();
        replicaNode.useSelector(new io.starling.node.ingest.TableRewriter(engine)::rowsWhere);
        FragmentHost.spawn(system, new FragmentServer(replicaNode, engine), blockingIo);
        tables.useReads(new DistributedReads(system, tables));
        ClusterServices services = new ClusterServices(tables, replicaNode, logs, members);
        Duration interval = Duration.ofMillis(config.syncIntervalMillis());
        system.scheduler().scheduleWithFixedDelay(interval, interval,
                () -> blockingIo.execute(() -> services.catchUp(tableSpecs.get())), system.executionContext());
        if (dataPort != null) {
            CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "close-data-port", () -> {
                dataPort.close();
                return CompletableFuture.completedFuture(Done.getInstance());
            });
        }
        LOG.info("Replication is on: node {}, data port {}", members.selfId(),
                dataPort == null ? "none" : dataPort.port());
        return services;
    }

    /** Every shard's placement as its log records it (blocking); a shard without one yet answers an empty list. */
    private List<List<ReplicaSlot>> readPlacement(TableSpec spec) {
        int shards = ReplicatedTables.shardCount(spec);
        List<List<ReplicaSlot>> placement = new java.util.ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            ShardLogReply log = ReplicaNode.await(logs.getLog(spec.getTableId(), shard, Long.MAX_VALUE));
            placement.add(log.getPlacementList());
        }
        return placement;
    }

    public ReplicatedTables tables() {
        return tables;
    }

    /**
     * One catch-up round over the given tables (blocking; skipped when the previous round still runs): for every
     * table with a placement that includes this node, sync the replica with its log.
     */
    public void catchUp(List<TableSpec> specs) {
        if (!syncing.compareAndSet(false, true)) {
            return;
        }
        try {
            String self = members.selfId();
            for (TableSpec spec : specs) {
                try {
                    List<List<ReplicaSlot>> placement = tables.knownPlacement(spec.getTableId());
                    if (placement.isEmpty()) {
                        placement = readPlacement(spec);
                        tables.rememberPlacement(spec.getTableId(), placement);
                    }
                    for (int shard = 0; shard < placement.size(); shard++) {
                        if (placement.get(shard).stream().anyMatch(slot -> slot.getNode().equals(self))) {
                            replicaNode.sync(ReplicaSyncRequest.newBuilder().setTable(spec).setShard(shard).build());
                            replicaNode.mergeRound(spec, shard, MERGES_PER_ROUND);
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.debug("Catch-up of [{}] failed: {}", spec.getTableId(), e.toString());
                }
            }
        } finally {
            syncing.set(false);
        }
    }
}
