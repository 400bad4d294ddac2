package io.starling.sql.analyzer;

import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Literal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
            case "_CAST" -> new FunctionCall("CAST", call.arguments(), null, false);
            default -> dateArithmetic(call);
        };
    }

    private static final Set<String> DATE_ADD = Set.of("dateadd", "date_add", "timestampadd", "timestamp_add", "adddate");
    private static final Set<String> DATE_SUB = Set.of("datesub", "date_sub", "timestampsub", "timestamp_sub", "subdate");
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("second", "Second"), Map.entry("minute", "Minute"), Map.entry("hour", "Hour"),
            Map.entry("day", "Day"), Map.entry("week", "Week"), Map.entry("month", "Month"),
            Map.entry("quarter", "Quarter"), Map.entry("year", "Year"));

    /**
     * {@code date_add(d, INTERVAL n unit)}, {@code timestampAdd(INTERVAL n unit, d)} and
     * {@code date_add(unit, n, d)} (and the -sub/-Sub names) into {@code addUnits(d, n)} / {@code subtractUnits(d, n)}.
     */
    private static Expression dateArithmetic(FunctionCall call) {
        String lower = call.name().toLowerCase(Locale.ROOT);
        boolean add = DATE_ADD.contains(lower);
        if (!add && !DATE_SUB.contains(lower)) {
            return call;
        }
        String prefix = add ? "add" : "subtract";
        List<Expression> arguments = call.arguments();
        if (arguments.size() == 2) {
            String unit = intervalUnit(arguments.get(1));
            if (unit != null) {
                return FunctionCall.of(prefix + unit + "s", arguments.get(0), ((FunctionCall) arguments.get(1)).arguments().get(0));
            }
            unit = intervalUnit(arguments.get(0));
            if (unit != null) {
                return FunctionCall.of(prefix + unit + "s", arguments.get(1), ((FunctionCall) arguments.get(0)).arguments().get(0));
            }
        }
        if (arguments.size() == 3) {
            String word = switch (arguments.get(0)) {
                case Identifier identifier when identifier.parts().size() == 1 -> identifier.name();
                case Literal literal when literal.value() instanceof String text -> text;
                default -> null;
            };
            String unit = word == null ? null : UNITS.get(word.toLowerCase(Locale.ROOT).replaceAll("s$", ""));
            if (unit != null) {
                return FunctionCall.of(prefix + unit + "s", arguments.get(2), arguments.get(1));
            }
        }
        throw new io.starling.storage.error.StarlingException(io.starling.storage.error.ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                "Function [" + call.name() + "] takes (date, INTERVAL n unit) or (unit, n, date), as in "
                        + call.name() + "(now(), INTERVAL 1 DAY)");
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
