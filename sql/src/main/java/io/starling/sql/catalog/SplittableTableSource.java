package io.starling.sql.catalog;

import io.starling.sql.QueryContext;
import io.starling.sql.parser.ast.QueryNode;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.TableExpression;
import java.util.Objects;
import java.util.Optional;

/**
 * A table whose rows live elsewhere (the shards of a cluster table) and that can run most of a query where the rows
 * are: given the whole top-level query, it answers a query to run instead, over tables of its own (a cluster node
 * sends one fragment per shard - scan, filter, partial aggregation or top-N - and the replacement query merges their
 * results). {@link io.starling.sql.QueryEngine} asks only about a top-level SELECT whose FROM is this table, or a chain
 * of FROM subqueries ending at it ({@code SELECT ... FROM (SELECT ... FROM t ...) ...}); everywhere else (joins, IN
 * subqueries) the table is read through {@link #scan} like any other.
 *
 * <p>Called on the query's thread before analysis; may block (it may ask the cluster where replicas are).
 */
public interface SplittableTableSource extends TableSource {

    /**
     * The query to run instead of {@code query} (whose FROM is this table, or a chain of FROM subqueries ending at
     * it), or empty to run {@code query} as is.
     */
    Optional<SplitQuery> split(SelectQuery query, QueryContext context);

    /**
     * @param query  the query to analyse and run instead (same result columns, names and order)
     * @param tables resolves the tables that {@code query} names (the split's own, then the original provider's)
     */
    record SplitQuery(QueryNode query, TableProvider tables) {
        public SplitQuery {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(tables, "tables");
        }
    }

    /**
     * The split of {@code query} when it is a SELECT whose FROM is a splittable table, or a chain of FROM subqueries
     * (each a single SELECT) ending at one; else empty.
     */
    static Optional<SplitQuery> of(QueryNode query, QueryContext context) {
        if (!(query instanceof SelectQuery select)) {
            return Optional.empty();
        }
        TableExpression from = select.from();
        while (from instanceof TableExpression.Subquery subquery && subquery.query() instanceof SelectQuery inner) {
            from = inner.from();
        }
        if (!(from instanceof TableExpression.TableName name)) {
            return Optional.empty();
        }
        Optional<TableSource> source = context.tables().table(name.database(), name.name());
        if (source.isPresent() && source.get() instanceof SplittableTableSource splittable) {
            return splittable.split(select, context);
        }
        return Optional.empty();
    }
}
