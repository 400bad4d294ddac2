package io.starling.node.http;

import io.starling.node.pipe.ResultSource;

import io.starling.node.auth.Principal;
import io.starling.node.pipe.LoadedPipe;
import io.starling.node.pipe.PipeExecution;
import io.starling.node.pipe.PipeRegistry;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of a Query API request (spec data-plane §1.3: "query your pipes and data sources"): the data sources
 * the token may read, then pipes by name (a pipe in FROM is its output node's result, run with the request's URL
 * parameters as template values), and {@code _} for the pipe named by the {@code pipeline} parameter. A pipe is
 * readable with PIPES:READ on it (or a broader read scope); its nodes read the data sources as the pipe, not as
 * the token, like an endpoint.
 */
final class PipeTables implements TableProvider {
    private final TableProvider readable;
    private final TableProvider all;
    private final PipeRegistry pipes;
    private final QueryEngine engine;
    private final Principal principal;
    private final Map<String, String> parameters;
    private final String pipeline;
    private final Instant deadline;

    PipeTables(TableProvider readable, TableProvider all, PipeRegistry pipes, QueryEngine engine, Principal principal,
               Map<String, String> parameters, String pipeline, Instant deadline) {
        this.readable = readable;
        this.all = all;
        this.pipes = pipes;
        this.engine = engine;
        this.principal = principal;
        this.parameters = Map.copyOf(parameters);
        this.pipeline = pipeline == null || pipeline.isBlank() ? null : pipeline.strip();
        this.deadline = deadline;
    }

    @Override
    public Optional<TableSource> table(String database, String name) {
        if (database != null && !database.isEmpty()) {
            return readable.table(database, name);
        }
        if (name.equals("_") && pipeline != null) {
            LoadedPipe pipe = pipes.find(pipeline).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE,
                    "Pipe [" + pipeline + "] of the pipeline parameter does not exist; GET /v0/pipes lists the pipes"));
            return Optional.of(output(name, pipe));
        }
        Optional<TableSource> dataSource = readable.table(database, name);
        if (dataSource.isPresent()) {
            return dataSource;
        }
        return pipes.find(name).map(pipe -> output(name, pipe));
    }

    @Override
    public java.util.Set<String> hiddenFromStar(String database, String name) {
        return readable.hiddenFromStar(database, name);
    }

    private TableSource output(String name, LoadedPipe pipe) {
        ApiProblem.require(principal.canReadPipe(pipe.name(), pipe.spec().getId()),
                "Reading pipe [" + pipe.name() + "] needs PIPES:READ:" + pipe.name() + " or ADMIN.");
        return new Output(name, () -> new PipeExecution(pipes, engine, all, parameters, deadline), pipe);
    }

    /**
     * A pipe's output as a table, computed once on first use. Its first scan adds what the pipe's queries read
     * (every node, and the pipes it reads) to the query's statistics, so {@code FROM pipe} counts rows_read and
     * bytes_read like a direct read of the pipe's data sources.
     */
    private static final class Output implements TableSource {
        private final String name;
        private final java.util.function.Supplier<PipeExecution> execution;
        private final LoadedPipe pipe;
        private QueryResult result;
        private long rowsRead;
        private long bytesRead;
        private boolean counted;

        Output(String name, java.util.function.Supplier<PipeExecution> execution, LoadedPipe pipe) {
            this.name = name;
            this.execution = execution;
            this.pipe = pipe;
        }

        private synchronized QueryResult result() {
            if (result == null) {
                PipeExecution run = execution.get();
                result = run.runOutput(pipe);
                rowsRead = run.rowsRead();
                bytesRead = run.bytesRead();
            }
            return result;
        }

        /** The pipe's reads, credited once (a second scan of the same computed result reads nothing new). */
        private synchronized void count(ScanStatistics statistics) {
            if (!counted && statistics != null) {
                counted = true;
                statistics.add(rowsRead, bytesRead);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<ColumnDefinition> columns() {
            return result().columns();
        }

        @Override
        public BlockStream scan(List<String> wanted, ScanStatistics statistics) {
            QueryResult rows = result();
            count(statistics);
            return ResultSource.columnsOf(rows, wanted, "pipe [" + name + "]");
        }
    }
}
