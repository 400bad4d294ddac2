package io.starling.node;

import io.starling.coordinator.catalog.CatalogEntity;
import io.starling.coordinator.catalog.CatalogGateway;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.WorkspaceTokenFactory;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.node.http.ApiLimits;
import io.starling.node.http.ApiServer;
import io.starling.node.http.Jobs;
import io.starling.node.http.JobsRoute;
import io.starling.node.http.RateLimiter;
import io.starling.node.ingest.TableRewriter;
import io.starling.node.service.ServiceLog;
import io.starling.node.http.DataSourcesRoute;
import io.starling.node.http.EventsRoute;
import io.starling.node.http.SqlRoute;
import io.starling.node.http.TokensRoute;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.ingest.IngestService;
import io.starling.node.query.CatalogTableProvider;
import io.starling.node.shard.LocalTables;
import io.starling.node.shard.ReplicaStore;
import io.starling.node.shard.Replicas;
import io.starling.node.shard.ShardReplica;
import io.starling.protocol.catalog.WorkspaceTokens;
import io.starling.sql.QueryEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Starling node: a Pekko cluster member (role {@code data}; a cluster of one joins itself) with the
 * workspace catalog, the shard replicas of its tables and the HTTP API.
 *
 * <p>{@link #start} blocks until the API answers; {@link #stop} is graceful, idempotent and waits for the
 * actor system to terminate. Pekko's JVM shutdown hook runs the same coordinated shutdown on Ctrl-C.
 */
public final class StarlingNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StarlingNode.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration INSERT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CATALOG_REFRESH = Duration.ofSeconds(2);
    private static final Duration SERVICE_LOG_FLUSH = Duration.ofSeconds(1);
    private static final int DATA_PORT_TRANSFERS = 16;
    private static final Duration COPY_SCHEDULER_TICK = Duration.ofSeconds(1);

    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final CatalogView catalog;
    private final LocalTables localTables;
    private final NodeConfig config;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private StarlingNode(ActorSystem<Void> system, ServerBinding binding, CatalogView catalog, LocalTables localTables,
                         NodeConfig config) {
        this.system = system;
        this.binding = binding;
        this.catalog = catalog;
        this.localTables = localTables;
        this.config = config;
    }

    /** Starts a node and answers once its HTTP API is listening. Fails (and cleans up) when it cannot start. */
    public static StarlingNode start(NodeConfig config) {
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(NodeSettings.catalogDirectory(dataDir));
            Files.createDirectories(NodeSettings.tablesDirectory(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory [" + dataDir + "]", e);
        }
        // Server mode: the data port is bound first, so its port travels in this node's cluster roles.
        io.starling.node.transfer.DataPortServer dataPort = config.cluster().replicated()
                ? io.starling.node.transfer.DataPortServer.start(NodeSettings.tablesDirectory(dataDir),
                        config.cluster().canonicalHost(), config.cluster().dataPort(), DATA_PORT_TRANSFERS)
                : null;
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(Behaviors.empty(), NodeSettings.ACTOR_SYSTEM_NAME,
                    NodeSettings.pekkoConfig(config.withDataDir(dataDir), dataPort == null ? -1 : dataPort.port()));
        } catch (RuntimeException | Error e) {
            if (dataPort != null) {
                dataPort.close();
            }
            throw e;
        }
        LocalTables localTables = new LocalTables();
        try {
            return boot(system, config.withDataDir(dataDir), localTables, dataPort);
        } catch (RuntimeException | Error e) {
            LOG.error("Starling node failed to start: {}", e.toString());
            if (dataPort != null) {
                dataPort.close();
            }
            localTables.close();
            system.terminate();
            awaitTermination(system);
            throw e;
        }
    }

    private static StarlingNode boot(ActorSystem<Void> system, NodeConfig config, LocalTables localTables,
                                     io.starling.node.transfer.DataPortServer dataPort) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        if (config.cluster().seedNodes().isEmpty()) {
            joinSelf(system, deadline);
        } else {
            awaitUp(system, deadline);   // pekko.cluster.seed-nodes makes the node join on its own
        }
        join(SchemaUtils.createIfNotExists(system).toCompletableFuture(), deadline, "creating the catalog schema");

        Executor blockingIo = system.dispatchers().lookup(DispatcherSelector.fromConfig(NodeSettings.BLOCKING_IO_DISPATCHER));
        ClusterSharding sharding = ClusterSharding.get(system);
        CatalogEntity.init(sharding, NodeSettings.DATA_ROLE);
        ReplicaStore store = new ReplicaStore(NodeSettings.tablesDirectory(config.dataDir()), localTables);
        ShardReplica.init(sharding, store, blockingIo, NodeSettings.DATA_ROLE);

        CatalogGateway gateway = command -> sharding
                .entityRefFor(CatalogEntity.TYPE_KEY, CatalogEntity.DEFAULT_WORKSPACE)
                .ask(command::apply, ASK_TIMEOUT);
        CatalogView catalog = new CatalogView(gateway);
        ensureTokens(catalog, config, deadline);
        LOG.info("Workspace catalog at version {}, {} data sources", catalog.current().getVersion(),
                catalog.current().getDataSourcesCount());
        system.scheduler().scheduleWithFixedDelay(CATALOG_REFRESH, CATALOG_REFRESH, () -> catalog.refresh()
                .whenComplete((snapshot, failure) -> {
                    if (failure != null) {
                        LOG.debug("Catalog refresh failed: {}", failure.toString());
                    }
                }), system.executionContext());

        Replicas replicas = new Replicas(sharding, INSERT_TIMEOUT);
        if (config.cluster().replicated()) {
            replicas.useReplication(io.starling.node.cluster.ClusterServices.start(system, sharding, store, blockingIo,
                    config.cluster(), dataPort, () -> tableSpecs(catalog), NodeSettings.DATA_ROLE).tables());
        }
        Clock clock = Clock.systemUTC();
        TokenAuthenticator authenticator = new TokenAuthenticator(catalog::tokens, catalog::staticTokens, clock);
        DataSourceService dataSources = new DataSourceService(catalog, replicas, clock, localTables);
        // Replicated tables take every insert through the ShardLog, never straight into the local table.
        IngestService ingest = new IngestService(replicas, clock,
                io.starling.sql.format.input.ChunkLimits.DEFAULT, config.cluster().replicated() ? null : localTables);
        // the API's sockets and request-body streams run on their own system (bigger socket reads; see HttpIoSystem)
        org.apache.pekko.actor.ActorSystem httpSystem = io.starling.node.http.HttpIoSystem.start(system);
        Materializer materializer = Materializer.matFromSystem(httpSystem);
        ApiLimits limits = ApiLimits.from(system.settings().config());
        ServiceLog serviceLog = new ServiceLog(replicas);
        system.scheduler().scheduleWithFixedDelay(SERVICE_LOG_FLUSH, SERVICE_LOG_FLUSH,
                () -> blockingIo.execute(serviceLog::flushIfIdle), system.executionContext());
        QueryEngine engine = new QueryEngine();
        io.starling.sql.exec.QueryMemory.setDefaultLimit(ApiLimits.queryMaxMemory(system.settings().config()));
        Jobs jobs = new Jobs(catalog, blockingIo, clock, serviceLog);
        io.starling.node.ingest.EventBatcher events = new io.starling.node.ingest.EventBatcher(ingest,
                io.starling.node.ingest.EventBatcher.Settings.fromSystemProperties(), blockingIo);
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "flush-events",
                () -> CompletableFuture.supplyAsync(() -> {
                    events.close();
                    return Done.getInstance();
                }));
        CatalogTableProvider tableProvider = new CatalogTableProvider(catalog, replicas, localTables, serviceLog);
        io.starling.node.pipe.PipeRuntime pipeRuntime = new io.starling.node.pipe.PipeRuntime(catalog, engine,
                tableProvider, replicas, dataSources, ingest, jobs, clock);
        // Deployments: live appends are teed into staging tables (around the materialized views hook).
        io.starling.node.deploy.StagingTee stagingTee = new io.starling.node.deploy.StagingTee(pipeRuntime.views());
        ingest.setInsertHook(stagingTee);
        io.starling.node.deploy.DeploymentManager deployments = new io.starling.node.deploy.DeploymentManager(catalog,
                replicas, localTables, serviceLog, engine, stagingTee, blockingIo, clock,
                Duration.ofSeconds(Long.getLong("starling.deploy.retireGraceSeconds", 30)),
                config.dataDir().resolve("deployments"));
        // Before the HTTP port opens: interrupted deployments resume with their tees attached, so no append is missed.
        deployments.recover();
        system.scheduler().scheduleWithFixedDelay(COPY_SCHEDULER_TICK, COPY_SCHEDULER_TICK,
                () -> blockingIo.execute(() -> {
                    try {
                        pipeRuntime.scheduler().tick();
                    } catch (RuntimeException e) {
                        LOG.warn("Copy scheduler tick failed: {}", e.toString());
                    }
                }), system.executionContext());
        io.starling.node.http.DeployRoute deployRoute = new io.starling.node.http.DeployRoute(authenticator,
                deployments, blockingIo, materializer);
        // Requests naming the staging deployment (__tb__deployment / __tb__min_deployment) get these routes, built
        // over the staging view of the catalog.
        io.starling.node.deploy.StagingViews<org.apache.pekko.http.javadsl.server.Route> stagingViews =
                new io.starling.node.deploy.StagingViews<>(catalog, view -> {
                    io.starling.node.pipe.PipeRegistry stagedPipes = new io.starling.node.pipe.PipeRegistry(view);
                    CatalogTableProvider stagedTables = new CatalogTableProvider(view, replicas, localTables, serviceLog);
                    return org.apache.pekko.http.javadsl.server.Directives.concat(
                            new io.starling.node.http.PipesRoute(authenticator, stagedPipes,
                                    new io.starling.node.pipe.Endpoints(stagedPipes, engine), pipeRuntime.copies(),
                                    stagedTables, blockingIo, materializer, limits, serviceLog).route(),
                            new EventsRoute(authenticator, new DataSourceService(view, replicas, clock, localTables),
                                    ingest, blockingIo, materializer, limits, serviceLog, events,
                                    new io.starling.node.ingest.EventDedup(clock)).route(),
                            new SqlRoute(authenticator, engine, stagedTables, blockingIo, view, limits,
                                    new RateLimiter(), serviceLog).route());
                });
        ApiServer api = new ApiServer(
                new TokensRoute(authenticator, catalog, clock),
                new DataSourcesRoute(authenticator, catalog, dataSources, ingest, blockingIo, materializer,
                        new TableRewriter(engine, replicas), jobs, serviceLog, limits),
                new EventsRoute(authenticator, dataSources, ingest, blockingIo, materializer, limits, serviceLog,
                        events, new io.starling.node.ingest.EventDedup(clock)),
                new SqlRoute(authenticator, engine, new CatalogTableProvider(catalog, replicas, localTables, serviceLog),
                        blockingIo, catalog, limits, new RateLimiter(), serviceLog),
                new JobsRoute(authenticator, catalog, jobs),
                deployRoute.stagingRoute(stagingViews),
                new io.starling.node.http.PipesRoute(authenticator, pipeRuntime.pipes(), pipeRuntime.endpoints(),
                        pipeRuntime.copies(), tableProvider, blockingIo, materializer, limits, serviceLog).route(),
                new io.starling.node.http.BuildRoute(authenticator, pipeRuntime.build(), blockingIo, materializer).route(),
                deployRoute.route());

        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-tables",
                () -> {
                    localTables.close();
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        ServerBinding binding = join(Http.get(httpSystem).newServerAt(config.httpHost(), config.httpPort())
                .bind(api.routes()).toCompletableFuture(), deadline, "binding the HTTP port " + config.httpPort());
        binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system);
        LOG.info("Starling node is up: HTTP on {}:{}, data in {}", config.httpHost(),
                binding.localAddress().getPort(), config.dataDir());
        io.starling.node.query.Warmup.start(engine);
        return new StarlingNode(system, binding, catalog, localTables, config);
    }

    /** Every table of the catalog copy: each data source and its quarantine. */
    private static java.util.List<io.starling.protocol.shard.TableSpec> tableSpecs(CatalogView catalog) {
        java.util.List<io.starling.protocol.shard.TableSpec> specs = new java.util.ArrayList<>();
        for (io.starling.protocol.catalog.DataSourceSpec dataSource : catalog.current().getDataSourcesList()) {
            specs.add(io.starling.coordinator.catalog.DataSourceTables.table(dataSource));
            specs.add(io.starling.coordinator.catalog.DataSourceTables.quarantine(dataSource));
        }
        return specs;
    }

    private static void joinSelf(ActorSystem<Void> system, Instant deadline) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        awaitUp(system, deadline);
    }

    private static void awaitUp(ActorSystem<Void> system, Instant deadline) {
        Cluster cluster = Cluster.get(system);
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The node did not become an Up cluster member within " + START_TIMEOUT);
            }
            sleep(20);
        }
    }

    private static WorkspaceTokens ensureTokens(CatalogView catalog, NodeConfig config, Instant deadline) {
        WorkspaceTokens proposed = config.workspaceToken() == null
                ? WorkspaceTokenFactory.random() : WorkspaceTokenFactory.derivedFrom(config.workspaceToken());
        boolean replace = config.workspaceToken() != null;
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                return catalog.ensureTokens(proposed, replace).toCompletableFuture()
                        .get(ASK_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Sharding may still be allocating the catalog entity's shard; ask again.
                last = new IllegalStateException("The workspace catalog did not answer: " + e, e);
                LOG.debug("Catalog not ready yet: {}", e.toString());
                sleep(200);
            }
        }
        throw last != null ? last : new IllegalStateException("The workspace catalog did not answer in time");
    }

    private static <T> T join(CompletableFuture<T> future, Instant deadline, String what) {
        try {
            long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException("Failed " + what + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting", e);
        }
    }

    /** The HTTP port the API listens on (the chosen one when the config asked for 0). */
    public int httpPort() {
        return binding.localAddress().getPort();
    }

    /** The workspace admin token (the configured one, or the generated one kept in the catalog). */
    public String workspaceAdminToken() {
        return catalog.tokens().orElseThrow().getWorkspaceAdminToken();
    }

    public NodeConfig config() {
        return config;
    }

    /** The node's actor system (cluster state, sharding; for tests and embedding). */
    public ActorSystem<Void> actorSystem() {
        return system;
    }

    /** Graceful stop: unbinds HTTP, closes tables, leaves the cluster, terminates; waits. Idempotent. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            LOG.info("Stopping Starling node");
            CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
        }
        awaitTermination(system);
    }

    @Override
    public void close() {
        stop();
    }

    private static void awaitTermination(ActorSystem<Void> system) {
        try {
            system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("The node did not terminate within {}: {}", STOP_TIMEOUT, e.toString());
        }
    }

    /** The data source names in this node's catalog copy, in creation order. */
    public java.util.List<String> dataSourceNames() {
        return catalog.current().getDataSourcesList().stream().map(dataSource -> dataSource.getName()).toList();
    }

    /** Number of tables open on this node (for tests and metrics). */
    public int openTables() {
        return localTables.size();
    }
}
