package io.starling.sql.analyzer;

import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the distinct aggregate calls of a query (by printed text), rejecting aggregates nested in aggregates. */
final class AggregateCollector {
    private final Map<String, FunctionCall> calls = new LinkedHashMap<>();

    void collect(Expression expression) {
        if (!(expression instanceof FunctionCall call)) {
            return;
        }
        if (call.name().equals(io.starling.sql.parser.WindowSyntax.WINDOW)) {
            ((FunctionCall) call.arguments().get(0)).arguments().forEach(this::collect);
            call.arguments().subList(1, call.arguments().size()).forEach(this::collect);
            return;
        }
        if (AggregateFunctions.isAggregate(call.name())) {
            for (Expression argument : call.arguments()) {
                if (containsAggregate(argument)) {
                    throw new StarlingException(ErrorCode.ILLEGAL_AGGREGATION, "Aggregate function [" + argument.columnName()
                            + "] is found inside another aggregate function [" + call.columnName() + "]; use a subquery");
                }
            }
            calls.putIfAbsent(call.columnName(), call);
            return;
        }
        call.arguments().forEach(this::collect);
    }

    private static boolean containsAggregate(Expression expression) {
        if (expression instanceof FunctionCall call) {
            return AggregateFunctions.isAggregate(call.name()) || call.arguments().stream().anyMatch(AggregateCollector::containsAggregate);
        }
        return false;
    }

    List<FunctionCall> calls() {
        return new ArrayList<>(calls.values());
    }
}
