package io.starling.sql.optimizer;

import io.starling.sql.plan.BoundExpression;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Helpers over bound expressions: which input columns they use, and renumbering those columns. */
public final class Expressions {
    private Expressions() {
    }

    public static void collectInputs(BoundExpression expression, BitSet used) {
        switch (expression) {
            case BoundExpression.InputColumn input -> used.set(input.index());
            case BoundExpression.Call call -> call.arguments().forEach(argument -> collectInputs(argument, used));
            case BoundExpression.Constant ignored -> {
            }
        }
    }

    /** {@code mapping[old]} is the new index of input column {@code old}. */
    public static BoundExpression remap(BoundExpression expression, int[] mapping) {
        return switch (expression) {
            case BoundExpression.InputColumn input -> new BoundExpression.InputColumn(mapping[input.index()], input.type());
            case BoundExpression.Call call -> {
                List<BoundExpression> arguments = new ArrayList<>(call.arguments().size());
                for (BoundExpression argument : call.arguments()) {
                    arguments.add(remap(argument, mapping));
                }
                yield new BoundExpression.Call(call.function(), call.kernel(), arguments, call.type());
            }
            case BoundExpression.Constant constant -> constant;
        };
    }

    public static List<BoundExpression> remapAll(List<BoundExpression> expressions, int[] mapping) {
        List<BoundExpression> result = new ArrayList<>(expressions.size());
        for (BoundExpression expression : expressions) {
            result.add(remap(expression, mapping));
        }
        return result;
    }
}
