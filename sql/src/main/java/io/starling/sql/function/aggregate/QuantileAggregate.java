package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.DataType;
import java.util.Arrays;

/**
 * quantile(level)(x) / median(x) as ClickHouse computes it: a reservoir sample of at most 65536 values per group (ClickHouse keeps 8192; a larger sample keeps tail quantiles within a few percent)
 * (exact below that), then linear interpolation between the two nearest sampled values. The sampler's random
 * numbers come from a fixed seed, so a query gives the same answer on the same data in the same order.
 */
final class QuantileAggregate implements AggregateFunction {
    static final int RESERVOIR = 1 << 16;

    private final DataType input;
    private final double level;

    QuantileAggregate(DataType input, double level) {
        this.input = input;
        this.level = level;
    }

    @Override
    public DataType resultType() {
        return Types.FLOAT64;
    }

    @Override
    public Accumulator newAccumulator() {
        boolean unsigned = Types.base(input).name().startsWith("UInt");
        return new Accumulator() {
            private double[][] samples = new double[16][];
            private long[] seen = new long[16];
            private int[] filled = new int[16];
            private long random = 0x2545F4914F6CDD1DL;
            /** Sample values kept over all groups (each group keeps at most the reservoir): for memoryBytes. */
            private long kept;

            @Override
            public long memoryBytes() {
                // the arrays per group (seen, filled, sample reference) and the samples, grown by doubling
                return 20L * seen.length + 16L * kept;
            }

            @Override
            public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                samples = Grow.objects(samples, groupCount);
                seen = Grow.longs(seen, groupCount);
                if (filled.length < seen.length) {
                    filled = Arrays.copyOf(filled, seen.length);
                }
                Column column = arguments[0];
                if (column instanceof LongColumn longs) {
                    long[] values = longs.rawValues();
                    int offset = longs.rawOffset();
                    for (int i = 0; i < rows; i++) {
                        long value = values[offset + i];
                        insert(groupIds[i], unsigned && value < 0 ? unsignedToDouble(value) : (double) value);
                    }
                } else {
                    DoubleColumn doubles = (DoubleColumn) column;
                    double[] values = doubles.rawValues();
                    int offset = doubles.rawOffset();
                    for (int i = 0; i < rows; i++) {
                        insert(groupIds[i], values[offset + i]);
                    }
                }
            }

            private void insert(int group, double value) {
                double[] sample = samples[group];
                long count = ++seen[group];
                int size = filled[group];
                if (size < RESERVOIR) {
                    if (sample == null || sample.length == size) {
                        sample = sample == null ? new double[16] : Arrays.copyOf(sample, Math.min(RESERVOIR, size * 2));
                        samples[group] = sample;
                    }
                    sample[size] = value;
                    filled[group] = size + 1;
                    kept++;
                    return;
                }
                random ^= random << 13;
                random ^= random >>> 7;
                random ^= random << 17;
                // a uniform draw in [0, count) by multiply-high (Lemire): no 64-bit division per row
                long slot = Math.unsignedMultiplyHigh(random, count);
                if (slot < RESERVOIR) {
                    sample[(int) slot] = value;
                }
            }

            @Override
            public Column result(int groupCount) {
                samples = Grow.objects(samples, groupCount);
                if (filled.length < groupCount) {
                    filled = Arrays.copyOf(filled, groupCount);
                }
                double[] results = new double[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    int size = filled[g];
                    if (size == 0) {
                        results[g] = Double.NaN;
                        continue;
                    }
                    double[] sorted = Arrays.copyOf(samples[g], size);
                    Arrays.sort(sorted);
                    double position = level * (size - 1);
                    int lower = (int) Math.floor(position);
                    int upper = Math.min(lower + 1, size - 1);
                    results[g] = sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
                }
                return new DoubleColumn(Types.FLOAT64, results);
            }
        };
    }

    private static double unsignedToDouble(long value) {
        return (double) (value >>> 1) * 2.0 + (value & 1);
    }
}
