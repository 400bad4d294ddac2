package io.starling.storage.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
}
