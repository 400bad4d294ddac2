package io.starling.node.pipe;

import io.starling.datafiles.pipe.PipeNode;
import io.starling.datafiles.pipe.PipeType;
import io.starling.node.http.Jobs;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.ingest.TableRewriter;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.JobRecord;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableProvider;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Copy pipes (spec data-plane §5.2): the output node ({@code TYPE COPY}) runs once as a job and its rows go into
 * {@code TARGET_DATASOURCE} — appended, or replacing every row at once ({@code COPY_MODE replace}, one atomic parts
 * swap). Runs are {@code copy} jobs of /v0/jobs; views on the target fire on the copied rows. Parameters: the
 * request's, over the templates' defaults; {@code job_timestamp} is the run's time (UTC). Thread-safe.
 */
public final class CopyPipes {
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(30);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PipeRegistry pipes;
    private final QueryEngine engine;
    private final TableProvider tables;
    private final MaterializedViews views;
    private final DataSourceService dataSources;
    private final TableRewriter rewriter;
    private final Jobs jobs;
    private final Clock clock;

    public CopyPipes(PipeRegistry pipes, QueryEngine engine, TableProvider tables, MaterializedViews views,
                     DataSourceService dataSources, TableRewriter rewriter, Jobs jobs, Clock clock) {
        this.pipes = pipes;
        this.engine = engine;
        this.tables = tables;
        this.views = views;
        this.dataSources = dataSources;
        this.rewriter = rewriter;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Starts a copy job; answers the waiting job record once it is persisted.
     *
     * @param mode          {@code append}, {@code replace}, or null for the pipe's COPY_MODE
     * @param executionType {@code manual} or {@code scheduled}
     */
    public CompletionStage<JobRecord> start(LoadedPipe pipe, Map<String, String> parameters, String mode,
                                            String executionType) {
        PipeNode node = requireCopy(pipe);
        DataSourceSpec target = target(pipe, node);
        String effectiveMode = mode(mode == null || mode.isBlank() ? node.copyMode() : mode);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("pipe_id", pipe.spec().getId());
        details.put("pipe_name", pipe.name());
        details.put("mode", effectiveMode);
        details.put("execution_type", executionType);
        Map<String, String> runParameters = new HashMap<>(parameters);
        runParameters.putIfAbsent("job_timestamp", TIMESTAMP.format(clock.instant()));
        return jobs.start("copy", target, details, job -> Map.of("rows", Long.toString(
                copy(pipe, runParameters, effectiveMode))));
    }

    /** Runs the copy now on this thread; answers the rows written. */
    public long copy(LoadedPipe pipe, Map<String, String> parameters, String mode) {
        PipeNode node = requireCopy(pipe);
        DataSourceSpec target = target(pipe, node);
        Instant deadline = Instant.now().plus(COPY_TIMEOUT);
        QueryResult result = new PipeExecution(pipes, engine, tables, parameters, deadline).runOutput(pipe);
        List<Block> blocks = TargetRows.shape(engine, result, target, deadline);
        if (mode(mode).equals("replace")) {
            rewriter.replace(dataSources, target, blocks, null);
            views.fire(target, blocks);
        } else {
            views.insert(target, blocks);
        }
        long rows = 0;
        for (Block block : blocks) {
            rows += block.rowCount();
        }
        return rows;
    }

    static PipeNode requireCopy(LoadedPipe pipe) {
        if (pipe.type() != PipeType.COPY) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Pipe [" + pipe.name() + "] is not a copy pipe; "
                    + "its output node needs TYPE COPY and TARGET_DATASOURCE <data source>");
        }
        return pipe.outputNode();
    }

    private DataSourceSpec target(LoadedPipe pipe, PipeNode node) {
        String name = node.targetDatasource();
        if (name == null || name.isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Copy pipe [" + pipe.name()
                    + "] has no TARGET_DATASOURCE; add TARGET_DATASOURCE <data source>");
        }
        return pipes.catalog().dataSource(name.strip()).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE,
                "Data source [" + name.strip() + "], the target of copy pipe [" + pipe.name() + "], does not exist"));
    }

    static String mode(String mode) {
        String lower = mode == null || mode.isBlank() ? "append" : mode.strip().toLowerCase(Locale.ROOT);
        if (!lower.equals("append") && !lower.equals("replace")) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Copy mode [" + mode + "] is not valid; use append "
                    + "or replace");
        }
        return lower;
    }
}
