package io.starling.storage.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.IntegerType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stable sort permutations; the primitive-key fast paths must give exactly the order the generic comparator defines. */
class SortPermutationTest {

    @Test
    void matchesAStableReferenceSortOnRandomMultiColumnKeys() {
        List<ColumnDefinition> columns = TestBlocks.columns("a Int32", "b Nullable(String)", "seq Int64");
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            int rows = 1 + random.nextInt(500);
            List<List<Object>> data = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                data.add(TestBlocks.row((long) random.nextInt(5), random.nextInt(4) == 0 ? null : "s" + random.nextInt(3),
                        (long) i));
            }
            Block block = TestBlocks.block(columns, data);
            int[] permutation = SortPermutation.of(List.of(block.column(0), block.column(1)), rows);
            Block sorted = permutation == null ? block : block.select(permutation, rows);
            List<List<Object>> expected = new ArrayList<>(data);
            expected.sort(Comparator.comparing((List<Object> row) -> (Long) row.get(0))
                    .thenComparing(row -> (String) row.get(1), Comparator.nullsLast(Comparator.naturalOrder())));
            assertThat(TestBlocks.rows(sorted)).isEqualTo(expected);
        }
    }

    @Test
    void sortedInputNeedsNoPermutation() {
        List<ColumnDefinition> columns = TestBlocks.columns("a Int64");
        Block block = TestBlocks.block(columns, List.of(TestBlocks.row(1L), TestBlocks.row(1L), TestBlocks.row(2L)));
        assertThat(SortPermutation.of(List.of(block.column(0)), 3)).isNull();
    }

    @Test
    void singleLongKeySortsLargeInputs() {
        List<ColumnDefinition> columns = TestBlocks.columns("a Int64");
        Random random = new Random(5);
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            data.add(TestBlocks.row(random.nextLong()));
        }
        Block block = TestBlocks.block(columns, data);
        int[] permutation = SortPermutation.of(List.of(block.column(0)), data.size());
        List<List<Object>> sorted = TestBlocks.rows(block.select(permutation, data.size()));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat((Long) sorted.get(i - 1).get(0)).isLessThanOrEqualTo((Long) sorted.get(i).get(0));
        }
    }

    private static Column strings(DataType type, SplittableRandom random, int rows, int distinct) {
        ColumnBuilder builder = ColumnBuilder.forType(type, rows);
        for (int i = 0; i < rows; i++) {
            int value = random.nextInt(distinct);
            // Varying lengths and bytes >= 0x80, to check unsigned bytewise order.
            String text = (value % 3 == 0 ? "\u00e9" : "") + "t" + value + "x".repeat(value % 4);
            builder.appendString(text);
        }
        return builder.build();
    }

    private static void assertSortedStably(List<Column> keys, int rows) {
        int[] permutation = SortPermutation.of(keys, rows);
        if (permutation == null) {
            permutation = new int[rows];
            for (int i = 0; i < rows; i++) {
                permutation[i] = i;
            }
        }
        KeyComparator comparator = KeyComparator.forColumns(keys);
        Column[] columns = keys.toArray(new Column[0]);
        boolean[] seen = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            assertThat(seen[permutation[i]]).isFalse();
            seen[permutation[i]] = true;
            if (i > 0) {
                int order = comparator.compare(columns, permutation[i - 1], columns, permutation[i]);
                assertThat(order).as("rows %d and %d", permutation[i - 1], permutation[i]).isLessThanOrEqualTo(0);
                if (order == 0) {
                    assertThat(permutation[i - 1]).isLessThan(permutation[i]);
                }
            }
        }
    }

    @Test
    void sortsStringAndIntegerKeysLikeTheComparator() {
        SplittableRandom random = new SplittableRandom(3);
        for (int distinct : new int[] {1, 7, 300, 5000}) {
            int rows = 4000;
            Column tenants = strings(DataTypes.parse("String"), random, rows, distinct);
            long[] times = new long[rows];
            for (int i = 0; i < rows; i++) {
                times[i] = 1_700_000_000L + random.nextInt(50);
            }
            assertSortedStably(List.of(tenants, new LongColumn(DataTypes.parse("DateTime"), times)), rows);
            assertSortedStably(List.of(strings(DataTypes.parse("LowCardinality(String)"), random, rows, distinct)), rows);
        }
    }

    @Test
    void sortsWideAndUnsignedIntegersThatDoNotPack() {
        SplittableRandom random = new SplittableRandom(5);
        int rows = 3000;
        long[] unsigned = new long[rows];
        long[] signed = new long[rows];
        for (int i = 0; i < rows; i++) {
            unsigned[i] = random.nextInt(4) == 0 ? -random.nextInt(3) : random.nextInt(3);
            signed[i] = random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(3) : Long.MAX_VALUE - random.nextInt(3);
        }
        assertSortedStably(List.of(new LongColumn(IntegerType.UINT64, unsigned)), rows);
        assertSortedStably(List.of(new LongColumn(IntegerType.INT64, signed), new LongColumn(IntegerType.UINT64, unsigned)),
                rows);
    }

    @Test
    void answersNullForRowsAlreadyInOrder() {
        assertThat(SortPermutation.of(List.of(new LongColumn(IntegerType.INT64, new long[] {1, 2, 2, 5})), 4)).isNull();
    }
}
