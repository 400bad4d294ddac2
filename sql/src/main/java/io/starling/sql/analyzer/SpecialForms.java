package io.starling.sql.analyzer;

import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Literal;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites forms that are not plain function calls into ones that are: {@code d + INTERVAL 1 DAY} into
 * {@code addDays(d, 1)}, {@code toStartOfInterval(t, INTERVAL 15 MINUTE)} into
 * {@code toStartOfInterval(t, 15, 'minute')}, {@code CASE x WHEN a THEN b END} into {@code multiIf(x = a, b, NULL)}.
 */
final class SpecialForms {
    private SpecialForms() {
    }

    /** The rewritten call, or the same instance when nothing applies. */
    static Expression rewrite(FunctionCall call) {
        return switch (call.name()) {
            case "plus", "minus" -> intervalArithmetic(call);
            case "toStartOfInterval" -> startOfInterval(call);
            case "caseWithExpression" -> caseWithExpression(call);
            default -> call;
        };
    }

    private static String intervalUnit(Expression expression) {
        if (expression instanceof FunctionCall call && call.name().startsWith("toInterval") && call.arguments().size() == 1) {
            return call.name().substring("toInterval".length());
        }
        return null;
    }

    private static Expression intervalArithmetic(FunctionCall call) {
        if (call.arguments().size() != 2) {
            return call;
        }
        Expression left = call.arguments().get(0);
        Expression right = call.arguments().get(1);
        String rightUnit = intervalUnit(right);
        String leftUnit = intervalUnit(left);
        boolean plus = call.name().equals("plus");
        if (rightUnit != null) {
            return FunctionCall.of((plus ? "add" : "subtract") + rightUnit + "s", left, ((FunctionCall) right).arguments().get(0));
        }
        if (leftUnit != null && plus) {
            return FunctionCall.of("add" + leftUnit + "s", right, ((FunctionCall) left).arguments().get(0));
        }
        return call;
    }

    private static Expression startOfInterval(FunctionCall call) {
        if (call.arguments().size() < 2 || intervalUnit(call.arguments().get(1)) == null) {
            return call;
        }
        FunctionCall interval = (FunctionCall) call.arguments().get(1);
        List<Expression> arguments = new ArrayList<>();
        arguments.add(call.arguments().get(0));
        arguments.add(interval.arguments().get(0));
        arguments.add(Literal.of(intervalUnit(interval).toLowerCase(java.util.Locale.ROOT)));
        arguments.addAll(call.arguments().subList(2, call.arguments().size()));
        return new FunctionCall("toStartOfInterval", arguments, null, false);
    }

    private static Expression caseWithExpression(FunctionCall call) {
        List<Expression> arguments = call.arguments();
        Expression operand = arguments.get(0);
        List<Expression> rewritten = new ArrayList<>();
        for (int i = 1; i + 1 < arguments.size(); i += 2) {
            rewritten.add(FunctionCall.of("equals", operand, arguments.get(i)));
            rewritten.add(arguments.get(i + 1));
        }
        rewritten.add(arguments.get(arguments.size() - 1));
        return new FunctionCall("multiIf", rewritten, null, false);
    }
}
