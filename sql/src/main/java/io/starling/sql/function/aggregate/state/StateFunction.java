package io.starling.sql.function.aggregate.state;

import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.AggregateFunctionType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An aggregate function as an {@code AggregateFunction(f, T...)} state: creates {@link AggregateState}s and knows
 * the final value's type. Resolved from a {@code -State} call or from a column type. Immutable and thread-safe.
 *
 * @param type       the state column type, e.g. {@code AggregateFunction(quantile(0.9), Float64)}
 * @param baseName   the canonical function without parameters, e.g. {@code quantile}, {@code sumIf}
 * @param resultType what {@code fMerge} and {@code finalizeAggregation} answer (as {@code f} would)
 */
public record StateFunction(AggregateFunctionType type, String baseName, DataType resultType,
                            Supplier<AggregateState> factory) {
    private static final Map<AggregateFunctionType, StateFunction> BY_TYPE = new ConcurrentHashMap<>();

    public AggregateState newState() {
        return factory.get();
    }

    /** The state function of a column type (cached). */
    public static StateFunction of(AggregateFunctionType type) {
        return BY_TYPE.computeIfAbsent(type, StateFunction::fromType);
    }

    /**
     * True when states of {@code from} can be stored as {@code to} unchanged: the same function over the same
     * argument types (LowCardinality aside), or count with any arguments ({@code countState()} into
     * {@code AggregateFunction(count, UInt64)}).
     */
    public static boolean compatible(AggregateFunctionType from, AggregateFunctionType to) {
        if (from.equals(to)) {
            return true;
        }
        try {
            StateFunction source = of(from);
            StateFunction target = of(to);
            return source.type().equals(target.type())
                    || (source.baseName().equals("count") && target.baseName().equals("count"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static StateFunction fromType(AggregateFunctionType type) {
        String text = type.function().strip();
        int open = text.indexOf('(');
        String name = open < 0 ? text : text.substring(0, open).strip();
        List<Object> parameters = new ArrayList<>();
        if (open >= 0 && text.endsWith(")")) {
            for (String parameter : text.substring(open + 1, text.length() - 1).split(",")) {
                String trimmed = parameter.strip();
                if (!trimmed.isEmpty()) {
                    parameters.add(parseNumber(trimmed, type));
                }
            }
        }
        String canonical = AggregateFunctions.canonical(name).orElseThrow(() -> new StarlingException(
                ErrorCode.UNKNOWN_AGGREGATE_FUNCTION, "Unknown aggregate function [" + name + "] in type ["
                + type.name() + "]"));
        return resolve(canonical, type.arguments(), parameters);
    }

    private static Object parseNumber(String text, AggregateFunctionType type) {
        try {
            if (text.contains(".") || text.contains("e") || text.contains("E")) {
                return Double.parseDouble(text);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter [" + text + "] of [" + type.name()
                    + "] must be a number");
        }
    }

    /**
     * The state of {@code canonical} (a name from {@link AggregateFunctions#canonical}, possibly ending in If)
     * over {@code arguments}. Fails with NOT_IMPLEMENTED for functions without a state form.
     */
    public static StateFunction resolve(String canonical, List<DataType> arguments, List<Object> parameters) {
        List<DataType> types = arguments.stream().map(Types::stripLowCardinality).toList();
        List<Object> params = parameters == null ? List.of() : List.copyOf(parameters);
        DataType resultType = AggregateFunctions.resolve(canonical, types, params, false).resultType();
        return resolve(canonical, types, params, resultType);
    }

    /** {@link #resolve(String, List, List)} when the plain function's result type is known (no lookup). */
    public static StateFunction resolve(String canonical, List<DataType> arguments, List<Object> parameters,
                                        DataType resultType) {
        List<DataType> types = arguments.stream().map(Types::stripLowCardinality).toList();
        List<Object> params = parameters == null ? List.of() : List.copyOf(parameters);
        boolean nullableResult = resultType.isNullable();
        Supplier<AggregateState> factory;
        if (canonical.endsWith("If") && !types.isEmpty()) {
            String inner = canonical.substring(0, canonical.length() - 2);
            Supplier<AggregateState> base = plain(inner, types.subList(0, types.size() - 1), params, canonical);
            int condition = types.size() - 1;
            factory = nullableResult ? () -> new WrapperStates.If(new WrapperStates.NullableResult(base.get()), condition)
                    : () -> new WrapperStates.If(base.get(), condition);
        } else {
            Supplier<AggregateState> base = plain(canonical, types, params, canonical);
            factory = nullableResult ? () -> new WrapperStates.NullableResult(base.get()) : base;
        }
        AggregateFunctionType type = new AggregateFunctionType(functionText(canonical, params), types);
        return new StateFunction(type, canonical, resultType, factory);
    }

    private static String functionText(String name, List<Object> parameters) {
        if (parameters.isEmpty()) {
            return name;
        }
        StringBuilder text = new StringBuilder(name).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(parameters.get(i));
        }
        return text.append(')').toString();
    }

    private static Supplier<AggregateState> plain(String name, List<DataType> arguments, List<Object> parameters,
                                                  String written) {
        DataType first = arguments.isEmpty() ? null : Types.base(arguments.get(0)).behavesAs();
        return switch (name) {
            case "count" -> BasicStates.Count::new;
            case "sum", "avg" -> () -> new BasicStates.Sum(first, name.equals("avg"));
            case "min", "max" -> {
                ValueStates.Order order = ValueStates.Order.of(written, first);
                int direction = name.equals("max") ? 1 : -1;
                yield () -> new ValueStates.Extreme(order, direction, false);
            }
            case "any", "anyLast" -> {
                boolean last = name.equals("anyLast");
                yield () -> new ValueStates.Extreme(null, 0, last);
            }
            case "argMin", "argMax" -> {
                ValueStates.Order order = ValueStates.Order.of(written, arguments.get(1));
                int direction = name.equals("argMax") ? 1 : -1;
                yield () -> new ValueStates.Arg(order, direction);
            }
            case "uniq" -> {
                int count = arguments.size();
                yield () -> CollectStates.uniq(count);
            }
            case "uniqExact", "countDistinct" -> {
                int count = arguments.size();
                yield () -> CollectStates.uniqExact(count);
            }
            case "groupArray", "groupUniqArray" -> {
                boolean unique = name.equals("groupUniqArray");
                long max = parameters.isEmpty() ? 0 : ((Number) parameters.get(0)).longValue();
                yield () -> new CollectStates.GroupArray(unique, max);
            }
            case "quantile", "median" -> {
                double level = parameters.isEmpty() ? 0.5 : ((Number) parameters.get(0)).doubleValue();
                yield () -> new CollectStates.Quantile(level, first);
            }
            default -> throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Aggregate function [" + written
                    + "] has no -State/-Merge form yet; use count, sum, avg, min, max, any, anyLast, argMin, argMax,"
                    + " uniq, uniqExact, groupArray, groupUniqArray, quantile or median");
        };
    }
}
