package io.starling.sql.analyzer;

import io.starling.sql.function.Types;
import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Asterisk;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.parser.ast.OrderItem;
import io.starling.sql.parser.ast.QueryNode;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.TableExpression;
import io.starling.sql.parser.ast.WithItem;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.PhysicalKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Analyses one SELECT: FROM → WHERE → GROUP BY/aggregates → HAVING → select list (+ hidden ORDER BY keys)
 * → DISTINCT → ORDER BY → LIMIT. Aliases are expanded first (ClickHouse rule), so a key, an aggregate or an
 * ORDER BY expression is recognised by its printed text. The scan reads only the columns the query uses.
 */
final class SelectAnalyzer {
    /** The column of a grouping-sets aggregation that numbers the set each row belongs to (for grouping()). */
    static final String GROUPING_SET = "__grouping_set";

    private final QueryAnalyzer analyzer;
    private final Map<String, QueryNode> commonTables;
    private final AliasExpander aliases = new AliasExpander();
    private WindowPlanner windows;

    SelectAnalyzer(QueryAnalyzer analyzer, Map<String, QueryNode> commonTables) {
        this.analyzer = analyzer;
        this.commonTables = new HashMap<>(commonTables);
    }

    AnalyzedQuery analyze(SelectQuery select) {
        select = ArrayJoinFunction.rewrite(select);
        for (WithItem item : select.with()) {
            switch (item) {
                case WithItem.CommonTable table -> commonTables.put(table.name(), table.query());
                case WithItem.ScalarAlias alias -> aliases.define(alias.name(), alias.expression());
            }
        }
        Source source = analyzer.sources().resolve(withAliasesInArrayJoins(select.from()), commonTables);
        Scope scope = source.scope();
        List<String> names = new ArrayList<>();
        List<Expression> items = expandStars(select.select(), scope, names);
        if (items.isEmpty()) {
            throw new StarlingException(ErrorCode.EMPTY_LIST_OF_COLUMNS_QUERIED,
                    "Empty list of columns in SELECT query: EXCEPT or COLUMNS left no column; select at least one");
        }
        items.forEach(aliases::collect);
        List<Expression> outputs = items.stream().map(aliases::expand).toList();
        Expression where = select.where() == null ? null : aliases.expand(select.where());
        List<Expression> groupBy = groupByAll(select.groupBy(), outputs)
                ? outputs.stream().filter(output -> !containsAggregate(output)).toList()
                : select.groupBy().stream().map(key -> positional(key, outputs)).toList();
        Expression having = select.having() == null ? null : aliases.expand(select.having());
        List<OrderItem> orderItems = orderByAll(select.orderBy(), outputs, scope);
        List<Expression> order = orderItems.stream().map(item -> positional(item.expression(), outputs)).toList();
        List<Expression> limitBy = select.limitBy() == null ? List.of()
                : select.limitBy().by().stream().map(key -> positional(key, outputs)).toList();
        Expression qualify = select.qualify() == null ? null : aliases.expand(select.qualify());

        AggregateCollector collector = new AggregateCollector();
        outputs.forEach(collector::collect);
        order.forEach(collector::collect);
        limitBy.forEach(collector::collect);
        if (having != null) {
            collector.collect(having);
        }
        if (qualify != null) {
            collector.collect(qualify);
        }
        boolean aggregating = !groupBy.isEmpty() || !collector.calls().isEmpty() || select.groupingSets() != null
                || select.withTotals();
        if (!aggregating && having != null) {
            where = where == null ? having : FunctionCall.of("and", where, having);
            having = null;
        }
        List<Expression> windowed = new ArrayList<>(outputs);
        windowed.addAll(order);
        windowed.addAll(limitBy);
        if (qualify != null) {
            windowed.add(qualify);
        }
        if (WindowPlanner.containsWindow(windowed)) {
            windows = new WindowPlanner(analyzer);
        }
        Clause clause = new Clause(analyzer, scope);
        BoundExpression predicate = where == null ? null : clause.source("WHERE").bind(where);
        if (predicate != null) {
            checkPredicate(predicate, "WHERE");
        }
        Extras extras = new Extras(order, limitBy, qualify);
        Projection projection;
        if (aggregating) {
            projection = aggregate(clause, groupBy, collector, outputs, extras, having, select);
        } else {
            ExpressionBinder binder = windowed(clause.source("SELECT"), scope.columns());
            projection = new Projection(clause.bindAll(binder, outputs),
                    clause.bindAll(windowed(clause.source("ORDER BY"), scope.columns()), order),
                    clause.bindAll(windowed(clause.source("LIMIT BY"), scope.columns()), limitBy),
                    qualify == null ? null : windowed(clause.source("QUALIFY"), scope.columns()).bind(qualify),
                    null, null, null);
        }
        return finish(select, orderItems, source, predicate, projection, outputs, order, limitBy, names);
    }

