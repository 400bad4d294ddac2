package io.starling.sql.analyzer;

import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.function.array.HigherOrderFunctions;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Lambda;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a higher-order call such as {@code arrayMap(x -> x * k, arr)}. The lambda body is bound over a block of
 * [element of each array..., captured values...]: a parameter reads its array's elements, and each largest
 * sub-expression that uses no parameter ({@code k} above) is bound in the enclosing clause, computed once per
 * row and passed to the call as an extra argument.
 */
final class LambdaBinder {
    private static final Block ONE_ROW = new Block(List.of(), 1);

    private LambdaBinder() {
    }

    static boolean handles(FunctionCall call) {
        return HigherOrderFunctions.NAMES.contains(call.name())
                || call.arguments().stream().anyMatch(argument -> argument instanceof Lambda);
    }

    static BoundExpression bind(ExpressionBinder outer, FunctionRegistry functions, SubqueryRunner subqueries,
                                FunctionCall call) {
        String name = call.name();
        if (!HigherOrderFunctions.NAMES.contains(name)) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Function [" + name + "] does not take a lambda"
                    + "; lambdas work in " + new java.util.TreeSet<>(HigherOrderFunctions.NAMES));
        }
        List<Expression> arguments = call.arguments();
        Lambda lambda;
        List<Expression> arrayArguments;
        if (!arguments.isEmpty() && arguments.get(0) instanceof Lambda given) {
            lambda = given;
            arrayArguments = arguments.subList(1, arguments.size());
        } else if (HigherOrderFunctions.OPTIONAL_LAMBDA.contains(name)) {
            lambda = new Lambda(List.of("__element"), Identifier.of("__element"));
            arrayArguments = arguments;
        } else {
            throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function [" + name
                    + "] needs a lambda as its first argument, e.g. " + name + "(x -> x > 1, arr)");
        }
        if (arrayArguments.isEmpty() || arrayArguments.stream().anyMatch(argument -> argument instanceof Lambda)) {
            throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function [" + name
                    + "] takes one lambda followed by one or more arrays");
        }
        List<BoundExpression> bound = new ArrayList<>();
        List<ArrayType> arrayTypes = new ArrayList<>();
        for (int i = 0; i < arrayArguments.size(); i++) {
            BoundExpression array = outer.bind(arrayArguments.get(i));
            if (array instanceof BoundExpression.Constant constant && constant.value() instanceof List<?> list
                    && list.isEmpty()) {
                array = new BoundExpression.Constant(new ArrayType(Types.UINT8), list);
            }
            if (!(Types.stripLowCardinality(array.type()) instanceof ArrayType arrayType)) {
                throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Argument " + (i + 2) + " of function ["
                        + name + "] must be an Array, not " + array.type().name());
            }
            bound.add(array);
            arrayTypes.add(arrayType);
        }
        if (lambda.parameters().size() != arrayTypes.size()) {
            throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "The lambda of [" + name + "] has "
                    + lambda.parameters().size() + " parameters but " + arrayTypes.size() + " arrays are given");
        }
        Body body = new Body(outer, lambda.parameters(), arrayTypes);
        ExpressionBinder bodyBinder = new ExpressionBinder(functions, subqueries, body);
        BoundExpression boundBody = bodyBinder.bind(lambda.body());
        bound.addAll(body.captured.values());
        ScalarKernel kernel = HigherOrderFunctions.kernel(name, boundBody, arrayTypes);
        ScalarFunction function = functions.find(name).orElseThrow();
        BoundExpression.Call result = new BoundExpression.Call(function, kernel, bound, kernel.resultType());
        if (bound.stream().allMatch(argument -> argument instanceof BoundExpression.Constant)) {
            return new BoundExpression.Constant(result.type(), Values.get(ExpressionEvaluator.column(result, ONE_ROW), 0));
        }
        return result;
    }

    /** The leaves of a lambda body: parameters, and parameter-free sub-expressions captured from outside. */
    private static final class Body implements ExpressionBinder.Leaves {
        private final ExpressionBinder outer;
        private final List<String> parameters;
        private final List<ArrayType> arrays;
        private final Map<String, BoundExpression> captured = new LinkedHashMap<>();
        private final Map<String, Integer> capturedIndex = new LinkedHashMap<>();

        Body(ExpressionBinder outer, List<String> parameters, List<ArrayType> arrays) {
            this.outer = outer;
            this.parameters = parameters;
            this.arrays = arrays;
        }

        @Override
        public BoundExpression match(Expression expression) {
            if (expression instanceof Identifier identifier && identifier.parts().size() == 1) {
                int index = parameters.indexOf(identifier.name());
                if (index >= 0) {
                    return new BoundExpression.InputColumn(index, arrays.get(index).element());
                }
            }
            if (uses(expression, new HashSet<>(parameters))) {
                return null;
            }
            BoundExpression value = outer.bind(expression);
            if (value instanceof BoundExpression.Constant) {
                return value;
            }
            String key = expression.columnName();
            Integer index = capturedIndex.get(key);
            if (index == null) {
                index = parameters.size() + captured.size();
                capturedIndex.put(key, index);
                captured.put(key, value);
            }
            return new BoundExpression.InputColumn(index, value.type());
        }

        @Override
        public BoundExpression identifier(Identifier identifier) {
            return outer.bind(identifier);
        }

        @Override
        public String clause() {
            return "a lambda function";
        }

        /** True when {@code expression} reads one of {@code names} (lambda parameters not shadowed). */
        private static boolean uses(Expression expression, Set<String> names) {
            return switch (expression) {
                case Identifier identifier -> identifier.parts().size() == 1 && names.contains(identifier.name());
                case FunctionCall call -> call.arguments().stream().anyMatch(argument -> uses(argument, names));
                case Lambda lambda -> {
                    Set<String> visible = new HashSet<>(names);
                    visible.removeAll(lambda.parameters());
                    yield !visible.isEmpty() && uses(lambda.body(), visible);
                }
                case io.starling.sql.parser.ast.Alias alias -> uses(alias.expression(), names);
                default -> false;
            };
        }
    }
}
