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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * How long a replica moved away from this node keeps its files (queries that chose it before the move finish
     * first), unless the system property {@value #REMOVAL_GRACE_PROPERTY} (milliseconds) says otherwise at start.
     */
    static final long REMOVAL_GRACE_MILLIS = 30_000;
    public static final String REMOVAL_GRACE_PROPERTY = "starling.cluster.replicaRemovalGraceMillis";
    /** Configuration key: how long a data node is gone before its replicas are re-placed. */
    public static final String REPLACE_DEAD_AFTER_KEY = "starling.cluster.replace-dead-after";
    /** The longest graceful leave (drain) on shutdown; the coordinated-shutdown phase allows a little more. */
    /** A catch-up round longer than this is logged: it delays the moves of every shard. */
    private static final long SLOW_ROUND_MILLIS = 10_000;
    public static final Duration MAX_DRAIN = Duration.ofSeconds(120);
    /** How long a leave announcement holds unless the leaving node renews it. */
    private static final long DRAIN_ANNOUNCEMENT_MILLIS = 10_000;
    /** By identity: typed ActorSystems compare by their guardian's path, equal for systems of the same name. */
    private static final Map<ActorSystem<?>, ClusterServices> RUNNING =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private final ActorSystem<?> system;
    private final ReplicatedTables tables;
    private final ReplicaNode replicaNode;
    private final ShardLogs logs;
    private final ClusterMembers members;
    private final Rebalancer rebalancer;
    private final Supplier<List<TableSpec>> tableSpecs;
    private final AtomicBoolean syncing = new AtomicBoolean();
    /** Shards whose replica moved away from this node: when this node first saw it gone. */
    private final Map<String, Long> movedAway = new ConcurrentHashMap<>();
    private volatile Duration drainOnShutdown = Duration.ZERO;
    private final long removalGraceMillis = Long.getLong(REMOVAL_GRACE_PROPERTY, REMOVAL_GRACE_MILLIS);
    private final TtlSweeper ttlSweeper;

    private ClusterServices(ActorSystem<?> system, ReplicatedTables tables, ReplicaNode replicaNode, ShardLogs logs,
                            ClusterMembers members, Rebalancer rebalancer, Supplier<List<TableSpec>> tableSpecs) {
        this.system = system;
        this.tables = tables;
        this.replicaNode = replicaNode;
        this.logs = logs;
        this.members = members;
        this.rebalancer = rebalancer;
        this.tableSpecs = tableSpecs;
        this.ttlSweeper = new TtlSweeper((table, condition) -> tables.mutate(table, ShardMutation.DELETE_WHERE,
                condition, List.of()).thenApply(io.starling.protocol.shard.ShardReply::getRows),
                System::currentTimeMillis);
    }

    /** The services of a running server node, if {@code system} is one (for {@code starling server} and tests). */
    public static Optional<ClusterServices> of(ActorSystem<?> system) {
        return Optional.ofNullable(RUNNING.get(system));
    }

    /** Starts the services; {@code tableSpecs} lists the tables of the catalog (read at every catch-up round). */
    public static ClusterServices start(ActorSystem<?> system, ClusterSharding sharding, ReplicaStore store,
                                        Executor blockingIo, ClusterConfig config, DataPortServer dataPort,
                                        Supplier<List<TableSpec>> tableSpecs, String dataRole) {
        ShardLog.init(sharding, dataRole);
        ShardLogs logs = new ShardLogs(sharding, ASK_TIMEOUT);
        ClusterMembers members = new ClusterMembers(Cluster.get(system));
        ReplicaNode replicaNode = new ReplicaNode(store, new PartFetcher(MAX_CONCURRENT_FETCHES), logs, members::selfId);
        Rebalancer rebalancer = new Rebalancer(logs, members, System::currentTimeMillis,
                node -> replicaHostAnswers(system, node));
        rebalancer.replaceDeadAfter(replaceDeadAfter(system.settings().config()));
        replicaNode.preferSources(members::isUp);
        ReplicaHost.spawn(system, replicaNode, rebalancer, blockingIo);
        ReplicatedTables tables = new ReplicatedTables(system, logs, members, ASK_TIMEOUT);
        QueryEngine engine = new QueryEngine();
        replicaNode.useSelector(new io.starling.node.ingest.TableRewriter(engine)::rowsWhere);
        FragmentHost.spawn(system, new FragmentServer(replicaNode, engine), blockingIo);
        tables.useReads(new DistributedReads(system, tables));
        ClusterServices services = new ClusterServices(system, tables, replicaNode, logs, members, rebalancer,
                tableSpecs);
        Duration interval = Duration.ofMillis(config.syncIntervalMillis());
        system.scheduler().scheduleWithFixedDelay(interval, interval,
                () -> blockingIo.execute(() -> services.catchUp(services.allTables())), system.executionContext());
        // Graceful leave: before the HTTP port and the data port close, give this node's replicas to other nodes
        // (only when asked: `starling server` on SIGTERM, or drainOnShutdown).
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "drain-replicas",
                () -> {
                    Duration drain = services.drainOnShutdown;
                    if (drain.isZero() || drain.isNegative()) {
                        return CompletableFuture.completedFuture(Done.getInstance());
                    }
                    return CompletableFuture.supplyAsync(() -> {
                        services.drain(drain);
                        return Done.getInstance();
                    }, blockingIo);
                });
        RUNNING.put(system, services);
        system.getWhenTerminated().thenRun(() -> RUNNING.remove(system));
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

    /**
     * {@value #REPLACE_DEAD_AFTER_KEY} (a HOCON duration, e.g. {@code 5m}; {@code -Dstarling.cluster.replace-dead-after=30s}
     * works too), else {@link Rebalancer#DEFAULT_REPLACE_DEAD_AFTER}.
     */
    static Duration replaceDeadAfter(com.typesafe.config.Config config) {
        if (!config.hasPath(REPLACE_DEAD_AFTER_KEY)) {
            return Rebalancer.DEFAULT_REPLACE_DEAD_AFTER;
        }
        Duration grace = config.getDuration(REPLACE_DEAD_AFTER_KEY);
        if (grace.isNegative()) {
            throw new IllegalArgumentException(REPLACE_DEAD_AFTER_KEY + " [" + grace + "] must not be negative; write"
                    + " e.g. " + REPLACE_DEAD_AFTER_KEY + " = 5m");
        }
        return grace;
    }

    /**
     * How long a data node must be gone from the cluster (downed and removed) before the data leader re-places its
     * replicas on the other nodes; overrides {@value #REPLACE_DEAD_AFTER_KEY} (tests, embedding).
     */
    public void replaceDeadAfter(Duration grace) {
        rebalancer.replaceDeadAfter(grace);
    }

    /** The catalog's tables and the service data sources ({@code tinybird.*}), which are replicated too. */
    List<TableSpec> allTables() {
        List<TableSpec> all = new java.util.ArrayList<>(tableSpecs.get());
        for (String name : io.starling.node.service.ServiceDataSources.names()) {
            all.add(io.starling.node.service.ServiceDataSources.require(name));
        }
        return all;
    }

    /** Every shard's log head (placement, holdings; no entries) as it is now (blocking). */
    private List<Rebalancer.ShardView> readViews(TableSpec spec) {
        int shards = ReplicatedTables.shardCount(spec);
        List<Rebalancer.ShardView> views = new java.util.ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            views.add(new Rebalancer.ShardView(spec, shard,
                    ReplicaNode.await(logs.getLog(spec.getTableId(), shard, Long.MAX_VALUE))));
        }
        return views;
    }

    public ReplicatedTables tables() {
        return tables;
    }

    /**
     * One catch-up round over the given tables (blocking; skipped when the previous round still runs): reads every
     * shard's placement from its log (the cached placements follow re-placement), syncs this node's replicas with
     * their logs, deletes replicas moved away from this node once the grace period passed, and runs a rebalancing
     * round ({@link Rebalancer}: the data leader plans moves; every node finishes the moves of its own replicas).
     */
    public void catchUp(List<TableSpec> specs) {
        if (!syncing.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        List<String> slowTables = new java.util.ArrayList<>();
        try {
            String self = members.selfId();
            List<Rebalancer.ShardView> all = new java.util.ArrayList<>();
            for (TableSpec spec : specs) {
                long tableStarted = System.nanoTime();
                try {
                    List<Rebalancer.ShardView> views = readViews(spec);
                    all.addAll(views);
                    tables.rememberPlacement(spec.getTableId(),
                            views.stream().map(view -> view.log().getPlacementList()).toList());
                    for (Rebalancer.ShardView view : views) {
                        int shard = view.shard();
                        List<ReplicaSlot> placement = view.log().getPlacementList();
                        if (placement.stream().anyMatch(slot -> slot.getNode().equals(self))) {
                            movedAway.remove(view.shardKey());
                            replicaNode.sync(ReplicaSyncRequest.newBuilder().setTable(spec).setShard(shard).build());
                            replicaNode.mergeRound(spec, shard, MERGES_PER_ROUND);
                        } else if (!placement.isEmpty()) {
                            removeWhenGraceOver(spec, shard, view.shardKey());
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.debug("Catch-up of [{}] failed: {}", spec.getTableId(), e.toString());
                }
                long tableMillis = (System.nanoTime() - tableStarted) / 1_000_000;
                if (tableMillis >= SLOW_ROUND_MILLIS / 2) {
                    slowTables.add(spec.getTableId() + " " + tableMillis + " ms");
                }
            }
            try {
                boolean leader = members.dataLeader().map(self::equals).orElse(false);
                rebalancer.round(all, leader);
                ttlSweeper.round(specs, leader);
            } catch (RuntimeException e) {
                LOG.debug("Rebalancing round failed: {}", e.toString());
            }
        } finally {
            syncing.set(false);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= SLOW_ROUND_MILLIS) {
                // Moves start and finish only in these rounds: a slow one delays every re-placement.
                LOG.warn("A catch-up round took {} ms (slowest tables: {})", millis, slowTables);
            }
        }
    }

    /** Deletes this node's copy of a shard that moved away, a grace period after it first saw that. */
    private void removeWhenGraceOver(TableSpec spec, int shard, String shardKey) {
        if (!java.nio.file.Files.isDirectory(replicaNode.directory(spec, shard))) {
            movedAway.remove(shardKey);
            return;
        }
        long now = System.currentTimeMillis();
        long since = movedAway.computeIfAbsent(shardKey, key -> now);
        if (now - since >= removalGraceMillis && replicaNode.removeReplica(spec, shard)) {
            movedAway.remove(shardKey);
        }
    }

    /** Makes a shutdown of this node (SIGTERM, Ctrl-C, {@code stop}) leave gracefully first, for up to {@code timeout}. */
    public void drainOnShutdown(Duration timeout) {
        this.drainOnShutdown = timeout.compareTo(MAX_DRAIN) > 0 ? MAX_DRAIN : timeout;
    }

    /**
     * Graceful leave (blocking): announces to the data leader that this node is leaving, so it moves every replica
     * of this node to other nodes (and none here), and waits until no shard places a replica here, until the only
     * replicas left have no other node to go to (every other live node holds that shard already), or until
     * {@code timeout}. The node keeps serving (queries, inserts, part fetches of the new replicas) meanwhile. Answers
     * the shards ({@code tableId~shard}) that still have a replica here: empty when every replica moved.
     */
    public List<String> drain(Duration timeout) {
        String self = members.selfId();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        LOG.info("Node {} is leaving: moving its replicas to other nodes (up to {} s)", self, timeout.toSeconds());
        List<String> left = List.of();
        while (System.currentTimeMillis() < deadline) {
            announceLeaving(self);
            List<Rebalancer.ShardView> views = new java.util.ArrayList<>();
            try {
                for (TableSpec spec : allTables()) {
                    views.addAll(readViews(spec));
                }
            } catch (RuntimeException e) {
                LOG.debug("Reading the shard logs while leaving failed: {}", e.toString());
                sleep(300);
                continue;
            }
            left = Rebalancer.replicasOn(views, self);
            if (left.isEmpty()) {
                LOG.info("Node {} holds no replica any more; it leaves", self);
                return left;
            }
            // Nodes that are Up but unreachable for a moment count as places to go: the leave waits for them
            // rather than leaving with a replica fewer.
            List<String> stuck = Rebalancer.stuckOn(views, self, members.upDataNodeIds(), java.util.Set.of(self));
            if (stuck.size() == left.size()) {
                LOG.info("Node {} leaves with replicas of {}: every other live data node holds them already", self,
                        stuck);
                return stuck;
            }
            sleep(300);   // the leader starts the moves; the new replicas catch up in their nodes' rounds
        }
        LOG.warn("Node {} leaves before its replicas of {} were moved (timeout {} s)", self, left, timeout.toSeconds());
        return left;
    }

    private void announceLeaving(String self) {
        members.dataLeader().ifPresent(leader -> {
            var request = io.starling.protocol.shardlog.ReplicaDrainRequest.newBuilder().setNode(self)
                    .setForMillis(DRAIN_ANNOUNCEMENT_MILLIS).build();
            try {
                org.apache.pekko.actor.typed.javadsl.AskPattern.<io.starling.protocol.cluster.ReplicaHostCommand,
                        io.starling.protocol.shardlog.ReplicaHostReply>ask(ReplicaHost.refFor(system, leader),
                        replyTo -> new io.starling.protocol.cluster.ReplicaHostCommand.Drain(request, replyTo),
                        Duration.ofSeconds(3), system.scheduler()).toCompletableFuture().join();
            } catch (RuntimeException e) {
                LOG.debug("The data leader {} did not take the leave announcement: {}", leader, e.toString());
            }
        });
    }

    /** Whether the replica host of {@code node} answers (its replication services have started). Blocking. */
    static boolean replicaHostAnswers(ActorSystem<?> system, String node) {
        var ping = io.starling.protocol.shardlog.ReplicaDrainRequest.newBuilder().build();   // no node: a ping
        try {
            org.apache.pekko.actor.typed.javadsl.AskPattern.<io.starling.protocol.cluster.ReplicaHostCommand,
                    io.starling.protocol.shardlog.ReplicaHostReply>ask(ReplicaHost.refFor(system, node),
                    replyTo -> new io.starling.protocol.cluster.ReplicaHostCommand.Drain(ping, replyTo),
                    Duration.ofSeconds(2), system.scheduler()).toCompletableFuture().join();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while leaving", e);
        }
    }
}
