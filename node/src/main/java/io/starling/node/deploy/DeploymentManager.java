package io.starling.node.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.DataSourceRequest;
import io.starling.node.pipe.DatasourceSpecs;
import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.coordinator.deploy.DeploymentPlan;
import io.starling.coordinator.deploy.DeploymentPlanner;
import io.starling.coordinator.deploy.DeploymentStatus;
import io.starling.coordinator.deploy.ProjectConnections;
import io.starling.coordinator.deploy.ProjectTokens;
import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.node.ingest.IngestService;
import io.starling.node.service.ServiceLog;
import io.starling.node.shard.LocalTables;
import io.starling.node.shard.Replicas;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.DeploymentFeedback;
import io.starling.protocol.catalog.DeploymentRecord;
import io.starling.protocol.catalog.PipeSpec;
import io.starling.protocol.shard.TableSpec;
import io.starling.sql.QueryEngine;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an uploaded project into a deployment (spec lifecycle §2, ARCHITECTURE §5): plan (diff against live and
 * compatibility checks, {@link DeploymentPlanner}) → create the staged tables under new table ids → backfill each
 * changed data source from its live table through its forward select list, with live appends teed into the staged
 * table ({@link StagingTee}) → {@code data_ready} → promotion, one catalog event → the replaced tables are dropped
 * after a grace period. A failure at any step marks the deployment failed and drops what it created; live is never
 * touched before promotion. Every status change is a catalog event, so the state survives restarts: a deployment
 * caught mid-way by a restart resumes on start ({@link #recover}): its tees are attached again before the node takes
 * requests and the backfill partitions recorded done ({@link BackfillProgress}) are not migrated again. Materialized
 * view targets without a FORWARD_QUERY are recomputed from their sources ({@code recomputed_targets}); TOKEN lines
 * and .connection files are diffed and tokens applied on promotion.
 *
 * <p>Runs on one node (the one holding the tables); the steps are plain classes so a cluster singleton can drive
 * the same code later. Thread-safe: one deployment runs its steps at a time.
 */
public final class DeploymentManager {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentManager.class);
    private static final Duration CATALOG_TIMEOUT = Duration.ofSeconds(30);


    private final CatalogView catalog;
    private final Replicas replicas;
    private final LocalTables localTables;
    private final ServiceLog serviceLog;
    private final StagingTee tee;
    private final ForwardRows forwardRows;
    private final MaterializedViewRows views;
    private final QueryEngine engine;
    private final Executor executor;
    private final Clock clock;
    private final Duration retireGrace;
    private final Map<Long, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    /** The running (or finished, until retired) migrations by deployment id, then data source name. */
    private final Map<Long, Map<String, Backfill>> migrations = new ConcurrentHashMap<>();
    private final Map<Long, BackfillProgress> progresses = new ConcurrentHashMap<>();
    /** Forwards that refill recomputed view targets, by deployment: live source table id → forward. */
    private final Map<Long, List<Map.Entry<String, StagingTee.Forward>>> viewForwards = new ConcurrentHashMap<>();
    private final Path progressDirectory;
    private final Object lock = new Object();

    public DeploymentManager(CatalogView catalog, Replicas replicas, LocalTables localTables, ServiceLog serviceLog,
                             QueryEngine engine, StagingTee tee, Executor executor, Clock clock, Duration retireGrace) {
        this(catalog, replicas, localTables, serviceLog, engine, tee, executor, clock, retireGrace, null);
    }

    /**
     * @param progressDirectory where backfill progress is kept so a restart resumes a deployment (null: a temporary
     *                          folder, so a restart starts a deployment's backfill over)
     */
    public DeploymentManager(CatalogView catalog, Replicas replicas, LocalTables localTables, ServiceLog serviceLog,
                             QueryEngine engine, StagingTee tee, Executor executor, Clock clock, Duration retireGrace,
                             Path progressDirectory) {
        this.progressDirectory = progressDirectory != null ? progressDirectory : temporaryDirectory();
        this.catalog = catalog;
        this.replicas = replicas;
        this.localTables = localTables;
        this.serviceLog = serviceLog;
        this.tee = tee;
        this.forwardRows = new ForwardRows(engine);
        this.views = new MaterializedViewRows(engine, forwardRows);
        this.engine = engine;
        this.executor = executor;
        this.clock = clock;
        this.retireGrace = retireGrace;
    }

    // ---- create ----

    /** {@code POST /v1/deploy}: answers Tinybird's deploy object; the backfill goes on in the background. */
    public ObjectNode create(List<ProjectFile> files, boolean check, boolean allowDestructive) {
        synchronized (lock) {
            return createLocked(files, check, allowDestructive);
        }
    }

    private ObjectNode createLocked(List<ProjectFile> files, boolean check, boolean allowDestructive) {
        long now = micros();
        ProjectUpload upload = ProjectUpload.parse(files, now, this::spec,
                name -> catalog.pipe(name).map(PipeSpec::getId).orElseGet(DataSourceRequest::newId));
        List<ObjectNode> errors = upload.errors();
        if (!errors.isEmpty()) {
            return DeploymentJson.answer("failed", null, errors);
        }
        Map<String, DataSourceSpec> live = new LinkedHashMap<>();
        catalog.current().getDataSourcesList().forEach(spec -> live.put(spec.getName(), spec));
        Map<String, PipeSpec> livePipes = new LinkedHashMap<>();
        catalog.current().getPipesList().forEach(spec -> livePipes.put(spec.getName(), spec));
        DeploymentPlan plan = DeploymentPlanner.plan(live, livePipes, upload.wanted(), upload.pipes(),
                materializedViews(upload.parsedPipes(), upload.wanted(), live.keySet()), allowDestructive,
                DataSourceRequest::newId);
        List<DeploymentFeedback> feedback = new ArrayList<>(plan.feedback());
        if (!plan.hasErrors()) {
            feedback.addAll(checkForwardQueries(plan, live));
        }
        Map<String, java.util.Set<String>> wantedTokens = ProjectTokens.wanted(upload.grants(), warning -> feedback.add(
                DeploymentFeedback.newBuilder().setResource("token").setLevel("WARNING").setMessage(warning).build()));
        ProjectTokens.Diff tokens = ProjectTokens.diff(catalog.staticTokens(), wantedTokens,
                DeploymentManager::newTokenValue, () -> java.util.UUID.randomUUID().toString(), now);
        Map<String, String> liveConnections = catalog.current().getDeploymentsList().stream()
                .filter(deployment -> deployment.getStatus().equals(DeploymentStatus.LIVE)).findFirst()
                .map(DeploymentRecord::getConnectionFilesMap).orElse(Map.of());
        ProjectConnections.Diff connectionDiff = ProjectConnections.diff(liveConnections, upload.connections(),
                upload.referencedConnections(), allowDestructive);
        for (String problem : connectionDiff.errors()) {
            feedback.add(DeploymentFeedback.newBuilder().setResource("connection").setLevel("ERROR").setMessage(problem)
                    .build());
        }
        DeploymentRecord.Builder record = DeploymentRecord.newBuilder().setStatus(DeploymentStatus.CALCULATING)
                .setCreatedAtMicros(now).setUpdatedAtMicros(now).addAllFeedback(feedback)
                .addAllNewDatasourceNames(plan.newDataSources()).addAllChangedDatasourceNames(plan.changedDataSources())
                .addAllDeletedDatasourceNames(plan.deletedDataSources()).addAllNewPipeNames(plan.newPipes())
                .addAllChangedPipeNames(plan.changedPipes()).addAllDeletedPipeNames(plan.deletedPipes())
                .addAllStagedDataSources(plan.stagedDataSources()).addAllStagedPipes(plan.stagedPipes())
                .putAllForwardQueries(plan.forwardSelects()).setAllowDestructive(allowDestructive)
                .addAllRetiredTableIds(plan.retiredTableIds()).putAllRecomputedTargets(plan.recomputedTargets())
                .addAllNewTokenNames(tokens.added()).addAllChangedTokenNames(tokens.changed())
                .addAllDeletedTokenNames(tokens.removed()).addAllStagedTokens(tokens.staged())
                .addAllNewConnectionNames(connectionDiff.added()).addAllChangedConnectionNames(connectionDiff.changed())
                .addAllDeletedConnectionNames(connectionDiff.removed()).putAllConnectionFiles(upload.connections());
        boolean invalid = feedback.stream().anyMatch(item -> item.getLevel().equals("ERROR"));
        if (invalid) {
            for (DeploymentFeedback item : feedback) {
                if (item.getLevel().equals("ERROR")) {
                    boolean connection = item.getResource().equals("connection");
                    errors.add(DeploymentJson.error(connection ? "" : item.getResource() + ".datasource",
                            connection ? "connection" : "datasource", item.getMessage()));
                }
            }
            return DeploymentJson.answer("failed", record.build(), errors);
        }
        boolean connectionsChanged = !connectionDiff.added().isEmpty() || !connectionDiff.changed().isEmpty()
                || !connectionDiff.removed().isEmpty();
        if (!plan.hasChanges() && tokens.isEmpty() && !connectionsChanged) {
            return DeploymentJson.answer("no_changes", record.build(), errors);
        }
        if (check) {
            return DeploymentJson.answer("success", record.build(), errors);
        }
        long id = catalog.current().getDeploymentsList().stream().mapToLong(DeploymentRecord::getId).max().orElse(0) + 1;
        DeploymentRecord created;
        try {
            created = await(catalog.putDeployment(record.setId(id).build()));
        } catch (StarlingException e) {
            errors.add(DeploymentJson.error("", "deployment", e.getMessage()));
            return DeploymentJson.answer("failed", null, errors);
        }
        cancelled.put(id, new AtomicBoolean());
        executor.execute(() -> populate(created, new CountDownLatch(1)));
        return DeploymentJson.answer("success", created, errors);
    }

    /** The project's materialized views: target, the data sources their SQL names, DEPLOYMENT_METHOD alter. */
    private static List<DeploymentPlanner.MaterializedView> materializedViews(
            Map<String, io.starling.datafiles.pipe.PipeFile> pipes, List<DeploymentPlanner.WantedDataSource> wanted,
            java.util.Set<String> liveNames) {
        java.util.Set<String> names = new java.util.TreeSet<>(liveNames);
        wanted.forEach(dataSource -> names.add(dataSource.spec().getName()));
        List<DeploymentPlanner.MaterializedView> views = new ArrayList<>();
        pipes.forEach((name, pipe) -> {
            io.starling.datafiles.pipe.PipeNode output = pipe.outputNode();
            if (output == null || output.type() != io.starling.datafiles.pipe.PipeType.MATERIALIZED
                    || output.datasource() == null || output.datasource().isBlank()) {
                return;
            }
            StringBuilder sql = new StringBuilder();
            pipe.nodes().forEach(node -> sql.append(node.sql()).append('\n'));
            java.util.Set<String> sources = new java.util.TreeSet<>();
            for (String candidate : names) {
                if (!candidate.equals(output.datasource().strip()) && java.util.regex.Pattern.compile(
                        "(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(candidate) + "(?![A-Za-z0-9_])")
                        .matcher(sql).find()) {
                    sources.add(candidate);
                }
            }
            String method = output.setting("DEPLOYMENT_METHOD") != null ? output.setting("DEPLOYMENT_METHOD")
                    : pipe.settings().get("DEPLOYMENT_METHOD");
            views.add(new DeploymentPlanner.MaterializedView(name, output.datasource().strip(), sources,
                    method != null && method.strip().equalsIgnoreCase("alter")));
        });
        return views;
    }

    /** Runs each forward select list once over no rows: unknown functions or columns fail the check. */
    private List<DeploymentFeedback> checkForwardQueries(DeploymentPlan plan, Map<String, DataSourceSpec> live) {
        List<DeploymentFeedback> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : plan.forwardSelects().entrySet()) {
            DataSourceSpec staged = staged(plan.stagedDataSources(), entry.getKey());
            try {
                forwardRows.run(entry.getValue(), BlocksSource.of(ForwardRows.LIVE, columns(live.get(entry.getKey())),
                        List.of()), staged, Instant.now().plusSeconds(30));
            } catch (StarlingException e) {
                problems.add(DeploymentFeedback.newBuilder().setResource(entry.getKey()).setLevel("ERROR")
                        .setMessage("Error on datasource '" + entry.getKey() + "': the FORWARD_QUERY cannot run: "
                                + e.getMessage()).build());
            }
        }
        return problems;
    }

    // ---- populate (background) ----

    /**
     * Creates the staged tables, attaches a tee to every changed data source (each one's cut-over), counts down
     * {@code attached}, then runs the backfills and marks the deployment data_ready. Resumes where a previous run of
     * the same deployment stopped (statuses already reached are not repeated; done partitions are skipped).
     */
    private void populate(DeploymentRecord record, CountDownLatch attached) {
        long id = record.getId();
        String current = null;
        try {
            BackfillProgress progress = progresses.computeIfAbsent(id,
                    ignored -> BackfillProgress.open(progressDirectory, id));
            if (record.getStatus().equals(DeploymentStatus.CALCULATING)) {
                record = status(record, DeploymentStatus.CREATING_SCHEMA);
            }
            for (DataSourceSpec staged : record.getStagedDataSourcesList()) {
                current = staged.getName();
                io.starling.node.bridge.EngineContracts.keyEvaluator(
                        io.starling.protocol.shard.TableSpecs.toDefinition(DataSourceTables.table(staged)));
                IngestService.await(replicas.ensureOpen(DataSourceTables.table(staged)).toCompletableFuture());
                IngestService.await(replicas.ensureOpen(DataSourceTables.quarantine(staged)).toCompletableFuture());
                tee.stage(staged.getId());
            }
            if (record.getStatus().equals(DeploymentStatus.CREATING_SCHEMA)) {
                record = status(record, DeploymentStatus.POPULATING);
            }
            Map<String, Backfill> running = migrations.computeIfAbsent(id, ignored -> new ConcurrentHashMap<>());
            for (String name : record.getChangedDatasourceNamesList()) {
                if (record.containsRecomputedTargets(name)) {
                    continue;
                }
                current = name;
                Backfill migration = migration(record, name, progress);
                running.put(name, migration);
                migration.attach(tee);
            }
            current = null;
            attached.countDown();
            for (String name : record.getChangedDatasourceNamesList()) {
                if (record.containsRecomputedTargets(name)) {
                    continue;
                }
                current = name;
                runBackfill(record, name, running.get(name), progress);
            }
            for (Map.Entry<String, String> target : record.getRecomputedTargetsMap().entrySet()) {
                current = target.getKey();
                recompute(record, target.getKey(), target.getValue());
            }
            current = null;
            if (cancelled.get(id).get()) {
                return;
            }
            if (!record.getStatus().equals(DeploymentStatus.DATA_READY)) {
                status(record, DeploymentStatus.DATA_READY);
            }
        } catch (RuntimeException e) {
            fail(id, current, e);
        } finally {
            attached.countDown();
        }
    }

    /** The migration of one changed data source: the forward select from its live table into its staged table. */
    private Backfill migration(DeploymentRecord record, String name, BackfillProgress progress) {
        DataSourceSpec live = catalog.dataSource(name).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE,
                "The live data source [" + name + "] disappeared during the deployment"));
        DataSourceSpec staged = staged(record.getStagedDataSourcesList(), name);
        String select = record.getForwardQueriesOrThrow(name);
        MergeTreeTable liveTable = local(DataSourceTables.table(live));
        MergeTreeTable stagingTable = local(DataSourceTables.table(staged));
        List<ColumnDefinition> liveColumns = columns(live);
        long id = record.getId();
        Backfill.Migrate migrate = blocks -> forwardRows.run(select, new BlocksSource(ForwardRows.LIVE, liveColumns,
                blocks), staged, Backfill.taskDeadline());
        return new Backfill(id, live, liveTable, io.starling.node.bridge.EngineContracts.keyEvaluator(
                io.starling.protocol.shard.TableSpecs.toDefinition(DataSourceTables.table(live))), stagingTable,
                migrate, progress, e -> {
                    LOG.warn("Deployment {}: rows appended to [{}] could not be migrated: {}", id, name, e.toString());
                    tee.detach(live.getId());
                    executor.execute(() -> fail(id, name, e));
                });
    }

    private void runBackfill(DeploymentRecord record, String name, Backfill migration, BackfillProgress progress) {
        long id = record.getId();
        DataSourceSpec staged = staged(record.getStagedDataSourcesList(), name);
        String jobId = io.starling.node.http.Ulid.next();
        long started = System.nanoTime();
        int skipped = migration.doneInSnapshot();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("deployment_id", Long.toString(id));
        options.put("partitions", Integer.toString(migration.partitionCount()));
        options.put("partitions_resumed_done", Integer.toString(skipped));
        try {
            long rows = migration.run(() -> cancelled.getOrDefault(id, new AtomicBoolean()).get());
            serviceLog.operation("deployment_backfill", staged.getId(), name, null, seconds(started), null, jobId,
                    jobId, rows, 0L, options);
        } catch (RuntimeException e) {
            serviceLog.operation("deployment_backfill", staged.getId(), name, message(e), seconds(started), null,
                    jobId, jobId, 0L, 0L, options);
            throw new StarlingException(ErrorCode.STD_EXCEPTION, "Error migrating data: Populate job " + jobId
                    + " failed, status: error. " + message(e), e);
        } finally {
            migration.close();
        }
    }

    /**
     * Refills a materialized view's target from its source through the view (spec lifecycle §2.5 "fully
     * recalculates"): the staged target is emptied (a resumed deployment starts over), the view's source is
     * snapshotted at a tee cut-over on its live table, the view runs over the snapshot, and from then on every block
     * appended to the live source is run through the view into the staged target until the target is promoted.
     */
    private void recompute(DeploymentRecord record, String targetName, String pipeName) {
        long id = record.getId();
        DataSourceSpec target = staged(record.getStagedDataSourcesList(), targetName);
        MergeTreeTable targetTable = local(DataSourceTables.table(target));
        targetTable.truncate();
        CatalogView view = StagingViews.readOnly(io.starling.coordinator.deploy.StagingCatalog.view(catalog.current(),
                record), id);
        io.starling.node.pipe.PipeRegistry pipes = new io.starling.node.pipe.PipeRegistry(view);
        io.starling.node.pipe.LoadedPipe pipe = pipes.find(pipeName).orElseThrow(() -> new StarlingException(
                ErrorCode.UNKNOWN_TABLE, "The materialized pipe [" + pipeName + "] that fills [" + targetName
                + "] is not in the deployment"));
        io.starling.node.query.CatalogTableProvider tables = new io.starling.node.query.CatalogTableProvider(view,
                replicas, localTables, serviceLog);
        DataSourceSpec source = views.sourceOf(pipes, pipe, view, tables);
        MergeTreeTable sourceTable = local(DataSourceTables.table(source));
        Optional<DataSourceSpec> liveSource = catalog.dataSource(source.getName());
        String jobId = io.starling.node.http.Ulid.next();
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicReference<io.starling.storage.engine.MergeTreeSnapshot> snapshot =
                new java.util.concurrent.atomic.AtomicReference<>();
        if (liveSource.isPresent()) {
            List<ColumnDefinition> liveColumns = columns(liveSource.get());
            AtomicBoolean broken = new AtomicBoolean();
            StagingTee.Forward forward = block -> {
                if (broken.get() || block.rowCount() == 0) {
                    return;
                }
                try {
                    List<Block> rows = views.rows(pipes, pipe, source.getName(), source.getId(), liveColumns,
                            () -> List.of(block).iterator(), tables, target);
                    if (!rows.isEmpty()) {
                        targetTable.replaceParts(List.of(), rows);
                    }
                } catch (RuntimeException e) {
                    broken.set(true);
                    LOG.warn("Deployment {}: rows appended to [{}] could not refill [{}]: {}", id, source.getName(),
                            targetName, e.toString());
                    executor.execute(() -> fail(id, targetName, e));
                }
            };
            tee.attach(liveSource.get().getId(), forward, () -> snapshot.set(sourceTable.snapshot()),
                    Backfill.cutOverTimeoutMillis());
            viewForwards.computeIfAbsent(id, ignored -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(Map.entry(liveSource.get().getId(), forward));
        } else {
            snapshot.set(sourceTable.snapshot());
        }
        try (io.starling.storage.engine.MergeTreeSnapshot parts = snapshot.get()) {
            List<ColumnDefinition> sourceColumns = sourceTable.definition().columns();
            io.starling.storage.engine.ScanStatistics statistics = new io.starling.storage.engine.ScanStatistics();
            List<Block> rows = views.rows(pipes, pipe, source.getName(), source.getId(), sourceColumns, () -> {
                List<Block> blocks = new ArrayList<>();
                for (io.starling.storage.part.DataPart part : parts.parts()) {
                    try (io.starling.storage.block.BlockStream stream = part.scan(sourceColumns, null, statistics)) {
                        for (Block block = stream.next(); block != null; block = stream.next()) {
                            blocks.add(block);
                        }
                    }
                }
                return blocks.iterator();
            }, tables, target);
            if (!rows.isEmpty()) {
                targetTable.replaceParts(List.of(), rows);
            }
            long written = rows.stream().mapToLong(Block::rowCount).sum();
            serviceLog.operation("populateview", target.getId(), targetName, null, seconds(started), null, jobId,
                    jobId, written, 0L, Map.of("deployment_id", Long.toString(id), "pipe_name", pipeName));
        } catch (RuntimeException e) {
            serviceLog.operation("populateview", target.getId(), targetName, message(e), seconds(started), null,
                    jobId, jobId, 0L, 0L, Map.of("deployment_id", Long.toString(id), "pipe_name", pipeName));
            throw new StarlingException(ErrorCode.STD_EXCEPTION, "Error populating the materialized view " + pipeName
                    + ": Populate job " + jobId + " failed, status: error. " + message(e), e);
        }
    }

    /** Stops and forgets the migrations of a deployment (its tees are detached by the caller). */
    private void forget(long id, boolean deleteProgress) {
        List<Map.Entry<String, StagingTee.Forward>> forwards = viewForwards.remove(id);
        if (forwards != null) {
            forwards.forEach(entry -> tee.detach(entry.getKey(), entry.getValue()));
        }
        Map<String, Backfill> running = migrations.remove(id);
        if (running != null) {
            running.values().forEach(Backfill::close);
        }
        BackfillProgress progress = progresses.remove(id);
        if (progress != null) {
            if (deleteProgress) {
                progress.delete();
            } else {
                progress.close();
            }
        } else if (deleteProgress) {
            BackfillProgress.open(progressDirectory, id).delete();
        }
    }

    /** Marks the deployment failed (with the documented message) and drops what it created. */
    private void fail(long id, String dataSource, RuntimeException cause) {
        synchronized (lock) {
            DeploymentRecord record = find(id).orElse(null);
            if (record == null || !DeploymentStatus.isStaging(record.getStatus())) {
                return;
            }
            String text = message(cause);
            String message = dataSource == null ? text : "Error on datasource '" + dataSource + "': " + text;
            LOG.warn("Deployment {} failed: {}", id, message);
            cancelled.computeIfAbsent(id, ignored -> new AtomicBoolean()).set(true);
            dropStaged(record);
            forget(id, true);
            try {
                await(catalog.putDeployment(record.toBuilder().setStatus(DeploymentStatus.FAILED).setError(message)
                        .addFeedback(DeploymentFeedback.newBuilder().setResource(dataSource == null ? "" : dataSource)
                                .setLevel("ERROR").setMessage(message)).setUpdatedAtMicros(micros()).build()));
            } catch (RuntimeException e) {
                LOG.error("Deployment {} failed and could not be marked failed: {}", id, e.toString());
            }
        }
    }

    // ---- promote / discard ----

    /** {@code POST /v1/deployments/{id}/set-live}. */
    public DeploymentRecord promote(long id) {
        synchronized (lock) {
            DeploymentRecord before = require(id);
            // Views recomputed into staged targets: from the switch on, the live views fill those targets, so their
            // forwards stop in the same pause of the sources' appends (no block is counted twice or missed).
            List<Map.Entry<String, StagingTee.Forward>> forwards = viewForwards.getOrDefault(id, List.of());
            DeploymentRecord[] promoted = new DeploymentRecord[1];
            tee.quiesce(forwards.stream().map(Map.Entry::getKey).toList(), () -> {
                promoted[0] = await(catalog.promoteDeployment(id, micros()));
                forwards.forEach(entry -> tee.detach(entry.getKey(), entry.getValue()));
            }, Backfill.cutOverTimeoutMillis());
            viewForwards.remove(id);
            DeploymentRecord live = promoted[0];
            if (before.getStatus().equals(DeploymentStatus.LIVE)) {
                return live;
            }
            LOG.info("Deployment {} is live", id);
            live.getStagedDataSourcesList().forEach(staged -> tee.unstage(staged.getId()));
            applyTokens(live);
            BackfillProgress progress = progresses.remove(id);
            if (progress != null) {
                progress.delete();
            } else {
                BackfillProgress.open(progressDirectory, id).delete();
            }
            retireLater(live);
            return live;
        }
    }

    /** The promoted deployment's TOKEN changes: new and changed tokens put, managed ones it dropped removed. */
    private void applyTokens(DeploymentRecord promoted) {
        try {
            for (io.starling.protocol.catalog.StaticToken token : promoted.getStagedTokensList()) {
                await(catalog.putToken(token));
            }
            for (String name : promoted.getDeletedTokenNamesList()) {
                await(catalog.deleteToken(name));
            }
        } catch (RuntimeException e) {
            LOG.warn("Deployment {} is live but its token changes were not all applied: {}", promoted.getId(),
                    e.toString());
        }
    }

    private static String newTokenValue() {
        byte[] bytes = new byte[30];
        new java.security.SecureRandom().nextBytes(bytes);
        return "p." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** After the grace period: stops the tees of the replaced tables and drops them. */
    private void retireLater(DeploymentRecord promoted) {
        Runnable retire = () -> retire(promoted.getId());
        if (retireGrace.isZero()) {
            executor.execute(retire);
        } else {
            java.util.concurrent.CompletableFuture.delayedExecutor(retireGrace.toMillis(), TimeUnit.MILLISECONDS, executor)
                    .execute(retire);
        }
    }

    private void retire(long id) {
        synchronized (lock) {
            DeploymentRecord record = find(id).orElse(null);
            if (record == null || record.getRetiredTableIdsCount() == 0) {
                return;
            }
            for (String tableId : record.getRetiredTableIdsList()) {
                tee.detach(tableId);
                dropTable(tableId);
            }
            forget(id, true);
            try {
                await(catalog.putDeployment(record.toBuilder().clearRetiredTableIds().setUpdatedAtMicros(micros()).build()));
            } catch (RuntimeException e) {
                LOG.warn("Deployment {}: dropped the replaced tables but could not record it: {}", id, e.toString());
            }
        }
    }

    /** {@code DELETE /v1/deployments/{id}}: discards a staging or failed deployment. */
    public DeploymentRecord discard(long id) {
        synchronized (lock) {
            DeploymentRecord record = require(id);
            if (record.getStatus().equals(DeploymentStatus.LIVE)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Deployment " + id + " is live and cannot be "
                        + "discarded; deploy the previous version of the project to go back");
            }
            if (record.getStatus().equals(DeploymentStatus.DELETED)) {
                return record;
            }
            cancelled.computeIfAbsent(id, ignored -> new AtomicBoolean()).set(true);
            if (DeploymentStatus.isStaging(record.getStatus())) {
                record = await(catalog.putDeployment(record.toBuilder().setStatus(DeploymentStatus.DELETING)
                        .setUpdatedAtMicros(micros()).build()));
                dropStaged(record);
                forget(id, true);
            }
            return await(catalog.putDeployment(record.toBuilder().setStatus(DeploymentStatus.DELETED)
                    .setUpdatedAtMicros(micros()).build()));
        }
    }

    /**
     * On start, before the node takes requests: resumes the deployments a restart interrupted (their tees are
     * attached again before this returns, so no append is missed; done backfill partitions are not redone), finishes
     * interrupted discards and drops tables a promotion left to retire.
     */
    public void recover() {
        List<CountDownLatch> waiting = new ArrayList<>();
        for (DeploymentRecord record : catalog.current().getDeploymentsList()) {
            if (record.getStatus().equals(DeploymentStatus.DELETING)) {
                executor.execute(() -> {
                    try {
                        discard(record.getId());
                    } catch (RuntimeException e) {
                        LOG.warn("Could not finish discarding deployment {}: {}", record.getId(), e.toString());
                    }
                });
            } else if (DeploymentStatus.isStaging(record.getStatus())) {
                LOG.info("Resuming deployment {} ({})", record.getId(), record.getStatus());
                cancelled.put(record.getId(), new AtomicBoolean());
                CountDownLatch attached = new CountDownLatch(1);
                waiting.add(attached);
                executor.execute(() -> populate(record, attached));
            } else if (record.getStatus().equals(DeploymentStatus.LIVE) && record.getRetiredTableIdsCount() > 0) {
                executor.execute(() -> retire(record.getId()));
            }
        }
        for (CountDownLatch attached : waiting) {
            try {
                if (!attached.await(CATALOG_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                    LOG.warn("A resumed deployment did not attach its tees within {} s", CATALOG_TIMEOUT.toSeconds() * 2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void dropStaged(DeploymentRecord record) {
        for (DataSourceSpec staged : record.getStagedDataSourcesList()) {
            for (String name : record.getChangedDatasourceNamesList()) {
                if (name.equals(staged.getName())) {
                    catalog.dataSource(name).ifPresent(live -> tee.detach(live.getId()));
                }
            }
            tee.unstage(staged.getId());
            dropTable(staged.getId());
            dropTable(DataSourceTables.quarantine(staged).getTableId());
        }
    }

    private void dropTable(String tableId) {
        for (DataSourceSpec live : catalog.current().getDataSourcesList()) {
            if (live.getId().equals(tableId) || DataSourceTables.quarantine(live).getTableId().equals(tableId)) {
                LOG.warn("Not dropping table {}: the live catalog uses it", tableId);
                return;
            }
        }
        try {
            IngestService.await(replicas.drop(tableId).toCompletableFuture());
        } catch (RuntimeException e) {
            LOG.warn("Could not drop table {}: {}", tableId, e.toString());
        }
    }

    // ---- reads ----

    public List<DeploymentRecord> list() {
        return catalog.current().getDeploymentsList();
    }

    public Optional<DeploymentRecord> find(long id) {
        for (DeploymentRecord record : catalog.current().getDeploymentsList()) {
            if (record.getId() == id) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    private DeploymentRecord require(long id) {
        return find(id).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE, "Deployment " + id
                + " does not exist; GET /v1/deployments lists them"));
    }

    /** The staged data source with this name in {@code id}'s deployment, if it is staging (for staging reads). */
    public Optional<DataSourceSpec> stagedDataSource(long id, String name) {
        return find(id).filter(record -> DeploymentStatus.isStaging(record.getStatus()))
                .flatMap(record -> record.getStagedDataSourcesList().stream()
                        .filter(spec -> spec.getName().equals(name)).findFirst());
    }

    // ---- JSON (shapes in DeploymentJson) ----


    /**
     * {@link DeploymentJson#json} plus, while a deployment migrates, {@code backfill}: per changed data source the live partitions
     * to migrate and how many are done (done ones survive a restart).
     */
    public ObjectNode describe(DeploymentRecord record) {
        ObjectNode json = DeploymentJson.json(record);
        Map<String, Backfill> running = migrations.get(record.getId());
        if (running != null && DeploymentStatus.isStaging(record.getStatus())) {
            ObjectNode backfill = json.putObject("backfill");
            running.forEach((name, migration) -> backfill.putObject(name)
                    .put("partitions", migration.partitionCount()).put("partitions_done", migration.doneInSnapshot()));
        }
        return json;
    }

    /** {@link DeploymentJson#single} with {@link #describe}. */
    public ObjectNode describeSingle(DeploymentRecord record) {
        ObjectNode json = DeploymentJson.single(record);
        json.set("deployment", describe(record));
        return json;
    }





    // ---- helpers ----

    private DeploymentRecord status(DeploymentRecord record, String status) {
        if (cancelled.getOrDefault(record.getId(), new AtomicBoolean()).get()) {
            throw new IllegalStateException("Deployment " + record.getId() + " was discarded");
        }
        return await(catalog.putDeployment(record.toBuilder().setStatus(status).setUpdatedAtMicros(micros()).build()));
    }

    private MergeTreeTable local(TableSpec table) {
        IngestService.await(replicas.ensureOpen(table).toCompletableFuture());
        return localTables.get(table.getTableId()).orElseThrow(() -> new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                "The replica of table [" + table.getTableId() + "] is on another node; deployments backfill on the "
                        + "node that holds the tables for now"));
    }

    private static DataSourceSpec staged(List<DataSourceSpec> staged, String name) {
        return staged.stream().filter(spec -> spec.getName().equals(name)).findFirst().orElseThrow();
    }

    static List<ColumnDefinition> columns(DataSourceSpec dataSource) {
        List<ColumnDefinition> columns = new ArrayList<>(dataSource.getColumnsCount());
        for (ColumnSpec column : dataSource.getColumnsList()) {
            columns.add(new ColumnDefinition(column.getName(), DataTypes.parseStored(column.getType())));
        }
        return columns;
    }

    /** The data source a .datasource file describes, converted exactly as {@code POST /v1/build} does. */
    private DataSourceSpec spec(DatasourceFile file, String resourceName) {
        return DatasourceSpecs.fromFile(file, resourceName, clock.instant(), warning -> { });
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("starling-deployments");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long micros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String message(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(CATALOG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StarlingException(ErrorCode.STD_EXCEPTION, message(e), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StarlingException(ErrorCode.TIMEOUT_EXCEEDED, "The catalog did not answer within "
                    + CATALOG_TIMEOUT.toSeconds() + " s; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "Interrupted");
        }
    }

}
