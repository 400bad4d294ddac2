package io.starling.node.pipe;

import io.starling.datafiles.pipe.PipeType;
import io.starling.node.query.SqlGuard;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs published endpoints (spec data-plane §1.4): the pipe's {@code TYPE ENDPOINT} node rendered with the request
 * parameters, then optionally {@code q=} — SQL over the endpoint's result, named {@code _}. Blocking; thread-safe.
 */
public final class Endpoints {
    /** Parameters that steer the API rather than the templates. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("token", "q", "__tb__deployment", "format");

    /** An endpoint's answer: the result (with statistics summed over every query it ran). */
    public record Answer(LoadedPipe pipe, QueryResult result, double elapsedSeconds) {
    }

    private final PipeRegistry pipes;
    private final QueryEngine engine;

    public Endpoints(PipeRegistry pipes, QueryEngine engine) {
        this.pipes = pipes;
        this.engine = engine;
    }

    /** The endpoint pipe with this name or id; 404 (60) when there is none or it is not published. */
    public LoadedPipe require(String nameOrId) {
        LoadedPipe pipe = pipes.find(nameOrId).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE,
                "Pipe [" + nameOrId + "] does not exist; GET /v0/pipes lists the pipes"));
        if (pipe.type() != PipeType.ENDPOINT) {
            throw new StarlingException(ErrorCode.UNKNOWN_TABLE, "Pipe [" + pipe.name() + "] is not published as an "
                    + "endpoint (it is " + (pipe.type() == null ? "a generic pipe" : "a " + pipe.type().name().toLowerCase(
                    java.util.Locale.ROOT) + " pipe") + "); add TYPE ENDPOINT to its last node");
        }
        return pipe;
    }

    /**
     * Runs the endpoint with {@code parameters} (URL or form values; reserved ones are not passed to templates)
     * against {@code tables} (data sources, as the caller's token may read them).
     */
    public Answer call(LoadedPipe pipe, Map<String, String> parameters, TableProvider tables, Duration timeout) {
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> templateParameters = new HashMap<>(parameters);
        RESERVED.forEach(templateParameters::remove);
        PipeExecution execution = new PipeExecution(pipes, engine, tables, templateParameters, deadline);
        QueryResult result = execution.runOutput(pipe);
        long rowsRead = execution.rowsRead();
        long bytesRead = execution.bytesRead();
        String q = parameters.get("q");
        if (q != null && !q.isBlank()) {
            SqlGuard.checkReadOnly(q);
            TableSource endpointRows = ResultSource.of("_", result);
            result = engine.execute(q, new QueryContext((database, name) -> (database == null || database.isEmpty())
                    && "_".equals(name) ? Optional.of(endpointRows) : Optional.empty(), deadline, Map.of()));
        }
        QueryResult answered = new QueryResult(result.columns(), result.blocks(), result.rowsBeforeLimit(), rowsRead,
                bytesRead, result.format());
        return new Answer(pipe, answered, (System.nanoTime() - start) / 1e9);
    }
}
