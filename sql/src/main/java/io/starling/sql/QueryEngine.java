package io.starling.sql;

import io.starling.sql.analyzer.AnalyzedQuery;
import io.starling.sql.analyzer.QueryAnalyzer;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Executor;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.parser.Parser;
import io.starling.sql.parser.ast.Statement;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Instant;
import java.util.Map;

/**
 * Parses, analyses, plans and runs one ClickHouse-dialect SELECT. Thread-safe: one engine serves every query.
 * Errors are {@link io.starling.storage.error.StarlingException}s with ClickHouse codes
 * (62 SYNTAX_ERROR with line and column, 47 UNKNOWN_IDENTIFIER, 60 UNKNOWN_TABLE, ...).
 *
 * <p>Execution: the calling thread parses, analyses (running IN/scalar subqueries), then pulls every block
 * of the plan's operators; the query's deadline is checked before every block. The setting
 * {@code max_execution_time} (seconds, from the context or the SETTINGS clause) can shorten the deadline.
 */
public final class QueryEngine {
    private final FunctionRegistry functions = FunctionRegistry.standard();

    /** Queries started by every engine of this process (warm-up stops when a real one arrives). */
    private static final java.util.concurrent.atomic.AtomicLong STARTED = new java.util.concurrent.atomic.AtomicLong();

    /** How many queries the engines of this process have started. */
    public static long queriesStarted() {
        return STARTED.get();
    }

    /**
     * Runs one statement. A query over its memory limit ({@code max_memory_usage}, else
     * {@link io.starling.sql.exec.QueryMemory#defaultLimit()}) fails with MEMORY_LIMIT_EXCEEDED (241); so does one
     * that runs the JVM out of heap, which is caught here so it fails the query, not the node.
     */
    public QueryResult execute(String sql, QueryContext context) {
        STARTED.incrementAndGet();
        try {
            return run(sql, context);
        } catch (OutOfMemoryError e) {
            // The query's blocks and states are unreachable once this frame unwinds, so the heap comes back.
            throw new StarlingException(ErrorCode.MEMORY_LIMIT_EXCEEDED, "Memory limit (total) exceeded: the server ran "
                    + "out of heap (" + e.getMessage() + ") while executing the query. Reduce what the query holds in "
                    + "memory (filter rows, fewer GROUP BY keys, a LIMIT) or set a lower max_memory_usage");
        }
    }

    private QueryResult run(String sql, QueryContext context) {
        Statement statement = Parser.parse(sql, context.parameters());
        if (!statement.settings().isEmpty()) {
            Map<String, String> settings = new java.util.HashMap<>(context.settings());
            settings.putAll(statement.settings());
            context = context.withSettings(settings);
        }
        io.starling.sql.parser.ast.QueryNode query = statement.query();
        // A cluster table may run most of the query on its shards and answer a merge query to run here instead.
        var split = io.starling.sql.catalog.SplittableTableSource.of(query, context);
        if (split.isPresent()) {
            query = split.get().query();
            context = new QueryContext(split.get().tables(), context.deadline(), context.settings(), context.parameters());
        }
        ExecutionContext execution = new ExecutionContext(deadline(context, statement.settings()),
                new io.starling.sql.exec.QueryMemory(memoryLimit(context.settings())));
        QueryAnalyzer analyzer = new QueryAnalyzer(context, execution, functions);
        AnalyzedQuery analyzed = analyzer.analyze(query);
        Executor.Result result = new Executor(execution).run(analyzed.plan(), analyzed.topLimit(), analyzed.totals());
        return new QueryResult(analyzed.columns(), result.blocks(), result.rowsBeforeLimit(),
                execution.statistics().rowsRead(), execution.statistics().bytesRead(), statement.format(),
                result.totals());
    }

    /** {@code max_memory_usage} in bytes (0 = unlimited), else the node default. */
    static long memoryLimit(Map<String, String> settings) {
        String limit = settings.get("max_memory_usage");
        if (limit == null || limit.isBlank()) {
            return io.starling.sql.exec.QueryMemory.defaultLimit();
        }
        return io.starling.sql.exec.QueryMemory.parseSize(limit);
    }

    private static Instant deadline(QueryContext context, Map<String, String> settings) {
        Instant deadline = context.deadline();
        String limit = settings.getOrDefault("max_execution_time", context.settings().get("max_execution_time"));
        if (limit != null) {
            try {
                double seconds = Double.parseDouble(limit);
                if (seconds > 0) {
                    Instant fromSetting = Instant.now().plusMillis((long) (seconds * 1000));
                    deadline = fromSetting.isBefore(deadline) ? fromSetting : deadline;
                }
            } catch (NumberFormatException e) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS,
                        "Setting max_execution_time [" + limit + "] is not a number of seconds");
            }
        }
        return deadline;
    }
}
