package io.starling.node.pipe;

import io.starling.datafiles.template.RenderedSql;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of a pipe node with one set of request parameters. A node's SQL is rendered with the parameters, then
 * run with table names resolved in this order: earlier nodes of the same pipe (by node name), data sources and
 * {@code tinybird.*} (the base provider), other pipes (their output node, rendered with the same parameters: the
 * cascade of §3.6). Each node runs at most once per execution; its result is kept while the execution lives.
 *
 * <p>Blocking (runs queries); one execution serves one request on one thread at a time.
 */
public final class PipeExecution {
    private static final int MAX_PIPE_DEPTH = 16;

    private final PipeRegistry pipes;
    private final QueryEngine engine;
    private final TableProvider base;
    private final Map<String, String> parameters;
    private final Instant deadline;
    private final Map<String, ResultSource> nodes = new HashMap<>();
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private int depth;

    public PipeExecution(PipeRegistry pipes, QueryEngine engine, TableProvider base, Map<String, String> parameters,
                         Instant deadline) {
        this.pipes = pipes;
        this.engine = engine;
        this.base = base;
        this.parameters = Map.copyOf(parameters);
        this.deadline = deadline;
    }

    /** Runs the pipe's output node (the TYPE node, else the last one). */
    public QueryResult runOutput(LoadedPipe pipe) {
        return runNode(pipe, pipe.outputIndex());
    }

    /** Runs node {@code index} of the pipe (and, lazily, the nodes and pipes it reads). */
    public QueryResult runNode(LoadedPipe pipe, int index) {
        return source(pipe, index).result();
    }

    /** Rows and bytes read from tables by every query this execution ran. */
    public long rowsRead() {
        return rowsRead.get();
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public Instant deadline() {
        return deadline;
    }

    private ResultSource source(LoadedPipe pipe, int index) {
        String key = pipe.spec().getId() + "/" + index;
        ResultSource existing = nodes.get(key);
        if (existing != null) {
            return existing;
        }
        ResultSource created = new ResultSource(pipe.file().nodes().get(index).name(), () -> execute(pipe, index));
        nodes.put(key, created);
        return created;
    }

    private QueryResult execute(LoadedPipe pipe, int index) {
        if (++depth > MAX_PIPE_DEPTH) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Pipe [" + pipe.name() + "] reads pipes more than "
                    + MAX_PIPE_DEPTH + " levels deep; is there a cycle between pipes?");
        }
        try {
            RenderedSql rendered = pipe.templates().get(index).render(parameters);
            TableProvider scope = (database, name) -> resolve(pipe, index, database, name);
            QueryResult result;
            try {
                result = engine.execute(rendered.sql(), new QueryContext(scope, deadline, rendered.settings()));
            } catch (StarlingException e) {
                if (e instanceof io.starling.datafiles.template.TemplateException || e.getMessage().contains("(pipe [")) {
                    throw e;
                }
                throw new StarlingException(e.errorCode(), e.getMessage() + " (pipe [" + pipe.name()
                        + "], node [" + pipe.file().nodes().get(index).name() + "])", e);
            }
            rowsRead.addAndGet(result.rowsRead());
            bytesRead.addAndGet(result.bytesRead());
            return result;
        } finally {
            depth--;
        }
    }

    private Optional<TableSource> resolve(LoadedPipe pipe, int index, String database, String name) {
        if (database == null || database.isEmpty()) {
            int node = pipe.nodeIndex(name, index);
            if (node >= 0) {
                return Optional.of(source(pipe, node));
            }
        }
        Optional<TableSource> table = base.table(database, name);
        if (table.isPresent() || (database != null && !database.isEmpty())) {
            return table;
        }
        Optional<LoadedPipe> other = pipes.find(name).filter(found -> !found.spec().getId().equals(pipe.spec().getId()));
        return other.map(found -> source(found, found.outputIndex()));
    }
}
