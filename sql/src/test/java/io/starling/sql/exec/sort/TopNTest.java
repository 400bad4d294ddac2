package io.starling.sql.exec.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The heap's first n rows are exactly the first n of the stable merge sort, ties in input order included. */
class TopNTest {
    @Test
    void matchesTheStableSortPrefixWithManyTies() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int rows = 2 + random.nextInt(500);
            int[] keys = new int[rows];
            int distinct = 1 + random.nextInt(20);
            for (int i = 0; i < rows; i++) {
                keys[i] = random.nextInt(distinct);
            }
            IntMergeSort.IntComparator order = (left, right) -> Integer.compare(keys[right], keys[left]); // descending
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) {
                all[i] = i;
            }
            IntMergeSort.sort(all, order);
            int n = 1 + random.nextInt(rows - 1);
            assertThat(TopN.select(rows, n, order)).as("rows %d, n %d", rows, n).isEqualTo(Arrays.copyOf(all, n));
        }
    }
}
