package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;

/**
 * varPop, varSamp, stddevPop, stddevSamp, covarPop, covarSamp and corr, from running sums of x, y, x², y² and xy
 * as ClickHouse's fast variants compute them; the -Stable variants use Welford's updates. Float64 results; an
 * empty group or a sample statistic of one row is nan.
 */
final class StatisticsAggregate extends ObjectStateAggregate<double[]> {
    /** Which statistic. */
    enum Kind { VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP, COVAR_POP, COVAR_SAMP, CORR }

    private final Kind kind;
    private final boolean stable;

    StatisticsAggregate(Kind kind, boolean stable) {
        super(Types.FLOAT64);
        this.kind = kind;
        this.stable = stable;
    }

    boolean twoArguments() {
        return kind == Kind.COVAR_POP || kind == Kind.COVAR_SAMP || kind == Kind.CORR;
    }

    /** [n, sum x, sum y, sum x², sum y², sum xy] or, when stable, [n, mean x, mean y, m2 x, m2 y, co-moment]. */
    @Override
    double[] newState() {
        return new double[6];
    }

    @Override
    void update(double[] s, Object[] values) {
        double x = ((Number) values[0]).doubleValue();
        double y = values.length > 1 ? ((Number) values[1]).doubleValue() : 0;
        if (stable) {
            s[0]++;
            double dx = x - s[1];
            double dy = y - s[2];
            s[1] += dx / s[0];
            s[2] += dy / s[0];
            s[3] += dx * (x - s[1]);
            s[4] += dy * (y - s[2]);
            s[5] += dx * (y - s[2]);
            return;
        }
        s[0]++;
        s[1] += x;
        s[2] += y;
        s[3] += x * x;
        s[4] += y * y;
        s[5] += x * y;
    }

    @Override
    Object result(double[] s) {
        double n = s[0];
        double m2x;
        double m2y;
        double co;
        if (stable) {
            m2x = s[3];
            m2y = s[4];
            co = s[5];
        } else {
            m2x = s[3] - s[1] * s[1] / n;
            m2y = s[4] - s[2] * s[2] / n;
            co = s[5] - s[1] * s[2] / n;
        }
        return switch (kind) {
            case VAR_POP -> n == 0 ? Double.NaN : Math.max(0, m2x) / n;
            case VAR_SAMP -> n <= 1 ? Double.NaN : Math.max(0, m2x) / (n - 1);
            case STDDEV_POP -> n == 0 ? Double.NaN : Math.sqrt(Math.max(0, m2x) / n);
            case STDDEV_SAMP -> n <= 1 ? Double.NaN : Math.sqrt(Math.max(0, m2x) / (n - 1));
            case COVAR_POP -> n == 0 ? Double.NaN : co / n;
            case COVAR_SAMP -> n <= 1 ? Double.NaN : co / (n - 1);
            case CORR -> n == 0 ? Double.NaN : stable ? co / Math.sqrt(m2x * m2y)
                    : (n * s[5] - s[1] * s[2]) / Math.sqrt((n * s[3] - s[1] * s[1]) * (n * s[4] - s[2] * s[2]));
        };
    }
}
