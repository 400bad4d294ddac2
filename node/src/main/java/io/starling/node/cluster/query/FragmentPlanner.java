package io.starling.node.cluster.query;

import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.sql.parser.Parser;
import io.starling.sql.parser.WindowSyntax;
import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Asterisk;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.ExpressionFormatter;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Lambda;
import io.starling.sql.parser.ast.LimitClause;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.parser.ast.OrderItem;
import io.starling.sql.parser.ast.QueryNode;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.SubqueryExpression;
import io.starling.sql.parser.ast.TableExpression;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Splits a top-level {@code SELECT ... FROM <sharded table>} into the leaf fragment every shard runs and the merge
 * query the receiving node runs over the fragments' results. A pure function of the query and the table's columns.
 * FROM may also be a row-by-row subquery over the table ({@link FragmentSource}: a projection and a filter, as in
 * {@code SELECT f(ua), count() FROM (SELECT g(payload) AS ua FROM t WHERE w) GROUP BY ...}): the fragment then reads
 * that subquery on the shard.
 *
 * <ul>
 *   <li>Aggregation ({@code GROUP BY} or aggregate calls): the fragment is
 *   {@code SELECT key AS __k0, ..., fState(args) AS __a0, ... FROM __shard WHERE w GROUP BY key, ...}; the merge
 *   query is the original with every key replaced by {@code __kN}, every aggregate by {@code fMerge(__aN)}, and each
 *   result column aliased to its original name. Aggregates: count, sum, avg, min, max, any, anyLast, argMin, argMax,
 *   uniq, uniqExact, countDistinct, groupArray, groupUniqArray, quantile, median, their -If forms and
 *   {@code count(DISTINCT x)}. count() and countIf() travel as counts merged by {@code sum} (so a shard answers an
 *   unfiltered count() from its parts' row counts).</li>
 *   <li>Otherwise: the fragment reads the needed columns with the WHERE applied (the replica prunes parts and
 *   granules by it) and, with a LIMIT, the ORDER BY and {@code LIMIT offset + n} (a top-N per shard); the merge query
 *   is the original without its WHERE.</li>
 * </ul>
 *
 * <p>Anything else (WITH, DISTINCT, ROLLUP/CUBE/GROUPING SETS, WITH TOTALS, LIMIT BY, QUALIFY, WITH FILL,
 * subqueries, lambdas, window functions, FINAL, other aggregates, an expression that does not print back to itself)
 * answers empty: {@link ScanPushdown} then runs the WHERE and the column selection on the shards, or the query runs
 * as written over the table's plain distributed scan. Select aliases are expanded first (ClickHouse makes an alias
 * visible anywhere in its query and prefers it over a column of the same name).
 */
public final class FragmentPlanner {
    /** The name under which a fragment reads its shard's table. */
    public static final String SHARD_TABLE = "__shard";
    /** The name under which the merge query reads the fragments' results. */
    public static final String FRAGMENTS_TABLE = "__fragments";

    private static final Set<String> STATE_FUNCTIONS = Set.of("count", "sum", "avg", "min", "max", "any", "anyLast",
            "argMin", "argMax", "uniq", "uniqExact", "countDistinct", "groupArray", "groupUniqArray", "quantile",
            "median");

    /**
     * @param fragmentSql the SQL every shard runs (reads {@value #SHARD_TABLE})
     * @param mergeQuery  the query the receiving node runs (reads {@value #FRAGMENTS_TABLE})
     * @param aggregating true when the fragment answers partial aggregation states
     */
    public record Plan(String fragmentSql, SelectQuery mergeQuery, boolean aggregating) {
    }

    private FragmentPlanner() {
    }

    /** The split of {@code query} over a table with {@code columns} (names in table order), or empty. */
    public static Optional<Plan> plan(SelectQuery query, List<String> columns) {
        try {
            return Optional.ofNullable(planOrNull(query, columns));
        } catch (Unsupported | StarlingException e) {
            return Optional.empty();
        }
    }

    /** The fragment of a plain scan of {@code columns} (FINAL when asked): what joins and subqueries read. */
    public static String scanSql(List<String> columns, boolean isFinal) {
        List<Expression> items = new ArrayList<>();
        columns.forEach(column -> items.add(Identifier.of(column)));
        if (items.isEmpty()) {
            items.add(Literal.of(1L));
        }
        return print(new SelectQuery(List.of(), false, items,
                new TableExpression.TableName(null, SHARD_TABLE, null, isFinal), null, List.of(), null, List.of(),
                null));
    }

