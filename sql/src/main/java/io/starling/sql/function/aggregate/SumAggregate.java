package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.DataType;
import java.util.Arrays;

/**
 * sum(x) and avg(x). Integer sums are Int64 (UInt64 for unsigned input) and wrap on overflow like
 * ClickHouse; float sums and every avg are Float64. avg of no rows is nan.
 */
final class SumAggregate implements AggregateFunction {
    private final DataType input;
    private final boolean average;

    SumAggregate(DataType input, boolean average) {
        this.input = input;
        this.average = average;
    }

    @Override
    public DataType resultType() {
        if (average || Types.isFloat(input)) {
            return Types.FLOAT64;
        }
        return Types.isSigned(input) ? Types.INT64 : Types.UINT64;
    }

    @Override
    public Accumulator newAccumulator() {
        boolean floating = Types.isFloat(input) || average;
        return new Accumulator() {
            private long[] longSums = new long[16];
            private double[] doubleSums = new double[16];
            private long[] counts = new long[16];

            @Override
            public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                counts = Grow.longs(counts, groupCount);
                if (floating) {
                    doubleSums = Grow.doubles(doubleSums, groupCount);
                    if (arguments[0] instanceof DoubleColumn doubles) {
                        for (int i = 0; i < rows; i++) {
                            doubleSums[groupIds[i]] += doubles.getDouble(i);
                        }
                    } else {
                        LongColumn longs = (LongColumn) arguments[0];
                        for (int i = 0; i < rows; i++) {
                            doubleSums[groupIds[i]] += Types.toDouble(longs.getLong(i), input);
                        }
                    }
                } else {
                    longSums = Grow.longs(longSums, groupCount);
                    LongColumn longs = (LongColumn) arguments[0];
                    long[] values = longs.rawValues();
                    int offset = longs.rawOffset();
                    for (int i = 0; i < rows; i++) {
                        longSums[groupIds[i]] += values[offset + i];
                    }
                }
                for (int i = 0; i < rows; i++) {
                    counts[groupIds[i]]++;
                }
            }

            @Override
            public Column result(int groupCount) {
                counts = Grow.longs(counts, groupCount);
                if (average) {
                    doubleSums = Grow.doubles(doubleSums, groupCount);
                    double[] out = new double[groupCount];
                    for (int g = 0; g < groupCount; g++) {
                        out[g] = doubleSums[g] / counts[g];
                    }
                    return new DoubleColumn(Types.FLOAT64, out);
                }
                if (floating) {
                    doubleSums = Grow.doubles(doubleSums, groupCount);
                    return new DoubleColumn(Types.FLOAT64, Arrays.copyOf(doubleSums, groupCount));
                }
                longSums = Grow.longs(longSums, groupCount);
                return new LongColumn(resultType(), Arrays.copyOf(longSums, groupCount));
            }
        };
    }
}
