package io.starling.node.cluster.query;

import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Asterisk;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Lambda;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.parser.ast.OrderItem;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.SubqueryExpression;
import io.starling.sql.parser.ast.TableExpression;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The split of a SELECT that {@link FragmentPlanner} does not split (DISTINCT, window functions, LIMIT BY, WITH FILL,
 * ROLLUP, aggregates without a partial state...) but whose FROM is the sharded table or a row-by-row subquery over it
 * ({@link FragmentSource}): the shards run the WHERE (with primary-key pruning) and answer only the columns the query
 * uses; the merge query is the original without its WHERE, over those rows. When the WHERE cannot run on a shard
 * (a subquery, an aggregate, a window function) it stays in the merge query and only the columns travel filtered.
 * A pure function of the query and the table's columns.
 */
final class ScanPushdown {
    private ScanPushdown() {
    }

    /** The split of {@code query} over a table with {@code columns}, or empty. */
    static Optional<FragmentPlanner.Plan> plan(SelectQuery query, List<String> columns) {
        try {
            return Optional.ofNullable(planOrNull(query, columns));
        } catch (FragmentPlanner.Unsupported | StarlingException e) {
            return Optional.empty();
        }
    }

    private static FragmentPlanner.Plan planOrNull(SelectQuery query, List<String> tableColumns) {
        if (!query.with().isEmpty() || query.from() == null) {
            return null;
        }
        FragmentSource source = FragmentSource.of(query.from(), tableColumns);
        if (source == null) {
            return null;
        }
        Expression where = query.where() == null ? null : pushable(query);
        Mentions mentions = new Mentions();
        query.select().forEach(mentions::add);
        query.groupBy().forEach(mentions::add);
        query.orderBy().stream().map(OrderItem::expression).forEach(mentions::add);
        if (query.orderBy().stream().anyMatch(item -> item.fill() != null)) {
            mentions.all = true;   // WITH FILL's FROM/TO/STEP expressions
        }
        if (query.having() != null) {
            mentions.add(query.having());
        }
        if (query.qualify() != null) {
            mentions.add(query.qualify());
        }
        if (query.limitBy() != null) {
            query.limitBy().by().forEach(mentions::add);
        }
        if (query.where() != null && where == null) {
            mentions.add(query.where());
        }
        List<Expression> items = new ArrayList<>();
        for (String column : source.columns()) {   // source order, so `*` in the merge expands as over the table
            if (mentions.all || mentions.names.contains(column)) {
                items.add(Identifier.of(column));
            }
        }
        if (items.isEmpty()) {
            items.add(Identifier.of(source.columns().get(0)));
        }
        SelectQuery fragment = new SelectQuery(List.of(), false, items, source.from(), where, List.of(), null,
                List.of(), null);
        SelectQuery merge = new SelectQuery(query.with(), query.distinct(), query.select(),
                new TableExpression.TableName(null, FragmentPlanner.FRAGMENTS_TABLE, source.alias()),
                where == null ? query.where() : null, query.groupBy(), query.having(), query.orderBy(), query.limit(),
                query.groupingSets(), query.withTotals(), query.limitBy(), query.qualify());
        return new FragmentPlanner.Plan(FragmentPlanner.printChecked(fragment), merge, false);
    }

    /** The WHERE with select aliases expanded, when a shard can run it; else null (it stays in the merge). */
    private static Expression pushable(SelectQuery query) {
        try {
            Map<String, Expression> aliases = FragmentPlanner.aliases(query.select());
            Expression where = FragmentPlanner.expand(query.where(), aliases, Set.of());
            FragmentPlanner.check(where, false);
            return FragmentPlanner.hasAggregate(where) ? null : where;
        } catch (FragmentPlanner.Unsupported e) {
            return null;
        }
    }

    /**
     * The names a query's expressions may read: every part of every identifier (a superset: aliases, lambda
     * parameters and functions' other tables are included too, which only ships a column more). {@code *} and
     * COLUMNS() outside an aggregate's arguments need every column. Uncorrelated subqueries read their own tables.
     */
    private static final class Mentions {
        final Set<String> names = new HashSet<>();
        boolean all;

        void add(Expression expression) {
            add(expression, false);
        }

        private void add(Expression expression, boolean insideAggregate) {
            switch (expression) {
                case Identifier identifier -> names.addAll(identifier.parts());
                case Asterisk asterisk -> {
                    if (!insideAggregate || !asterisk.plain()) {
                        all = true;
                    }
                }
                case FunctionCall call -> {
                    boolean aggregate = insideAggregate || io.starling.sql.function.aggregate.AggregateFunctions
                            .isAggregate(call.name());
                    call.arguments().forEach(argument -> add(argument, aggregate));
                    if (call.parameters() != null) {
                        call.parameters().forEach(parameter -> add(parameter, aggregate));
                    }
                }
                case Alias alias -> add(alias.expression(), insideAggregate);
                case Lambda lambda -> add(lambda.body(), insideAggregate);
                case Literal ignored -> {
                }
                case SubqueryExpression ignored -> {
                }
            }
        }
    }
}