    private static Plan planOrNull(SelectQuery query, List<String> columns) {
        if (!query.with().isEmpty() || query.distinct() || query.groupingSets() != null || query.withTotals()
                || query.limitBy() != null || query.qualify() != null
                || query.orderBy().stream().anyMatch(item -> item.fill() != null) || query.from() == null) {
            return null;
        }
        FragmentSource source = FragmentSource.of(query.from(), columns);
        if (source == null) {
            return null;
        }
        String alias = source.alias();
        Map<String, Expression> aliases = aliases(query.select());
        List<Expression> select = new ArrayList<>();
        for (Expression item : query.select()) {
            select.add(expand(item instanceof Alias named ? named.expression() : item, aliases, Set.of()));
        }
        Expression where = query.where() == null ? null : expand(query.where(), aliases, Set.of());
        List<Expression> groupBy = query.groupBy().stream().map(key -> expand(key, aliases, Set.of())).toList();
        Expression having = query.having() == null ? null : expand(query.having(), aliases, Set.of());
        List<OrderItem> orderBy = query.orderBy().stream().map(item -> new OrderItem(
                expand(item.expression(), aliases, Set.of()), item.descending(), item.nullsFirst())).toList();
        List<Expression> all = new ArrayList<>(select);
        if (having != null) {
            all.add(having);
        }
        orderBy.forEach(item -> all.add(item.expression()));
        if (where != null) {
            check(where, false);
        }
        boolean aggregating = !groupBy.isEmpty() || all.stream().anyMatch(FragmentPlanner::hasAggregate);
        if (aggregating) {
            if (where != null && hasAggregate(where)) {
                return null;
            }
            return aggregatePlan(query, source, select, where, groupBy, having, orderBy);
        }
        if (having != null) {
            return null;
        }
        return scanPlan(query, source, select, where, orderBy);
    }

    private static Plan scanPlan(SelectQuery query, FragmentSource source, List<Expression> select,
                                 Expression where, List<OrderItem> orderBy) {
        String alias = source.alias();
        List<String> columns = source.columns();
        Set<String> needed = new LinkedHashSet<>();
        for (Expression item : select) {
            if (item instanceof Asterisk asterisk) {
                if (!asterisk.plain() || (asterisk.qualifier() != null && !asterisk.qualifier().equals(alias))) {
                    return null;
                }
                needed.addAll(columns);
                continue;
            }
            check(item, false);
            collectColumns(item, columns, alias, needed);
        }
        for (OrderItem item : orderBy) {
            check(item.expression(), false);
            collectColumns(item.expression(), columns, alias, needed);
        }
        if (where != null) {
            collectColumns(where, columns, alias, new HashSet<>());
        }
        List<Expression> items = new ArrayList<>();
        for (String column : columns) {   // table order, so `*` in the merge query expands as over the table
            if (needed.contains(column)) {
                items.add(Identifier.of(column));
            }
        }
        if (items.isEmpty()) {
            items.add(Identifier.of(columns.get(0)));
        }
        LimitClause limit = query.limit();
        SelectQuery fragment = new SelectQuery(List.of(), false, items, source.from(), where, List.of(), null,
                limit == null ? List.of() : orderBy,
                limit == null ? null : new LimitClause(Math.addExact(limit.limit(), limit.offset()), 0));
        SelectQuery merge = new SelectQuery(List.of(), false, query.select(),
                new TableExpression.TableName(null, FRAGMENTS_TABLE, alias), null, List.of(), null, query.orderBy(),
                query.limit());
        return new Plan(printChecked(fragment), merge, false);
    }

