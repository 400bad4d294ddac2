package io.starling.node.cluster.query;

import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Asterisk;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.TableExpression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * What a fragment reads FROM, as the shard runs it: the shard's table ({@value FragmentPlanner#SHARD_TABLE} under the
 * table's alias or name), or a subquery over it that works row by row (a projection and a filter: no aggregation,
 * DISTINCT, LIMIT, ORDER BY, window functions, subqueries...), possibly nested. Such a subquery answers over all
 * rows what its runs over each shard answer together, so it runs on the shards and only its projected, filtered
 * rows (or what the query above it makes of them) travel.
 *
 * @param from    the FROM item of the fragment (reads {@value FragmentPlanner#SHARD_TABLE})
 * @param columns the names of the columns it answers, in order
 * @param alias   the name that qualifies its columns in the query ({@code t.x}), or null for none
 */
record FragmentSource(TableExpression from, List<String> columns, String alias) {

    /** The source of {@code from} over a table of {@code tableColumns}, or null when it is not one. */
    static FragmentSource of(TableExpression from, List<String> tableColumns) {
        try {
            return switch (from) {
                case TableExpression.TableName table when !table.isFinal() -> {
                    String alias = table.alias() != null ? table.alias() : table.name();
                    yield new FragmentSource(new TableExpression.TableName(null, FragmentPlanner.SHARD_TABLE, alias),
                            tableColumns, alias);
                }
                case TableExpression.Subquery subquery when subquery.query() instanceof SelectQuery inner
                        && rowByRow(inner) -> ofSubquery(inner, subquery.alias(), tableColumns);
                default -> null;
            };
        } catch (FragmentPlanner.Unsupported e) {
            return null;
        }
    }

    private static FragmentSource ofSubquery(SelectQuery inner, String alias, List<String> tableColumns) {
        FragmentSource below = of(inner.from(), tableColumns);
        if (below == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Expression item : inner.select()) {
            Expression expression = item instanceof Alias named ? named.expression() : item;
            if (expression instanceof Asterisk asterisk) {
                if (!asterisk.plain()
                        || (asterisk.qualifier() != null && !asterisk.qualifier().equals(below.alias()))) {
                    return null;
                }
                names.addAll(below.columns());
                continue;
            }
            FragmentPlanner.check(expression, false);
            if (FragmentPlanner.hasAggregate(expression)) {
                return null;
            }
            names.add(switch (item) {
                case Alias named -> named.name();
                case Identifier identifier -> identifier.name();
                default -> item.columnName();
            });
        }
        if (new HashSet<>(names).size() != names.size()) {
            return null;
        }
        if (inner.where() != null) {
            FragmentPlanner.check(inner.where(), false);
            if (FragmentPlanner.hasAggregate(inner.where())) {
                return null;
            }
        }
        SelectQuery onShard = new SelectQuery(List.of(), false, inner.select(), below.from(), inner.where(), List.of(),
                null, List.of(), null);
        return new FragmentSource(new TableExpression.Subquery(onShard, alias), List.copyOf(names), alias);
    }

    /** A SELECT that maps each row to at most one row on its own: a projection with a filter. */
    private static boolean rowByRow(SelectQuery query) {
        return query.with().isEmpty() && !query.distinct() && query.from() != null && query.groupBy().isEmpty()
                && query.having() == null && query.orderBy().isEmpty() && query.limit() == null
                && query.groupingSets() == null && !query.withTotals() && query.limitBy() == null
                && query.qualify() == null;
    }
}
