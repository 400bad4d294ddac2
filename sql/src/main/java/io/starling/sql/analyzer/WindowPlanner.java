package io.starling.sql.analyzer;

import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.AggregateFunction;
import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.sql.parser.WindowSyntax;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Window functions of one SELECT: binds each {@code f(...) OVER (...)} (found by its printed text) over the rows
 * the select list sees (after aggregation when there is one), and plans a {@link PlanNode.Window} that appends
 * their values as columns.
 */
final class WindowPlanner {
    private static final Set<String> RANKING = Set.of("row_number", "rank", "dense_rank");
    private static final Set<String> VALUE = Set.of("lag", "lead", "lagInFrame", "leadInFrame", "first_value",
            "last_value", "nth_value", "any", "anyLast");

    private final QueryAnalyzer analyzer;
    private final Map<String, Integer> positions = new HashMap<>();
    private final List<PlanNode.WindowCall> calls = new ArrayList<>();
    private List<ColumnDefinition> input;

    WindowPlanner(QueryAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    static boolean containsWindow(List<Expression> expressions) {
        return expressions.stream().anyMatch(WindowPlanner::containsWindow);
    }

    private static boolean containsWindow(Expression expression) {
        return expression instanceof FunctionCall call && (call.name().equals(WindowSyntax.WINDOW)
                || call.arguments().stream().anyMatch(WindowPlanner::containsWindow));
    }

    /** A binder that reads window calls from the columns the window step appends to {@code columns}. */
    ExpressionBinder wrap(ExpressionBinder inner, List<ColumnDefinition> columns) {
        this.input = List.copyOf(columns);
        return inner.withMatcher(expression -> {
            if (!(expression instanceof FunctionCall call) || !call.name().equals(WindowSyntax.WINDOW)) {
                return null;
            }
            String text = call.columnName();
            Integer position = positions.get(text);
            if (position == null) {
                calls.add(bindCall(inner, call));
                position = columns.size() + calls.size() - 1;
                positions.put(text, position);
            }
            return new BoundExpression.InputColumn(position, calls.get(position - columns.size()).type());
        });
    }

    PlanNode plan(PlanNode plan) {
        if (calls.isEmpty()) {
            return plan;
        }
        List<ColumnDefinition> output = new ArrayList<>(input);
        for (PlanNode.WindowCall call : calls) {
            output.add(new ColumnDefinition("__window_" + output.size(), call.type()));
        }
        return new PlanNode.Window(plan, calls, output);
    }

    private PlanNode.WindowCall bindCall(ExpressionBinder binder, FunctionCall window) {
        FunctionCall call = (FunctionCall) window.arguments().get(0);
        List<BoundExpression> arguments = new ArrayList<>();
        call.arguments().forEach(argument -> arguments.add(binder.bind(argument)));
        List<BoundExpression> partition = new ArrayList<>();
        ((FunctionCall) window.arguments().get(1)).arguments().forEach(key -> partition.add(binder.bind(key)));
        List<Expression> orderKeys = ((FunctionCall) window.arguments().get(2)).arguments();
        List<BoundExpression> order = new ArrayList<>();
        boolean[] descending = new boolean[orderKeys.size()];
        for (int i = 0; i < orderKeys.size(); i++) {
            Expression key = orderKeys.get(i);
            descending[i] = key instanceof FunctionCall desc && desc.name().equals(WindowSyntax.DESC);
            order.add(binder.bind(descending[i] ? ((FunctionCall) key).arguments().get(0) : key));
        }
        String frame = (String) ((Literal) window.arguments().get(3)).value();
        boolean rows = false;
        long start = Long.MIN_VALUE;
        long end = order.isEmpty() ? Long.MAX_VALUE : 0;
        if (!frame.isEmpty()) {
            String[] parts = frame.split(" ");
            rows = parts[0].equals("ROWS");
            start = bound(parts[1]);
            end = bound(parts[2]);
            if (!rows && (start != Long.MIN_VALUE && start != 0 || end != Long.MAX_VALUE && end != 0)) {
                if (order.size() != 1) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The RANGE OFFSET window frame requires "
                            + "exactly one ORDER BY column, " + order.size() + " given");
                }
                DataType key = Types.base(order.get(0).type());
                if (!Types.isNumber(key) && !Types.isDateOrTime(key)) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The RANGE OFFSET frame needs a numeric or "
                            + "date ORDER BY column, got " + order.get(0).type().name());
                }
            }
        }
        String name = call.name();
        List<DataType> types = arguments.stream().map(BoundExpression::type).toList();
        if (RANKING.contains(name)) {
            return new PlanNode.WindowCall(name, null, arguments, partition, order, descending, rows, start, end, Types.UINT64);
        }
        if (VALUE.contains(name)) {
            if (arguments.isEmpty()) {
                throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Window function [" + name
                        + "] needs the value to read as its first argument");
            }
            return new PlanNode.WindowCall(name, null, arguments, partition, order, descending, rows, start, end,
                    types.get(0));
        }
        if (AggregateFunctions.canonical(name).isEmpty()) {
            throw new StarlingException(ErrorCode.UNKNOWN_FUNCTION, "Unknown window function [" + name + "]; supported: "
                    + "row_number, rank, dense_rank, lag, lead, lagInFrame, leadInFrame, first_value, last_value, "
                    + "nth_value and aggregate functions");
        }
        List<Object> parameters = new ArrayList<>();
        if (call.parameters() != null) {
            ExpressionBinder constants = analyzer.constantBinder(Map.of());
            for (Expression parameter : call.parameters()) {
                parameters.add(((BoundExpression.Constant) constants.bind(parameter)).value());
            }
        }
        AggregateFunction aggregate = AggregateFunctions.resolve(AggregateFunctions.canonical(name).orElseThrow(),
                types, parameters, call.distinct());
        return new PlanNode.WindowCall(name, aggregate, arguments, partition, order, descending, rows, start, end,
                aggregate.resultType());
    }

    private static long bound(String text) {
        return switch (text) {
            case "UNBOUNDED_PRECEDING" -> Long.MIN_VALUE;
            case "UNBOUNDED_FOLLOWING" -> Long.MAX_VALUE;
            case "CURRENT_ROW" -> 0;
            default -> {
                long value = Long.parseLong(text.substring(0, text.indexOf('_')));
                yield text.endsWith("PRECEDING") ? -value : value;
            }
        };
    }
}
