package io.starling.sql.analyzer;

import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.Argument;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Asterisk;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Lambda;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.parser.ast.SubqueryExpression;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns alias-expanded expressions into typed {@link BoundExpression}s: resolves functions (UNKNOWN_FUNCTION
 * with suggestions), infers types with ClickHouse's NULL rules, rewrites special forms (intervals, CASE x,
 * IN sets) and folds constants. What identifiers mean is decided by the {@link Leaves} given.
 */
final class ExpressionBinder {
    private static final Block ONE_ROW = new Block(List.of(), 1);

    /** Resolves the leaves of an expression for one clause of a query. */
    interface Leaves {
        /** A binding for the whole expression (a GROUP BY key, an aggregate), or null to bind it normally. */
        BoundExpression match(Expression expression);

        BoundExpression identifier(Identifier identifier);

        /** The clause name for errors, e.g. "WHERE". */
        String clause();
    }

    private final FunctionRegistry functions;
    private final SubqueryRunner subqueries;
    private final Leaves leaves;

    ExpressionBinder(FunctionRegistry functions, SubqueryRunner subqueries, Leaves leaves) {
        this.functions = functions;
        this.subqueries = subqueries;
        this.leaves = leaves;
    }

    /** A binder that first tries {@code matcher} on every expression (null: bind as this binder would). */
    ExpressionBinder withMatcher(java.util.function.Function<Expression, BoundExpression> matcher) {
        Leaves inner = leaves;
        return new ExpressionBinder(functions, subqueries, new Leaves() {
            @Override
            public BoundExpression match(Expression expression) {
                BoundExpression matched = matcher.apply(expression);
                return matched != null ? matched : inner.match(expression);
            }

            @Override
            public BoundExpression identifier(Identifier identifier) {
                return inner.identifier(identifier);
            }

            @Override
            public String clause() {
                return inner.clause();
            }
        });
    }

