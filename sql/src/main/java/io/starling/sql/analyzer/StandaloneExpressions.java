package io.starling.sql.analyzer;

import io.starling.sql.QueryContext;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.parser.Parser;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.engine.ColumnDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles an expression over a fixed list of columns outside any query, e.g. a table's partition key
 * {@code toYYYYMM(timestamp)} over the table's columns. Thread-safe.
 */
public final class StandaloneExpressions {
    private StandaloneExpressions() {
    }

    /** Parses and binds {@code text}; input column {@code i} of the result reads {@code columns.get(i)}. */
    public static BoundExpression compile(String text, List<ColumnDefinition> columns) {
        QueryContext context = new QueryContext((database, name) -> Optional.empty(), Instant.MAX, Map.of());
        QueryAnalyzer analyzer = new QueryAnalyzer(context, new ExecutionContext(Instant.now().plusSeconds(60)),
                FunctionRegistry.standard());
        // SimpleAggregateFunction(f, T) key columns are T, as in queries: toYYYYMM(last_seen) over SAF(max, DateTime).
        Clause clause = new Clause(analyzer, new Scope(SourceResolver.behaving(columns), List.of()));
        return clause.source("a table key").bind(Parser.parseExpression(text));
    }
}
