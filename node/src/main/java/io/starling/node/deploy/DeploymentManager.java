package io.starling.node.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.DataSourceRequest;
import io.starling.node.pipe.DatasourceSpecs;
import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.coordinator.deploy.DeploymentPlan;
import io.starling.coordinator.deploy.DeploymentPlanner;
import io.starling.coordinator.deploy.DeploymentStatus;
import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.datafiles.datasource.SchemaColumn;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * touched before promotion. Every status change is a catalog event, so the state survives restarts (a deployment
 * caught mid-way by a restart is failed on start, since its tee did not survive).
 *
 * <p>Runs on one node (the one holding the tables); the steps are plain classes so a cluster singleton can drive
 * the same code later. Thread-safe: one deployment runs its steps at a time.
 */
public final class DeploymentManager {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentManager.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration CATALOG_TIMEOUT = Duration.ofSeconds(30);

    /** One uploaded file of the project. */
    public record ProjectFile(String fileName, byte[] content) {
        String baseName() {
            String name = fileName.replace('\\', '/');
            return name.substring(name.lastIndexOf('/') + 1);
        }

        String resourceName() {
            String base = baseName();
            int dot = base.indexOf('.');
            return dot < 0 ? base : base.substring(0, dot);
        }

        String extension() {
            String base = baseName().toLowerCase(Locale.ROOT);
            int dot = base.lastIndexOf('.');
            return dot < 0 ? "" : base.substring(dot + 1);
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private final CatalogView catalog;
    private final Replicas replicas;
    private final LocalTables localTables;
    private final ServiceLog serviceLog;
    private final StagingTee tee;
    private final ForwardRows forwardRows;
    private final Backfill backfill;
    private final Executor executor;
    private final Clock clock;
    private final Duration retireGrace;
    private final Map<Long, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    public DeploymentManager(CatalogView catalog, Replicas replicas, LocalTables localTables, ServiceLog serviceLog,
                             QueryEngine engine, StagingTee tee, Executor executor, Clock clock, Duration retireGrace) {
        this.catalog = catalog;
        this.replicas = replicas;
        this.localTables = localTables;
        this.serviceLog = serviceLog;
        this.tee = tee;
        this.forwardRows = new ForwardRows(engine);
        this.backfill = new Backfill(forwardRows, tee);
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
        List<ObjectNode> errors = new ArrayList<>();
        List<DeploymentPlanner.WantedDataSource> wanted = new ArrayList<>();
        List<PipeSpec> pipes = new ArrayList<>();
        long now = micros();
        for (ProjectFile file : files) {
            switch (file.extension()) {
                case "datasource" -> {
                    try {
                        DatasourceFile parsed = DatasourceFile.parse(file.text(), file.fileName());
                        DataSourceSpec spec = spec(parsed, file.resourceName());
                        wanted.add(new DeploymentPlanner.WantedDataSource(spec, parsed.forwardQuery()));
                    } catch (StarlingException e) {
                        errors.add(error(file.fileName(), "datasource", e.getMessage()));
                    }
                }
                case "pipe" -> {
                    try {
                        io.starling.datafiles.pipe.PipeFile.parse(file.text(), file.fileName());
                        String name = file.resourceName();
                        pipes.add(PipeSpec.newBuilder().setId(catalog.pipe(name).map(PipeSpec::getId)
                                        .orElseGet(DataSourceRequest::newId)).setName(name).setDatafile(file.text())
                                .setCreatedAtMicros(now).setUpdatedAtMicros(now).build());
                    } catch (StarlingException e) {
                        errors.add(error(file.fileName(), "pipe", e.getMessage()));
                    }
                }
                default -> {
                    // fixtures, tests and connections are not part of a deployment
                }
            }
        }
        if (!errors.isEmpty()) {
            return answer("failed", null, errors);
        }
        Map<String, DataSourceSpec> live = new LinkedHashMap<>();
        catalog.current().getDataSourcesList().forEach(spec -> live.put(spec.getName(), spec));
        Map<String, PipeSpec> livePipes = new LinkedHashMap<>();
        catalog.current().getPipesList().forEach(spec -> livePipes.put(spec.getName(), spec));
        DeploymentPlan plan = DeploymentPlanner.plan(live, livePipes, wanted, pipes, allowDestructive,
                DataSourceRequest::newId);
        List<DeploymentFeedback> feedback = new ArrayList<>(plan.feedback());
        if (!plan.hasErrors()) {
            feedback.addAll(checkForwardQueries(plan, live));
        }
        DeploymentRecord.Builder record = DeploymentRecord.newBuilder().setStatus(DeploymentStatus.CALCULATING)
                .setCreatedAtMicros(now).setUpdatedAtMicros(now).addAllFeedback(feedback)
                .addAllNewDatasourceNames(plan.newDataSources()).addAllChangedDatasourceNames(plan.changedDataSources())
                .addAllDeletedDatasourceNames(plan.deletedDataSources()).addAllNewPipeNames(plan.newPipes())
                .addAllChangedPipeNames(plan.changedPipes()).addAllDeletedPipeNames(plan.deletedPipes())
                .addAllStagedDataSources(plan.stagedDataSources()).addAllStagedPipes(plan.stagedPipes())
                .putAllForwardQueries(plan.forwardSelects()).setAllowDestructive(allowDestructive)
                .addAllRetiredTableIds(plan.retiredTableIds());
        boolean invalid = feedback.stream().anyMatch(item -> item.getLevel().equals("ERROR"));
        if (invalid) {
            for (DeploymentFeedback item : feedback) {
                if (item.getLevel().equals("ERROR")) {
                    errors.add(error(item.getResource() + ".datasource", "datasource", item.getMessage()));
                }
            }
            return answer("failed", record.build(), errors);
        }
        if (!plan.hasChanges()) {
            return answer("no_changes", record.build(), errors);
        }
        if (check) {
            return answer("success", record.build(), errors);
        }
        long id = catalog.current().getDeploymentsList().stream().mapToLong(DeploymentRecord::getId).max().orElse(0) + 1;
        DeploymentRecord created;
        try {
            created = await(catalog.putDeployment(record.setId(id).build()));
        } catch (StarlingException e) {
            errors.add(error("", "deployment", e.getMessage()));
            return answer("failed", null, errors);
        }
        cancelled.put(id, new AtomicBoolean());
        executor.execute(() -> populate(created));
        return answer("success", created, errors);
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

    private void populate(DeploymentRecord record) {
        long id = record.getId();
        String current = null;
        try {
            record = status(record, DeploymentStatus.CREATING_SCHEMA);
            for (DataSourceSpec staged : record.getStagedDataSourcesList()) {
                current = staged.getName();
                io.starling.node.bridge.EngineContracts.keyEvaluator(
                        io.starling.protocol.shard.TableSpecs.toDefinition(DataSourceTables.table(staged)));
                IngestService.await(replicas.ensureOpen(DataSourceTables.table(staged)).toCompletableFuture());
                IngestService.await(replicas.ensureOpen(DataSourceTables.quarantine(staged)).toCompletableFuture());
            }
            record = status(record, DeploymentStatus.POPULATING);
            for (String name : record.getChangedDatasourceNamesList()) {
                current = name;
                backfillOne(record, name);
            }
            current = null;
            if (cancelled.get(id).get()) {
                return;
            }
            status(record, DeploymentStatus.DATA_READY);
        } catch (RuntimeException e) {
            fail(id, current, e);
        }
    }

    private void backfillOne(DeploymentRecord record, String name) {
        DataSourceSpec live = catalog.dataSource(name).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE,
                "The live data source [" + name + "] disappeared during the deployment"));
        DataSourceSpec staged = staged(record.getStagedDataSourcesList(), name);
        String select = record.getForwardQueriesOrThrow(name);
        MergeTreeTable liveTable = local(DataSourceTables.table(live));
        MergeTreeTable stagingTable = local(DataSourceTables.table(staged));
        long id = record.getId();
        List<ColumnDefinition> liveColumns = columns(live);
        StagingTee.Forward forward = block -> {
            try {
                List<Block> out = forwardRows.run(select, BlocksSource.of(ForwardRows.LIVE, liveColumns, List.of(block)),
                        staged, Instant.now().plusSeconds(60));
                if (!out.isEmpty()) {
                    stagingTable.replaceParts(List.of(), out);
                }
            } catch (RuntimeException e) {
                LOG.warn("Deployment {}: rows appended to [{}] could not be migrated: {}", id, name, e.toString());
                tee.detach(live.getId());
                executor.execute(() -> fail(id, name, e));
            }
        };
        String jobId = io.starling.node.http.Ulid.next();
        long started = System.nanoTime();
        try {
            long rows = backfill.run(id, live, liveTable, staged, stagingTable, select, forward,
                    () -> cancelled.getOrDefault(id, new AtomicBoolean()).get());
            serviceLog.operation("deployment_backfill", staged.getId(), name, null, seconds(started), null, jobId,
                    jobId, rows, 0L, Map.of("deployment_id", Long.toString(id)));
        } catch (RuntimeException e) {
            serviceLog.operation("deployment_backfill", staged.getId(), name, message(e), seconds(started), null,
                    jobId, jobId, 0L, 0L, Map.of("deployment_id", Long.toString(id)));
            throw new StarlingException(ErrorCode.STD_EXCEPTION, "Error migrating data: Populate job " + jobId
                    + " failed, status: error. " + message(e), e);
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
            DeploymentRecord live = await(catalog.promoteDeployment(id, micros()));
            if (before.getStatus().equals(DeploymentStatus.LIVE)) {
                return live;
            }
            LOG.info("Deployment {} is live", id);
            retireLater(live);
            return live;
        }
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
            }
            return await(catalog.putDeployment(record.toBuilder().setStatus(DeploymentStatus.DELETED)
                    .setUpdatedAtMicros(micros()).build()));
        }
    }

    /** On start: fails deployments a restart interrupted and drops tables a promotion left to retire. */
    public void recover() {
        for (DeploymentRecord record : catalog.current().getDeploymentsList()) {
            if (DeploymentStatus.isStaging(record.getStatus())) {
                fail(record.getId(), null, new IllegalStateException("The node restarted while deployment "
                        + record.getId() + " was " + record.getStatus() + "; create the deployment again"));
            } else if (record.getStatus().equals(DeploymentStatus.LIVE) && record.getRetiredTableIdsCount() > 0) {
                retire(record.getId());
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

    // ---- JSON ----

    public static ObjectNode json(DeploymentRecord record) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", Long.toString(record.getId()));
        json.put("status", record.getStatus());
        json.put("live", record.getStatus().equals(DeploymentStatus.LIVE));
        json.put("created_at", Instant.ofEpochSecond(0, record.getCreatedAtMicros() * 1_000L).toString());
        json.put("updated_at", Instant.ofEpochSecond(0, record.getUpdatedAtMicros() * 1_000L).toString());
        ArrayNode feedback = json.putArray("feedback");
        for (DeploymentFeedback item : record.getFeedbackList()) {
            feedback.addObject().put("resource", item.getResource()).put("level", item.getLevel())
                    .put("message", item.getMessage());
        }
        strings(json.putArray("new_datasource_names"), record.getNewDatasourceNamesList());
        strings(json.putArray("changed_datasource_names"), record.getChangedDatasourceNamesList());
        strings(json.putArray("deleted_datasource_names"), record.getDeletedDatasourceNamesList());
        strings(json.putArray("new_pipe_names"), record.getNewPipeNamesList());
        strings(json.putArray("changed_pipe_names"), record.getChangedPipeNamesList());
        strings(json.putArray("deleted_pipe_names"), record.getDeletedPipeNamesList());
        if (!record.getError().isEmpty()) {
            json.put("error", record.getError());
        }
        return json;
    }

    /** {@code GET /v1/deployments/{id}}: result, deployment, and error/errors of a failed one. */
    public static ObjectNode single(DeploymentRecord record) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("result", record.getStatus().equals(DeploymentStatus.FAILED) ? "failed" : "success");
        json.set("deployment", json(record));
        if (!record.getError().isEmpty()) {
            json.put("error", record.getError());
        }
        return json;
    }

    private static ObjectNode answer(String result, DeploymentRecord record, List<ObjectNode> errors) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("result", result);
        if (record != null) {
            json.set("deployment", json(record));
        }
        ArrayNode array = json.putArray("errors");
        errors.forEach(array::add);
        if (!errors.isEmpty()) {
            json.put("error", errors.getFirst().path("error").asText());
        }
        return json;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static ObjectNode error(String fileName, String type, String message) {
        return MAPPER.createObjectNode().put("filename", fileName).put("type", type).put("error", message);
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
            columns.add(new ColumnDefinition(column.getName(), DataTypes.parse(column.getType())));
        }
        return columns;
    }

    /** The data source a .datasource file describes, converted exactly as {@code POST /v1/build} does. */
    private DataSourceSpec spec(DatasourceFile file, String resourceName) {
        return DatasourceSpecs.fromFile(file, resourceName, clock.instant(), warning -> { });
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