    BoundExpression bind(Expression expression) {
        BoundExpression matched = leaves.match(expression);
        if (matched != null) {
            return matched;
        }
        return switch (expression) {
            case Literal literal -> literal(literal);
            case Identifier identifier -> leaves.identifier(identifier);
            case Alias alias -> bind(alias.expression());
            case FunctionCall call -> call(call);
            case SubqueryExpression subquery -> subqueries.scalar(subquery.query());
            case Asterisk ignored -> throw new StarlingException(ErrorCode.BAD_ARGUMENTS,
                    "[*] is only allowed in the select list and in count(*)");
            case Lambda ignored -> throw new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                    "Lambda functions are not supported yet");
        };
    }

    static BoundExpression.Constant literal(Literal literal) {
        Object value = literal.value();
        return switch (value) {
            case null -> new BoundExpression.Constant(Types.NOTHING, null);
            case Long number -> new BoundExpression.Constant(Types.literalInteger(number, literal.unsigned()), number);
            case Double number -> new BoundExpression.Constant(Types.FLOAT64, number);
            case Boolean bool -> new BoundExpression.Constant(BoolType.BOOL, bool ? 1L : 0L);
            default -> new BoundExpression.Constant(Types.STRING, value.toString());
        };
    }

    private BoundExpression call(FunctionCall call) {
        String name = call.name();
        if (AggregateFunctions.isAggregate(name)) {
            throw new StarlingException(ErrorCode.ILLEGAL_AGGREGATION, "Aggregate function [" + call.columnName()
                    + "] is found in " + leaves.clause() + "; aggregates belong in SELECT, HAVING or ORDER BY");
        }
        if (name.startsWith("toInterval")) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "INTERVAL values are supported only in "
                    + "date + INTERVAL, date - INTERVAL and toStartOfInterval; found [" + call.columnName() + "]");
        }
        if (name.equals(io.starling.sql.parser.WindowSyntax.WINDOW)) {
            throw new StarlingException(ErrorCode.ILLEGAL_AGGREGATION, "Window function [" + call.columnName()
                    + "] is found in " + leaves.clause() + "; window functions belong in SELECT and ORDER BY");
        }
        if (LambdaBinder.handles(call)) {
            return LambdaBinder.bind(this, functions, subqueries, call);
        }
        Expression rewritten = SpecialForms.rewrite(call);
        if (rewritten != call) {
            return bind(rewritten);
        }
        if (name.equals("in") || name.equals("notIn") || name.equals("globalIn") || name.equals("globalNotIn")) {
            return inSet(call);
        }
        List<BoundExpression> arguments = new ArrayList<>(call.arguments().size());
        for (Expression argument : call.arguments()) {
            arguments.add(bind(argument));
        }
        return resolve(name, arguments);
    }

    private BoundExpression inSet(FunctionCall call) {
        if (call.arguments().size() != 2) {
            throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "IN needs a value and a set");
        }
        BoundExpression value = bind(call.arguments().get(0));
        Expression right = call.arguments().get(1);
        BoundExpression set;
        if (right instanceof SubqueryExpression subquery) {
            set = subqueries.set(subquery.query());
        } else {
            List<Expression> items = right instanceof FunctionCall tuple
                    && (tuple.name().equals("tuple") || tuple.name().equals("array")) ? tuple.arguments() : List.of(right);
            List<Object> values = new ArrayList<>();
            DataType element = null;
            if (items.size() == 1 && bind(items.get(0)) instanceof BoundExpression.Constant array
                    && Types.base(array.type()) instanceof io.starling.storage.type.ArrayType arrayType
                    && array.value() instanceof List<?> elements) {
                // x IN <constant array>, e.g. a query parameter {ids:Array(UInt64)}
                return resolve(call.name().startsWith("global") ? (call.name().equals("globalIn") ? "in" : "notIn")
                        : call.name(), List.of(value, new BoundExpression.Constant(arrayType, elements)));
            }
            for (Expression item : items) {
                BoundExpression bound = bind(item);
                if (!(bound instanceof BoundExpression.Constant constant)) {
                    throw new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                            "The right side of IN must be constants or a subquery; found [" + item.columnName() + "]");
                }
                values.add(constant.value());
                if (constant.value() != null) {
                    element = element == null ? constant.type() : Types.superType(element, constant.type());
                }
            }
            set = new BoundExpression.Constant(new io.starling.storage.type.ArrayType(element == null ? Types.STRING
                    : Types.base(element)), values);
        }
        return resolve(call.name().startsWith("global") ? (call.name().equals("globalIn") ? "in" : "notIn") : call.name(),
                List.of(value, set));
    }

    /** Resolves a function for bound arguments, then folds it when every argument is constant. */
    BoundExpression resolve(String name, List<BoundExpression> arguments) {
        ScalarFunction function = functions.find(name).orElseThrow(() -> unknownFunction(name));
        boolean defaultNulls = function.defaultNulls();
        boolean anyNullable = false;
        List<Argument> described = new ArrayList<>(arguments.size());
        for (BoundExpression argument : arguments) {
            boolean constant = argument instanceof BoundExpression.Constant;
            Object value = constant ? ((BoundExpression.Constant) argument).value() : null;
            // LowCardinality(Nullable(T)) holds NULLs too: its results are Nullable like Nullable(T)'s
            boolean nullable = Types.stripLowCardinality(argument.type()).isNullable();
            if (defaultNulls && constant && value == null && nullable) {
                return new BoundExpression.Constant(Types.NOTHING, null);
            }
            anyNullable |= nullable;
            DataType type = defaultNulls ? Types.base(argument.type())
                    : name.equals("toTypeName") || function.takesLowCardinality() ? argument.type()
                    : Types.stripLowCardinality(argument.type());
            if (type instanceof io.starling.storage.type.SimpleAggregateFunctionType simple && !name.equals("toTypeName")) {
                type = simple.inner(); // SimpleAggregateFunction(f, T) values (e.g. from maxSimpleState) are T
            }
            described.add(new Argument(type, constant, value));
        }
        ScalarKernel kernel = function.resolve(described);
        DataType type = defaultNulls && anyNullable ? Types.makeNullable(kernel.resultType()) : kernel.resultType();
        BoundExpression.Call call = new BoundExpression.Call(function, kernel, arguments, type);
        boolean allConstant = arguments.stream().allMatch(argument -> argument instanceof BoundExpression.Constant);
        if (allConstant && function.deterministic()) {
            Column folded = ExpressionEvaluator.column(call, ONE_ROW);
            return new BoundExpression.Constant(type, Values.get(folded, 0));
        }
        return call;
    }

    private StarlingException unknownFunction(String name) {
        List<String> similar = functions.similar(name);
        return new StarlingException(ErrorCode.UNKNOWN_FUNCTION, "Unknown function [" + name + "]"
                + (similar.isEmpty() ? "" : "; maybe you meant: " + similar));
    }
}
