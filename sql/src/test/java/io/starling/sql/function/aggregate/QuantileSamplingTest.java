package io.starling.sql.function.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * quantile() past its reservoir: the skip-based sampler must still draw a uniform sample, so levels of a large
 * shuffled input land near the true quantiles for every group, and small groups stay exact.
 */
class QuantileSamplingTest {
    @Test
    void largeGroupsAreSampledUniformlyAndSmallGroupsExactly() {
        int rows = 2_000_000;
        long[] values = new long[rows];
        int[] groups = new int[rows];
        Random random = new Random(11);
        for (int i = 0; i < rows; i++) {
            values[i] = random.nextInt(1_000_000);
            groups[i] = i % 1_000 == 0 ? 2 : (i & 1); // groups 0 and 1 are large, group 2 has 2,000 rows
        }
        double[] levels = {0.01, 0.5, 0.9, 0.99};
        for (double level : levels) {
            Accumulator accumulator = AggregateFunctions.resolve("quantile", List.of(io.starling.storage.type.IntegerType.UINT32), List.of(level), false)
                    .newAccumulator();
            int block = 65_536;
            for (int from = 0; from < rows; from += block) {
                int size = Math.min(block, rows - from);
                int[] ids = java.util.Arrays.copyOfRange(groups, from, from + size);
                Column column = new LongColumn(io.starling.storage.type.IntegerType.UINT32, java.util.Arrays.copyOfRange(values, from, from + size));
                accumulator.add(new Column[] {column}, ids, size, 3);
            }
            DoubleColumn result = (DoubleColumn) accumulator.result(3);
            for (int group = 0; group < 2; group++) {
                assertThat(result.getDouble(group)).as("level %s group %d", level, group)
                        .isCloseTo(level * 1_000_000, within(10_000.0));
            }
            long[] small = new long[2_000];
            int n = 0;
            for (int i = 0; i < rows; i++) {
                if (groups[i] == 2) {
                    small[n++] = values[i];
                }
            }
            java.util.Arrays.sort(small);
            double position = level * (n - 1);
            int lower = (int) Math.floor(position);
            double exact = small[lower] + (position - lower) * (small[Math.min(lower + 1, n - 1)] - small[lower]);
            assertThat(result.getDouble(2)).as("exact below the reservoir").isEqualTo(exact);
        }
    }
}
