package io.starling.sql.function.aggregate;

import io.starling.sql.function.Errors;
import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.state.StateAggregates;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves aggregate functions by name, with the -If and -Distinct combinators and NULL skipping:
 * {@code countIf(x > 1)}, {@code sumIf(v, c)}, {@code count(DISTINCT x)}, {@code quantile(0.9)(x)}.
 */
public final class AggregateFunctions {
    /** Canonical names; the keys are lower-case for the names ClickHouse treats case-insensitively. */
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("count", "count"), Map.entry("sum", "sum"), Map.entry("avg", "avg"), Map.entry("min", "min"),
            Map.entry("max", "max"), Map.entry("any", "any"), Map.entry("anyLast", "anyLast"),
            Map.entry("argMin", "argMin"), Map.entry("argMax", "argMax"), Map.entry("uniq", "uniq"),
            Map.entry("uniqExact", "uniqExact"), Map.entry("groupArray", "groupArray"),
            Map.entry("quantile", "quantile"), Map.entry("median", "median"),
            Map.entry("quantileExact", "quantileExact"), Map.entry("countDistinct", "countDistinct"),
            Map.entry("first_value", "any"), Map.entry("last_value", "anyLast"), Map.entry("uniqCombined", "uniq"),
            Map.entry("uniqHLL12", "uniq"), Map.entry("groupUniqArray", "groupUniqArray"));
    /** -MergeState, -State and -Merge (see {@link io.starling.sql.function.aggregate.state.StateAggregates}). */
    private static final List<String> STATE_SUFFIXES = List.of("MergeState", "SimpleState", "State", "Merge");
    private static final Set<String> CASE_INSENSITIVE = Set.of("count", "sum", "avg", "min", "max", "median");

    private AggregateFunctions() {
    }

    public static List<String> names() {
        java.util.List<String> names = new java.util.ArrayList<>(CANONICAL.keySet());
        names.addAll(MoreAggregates.CANONICAL.keySet());
        return names;
    }

    /** The canonical base name and combinator of {@code name}, if it names an aggregate. */
    public static Optional<String> canonical(String name) {
        String base = CANONICAL.get(name);
        if (base == null) {
            base = MoreAggregates.CANONICAL.get(name);
        }
        if (base == null && CASE_INSENSITIVE.contains(name.toLowerCase(Locale.ROOT))) {
            base = name.toLowerCase(Locale.ROOT);
        }
        if (base == null && MoreAggregates.CASE_INSENSITIVE.contains(name.toLowerCase(Locale.ROOT))) {
            base = MoreAggregates.CANONICAL.get(name.toLowerCase(Locale.ROOT));
        }
        if (base != null) {
            return Optional.of(base);
        }
        for (String suffix : STATE_SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                Optional<String> inner = canonical(name.substring(0, name.length() - suffix.length()));
                if (inner.isPresent() && !inner.get().endsWith("State") && !inner.get().endsWith("Merge")) {
                    return inner.map(found -> found + suffix);
                }
            }
        }
        for (String suffix : SuffixCombinators.SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                Optional<String> inner = canonical(name.substring(0, name.length() - suffix.length()));
                if (inner.isPresent()) {
                    return inner.map(found -> found + suffix);
                }
            }
        }
        return Optional.empty();
    }

    /** True for plain count() (no combinator): a count of rows that a table's row count can answer. */
    public static boolean isPlainCount(AggregateFunction function) {
        return function instanceof CountAggregate;
    }

    public static boolean isAggregate(String name) {
        return canonical(name).isPresent();
    }

    /**
     * Resolves {@code name} (from {@link #canonical}) for argument types. Parameters are the constants of
     * a parametric call ({@code quantile(0.9)}).
     */
    public static AggregateFunction resolve(String name, List<DataType> arguments, List<Object> parameters, boolean distinct) {
        String canonical = canonical(name).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_AGGREGATE_FUNCTION,
                "Unknown aggregate function [" + name + "]"));
        if (canonical.endsWith("MergeState")) {
            return io.starling.sql.function.aggregate.state.StateAggregates.merge(
                    canonical.substring(0, canonical.length() - "MergeState".length()), arguments, true);
        }
        if (canonical.endsWith("SimpleState")) {
            String inner = canonical.substring(0, canonical.length() - "SimpleState".length());
            return new SimpleStateAggregate(inner, resolve(inner, arguments, parameters, distinct));
        }
        if (canonical.endsWith("State")) {
            return io.starling.sql.function.aggregate.state.StateAggregates.state(
                    canonical.substring(0, canonical.length() - "State".length()), arguments, parameters);
        }
        if (canonical.endsWith("Merge")) {
            return io.starling.sql.function.aggregate.state.StateAggregates.merge(
                    canonical.substring(0, canonical.length() - "Merge".length()), arguments, false);
        }
        if (canonical.endsWith("If")) {
            if (arguments.isEmpty()) {
                throw Errors.argumentCount(name, 0, "at least 1 (the condition is last)");
            }
            DataType condition = Types.base(arguments.get(arguments.size() - 1));
            if (!Types.isNumber(condition)) {
                throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "The last argument of [" + name
                        + "] must be a condition, not [" + condition.name() + "]");
            }
            List<DataType> inner = arguments.subList(0, arguments.size() - 1);
            AggregateFunction base = resolve(canonical.substring(0, canonical.length() - 2), inner, parameters, distinct);
            return Combinators.ifCombinator(base, inner.size());
        }
        if (canonical.endsWith("Array") && !canonical.equals("groupArray") && !canonical.equals("groupUniqArray")) {
            String base = canonical.substring(0, canonical.length() - "Array".length());
            return SuffixCombinators.array(resolve(base, SuffixCombinators.elementTypes(name, arguments), parameters, distinct));
        }
        if (canonical.endsWith("ForEach")) {
            String base = canonical.substring(0, canonical.length() - "ForEach".length());
            return GroupingCombinators.forEach(resolve(base, SuffixCombinators.elementTypes(name, arguments), parameters, distinct));
        }
        if (canonical.endsWith("Resample")) {
            if (parameters == null || parameters.size() < 3 || arguments.isEmpty()) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Aggregate function [" + name
                        + "] needs (start, end, step) parameters and a key as its last argument, e.g. "
                        + name + "(0, 100, 10)(x, key)");
            }
            int p = parameters.size();
            long start = ((Number) parameters.get(p - 3)).longValue();
            long end = ((Number) parameters.get(p - 2)).longValue();
            long step = ((Number) parameters.get(p - 1)).longValue();
            List<DataType> inner = arguments.subList(0, arguments.size() - 1);
            GroupingCombinators.requireIntegerKey(name, arguments.get(arguments.size() - 1));
            AggregateFunction base = resolve(canonical.substring(0, canonical.length() - "Resample".length()), inner,
                    parameters.subList(0, p - 3), distinct);
            return GroupingCombinators.resample(base, inner.size(), start, end, step);
        }
        if (canonical.endsWith("Distinct") && !canonical.equals("countDistinct")) {
            return resolve(canonical.substring(0, canonical.length() - "Distinct".length()), arguments, parameters, true);
        }
        if (canonical.endsWith("OrNull")) {
            return SuffixCombinators.orEmpty(resolve(canonical.substring(0, canonical.length() - 6), arguments,
                    parameters, distinct), true);
        }
        if (canonical.endsWith("OrDefault")) {
            return SuffixCombinators.orEmpty(resolve(canonical.substring(0, canonical.length() - 9), arguments,
                    parameters, distinct), false);
        }
        // LowCardinality(Nullable(T)) holds NULLs as Nullable(T) does
        boolean anyNullable = arguments.stream().anyMatch(type -> Types.stripLowCardinality(type).isNullable());
        List<DataType> plain = arguments.stream().map(Types::base).toList();
        if (canonical.equals("countDistinct")) {
            canonical = "uniqExact";
        }
        if (distinct && canonical.equals("count")) {
            canonical = "uniqExact";
            distinct = false;
        }
        AggregateFunction function = MoreAggregates.handles(canonical)
                ? MoreAggregates.resolve(canonical, plain, parameters) : plainFunction(canonical, plain, parameters);
        if (distinct) {
            function = Combinators.distinct(function);
        }
        if (anyNullable) {
            boolean defaultResult = canonical.equals("count") || canonical.startsWith("uniq")
                    || canonical.startsWith("group") || canonical.startsWith("topK") || canonical.endsWith("Map")
                    || canonical.startsWith("quantiles");
            function = Combinators.skipNulls(function, !defaultResult);
        }
        return function;
    }

    private static AggregateFunction plainFunction(String name, List<DataType> arguments, List<Object> parameters) {
        switch (name) {
            case "count" -> {
                return new CountAggregate();
            }
            case "sum", "avg" -> {
                single(name, arguments);
                if (arguments.get(0) instanceof io.starling.storage.type.DecimalType decimal) {
                    return new DecimalSumAggregate(decimal, name.equals("avg"));
                }
                if (!Types.isNumber(arguments.get(0))) {
                    throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Column of type ["
                            + arguments.get(0).name() + "] cannot be passed to [" + name
                            + "]; it needs numbers, e.g. " + name + "(toFloat64(x))");
                }
                return new SumAggregate(arguments.get(0), name.equals("avg"));
            }
            case "min", "max" -> {
                single(name, arguments);
                DataType type = arguments.get(0);
                if (!MinMaxAggregate.supports(type)) {
                    throw Errors.illegalType(name, type);
                }
                return new MinMaxAggregate(type, name.equals("max"));
            }
            case "any", "anyLast" -> {
                single(name, arguments);
                return new ValueAggregate(arguments.get(0), name.equals("any") ? ValueAggregate.Kind.ANY : ValueAggregate.Kind.ANY_LAST);
            }
            case "argMin", "argMax" -> {
                if (arguments.size() != 2) {
                    throw Errors.argumentCount(name, arguments.size(), "2");
                }
                return new ValueAggregate(arguments.get(0), name.equals("argMax") ? ValueAggregate.Kind.ARG_MAX : ValueAggregate.Kind.ARG_MIN);
            }
            case "uniq", "uniqExact" -> {
                if (arguments.isEmpty()) {
                    throw Errors.argumentCount(name, 0, "at least 1");
                }
                DataType type = arguments.get(0);
                // Every single argument held as longs, doubles or bytes (incl. UUID, IPv6, Decimal, Enum) is counted
                // by its physical value; boxed collection would compare 16-byte values by identity.
                if (arguments.size() == 1 && UniqAggregate.supports(type)) {
                    return new UniqAggregate(name.equals("uniq"));
                }
                if (name.equals("uniq")) {
                    // several arguments (or one of another kind) hashed as ClickHouse does, in its sketch
                    return StateAggregates.value(name, arguments, parameters, Types.UINT64);
                }
                return new CollectAggregate(arguments.get(0), CollectAggregate.Kind.UNIQ, 0);
            }
            case "groupArray" -> {
                single(name, arguments);
                long limit = parameters == null || parameters.isEmpty() ? Integer.MAX_VALUE
                        : ((Number) parameters.get(0)).longValue();
                if (limit < 1) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter of [groupArray] must be positive, got " + limit);
                }
                return new CollectAggregate(arguments.get(0), CollectAggregate.Kind.GROUP_ARRAY, 0, (int) Math.min(limit, Integer.MAX_VALUE));
            }
            case "groupUniqArray" -> {
                single(name, arguments);
                return Combinators.distinct(new CollectAggregate(arguments.get(0), CollectAggregate.Kind.GROUP_ARRAY, 0));
            }
            case "quantile", "median", "quantileExact" -> {
                single(name, arguments);
                double level = parameters == null || parameters.isEmpty() ? 0.5 : ((Number) parameters.get(0)).doubleValue();
                if (!Types.isNumber(arguments.get(0)) && !name.equals("quantileExact")) {
                    throw Errors.illegalType(name, arguments.get(0));
                }
                if (!name.equals("quantileExact") && Types.bits(arguments.get(0)) <= 64
                        && (Types.isInteger(arguments.get(0)) || Types.isFloat(arguments.get(0)))) {
                    return new QuantileAggregate(arguments.get(0), level);
                }
                return new CollectAggregate(arguments.get(0), name.equals("quantileExact")
                        ? CollectAggregate.Kind.QUANTILE_EXACT : CollectAggregate.Kind.QUANTILE, level);
            }
            default -> throw new StarlingException(ErrorCode.UNKNOWN_AGGREGATE_FUNCTION, "Unknown aggregate function [" + name + "]");
        }
    }

    private static void single(String name, List<DataType> arguments) {
        if (arguments.size() != 1) {
            throw Errors.argumentCount(name, arguments.size(), "1");
        }
    }
}
