package io.starling.sql.analyzer;

import io.starling.sql.QueryContext;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Executor;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.QueryNode;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.UnionQuery;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point of analysis: turns a parsed query into a logical plan with named, typed result columns.
 * Uncorrelated subqueries used as values (IN, scalar) are run here, once, with the query's deadline.
 * One instance per query; not thread-safe.
 */
public final class QueryAnalyzer implements SubqueryRunner {
    private final QueryContext context;
    private final ExecutionContext execution;
    private final FunctionRegistry functions;
    private final SourceResolver sources;

    public QueryAnalyzer(QueryContext context, ExecutionContext execution, FunctionRegistry functions) {
        this.context = context;
        this.execution = execution;
        this.functions = functions;
        this.sources = new SourceResolver(context, this);
    }

    public AnalyzedQuery analyze(QueryNode query) {
        return analyze(query, Map.of());
    }

    AnalyzedQuery analyze(QueryNode query, Map<String, QueryNode> commonTables) {
        return switch (query) {
            case SelectQuery select -> new SelectAnalyzer(this, commonTables).analyze(select);
            case UnionQuery union -> union(union, commonTables);
        };
    }

    FunctionRegistry functions() {
        return functions;
    }

    SourceResolver sources() {
        return sources;
    }

    QueryContext context() {
        return context;
    }

    ExecutionContext execution() {
        return execution;
    }

    /** A binder for expressions that may only use constants (table function arguments). */
    ExpressionBinder constantBinder(Map<String, QueryNode> commonTables) {
        return new ExpressionBinder(functions, this, new ExpressionBinder.Leaves() {
            @Override
            public BoundExpression match(Expression expression) {
                return null;
            }

            @Override
            public BoundExpression identifier(Identifier identifier) {
                throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER,
                        "Missing column: [" + identifier.fullName() + "]; only constants are allowed here");
            }

            @Override
            public String clause() {
                return "table function arguments";
            }
        });
    }

    /**
     * UNION [ALL|DISTINCT], INTERSECT and EXCEPT: the parts' columns are matched by position, named after the
     * first part and cast to their common type. Bare UNION follows the setting union_default_mode (empty by
     * default: the query must say ALL or DISTINCT, else EXPECTED_ALL_OR_DISTINCT, 558); bare INTERSECT and EXCEPT
     * follow intersect_default_mode and except_default_mode (ALL by default).
     */
    private AnalyzedQuery union(UnionQuery union, Map<String, QueryNode> commonTables) {
        List<AnalyzedQuery> parts = new ArrayList<>();
        for (QueryNode part : union.parts()) {
            parts.add(analyze(part, commonTables));
        }
        String operator = resolveMode(union.operator());
        List<ColumnDefinition> first = parts.get(0).columns();
        List<DataType> types = new ArrayList<>(first.stream().map(ColumnDefinition::type).toList());
        for (AnalyzedQuery part : parts) {
            if (part.columns().size() != first.size()) {
                throw new StarlingException(ErrorCode.TYPE_MISMATCH, operator.split(" ")[0]
                        + " parts have different numbers of columns: [" + first.size() + "] and ["
                        + part.columns().size() + "]; select the same columns in every part");
            }
            for (int i = 0; i < types.size(); i++) {
                types.set(i, Types.superType(types.get(i), part.columns().get(i).type()));
            }
        }
        List<ColumnDefinition> output = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            output.add(new ColumnDefinition(first.get(i).name(), types.get(i)));
        }
        List<PlanNode> inputs = new ArrayList<>();
        for (AnalyzedQuery part : parts) {
            inputs.add(castTo(part, output));
        }
        PlanNode plan;
        if (operator.startsWith("UNION")) {
            plan = new PlanNode.Union(inputs, output);
        } else {
            plan = new PlanNode.SetOperation(inputs.get(0), inputs.get(1), operator.startsWith("EXCEPT"),
                    operator.endsWith("ALL"));
        }
        if (operator.endsWith("DISTINCT")) {
            plan = new PlanNode.Distinct(plan);
        }
        return new AnalyzedQuery(plan, output, null);
    }

    /** The operator with ALL or DISTINCT, taking a bare word's mode from its setting. */
    private String resolveMode(String operator) {
        if (operator.contains(" ")) {
            return operator;
        }
        String setting = switch (operator) {
            case "UNION" -> "union_default_mode";
            case "INTERSECT" -> "intersect_default_mode";
            default -> "except_default_mode";
        };
        String mode = context.settings().getOrDefault(setting, operator.equals("UNION") ? "" : "ALL")
                .trim().toUpperCase(java.util.Locale.ROOT);
        if (mode.equals("ALL") || mode.equals("DISTINCT")) {
            return operator + " " + mode;
        }
        if (mode.isEmpty()) {
            throw new StarlingException(ErrorCode.EXPECTED_ALL_OR_DISTINCT, "Expected ALL or DISTINCT in "
                    + operator + " query, because setting (" + setting + ") is empty; write " + operator
                    + " ALL or " + operator + " DISTINCT, or set " + setting + " to 'ALL' or 'DISTINCT'");
        }
        throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Setting " + setting + " is [" + mode
                + "]; use 'ALL', 'DISTINCT' or an empty string");
    }

    private PlanNode castTo(AnalyzedQuery part, List<ColumnDefinition> output) {
        boolean same = true;
        for (int i = 0; i < output.size(); i++) {
            same &= part.columns().get(i).type().equals(output.get(i).type());
        }
        if (same) {
            return part.plan();
        }
        ExpressionBinder binder = constantBinder(Map.of());
        List<BoundExpression> casts = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            BoundExpression input = new BoundExpression.InputColumn(i, part.columns().get(i).type());
            casts.add(binder.resolve("CAST", List.of(input,
                    new BoundExpression.Constant(Types.STRING, output.get(i).type().name()))));
        }
        return new PlanNode.Project(part.plan(), casts, output);
    }

    private Executor.Result run(QueryNode query, List<ColumnDefinition> columns) {
        AnalyzedQuery analyzed = analyze(query, Map.of());
        columns.addAll(analyzed.columns());
        return new Executor(execution).run(analyzed.plan(), null);
    }

    @Override
    public BoundExpression.Constant scalar(QueryNode query) {
        List<ColumnDefinition> columns = new ArrayList<>();
        Executor.Result result = run(query, columns);
        DataType type = columns.get(0).type();
        for (Block block : result.blocks()) {
            if (block.rowCount() > 0) {
                return new BoundExpression.Constant(type, Values.get(block.column(0), 0));
            }
        }
        return new BoundExpression.Constant(Types.makeNullable(Types.stripLowCardinality(type)), null);
    }

    @Override
    public BoundExpression.Constant set(QueryNode query) {
        List<ColumnDefinition> columns = new ArrayList<>();
        Executor.Result result = run(query, columns);
        List<Object> values = new ArrayList<>();
        for (Block block : result.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                values.add(Values.get(block.column(0), row));
            }
        }
        return new BoundExpression.Constant(new ArrayType(Types.base(columns.get(0).type())), values);
    }
}
