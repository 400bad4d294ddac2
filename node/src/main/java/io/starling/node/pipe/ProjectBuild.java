package io.starling.node.pipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.DataSourceRequest;
import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.datafiles.datasource.SchemaColumn;
import io.starling.datafiles.pipe.PipeType;
import io.starling.datafiles.template.TemplateException;
import io.starling.node.bridge.EngineContracts;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.ingest.IngestService;
import io.starling.node.shard.Replicas;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.PipeSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.sql.QueryEngine;
import io.starling.sql.catalog.TableProvider;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /v1/build} (spec lifecycle §2.9-2.10): puts a project's .datasource and .pipe files into the workspace.
 *
 * <ol>
 *   <li>Every file is parsed; a file that does not parse is an error and is skipped.</li>
 *   <li>Data sources: new ones are created; one whose schema or engine changed is dropped and created again (its
 *       rows are lost, as in Tinybird's throwaway build workspace); unchanged ones keep their rows. An ENGINE the
 *       storage cannot run yet is created as MergeTree and reported in {@code warnings}.</li>
 *   <li>Pipes other than materialized views are stored (created or replaced); each is run once over empty tables,
 *       and a query that cannot run on Starling is reported as an error (the pipe is stored anyway).</li>
 *   <li>Materialized views are checked the same way and stored only when they run, since a broken view would fail
 *       every append to its source.</li>
 *   <li>Populate: new views, and views whose target was (re)created, are backfilled from their sources' current
 *       rows (inserted, never emptying the target); views on views are filled by the cascade. A changed view with
 *       an unchanged target is not recomputed (a warning says so).</li>
 *   <li>Fixtures ({@code <datasource>.ndjson|.csv} parts) are appended, firing the views.</li>
 * </ol>
 * Nothing absent from the upload is deleted. Blocking; one build at a time per node.
 */
public final class ProjectBuild {
    private static final Duration CATALOG_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One uploaded file: its name (folders allowed) and text. */
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
    private final PipeRegistry pipes;
    private final QueryEngine engine;
    private final TableProvider tables;
    private final MaterializedViews views;
    private final DataSourceService dataSources;
    private final IngestService ingest;
    private final Replicas replicas;
    private final Clock clock;

    public ProjectBuild(PipeRegistry pipes, QueryEngine engine, TableProvider tables, MaterializedViews views,
                        DataSourceService dataSources, IngestService ingest, Replicas replicas, Clock clock) {
        this.catalog = pipes.catalog();
        this.pipes = pipes;
        this.engine = engine;
        this.tables = tables;
        this.views = views;
        this.dataSources = dataSources;
        this.ingest = ingest;
        this.replicas = replicas;
        this.clock = clock;
    }

    /** What happened, as the body of the build response (result, build, errors, error). */
    public synchronized ObjectNode build(List<ProjectFile> files, String buildId) {
        Report report = new Report();
        Map<String, DatasourceFile> datasourceFiles = new LinkedHashMap<>();
        Map<String, ProjectFile> pipeFiles = new LinkedHashMap<>();
        List<ProjectFile> fixtures = new ArrayList<>();
        for (ProjectFile file : files) {
            switch (file.extension()) {
                case "datasource" -> {
                    try {
                        datasourceFiles.put(file.resourceName(), DatasourceFile.parse(file.text(), file.fileName()));
                    } catch (StarlingException e) {
                        report.error(file.fileName(), "datasource", e.getMessage());
                    }
                }
                case "pipe" -> {
                    try {
                        io.starling.datafiles.pipe.PipeFile.parse(file.text(), file.fileName());
                        pipeFiles.put(file.resourceName(), file);
                    } catch (StarlingException e) {
                        report.error(file.fileName(), "pipe", e.getMessage());
                    }
                }
                case "ndjson", "csv" -> fixtures.add(file);
                default -> report.warning(file.fileName() + ": ignored (only .datasource, .pipe and fixtures are built)");
            }
        }
        Set<String> recreated = new HashSet<>();
        for (Map.Entry<String, DatasourceFile> entry : datasourceFiles.entrySet()) {
            try {
                applyDataSource(entry.getValue(), report, recreated);
            } catch (RuntimeException e) {
                report.error(entry.getKey() + ".datasource", "datasource", message(e));
            }
        }
        List<LoadedPipe> materialized = new ArrayList<>();
        for (Map.Entry<String, ProjectFile> entry : pipeFiles.entrySet()) {
            LoadedPipe candidate = candidate(entry.getKey(), entry.getValue().text());
            if (candidate.type() == PipeType.MATERIALIZED) {
                materialized.add(candidate);
                continue;
            }
            try {
                storePipe(candidate, report);
                check(candidate, entry.getValue().fileName(), report);
            } catch (RuntimeException e) {
                report.error(entry.getValue().fileName(), "pipe", message(e));
            }
        }
        List<LoadedPipe> populate = new ArrayList<>();
        for (LoadedPipe view : materialized) {
            String fileName = pipeFiles.get(view.name()).fileName();
            try {
                views.analyze(view);
                boolean isNew = catalog.pipe(view.name()).isEmpty();
                boolean changed = storePipe(view, report);
                String target = views.targetOf(view).getName();
                if (isNew || recreated.contains(target) || report.newDataSources.contains(target)) {
                    populate.add(pipes.find(view.name()).orElseThrow());
                } else if (changed) {
                    report.warning(view.name() + ".pipe: the view changed; rows already in [" + target + "] were "
                            + "not recomputed (change the target data source to rebuild it)");
                }
            } catch (RuntimeException e) {
                report.error(fileName, "pipe", "Materialized view not created: " + message(e));
            }
        }
        populate(populate, report);
        for (ProjectFile fixture : fixtures) {
            appendFixture(fixture, report);
        }
        return report.render(buildId, datasourceFiles.keySet(), pipeFiles.keySet(), pipes);
    }

    private LoadedPipe candidate(String name, String datafile) {
        long now = micros();
        PipeSpec spec = PipeSpec.newBuilder().setId(catalog.pipe(name).map(PipeSpec::getId)
                        .orElseGet(DataSourceRequest::newId)).setName(name).setDatafile(datafile)
                .setCreatedAtMicros(now).setUpdatedAtMicros(now).build();
        return LoadedPipe.load(spec);
    }

    /** Stores the pipe; answers whether it is new or changed. */
    private boolean storePipe(LoadedPipe pipe, Report report) {
        Optional<PipeSpec> before = catalog.pipe(pipe.name());
        if (before.isPresent() && before.get().getDatafile().equals(pipe.spec().getDatafile())) {
            return false;
        }
        await(catalog.putPipe(pipe.spec()));
        (before.isPresent() ? report.changedPipes : report.newPipes).add(pipe.name());
        return true;
    }

    /** Runs an endpoint, copy or generic pipe once over empty tables; a query Starling cannot run is an error. */
    private void check(LoadedPipe pipe, String fileName, Report report) {
        TableProvider empty = (database, name) -> {
            if (database == null || database.isEmpty()) {
                Optional<DataSourceSpec> dataSource = catalog.dataSource(name);
                if (dataSource.isPresent()) {
                    return Optional.of(ResultSource.ofBlocks(name, MaterializedViews.columns(dataSource.get()), List.of()));
                }
            }
            return tables.table(database, name);
        };
        try {
            new PipeExecution(pipes, engine, empty, Map.of(), Instant.now().plusSeconds(30)).runOutput(pipe);
        } catch (TemplateException e) {
            // error() and required parameters stop a call without parameters; that is the template working.
        } catch (StarlingException e) {
            report.error(fileName, "pipe", "Pipe stored, but its query cannot run on Starling yet: " + e.getMessage());
        }
    }

    private void applyDataSource(DatasourceFile file, Report report, Set<String> recreated) {
        DataSourceSpec wanted = spec(file, report);
        Optional<DataSourceSpec> existing = catalog.dataSource(file.name());
        if (existing.isPresent() && sameTable(existing.get(), wanted)) {
            return;
        }
        if (existing.isPresent()) {
            await(dataSources.drop(file.name()));
            report.changedDataSources.add(file.name());
            recreated.add(file.name());
        } else {
            report.newDataSources.add(file.name());
        }
        EngineContracts.keyEvaluator(TableSpecs.toDefinition(DataSourceTables.table(wanted)));
        DataSourceSpec created = await(catalog.create(wanted));
        await(replicas.ensureOpen(DataSourceTables.table(created)));
        await(replicas.ensureOpen(DataSourceTables.quarantine(created)));
    }

    /** The data source a .datasource file describes (see {@link DatasourceSpecs}). */
    private DataSourceSpec spec(DatasourceFile file, Report report) {
        return DatasourceSpecs.fromFile(file, file.name(), clock.instant(), report::warning);
    }

    private static boolean sameTable(DataSourceSpec existing, DataSourceSpec wanted) {
        return existing.getColumnsList().equals(wanted.getColumnsList())
                && existing.getEngine().equals(wanted.getEngine())
                && existing.getDeclaredEngine().equals(wanted.getDeclaredEngine())
                && existing.getSortingKeyList().equals(wanted.getSortingKeyList())
                && existing.getPartitionKey().equals(wanted.getPartitionKey())
                && existing.getEngineSettingsMap().equals(wanted.getEngineSettingsMap());
    }

    /**
     * Backfills each view from its source's current rows, inserting into the target (never emptying it: a target may
     * hold other rows). A view whose source is itself filled by another view populated here gets its rows through
     * the cascade instead.
     */
    private void populate(List<LoadedPipe> toPopulate, Report report) {
        Set<String> filled = new HashSet<>();
        for (LoadedPipe view : toPopulate) {
            filled.add(views.targetOf(view).getName());
        }
        for (LoadedPipe view : toPopulate) {
            String source = views.sourceOf(view);
            boolean sourceWasEmpty = report.newDataSources.contains(source) || report.changedDataSources.contains(source);
            if (sourceWasEmpty && filled.contains(source)) {
                continue;
            }
            try {
                report.populated.put(view.name(), views.populate(view));
            } catch (RuntimeException e) {
                report.error(view.name() + ".pipe", "pipe", "Populating [" + views.targetOf(view).getName()
                        + "] failed: " + message(e));
            }
        }
    }

    private void appendFixture(ProjectFile fixture, Report report) {
        Optional<DataSourceSpec> dataSource = catalog.dataSource(fixture.resourceName());
        if (dataSource.isEmpty()) {
            report.warning(fixture.fileName() + ": no data source [" + fixture.resourceName() + "] to append it to");
            return;
        }
        IngestService.Format format = fixture.extension().equals("csv") ? IngestService.Format.CSV
                : IngestService.Format.NDJSON;
        try {
            var result = ingest.ingest(dataSource.get(), new ByteArrayInputStream(fixture.content()), format, null,
                    "build-fixture");
            report.fixtures.put(fixture.resourceName(), result.successfulRows());
        } catch (RuntimeException e) {
            report.error(fixture.fileName(), "fixture", message(e));
        }
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
                    + CATALOG_TIMEOUT.toSeconds() + " s; retry the build");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "Build interrupted");
        }
    }

    private long micros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** What the build did, rendered as Tinybird's build response. */
    private static final class Report {
        final List<String> newDataSources = new ArrayList<>();
        final List<String> changedDataSources = new ArrayList<>();
        final List<String> newPipes = new ArrayList<>();
        final List<String> changedPipes = new ArrayList<>();
        final List<ObjectNode> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Map<String, Long> populated = new LinkedHashMap<>();
        final Map<String, Long> fixtures = new LinkedHashMap<>();

        void error(String fileName, String type, String message) {
            errors.add(MAPPER.createObjectNode().put("filename", fileName).put("type", type).put("error", message));
        }

        void warning(String message) {
            warnings.add(message);
        }

        ObjectNode render(String buildId, Set<String> dataSourceNames, Set<String> pipeNames, PipeRegistry pipes) {
            ObjectNode json = MAPPER.createObjectNode();
            boolean changed = !newDataSources.isEmpty() || !changedDataSources.isEmpty() || !newPipes.isEmpty()
                    || !changedPipes.isEmpty();
            json.put("result", !errors.isEmpty() ? "failed" : changed ? "success" : "no_changes");
            ObjectNode build = json.putObject("build");
            build.put("id", buildId);
            ArrayNode datasources = build.putArray("datasources");
            for (String name : dataSourceNames) {
                pipes.catalog().dataSource(name).ifPresent(spec -> datasources.addObject().put("name", name)
                        .put("id", spec.getId()).put("type", spec.getFormat()));
            }
            ArrayNode pipeArray = build.putArray("pipes");
            for (String name : pipeNames) {
                pipes.find(name).ifPresent(pipe -> pipeArray.addObject().put("name", name).put("id", pipe.spec().getId())
                        .put("type", PipeJson.typeName(pipe)));
            }
            strings(build.putArray("new_datasource_names"), newDataSources);
            strings(build.putArray("changed_datasource_names"), changedDataSources);
            build.putArray("deleted_datasource_names");
            strings(build.putArray("new_pipe_names"), newPipes);
            strings(build.putArray("changed_pipe_names"), changedPipes);
            build.putArray("deleted_pipe_names");
            ObjectNode populates = build.putObject("populated_rows");
            populated.forEach(populates::put);
            ObjectNode fixtureRows = build.putObject("fixture_rows");
            fixtures.forEach(fixtureRows::put);
            strings(build.putArray("warnings"), warnings);
            ArrayNode errorArray = json.putArray("errors");
            errors.forEach(errorArray::add);
            if (!errors.isEmpty()) {
                json.put("error", errors.getFirst().get("filename").asText() + ": " + errors.getFirst().get("error").asText());
            }
            return json;
        }

        private static void strings(ArrayNode array, List<String> values) {
            values.forEach(array::add);
        }
    }
}