    private static Plan aggregatePlan(SelectQuery query, FragmentSource source, List<Expression> select,
                                      Expression where, List<Expression> groupBy, Expression having,
                                      List<OrderItem> orderBy) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        List<Expression> fragmentItems = new ArrayList<>();
        for (Expression key : groupBy) {
            check(key, false);
            if (key instanceof Literal || hasAggregate(key)) {
                throw new Unsupported();
            }
            String text = ExpressionFormatter.format(key);
            if (!keys.containsKey(text)) {
                keys.put(text, keys.size());
                fragmentItems.add(new Alias(key, "__k" + (keys.size() - 1)));
            }
        }
        Map<String, Integer> aggregates = new LinkedHashMap<>();
        Substitution substitution = new Substitution(keys, aggregates, fragmentItems);
        List<Expression> mergeSelect = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < select.size(); i++) {
            Expression original = query.select().get(i);
            if (original instanceof Asterisk) {
                throw new Unsupported();
            }
            String name = original instanceof Alias named ? named.name() : original.columnName();
            if (!names.add(name)) {
                throw new Unsupported();
            }
            mergeSelect.add(new Alias(substitution.apply(select.get(i)), name));
        }
        Expression mergeHaving = having == null ? null : substitution.apply(having);
        List<OrderItem> mergeOrder = new ArrayList<>();
        for (OrderItem item : orderBy) {
            mergeOrder.add(new OrderItem(substitution.apply(item.expression()), item.descending(), item.nullsFirst()));
        }
        if (fragmentItems.isEmpty()) {
            throw new Unsupported();
        }
        SelectQuery fragment = new SelectQuery(List.of(), false, fragmentItems, source.from(), where, groupBy.stream()
                .filter(distinctKeys()).toList(), null, List.of(), null);
        List<Expression> mergeKeys = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            mergeKeys.add(Identifier.of("__k" + i));
        }
        SelectQuery merge = new SelectQuery(List.of(), false, mergeSelect,
                new TableExpression.TableName(null, FRAGMENTS_TABLE, null), null, mergeKeys, mergeHaving, mergeOrder,
                query.limit());
        return new Plan(printChecked(fragment), merge, true);
    }

    private static java.util.function.Predicate<Expression> distinctKeys() {
        Set<String> seen = new HashSet<>();
        return key -> seen.add(ExpressionFormatter.format(key));
    }

    /** Replaces group keys by {@code __kN} and aggregates by {@code fMerge(__aN)}, adding their fragment items. */
    private record Substitution(Map<String, Integer> keys, Map<String, Integer> aggregates,
                                List<Expression> fragmentItems) {
        Expression apply(Expression expression) {
            Integer key = keys.get(ExpressionFormatter.format(expression));
            if (key != null) {
                return Identifier.of("__k" + key);
            }
            return switch (expression) {
                case Literal literal -> literal;
                case FunctionCall call when AggregateFunctions.isAggregate(call.name()) -> aggregate(call);
                case FunctionCall call -> new FunctionCall(call.name(), call.arguments().stream().map(this::apply)
                        .toList(), call.parameters(), call.distinct());
                default -> throw new Unsupported();
            };
        }

        private Expression aggregate(FunctionCall call) {
            String canonical = AggregateFunctions.canonical(call.name()).orElseThrow(Unsupported::new);
            String base = canonical.endsWith("If") ? canonical.substring(0, canonical.length() - 2) : canonical;
            if (!STATE_FUNCTIONS.contains(base)) {
                throw new Unsupported();
            }
            if (call.distinct()) {
                if (!canonical.equals("count")) {
                    throw new Unsupported();
                }
                canonical = "uniqExact";
            }
            for (Expression argument : call.arguments()) {
                check(argument, false);
                if (hasAggregate(argument)) {
                    throw new Unsupported();
                }
            }
            // count() and countIf() travel as counts (a shard answers an unfiltered count() from its part row counts)
            // and are added up; every other aggregate travels as its partial state.
            boolean count = (canonical.equals("count") || canonical.equals("countIf")) && !call.distinct()
                    && (call.parameters() == null || call.parameters().isEmpty());
            String text = ExpressionFormatter.format(call);
            Integer index = aggregates.get(text);
            if (index == null) {
                index = aggregates.size();
                aggregates.put(text, index);
                String function = count ? canonical : canonical + "State";
                fragmentItems.add(new Alias(new FunctionCall(function, call.arguments(), call.parameters(), false),
                        "__a" + index));
            }
            if (count) {
                return new FunctionCall("sum", List.of(Identifier.of("__a" + index)), call.parameters(), false);
            }
            return new FunctionCall(canonical + "Merge", List.of(Identifier.of("__a" + index)), call.parameters(),
                    false);
        }
    }

    /** Select-list aliases by name (an alias defined twice with different expressions stops the split). */
    static Map<String, Expression> aliases(List<Expression> select) {
        Map<String, Expression> aliases = new HashMap<>();
        for (Expression item : select) {
            if (item instanceof Alias alias) {
                Expression previous = aliases.put(alias.name(), alias.expression());
                if (previous != null && !previous.equals(alias.expression())) {
                    throw new Unsupported();
                }
            }
        }
        return aliases;
    }

    static Expression expand(Expression expression, Map<String, Expression> aliases, Set<String> expanding) {
        return switch (expression) {
            case Identifier identifier when identifier.parts().size() == 1 && aliases.containsKey(identifier.name())
                    && !expanding.contains(identifier.name()) -> {
                Set<String> deeper = new HashSet<>(expanding);
                deeper.add(identifier.name());
                yield expand(aliases.get(identifier.name()), aliases, deeper);
            }
            case FunctionCall call -> new FunctionCall(call.name(), call.arguments().stream()
                    .map(argument -> expand(argument, aliases, expanding)).toList(),
                    call.parameters(), call.distinct());
            case Alias ignored -> throw new Unsupported();   // an alias inside an expression
            default -> expression;
        };
    }

    /** Stops the split on shapes the fragment SQL cannot carry. */
    static void check(Expression expression, boolean insideAggregate) {
        switch (expression) {
            case SubqueryExpression ignored -> throw new Unsupported();
            case Lambda ignored -> throw new Unsupported();
            case Alias ignored -> throw new Unsupported();
            case Asterisk ignored -> {
                if (!insideAggregate) {
                    throw new Unsupported();
                }
            }
            case FunctionCall call -> {
                if (call.name().equals(WindowSyntax.WINDOW) || call.name().equalsIgnoreCase("arrayJoin")) {
                    throw new Unsupported();
                }
                boolean aggregate = AggregateFunctions.isAggregate(call.name());
                call.arguments().forEach(argument -> check(argument, aggregate));
            }
            default -> {
            }
        }
    }

    static boolean hasAggregate(Expression expression) {
        return expression instanceof FunctionCall call && (AggregateFunctions.isAggregate(call.name())
                || call.arguments().stream().anyMatch(FragmentPlanner::hasAggregate));
    }

    private static void collectColumns(Expression expression, List<String> columns, String alias, Set<String> into) {
        switch (expression) {
            case Identifier identifier -> {
                if (identifier.parts().size() > 2
                        || (identifier.parts().size() == 2 && !identifier.parts().get(0).equals(alias))
                        || !columns.contains(identifier.name())) {
                    throw new Unsupported();
                }
                into.add(identifier.name());
            }
            case FunctionCall call -> call.arguments().forEach(argument -> collectColumns(argument, columns, alias, into));
            case Literal ignored -> {
            }
            default -> throw new Unsupported();
        }
    }

    /** The SQL text of {@code fragment}, checked to parse back to the same query (else the split stops). */
    static String printChecked(SelectQuery fragment) {
        String sql = print(fragment);
        QueryNode parsed = Parser.parse(sql).query();
        if (!parsed.equals(fragment)) {
            throw new Unsupported();
        }
        return sql;
    }

    static String print(SelectQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < query.select().size(); i++) {
            Expression item = query.select().get(i);
            sql.append(i == 0 ? "" : ", ");
            if (item instanceof Alias alias) {
                sql.append(ExpressionFormatter.format(alias.expression())).append(" AS ")
                        .append(ExpressionFormatter.format(Identifier.of(alias.name())));
            } else {
                sql.append(ExpressionFormatter.format(item));
            }
        }
        switch (query.from()) {
            case TableExpression.TableName table -> {
                sql.append(" FROM ").append(table.name());
                if (table.alias() != null) {
                    sql.append(" AS ").append(ExpressionFormatter.format(Identifier.of(table.alias())));
                }
                if (table.isFinal()) {
                    sql.append(" FINAL");
                }
            }
            case TableExpression.Subquery subquery when subquery.query() instanceof SelectQuery inner -> {
                sql.append(" FROM (").append(print(inner)).append(")");
                if (subquery.alias() != null) {
                    sql.append(" AS ").append(ExpressionFormatter.format(Identifier.of(subquery.alias())));
                }
            }
            default -> throw new Unsupported();
        }
        if (query.where() != null) {
            sql.append(" WHERE ").append(ExpressionFormatter.format(query.where()));
        }
        if (!query.groupBy().isEmpty()) {
            sql.append(" GROUP BY ");
            for (int i = 0; i < query.groupBy().size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(ExpressionFormatter.format(query.groupBy().get(i)));
            }
        }
        if (!query.orderBy().isEmpty()) {
            sql.append(" ORDER BY ");
            for (int i = 0; i < query.orderBy().size(); i++) {
                OrderItem item = query.orderBy().get(i);
                sql.append(i == 0 ? "" : ", ").append(ExpressionFormatter.format(item.expression()))
                        .append(item.descending() ? " DESC" : " ASC");
                if (item.nullsFirst() != null) {
                    sql.append(item.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
                }
            }
        }
        if (query.limit() != null) {
            sql.append(" LIMIT ").append(query.limit().limit());
            if (query.limit().offset() != 0) {
                sql.append(" OFFSET ").append(query.limit().offset());
            }
        }
        return sql.toString();
    }

    /** The query has a shape the split does not handle. */
    static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }
}
