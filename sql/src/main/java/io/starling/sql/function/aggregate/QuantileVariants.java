package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.FloatType;
import java.util.ArrayList;
import java.util.List;

/**
 * The quantile family beyond quantile/quantileExact: several levels at once (quantiles, quantilesExact...),
 * quantileTDigest (ClickHouse's t-digest keeps every value as its own centroid on small inputs and interpolates
 * between centroid centres; Float32 result), quantileTiming (exact on small inputs, Float32), quantileExactLow /
 * quantileExactHigh and quantileDeterministic (the sampled quantile, exact on small inputs).
 */
final class QuantileVariants extends ObjectStateAggregate<List<Object>> {
    /** How a level is read from the sorted values. */
    enum Method { INTERPOLATED, EXACT, EXACT_LOW, EXACT_HIGH, TDIGEST, TIMING }

    private final Method method;
    private final double[] levels;
    private final boolean many;

    QuantileVariants(DataType input, Method method, double[] levels, boolean many) {
        super(resultType(input, method, many));
        this.method = method;
        this.levels = levels;
        this.many = many;
    }

    private static DataType resultType(DataType input, Method method, boolean many) {
        DataType one = switch (method) {
            case INTERPOLATED -> Types.FLOAT64;
            case TDIGEST, TIMING -> FloatType.FLOAT32;
            default -> input;
        };
        return many ? new ArrayType(one) : one;
    }

    @Override
    List<Object> newState() {
        return new ArrayList<>();
    }

    @Override
    void update(List<Object> state, Object[] values) {
        state.add(values[0]);
    }

    @Override
    Object result(List<Object> state) {
        List<Object> sorted = new ArrayList<>(state);
        sorted.sort(ObjectOrder::compare);
        if (!many) {
            return level(sorted, levels[0]);
        }
        List<Object> out = new ArrayList<>(levels.length);
        for (double level : levels) {
            out.add(level(sorted, level));
        }
        return out;
    }

    private Object level(List<Object> sorted, double level) {
        int n = sorted.size();
        if (n == 0) {
            return switch (method) {
                case INTERPOLATED, TDIGEST -> Double.NaN;
                case TIMING -> 0.0;
                default -> sorted.isEmpty() && resultType() instanceof FloatType ? (Object) Double.NaN : (Object) 0L;
            };
        }
        return switch (method) {
            case INTERPOLATED -> {
                double position = level * (n - 1);
                int lower = (int) Math.floor(position);
                int upper = Math.min(lower + 1, n - 1);
                double a = number(sorted.get(lower));
                double b = number(sorted.get(upper));
                yield a + (position - lower) * (b - a);
            }
            case EXACT, TIMING -> {
                Object value = sorted.get((int) Math.min(n - 1, Math.floor(level * n)));
                yield method == Method.TIMING ? (Object) number(value) : value;
            }
            case EXACT_LOW -> sorted.get((int) Math.max(0, Math.min(n - 1, Math.ceil(level * n) - 1)));
            case EXACT_HIGH -> sorted.get((int) Math.min(n - 1, Math.floor(level * n)));
            case TDIGEST -> tdigest(sorted, level);
        };
    }

    /** Centroid i (one value each) sits at cumulative position i + 0.5; interpolate between neighbouring centres. */
    private static double tdigest(List<Object> sorted, double level) {
        int n = sorted.size();
        double x = level * n;
        if (x <= 0.5 || n == 1) {
            return (float) number(sorted.get(0));
        }
        if (x >= n - 0.5) {
            return (float) number(sorted.get(n - 1));
        }
        int left = (int) Math.floor(x - 0.5);
        double fraction = x - 0.5 - left;
        double a = (float) number(sorted.get(left));
        double b = (float) number(sorted.get(left + 1));
        return (float) (a + fraction * (b - a));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