    /** ORDER BY, LIMIT BY and QUALIFY expressions, alias-expanded. */
    private record Extras(List<Expression> order, List<Expression> limitBy, Expression qualify) {
    }

    private static boolean groupByAll(List<Expression> keys, List<Expression> outputs) {
        return keys.size() == 1 && keys.get(0) instanceof FunctionCall call
                && call.name().equals(io.starling.sql.parser.Parser.ALL_MARKER);
    }

    private static boolean containsAggregate(Expression expression) {
        AggregateCollector collector = new AggregateCollector();
        collector.collect(expression);
        return !collector.calls().isEmpty() || WindowPlanner.containsWindow(List.of(expression));
    }

    /** {@code ORDER BY ALL [DESC]}: every select item in turn (unless the source has a column named all). */
    private static List<OrderItem> orderByAll(List<OrderItem> items, List<Expression> outputs, Scope scope) {
        if (items.size() != 1 || !(items.get(0).expression() instanceof Identifier identifier)
                || identifier.parts().size() != 1 || !identifier.name().equalsIgnoreCase("ALL")
                || scope.find(identifier) >= 0) {
            return items;
        }
        OrderItem all = items.get(0);
        List<OrderItem> expanded = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            expanded.add(new OrderItem(Literal.of((long) i + 1), all.descending(), all.nullsFirst(), all.fill()));
        }
        return expanded;
    }

    /**
     * WITH aliases are visible in ARRAY JOIN expressions too, including those {@link ArrayJoinFunction} made from
     * {@code arrayJoin(range(start, end))} in the select list: {@code WITH (SELECT ...) AS start SELECT arrayJoin(...)}.
     */
    private TableExpression withAliasesInArrayJoins(TableExpression from) {
        if (!(from instanceof TableExpression.ArrayJoin join)) {
            return from;
        }
        List<Expression> arrays = new ArrayList<>(join.arrays().size());
        for (Expression array : join.arrays()) {
            arrays.add(array instanceof Alias alias ? new Alias(aliases.expand(alias.expression()), alias.name())
                    : aliases.expand(array));
        }
        return new TableExpression.ArrayJoin(withAliasesInArrayJoins(join.input()), join.left(), arrays);
    }

    /** Everything computed above the source and filter. */
    private record Projection(List<BoundExpression> outputs, List<BoundExpression> order,
                              List<BoundExpression> limitBy, BoundExpression qualify,
                              List<BoundExpression> keys, List<PlanNode.AggregateCall> aggregates,
                              AggregateState state) {
    }

    /** The aggregation step: its output columns and the HAVING predicate over them. */
    private record AggregateState(List<ColumnDefinition> output, BoundExpression having) {
    }

    private Projection aggregate(Clause clause, List<Expression> groupBy, AggregateCollector collector,
                                 List<Expression> outputs, Extras extras, Expression having, SelectQuery select) {
        ExpressionBinder keyBinder = clause.source("GROUP BY");
        List<BoundExpression> keys = clause.bindAll(keyBinder, groupBy);
        List<ColumnDefinition> aggregateOutput = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            String text = groupBy.get(k).columnName();
            positions.putIfAbsent(text, k);
            aggregateOutput.add(new ColumnDefinition(text, keys.get(k).type()));
        }
        List<PlanNode.AggregateCall> calls = new ArrayList<>();
        ExpressionBinder argumentBinder = clause.source("an aggregate function's arguments");
        for (FunctionCall call : collector.calls()) {
            PlanNode.AggregateCall bound = clause.aggregate(call, argumentBinder);
            positions.putIfAbsent(call.columnName(), keys.size() + calls.size());
            calls.add(bound);
            aggregateOutput.add(new ColumnDefinition(call.columnName(), bound.function().resultType()));
        }
        boolean sets = select.groupingSets() != null || select.withTotals();
        if (sets) {
            aggregateOutput.add(new ColumnDefinition(GROUPING_SET, Types.UINT64));
        }
        ExpressionBinder post = clause.postAggregation(positions, aggregateOutput, groupBy);
        ExpressionBinder grouping = post;
        post = post.withMatcher(expression -> Grouping.bind(expression, groupBy, select.groupingSets(),
                sets ? aggregateOutput.size() - 1 : -1, grouping));
        post = windowed(post, aggregateOutput);
        BoundExpression havingPredicate = having == null ? null : post.bind(having);
        if (havingPredicate != null) {
            checkPredicate(havingPredicate, "HAVING");
        }
        return new Projection(clause.bindAll(post, outputs), clause.bindAll(post, extras.order()),
                clause.bindAll(post, extras.limitBy()), extras.qualify() == null ? null : post.bind(extras.qualify()),
                keys, calls, new AggregateState(aggregateOutput, havingPredicate));
    }

    private AnalyzedQuery finish(SelectQuery select, List<OrderItem> orderItems, Source source, BoundExpression predicate,
                                 Projection projection, List<Expression> outputs, List<Expression> order,
                                 List<Expression> limitByKeys, List<String> names) {
        List<BoundExpression> outputExpressions = new ArrayList<>(projection.outputs());
        List<PlanNode.SortKey> sortKeys = new ArrayList<>();
        List<ColumnDefinition> projected = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            projected.add(new ColumnDefinition(names.get(i), outputExpressions.get(i).type()));
        }
        List<ColumnDefinition> visible = List.copyOf(projected);
        for (int k = 0; k < order.size(); k++) {
            OrderItem item = orderItems.get(k);
            int column = outputIndex(order.get(k), outputs);
            if (column < 0) {
                column = outputExpressions.size();
                outputExpressions.add(projection.order().get(k));
                projected.add(new ColumnDefinition("__order_" + k, projection.order().get(k).type()));
            }
            sortKeys.add(new PlanNode.SortKey(column, item.descending(), Boolean.TRUE.equals(item.nullsFirst())));
        }
        int[] limitByColumns = new int[limitByKeys.size()];
        for (int k = 0; k < limitByKeys.size(); k++) {
            int column = outputIndex(limitByKeys.get(k), outputs);
            if (column < 0) {
                column = outputExpressions.size();
                outputExpressions.add(projection.limitBy().get(k));
                projected.add(new ColumnDefinition("__limit_by_" + k, projection.limitBy().get(k).type()));
            }
            limitByColumns[k] = column;
        }
        int qualifyColumn = -1;
        if (projection.qualify() != null) {
            checkPredicate(projection.qualify(), "QUALIFY");
            qualifyColumn = outputExpressions.size();
            outputExpressions.add(projection.qualify());
            projected.add(new ColumnDefinition("__qualify", projection.qualify().type()));
        }
        PlanNode plan = source.plan();
        if (projection.keys() == null && windows == null && plan instanceof PlanNode.Scan scan) {
            List<BoundExpression> all = new ArrayList<>(outputExpressions);
            if (predicate != null) {
                all.add(predicate);
            }
            int[] mapping = new int[scan.columns().size()];
            plan = prune(scan, all, mapping);
            outputExpressions = Pruning.remapAll(outputExpressions, mapping);
            predicate = predicate == null ? null : Pruning.remap(predicate, mapping);
        }
        List<BoundExpression> keys = projection.keys();
        List<PlanNode.AggregateCall> calls = projection.aggregates();
        if (keys != null && plan instanceof PlanNode.Scan scan) {
            List<BoundExpression> all = new ArrayList<>(keys);
            calls.forEach(call -> all.addAll(call.arguments()));
            if (predicate != null) {
                all.add(predicate);
            }
            int[] mapping = new int[scan.columns().size()];
            plan = prune(scan, all, mapping);
            keys = Pruning.remapAll(keys, mapping);
            calls = calls.stream().map(call -> new PlanNode.AggregateCall(call.function(),
                    Pruning.remapAll(call.arguments(), mapping))).toList();
            predicate = predicate == null ? null : Pruning.remap(predicate, mapping);
        }
        if (predicate != null) {
            plan = new PlanNode.Filter(plan, predicate);
        }
        int totalsSlot = select.withTotals() ? analyzer.execution().newTotalsSlot() : -1;
        if (keys != null && select.groupingSets() == null && !select.withTotals()) {
            plan = new PlanNode.Aggregate(plan, keys, calls, projection.state().output());
        } else if (keys != null) {
            List<List<Integer>> sets = select.groupingSets();
            if (sets == null) {
                List<Integer> all = new ArrayList<>();
                for (int k = 0; k < keys.size(); k++) {
                    all.add(k);
                }
                sets = List.of(all);
            }
            plan = new PlanNode.GroupingSets(plan, keys, calls, sets, totalsSlot, projection.state().having(),
                    projection.state().output());
        }
        if (keys != null && projection.state().having() != null) {
            plan = new PlanNode.Filter(plan, projection.state().having());
        }
        if (windows != null) {
            if (select.withTotals()) {
                throw new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                        "WITH TOTALS together with window functions is not supported yet");
            }
            plan = windows.plan(plan);
        }
        PlanNode totals = null;
        if (select.withTotals()) {
            totals = new PlanNode.Project(new PlanNode.Totals(totalsSlot, projection.state().output()),
                    outputExpressions.subList(0, visible.size()), visible);
        }
        plan = new PlanNode.Project(plan, outputExpressions, projected);
        if (qualifyColumn >= 0) {
            plan = new PlanNode.Filter(plan, new BoundExpression.InputColumn(qualifyColumn,
                    projected.get(qualifyColumn).type()));
        }
        boolean hidden = projected.size() > visible.size();
        if (select.distinct()) {
            if (hidden) {
                throw new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                        "ORDER BY with SELECT DISTINCT must use selected columns; add the ORDER BY expressions to the select list");
            }
            plan = new PlanNode.Distinct(plan);
        }
        if (!sortKeys.isEmpty()) {
            plan = new PlanNode.Sort(plan, sortKeys);
        }
        if (orderItems.stream().anyMatch(item -> item.fill() != null)) {
            plan = new FillPlanner(analyzer, aliases).plan(plan, orderItems, sortKeys, projected);
        }
        if (select.limitBy() != null) {
            plan = new PlanNode.LimitBy(plan, limitByColumns, select.limitBy().limit(), select.limitBy().offset());
        }
        PlanNode.Limit limit = null;
        if (select.limit() != null) {
            limit = new PlanNode.Limit(plan, select.limit().limit(), select.limit().offset());
            plan = limit;
        }
        if (hidden) {
            List<BoundExpression> visibleColumns = new ArrayList<>();
            for (int i = 0; i < visible.size(); i++) {
                visibleColumns.add(new BoundExpression.InputColumn(i, visible.get(i).type()));
            }
            plan = new PlanNode.Project(plan, visibleColumns, visible);
        }
        return new AnalyzedQuery(plan, visible, limit, totals);
    }

    private ExpressionBinder windowed(ExpressionBinder binder, List<ColumnDefinition> columns) {
        return windows == null ? binder : windows.wrap(binder, columns);
    }

    private static int outputIndex(Expression expression, List<Expression> outputs) {
        String text = expression.columnName();
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).columnName().equals(text)) {
                return i;
            }
        }
        return -1;
    }

    /** A scan of only the used columns; fills {@code mapping} from old to new column indexes. */
    private static PlanNode.Scan prune(PlanNode.Scan scan, List<BoundExpression> expressions, int[] mapping) {
        BitSet used = new BitSet();
        expressions.forEach(expression -> Pruning.collect(expression, used));
        if (used.isEmpty()) {
            used.set(cheapestColumn(scan.output()));
        }
        List<String> columns = new ArrayList<>();
        List<ColumnDefinition> output = new ArrayList<>();
        for (int index = used.nextSetBit(0); index >= 0; index = used.nextSetBit(index + 1)) {
            mapping[index] = columns.size();
            columns.add(scan.columns().get(index));
            output.add(scan.output().get(index));
        }
        return new PlanNode.Scan(scan.table(), columns, output);
    }

    private static int cheapestColumn(List<ColumnDefinition> columns) {
        for (int i = 0; i < columns.size(); i++) {
            PhysicalKind kind = columns.get(i).type().physical();
            if (kind == PhysicalKind.LONG || kind == PhysicalKind.DOUBLE) {
                return i;
            }
        }
        return 0;
    }

    private static void checkPredicate(BoundExpression predicate, String clause) {
        if (!Types.isNumber(Types.base(predicate.type())) && !Types.isNothing(predicate.type())) {
            throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type [" + predicate.type().name()
                    + "] of the " + clause + " condition; it must be a number or a boolean expression");
        }
    }

    /** {@code GROUP BY 2} and {@code ORDER BY 1} name select-list items (ClickHouse's positional arguments). */
    private Expression positional(Expression expression, List<Expression> outputs) {
        if (expression instanceof Literal literal && literal.value() instanceof Long position) {
            if (position < 1 || position > outputs.size()) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Positional argument [" + position
                        + "] is out of bounds: the select list has " + outputs.size() + " items");
            }
            return outputs.get((int) (position - 1));
        }
        return aliases.expand(expression);
    }

    private static List<Expression> expandStars(List<Expression> select, Scope scope, List<String> names) {
        List<Expression> items = new ArrayList<>();
        for (Expression item : select) {
            if (item instanceof Asterisk asterisk) {
                for (StarExpander.Item expanded : StarExpander.expand(asterisk, scope)) {
                    items.add(expanded.expression());
                    names.add(expanded.name());
                }
                continue;
            }
            items.add(item);
            names.add(item instanceof Alias alias ? alias.name() : item.columnName());
        }
        shortenQualifiedNames(items, names);
        return items;
    }

    /**
     * {@code SELECT pv.timestamp FROM parsed pv JOIN ...} names its column {@code timestamp}, as ClickHouse does,
     * so later nodes and queries can say {@code timestamp}; the qualified name stays when the short one would
     * clash with another output column ({@code a.id, b.id}).
     */
    private static void shortenQualifiedNames(List<Expression> items, List<String> names) {
        Map<String, Integer> uses = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String name = items.get(i) instanceof Identifier identifier && identifier.parts().size() > 1
                    && names.get(i).equals(identifier.fullName()) ? identifier.name() : names.get(i);
            uses.merge(name, 1, Integer::sum);
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Identifier identifier && identifier.parts().size() > 1
                    && names.get(i).equals(identifier.fullName()) && uses.get(identifier.name()) == 1) {
                names.set(i, identifier.name());
            }
        }
    }
}
