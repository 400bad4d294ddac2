package io.starling.sql.analyzer;

import io.starling.sql.function.aggregate.AggregateFunction;
import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Makes the binders of one SELECT's clauses: over the source's columns, or over the aggregation's output. */
final class Clause {
    private final QueryAnalyzer analyzer;
    private final Scope scope;

    Clause(QueryAnalyzer analyzer, Scope scope) {
        this.analyzer = analyzer;
        this.scope = scope;
    }

    /** Identifiers name the source's columns. */
    ExpressionBinder source(String clause) {
        return new ExpressionBinder(analyzer.functions(), analyzer, new ExpressionBinder.Leaves() {
            @Override
            public BoundExpression match(Expression expression) {
                return null;
            }

            @Override
            public BoundExpression identifier(Identifier identifier) {
                int index = scope.resolve(identifier);
                return new BoundExpression.InputColumn(index, scope.type(index));
            }

            @Override
            public String clause() {
                return clause;
            }
        });
    }

    /**
     * After GROUP BY: an expression printed like a key or an aggregate reads that output column; any other
     * column is an error (NOT_AN_AGGREGATE).
     */
    ExpressionBinder postAggregation(Map<String, Integer> positions, List<ColumnDefinition> output, List<Expression> keys) {
        return new ExpressionBinder(analyzer.functions(), analyzer, new ExpressionBinder.Leaves() {
            @Override
            public BoundExpression match(Expression expression) {
                if (expression instanceof Literal) {
                    return null;
                }
                Integer position = positions.get(expression.columnName());
                return position == null ? null : new BoundExpression.InputColumn(position, output.get(position).type());
            }

            @Override
            public BoundExpression identifier(Identifier identifier) {
                scope.resolve(identifier);
                List<String> keyNames = keys.stream().map(Expression::columnName).toList();
                throw new StarlingException(ErrorCode.NOT_AN_AGGREGATE, "Column [" + identifier.fullName()
                        + "] is not under an aggregate function and not in GROUP BY keys " + keyNames
                        + "; wrap it in an aggregate such as any(" + identifier.fullName() + ") or add it to GROUP BY");
            }

            @Override
            public String clause() {
                return "the select list after aggregation";
            }
        });
    }

    PlanNode.AggregateCall aggregate(FunctionCall call, ExpressionBinder arguments) {
        List<BoundExpression> bound = bindAll(arguments, call.arguments());
        List<DataType> types = bound.stream().map(BoundExpression::type).toList();
        List<Object> parameters = new ArrayList<>();
        if (call.parameters() != null) {
            ExpressionBinder constants = analyzer.constantBinder(Map.of());
            for (Expression parameter : call.parameters()) {
                BoundExpression value = constants.bind(parameter);
                if (!(value instanceof BoundExpression.Constant constant)) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameters of [" + call.name() + "] must be constants");
                }
                parameters.add(constant.value());
            }
        }
        String name = AggregateFunctions.canonical(call.name()).orElseThrow();
        AggregateFunction function = AggregateFunctions.resolve(name, types, parameters, call.distinct());
        return new PlanNode.AggregateCall(function, bound);
    }

    List<BoundExpression> bindAll(ExpressionBinder binder, List<Expression> expressions) {
        List<BoundExpression> bound = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            bound.add(binder.bind(expression));
        }
        return bound;
    }
}
