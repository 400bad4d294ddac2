package io.starling.sql.analyzer;

import io.starling.sql.QueryContext;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.function.Types;
import io.starling.sql.parser.ast.QueryNode;
import io.starling.sql.parser.ast.TableExpression;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Resolves FROM: tables through the context's provider, common table expressions, subqueries, numbers(). */
final class SourceResolver {
    private final QueryContext context;
    private final QueryAnalyzer analyzer;

    SourceResolver(QueryContext context, QueryAnalyzer analyzer) {
        this.context = context;
        this.analyzer = analyzer;
    }

    Source resolve(TableExpression from, Map<String, QueryNode> commonTables) {
        if (from == null) {
            List<ColumnDefinition> output = List.of(new ColumnDefinition("dummy", Types.UINT8));
            return new Source(new PlanNode.OneRow(output), new Scope(output, List.of("system.one", "one")));
        }
        return switch (from) {
            case TableExpression.TableName table -> table(table, commonTables);
            case TableExpression.Subquery subquery -> subquery(subquery.query(), subquery.alias(), commonTables);
            case TableExpression.TableFunction function -> tableFunction(function, commonTables);
            case TableExpression.Join join -> new JoinResolver(analyzer).join(resolve(join.left(), commonTables),
                    resolve(join.right(), commonTables), join, qualifierOf(join.right()));
            case TableExpression.ArrayJoin arrayJoin ->
                    new JoinResolver(analyzer).arrayJoin(resolve(arrayJoin.input(), commonTables), arrayJoin);
        };
    }

    private static String qualifierOf(TableExpression table) {
        if (table.alias() != null) {
            return table.alias();
        }
        return table instanceof TableExpression.TableName name ? name.name() : "_right";
    }

    private Source table(TableExpression.TableName table, Map<String, QueryNode> commonTables) {
        if (table.database() == null && commonTables.containsKey(table.name())) {
            Source source = subquery(commonTables.get(table.name()), table.alias(), commonTables);
            List<String> qualifiers = new ArrayList<>(source.scope().qualifiers());
            qualifiers.add(table.name());
            return new Source(source.plan(), new Scope(source.scope().columns(), qualifiers));
        }
        if ("system".equals(table.database()) && table.name().equals("one")) {
            return resolve(null, commonTables);
        }
        TableSource source = context.tables().table(table.database(), table.name()).orElseThrow(() ->
                new StarlingException(ErrorCode.UNKNOWN_TABLE, "Table [" + (table.database() == null ? "" : table.database() + ".")
                        + table.name() + "] does not exist; check the name or create the data source first"));
        List<String> qualifiers = new ArrayList<>();
        qualifiers.add(table.name());
        if (table.database() != null) {
            qualifiers.add(table.database() + "." + table.name());
        }
        if (table.alias() != null) {
            qualifiers.add(table.alias());
        }
        if (table.isFinal() || "1".equals(context.settings().get("final"))) {
            source = new io.starling.sql.catalog.FinalTableSource(source);
        }
        List<ColumnDefinition> columns = behaving(source.columns());
        List<String> names = columns.stream().map(ColumnDefinition::name).toList();
        return new Source(new PlanNode.Scan(source, names, columns),
                new Scope(columns, qualifiers, null, context.tables().hiddenFromStar(table.database(), table.name())));
    }

    /** SimpleAggregateFunction(f, T) columns are T inside queries (sum(col), comparisons, arithmetic). */
    static List<ColumnDefinition> behaving(List<ColumnDefinition> columns) {
        List<ColumnDefinition> out = null;
        for (int i = 0; i < columns.size(); i++) {
            ColumnDefinition column = columns.get(i);
            if (column.type() instanceof io.starling.storage.type.SimpleAggregateFunctionType simple) {
                if (out == null) {
                    out = new ArrayList<>(columns);
                }
                out.set(i, new ColumnDefinition(column.name(), simple.behavesAs()));
            }
        }
        return out == null ? columns : out;
    }

    private Source subquery(QueryNode query, String alias, Map<String, QueryNode> commonTables) {
        AnalyzedQuery analyzed = analyzer.analyze(query, commonTables);
        return new Source(analyzed.plan(), new Scope(analyzed.columns(), alias == null ? List.of() : List.of(alias)));
    }

    private Source tableFunction(TableExpression.TableFunction function, Map<String, QueryNode> commonTables) {
        String name = function.name();
        if (name.equalsIgnoreCase("values")) {
            List<String> qualifiers = function.alias() == null ? List.of() : List.of(function.alias());
            PlanNode.Rows rows = ValuesFunction.rows(function.arguments(), analyzer.constantBinder(commonTables));
            return new Source(rows, new Scope(rows.output(), qualifiers));
        }
        if (!name.equals("numbers") && !name.equals("numbers_mt")) {
            throw new StarlingException(ErrorCode.UNKNOWN_FUNCTION, "Unknown table function [" + name
                    + "]; supported: numbers(N), numbers(start, N), values([structure,] rows...)");
        }
        ExpressionBinder binder = analyzer.constantBinder(commonTables);
        List<Long> arguments = new ArrayList<>();
        for (var argument : function.arguments()) {
            BoundExpression bound = binder.bind(argument);
            if (!(bound instanceof BoundExpression.Constant constant) || !(constant.value() instanceof Long value)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Arguments of numbers() must be constant integers");
            }
            arguments.add(value);
        }
        if (arguments.isEmpty() || arguments.size() > 2) {
            throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                    "Table function numbers takes 1 or 2 arguments: numbers(N) or numbers(start, N)");
        }
        long start = arguments.size() == 2 ? arguments.get(0) : 0;
        long count = arguments.get(arguments.size() - 1);
        List<ColumnDefinition> output = List.of(new ColumnDefinition("number", Types.UINT64));
        List<String> qualifiers = function.alias() == null ? List.of() : List.of(function.alias());
        return new Source(new PlanNode.Numbers(start, count, output), new Scope(output, qualifiers));
    }
}
