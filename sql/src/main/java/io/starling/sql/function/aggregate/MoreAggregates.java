package io.starling.sql.function.aggregate;

import io.starling.sql.function.Errors;
import io.starling.sql.function.Types;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The aggregates beyond the basic set: statistics (varPop... corr and their -Stable forms), topK, the quantile
 * family (quantiles, quantileTDigest, quantileTiming, medianExact...), sumMap/minMap/maxMap, groupBitAnd/Or/Xor
 * and avgWeighted.
 */
final class MoreAggregates {
    static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("varPop", "varPop"), Map.entry("varSamp", "varSamp"), Map.entry("stddevPop", "stddevPop"),
            Map.entry("stddevSamp", "stddevSamp"), Map.entry("covarPop", "covarPop"), Map.entry("covarSamp", "covarSamp"),
            Map.entry("corr", "corr"), Map.entry("varPopStable", "varPopStable"), Map.entry("varSampStable", "varSampStable"),
            Map.entry("stddevPopStable", "stddevPopStable"), Map.entry("stddevSampStable", "stddevSampStable"),
            Map.entry("covarPopStable", "covarPopStable"), Map.entry("covarSampStable", "covarSampStable"),
            Map.entry("corrStable", "corrStable"), Map.entry("topK", "topK"), Map.entry("topKWeighted", "topKWeighted"),
            Map.entry("quantiles", "quantiles"), Map.entry("quantilesExact", "quantilesExact"),
            Map.entry("quantileTDigest", "quantileTDigest"), Map.entry("quantilesTDigest", "quantilesTDigest"),
            Map.entry("medianTDigest", "medianTDigest"), Map.entry("quantileTiming", "quantileTiming"),
            Map.entry("quantilesTiming", "quantilesTiming"), Map.entry("medianTiming", "medianTiming"),
            Map.entry("medianExact", "medianExact"), Map.entry("sumMap", "sumMap"), Map.entry("minMap", "minMap"),
            Map.entry("maxMap", "maxMap"), Map.entry("groupBitAnd", "groupBitAnd"), Map.entry("groupBitOr", "groupBitOr"),
            Map.entry("groupBitXor", "groupBitXor"), Map.entry("avgWeighted", "avgWeighted"),
            Map.entry("uniqCombined64", "uniq"), Map.entry("uniqTheta", "uniq"),
            Map.entry("var_pop", "varPop"), Map.entry("var_samp", "varSamp"), Map.entry("stddev_pop", "stddevPop"),
            Map.entry("stddev_samp", "stddevSamp"), Map.entry("covar_pop", "covarPop"), Map.entry("covar_samp", "covarSamp"));
    /** SQL-standard spellings ClickHouse accepts in any case. */
    static final Set<String> CASE_INSENSITIVE = Set.of("var_pop", "var_samp", "stddev_pop", "stddev_samp", "covar_pop",
            "covar_samp", "corr");

    private MoreAggregates() {
    }

    static boolean handles(String name) {
        return CANONICAL.containsValue(name) && !name.equals("uniq");
    }

    static AggregateFunction resolve(String name, List<DataType> arguments, List<Object> parameters) {
        switch (name) {
            case "varPop", "varSamp", "stddevPop", "stddevSamp", "covarPop", "covarSamp", "corr",
                    "varPopStable", "varSampStable", "stddevPopStable", "stddevSampStable", "covarPopStable",
                    "covarSampStable", "corrStable" -> {
                boolean stable = name.endsWith("Stable");
                String base = stable ? name.substring(0, name.length() - "Stable".length()) : name;
                StatisticsAggregate.Kind kind = switch (base) {
                    case "varPop" -> StatisticsAggregate.Kind.VAR_POP;
                    case "varSamp" -> StatisticsAggregate.Kind.VAR_SAMP;
                    case "stddevPop" -> StatisticsAggregate.Kind.STDDEV_POP;
                    case "stddevSamp" -> StatisticsAggregate.Kind.STDDEV_SAMP;
                    case "covarPop" -> StatisticsAggregate.Kind.COVAR_POP;
                    case "covarSamp" -> StatisticsAggregate.Kind.COVAR_SAMP;
                    default -> StatisticsAggregate.Kind.CORR;
                };
                StatisticsAggregate function = new StatisticsAggregate(kind, stable);
                int expected = function.twoArguments() ? 2 : 1;
                if (arguments.size() != expected) {
                    throw Errors.argumentCount(name, arguments.size(), String.valueOf(expected));
                }
                numbers(name, arguments);
                return function;
            }
            case "topK", "topKWeighted" -> {
                boolean weighted = name.equals("topKWeighted");
                if (arguments.size() != (weighted ? 2 : 1)) {
                    throw Errors.argumentCount(name, arguments.size(), weighted ? "2" : "1");
                }
                long limit = parameters == null || parameters.isEmpty() ? 10 : ((Number) parameters.get(0)).longValue();
                if (limit < 1 || limit > 65536) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter of [" + name
                            + "] must be between 1 and 65536, got " + limit);
                }
                return new TopKAggregate(arguments.get(0), (int) limit, weighted);
            }
            case "quantiles", "quantilesExact", "quantileTDigest", "quantilesTDigest", "medianTDigest",
                    "quantileTiming", "quantilesTiming", "medianTiming", "medianExact" -> {
                if (arguments.size() != 1) {
                    throw Errors.argumentCount(name, arguments.size(), "1");
                }
                boolean many = name.startsWith("quantiles");
                QuantileVariants.Method method = name.contains("TDigest") ? QuantileVariants.Method.TDIGEST
                        : name.contains("Timing") ? QuantileVariants.Method.TIMING
                        : name.contains("Exact") ? QuantileVariants.Method.EXACT : QuantileVariants.Method.INTERPOLATED;
                if (method != QuantileVariants.Method.EXACT) {
                    numbers(name, arguments);
                }
                double[] levels;
                if (parameters == null || parameters.isEmpty()) {
                    if (many) {
                        throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Aggregate function [" + name
                                + "] needs levels, e.g. " + name + "(0.5, 0.9)(x)");
                    }
                    levels = new double[] {0.5};
                } else {
                    levels = new double[parameters.size()];
                    for (int i = 0; i < levels.length; i++) {
                        levels[i] = ((Number) parameters.get(i)).doubleValue();
                        if (levels[i] < 0 || levels[i] > 1) {
                            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Quantile level must be in [0, 1], got "
                                    + levels[i]);
                        }
                    }
                }
                return new QuantileVariants(arguments.get(0), method, levels, many);
            }
            case "sumMap" -> {
                return MapAggregate.of(name, MapAggregate.Kind.SUM, arguments);
            }
            case "minMap" -> {
                return MapAggregate.of(name, MapAggregate.Kind.MIN, arguments);
            }
            case "maxMap" -> {
                return MapAggregate.of(name, MapAggregate.Kind.MAX, arguments);
            }
            case "groupBitAnd", "groupBitOr", "groupBitXor" -> {
                if (arguments.size() != 1 || !Types.isInteger(arguments.get(0))) {
                    throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Aggregate function [" + name
                            + "] takes one integer argument");
                }
                return new BitAggregate(name, arguments.get(0));
            }
            case "avgWeighted" -> {
                if (arguments.size() != 2) {
                    throw Errors.argumentCount(name, arguments.size(), "2");
                }
                numbers(name, arguments);
                return new ObjectStateAggregate<double[]>(Types.FLOAT64) {
                    @Override
                    double[] newState() {
                        return new double[2];
                    }

                    @Override
                    void update(double[] state, Object[] values) {
                        double weight = ((Number) values[1]).doubleValue();
                        state[0] += ((Number) values[0]).doubleValue() * weight;
                        state[1] += weight;
                    }

                    @Override
                    Object result(double[] state) {
                        return state[0] / state[1];
                    }
                };
            }
            default -> throw new StarlingException(ErrorCode.UNKNOWN_AGGREGATE_FUNCTION, "Unknown aggregate function [" + name + "]");
        }
    }

    private static void numbers(String name, List<DataType> arguments) {
        for (DataType argument : arguments) {
            if (!Types.isNumber(argument)) {
                throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Aggregate function [" + name
                        + "] needs numbers, not " + argument.name());
            }
        }
    }

    /** groupBitAnd/Or/Xor over the integers of a group (And starts from all ones). */
    private static final class BitAggregate extends ObjectStateAggregate<long[]> {
        private final String name;
        private final DataType type;

        BitAggregate(String name, DataType type) {
            super(type);
            this.name = name;
            this.type = type;
        }

        @Override
        long[] newState() {
            return new long[] {name.equals("groupBitAnd") ? -1L : 0L, 0};
        }

        @Override
        void update(long[] state, Object[] values) {
            long value = ((Number) values[0]).longValue();
            state[0] = switch (name) {
                case "groupBitAnd" -> state[0] & value;
                case "groupBitOr" -> state[0] | value;
                default -> state[0] ^ value;
            };
            state[1] = 1;
        }

        @Override
        Object result(long[] state) {
            return state[1] == 0 ? 0L : Types.wrap(state[0], type);
        }
    }
}
