package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.DataType;

/** count() and count(x): rows per group (NULL arguments are skipped by the Null wrapper before this). */
final class CountAggregate implements AggregateFunction {
    @Override
    public DataType resultType() {
        return Types.UINT64;
    }

    @Override
    public Accumulator newAccumulator() {
        return new Accumulator() {
            private long[] counts = new long[16];

            @Override
            public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                counts = Grow.longs(counts, groupCount);
                for (int i = 0; i < rows; i++) {
                    counts[groupIds[i]]++;
                }
            }

            @Override
            public Column result(int groupCount) {
                counts = Grow.longs(counts, groupCount);
                return new LongColumn(Types.UINT64, java.util.Arrays.copyOf(counts, groupCount));
            }
        };
    }
}
