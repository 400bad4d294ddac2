package io.starling.sql.function.aggregate;

import io.starling.sql.format.TypedText;
import io.starling.sql.function.conversion.Decimal256Casts;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.Int256;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
import io.starling.sql.function.Types;
import java.util.Arrays;

/**
 * sum(x) and avg(x) over Decimal(P, S) of any precision. As in ClickHouse, sum answers Decimal(38, S)
 * (Decimal128), or Decimal(76, S) (Decimal256) for a Decimal256 argument, and avg answers Float64. Sums are kept
 * exactly as 128-bit integers per group (high and low words in two arrays), or 256-bit integers (four words per
 * group in one array), wrapping on overflow like ClickHouse's; avg divides the exact sum only at the end.
 */
final class DecimalSumAggregate implements AggregateFunction {
    private final DecimalType sumType;
    private final boolean average;

    DecimalSumAggregate(DecimalType input, boolean average) {
        this.sumType = input.is256() ? DecimalType.decimal256(input.scale()) : DecimalType.decimal128(input.scale());
        this.average = average;
    }

    @Override
    public DataType resultType() {
        return average ? Types.FLOAT64 : sumType;
    }

    @Override
    public Accumulator newAccumulator() {
        if (sumType.is256()) {
            return new HugeSum();
        }
        return new Accumulator() {
            private long[] highs = new long[16];
            private long[] lows = new long[16];
            private long[] counts = new long[16];

            @Override
            public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                highs = Grow.longs(highs, groupCount);
                lows = Grow.longs(lows, groupCount);
                counts = Grow.longs(counts, groupCount);
                if (arguments[0] instanceof Int128Column wide) {
                    for (int i = 0; i < rows; i++) {
                        add(groupIds[i], wide.high(i), wide.low(i));
                    }
                } else {
                    LongColumn longs = (LongColumn) arguments[0];
                    for (int i = 0; i < rows; i++) {
                        long value = longs.getLong(i);
                        add(groupIds[i], value >> 63, value);
                    }
                }
                for (int i = 0; i < rows; i++) {
                    counts[groupIds[i]]++;
                }
            }

            private void add(int group, long high, long low) {
                long sumLow = lows[group] + low;
                long carry = Long.compareUnsigned(sumLow, lows[group]) < 0 ? 1 : 0;
                highs[group] += high + carry;
                lows[group] = sumLow;
            }

            @Override
            public Column result(int groupCount) {
                highs = Grow.longs(highs, groupCount);
                lows = Grow.longs(lows, groupCount);
                counts = Grow.longs(counts, groupCount);
                if (average) {
                    double[] out = new double[groupCount];
                    for (int g = 0; g < groupCount; g++) {
                        out[g] = TypedText.decimal128ToDouble(highs[g], lows[g], sumType) / counts[g];
                    }
                    return new DoubleColumn(Types.FLOAT64, out);
                }
                return new Int128Column(sumType, Arrays.copyOf(highs, groupCount), Arrays.copyOf(lows, groupCount));
            }
        };
    }

    /** Decimal256 sums: four words per group, added through one register. */
    private final class HugeSum implements Accumulator {
        private long[] words = new long[64];
        private long[] counts = new long[16];
        private final Int256 sum = new Int256();
        private final Int256 value = new Int256();

        @Override
        public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
            words = Grow.longs(words, groupCount * 4);
            counts = Grow.longs(counts, groupCount);
            StringColumn column = (StringColumn) arguments[0];
            for (int i = 0; i < rows; i++) {
                int group = groupIds[i];
                sum.readWords(words, group * 4).add(value.read(column, i)); // wraps on overflow
                sum.writeWords(words, group * 4);
                counts[group]++;
            }
        }

        @Override
        public Column result(int groupCount) {
            words = Grow.longs(words, groupCount * 4);
            counts = Grow.longs(counts, groupCount);
            if (average) {
                double[] out = new double[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    out[g] = Decimal256Casts.toDouble(sum.readWords(words, g * 4), sumType.scale()) / counts[g];
                }
                return new DoubleColumn(Types.FLOAT64, out);
            }
            ColumnBuilder builder = ColumnBuilder.forType(sumType, groupCount);
            for (int g = 0; g < groupCount; g++) {
                sum.readWords(words, g * 4).appendTo(builder);
            }
            return builder.build();
        }
    }
}
