package io.starling.storage.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulations of one partition under a stream of equal inserts, merged by {@link MergeSelector}
 * as the background merges call it ({@link MergeSelector#selectTiered}, {@code minParts} 3). They measure the write
 * amplification (bytes written by merges per byte inserted) and the most active parts seen, against the
 * size-tiered {@link MergeSelector#select} that background merges used before.
 */
class MergeSelectorSimulationTest {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    /** One simulated partition: part sizes in block order. */
    private record Outcome(double writeAmplification, int mostParts, int merges, int longestMerge) {
    }

    private interface Selector {
        List<PartName> select(List<MergeSelector.Candidate> parts);
    }

    private static final Selector CURRENT = parts -> MergeSelector.selectTiered(parts, Set.of(), 3, Long.MAX_VALUE);

    /** The size-tiered rule, which background merges used before. */
    private static final Selector EARLIER = parts -> MergeSelector.select(parts, Set.of(), 3, false);

    /**
     * {@code inserts} parts of {@code bytes} each; after each insert at most {@code mergesPerInsert} merges run
     * (Integer.MAX_VALUE: until the selector finds nothing, as when merges keep up).
     */
    private static Outcome simulate(Selector selector, int inserts, long bytes, int mergesPerInsert) {
        List<long[]> parts = new ArrayList<>();   // {minBlock, maxBlock, level, bytes}
        long written = 0;
        int most = 0;
        int merges = 0;
        int longest = 0;
        for (int block = 1; block <= inserts; block++) {
            parts.add(new long[] {block, block, 0, bytes});
            most = Math.max(most, parts.size());
            for (int round = 0; round < mergesPerInsert; round++) {
                List<MergeSelector.Candidate> candidates = new ArrayList<>();
                for (long[] part : parts) {
                    candidates.add(new MergeSelector.Candidate(
                            new PartName("all", part[0], part[1], (int) part[2]), part[3]));
                }
                List<PartName> chosen = selector.select(candidates);
                if (chosen.isEmpty()) {
                    break;
                }
                int from = indexOf(parts, chosen.get(0));
                long total = 0;
                int level = 0;
                for (int i = 0; i < chosen.size(); i++) {
                    assertThat(parts.get(from + i)[0]).isEqualTo(chosen.get(i).minBlock());
                    total += parts.get(from + i)[3];
                    level = Math.max(level, (int) parts.get(from + i)[2]);
                }
                long[] merged = {parts.get(from)[0], parts.get(from + chosen.size() - 1)[1], level + 1, total};
                parts.subList(from, from + chosen.size()).clear();
                parts.add(from, merged);
                written += total;
                merges++;
                longest = Math.max(longest, chosen.size());
            }
        }
        return new Outcome((double) written / ((double) inserts * bytes), most, merges, longest);
    }

    private static int indexOf(List<long[]> parts, PartName name) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i)[0] == name.minBlock()) {
                return i;
            }
        }
        throw new AssertionError("no part " + name);
    }

    @Test
    void sixHundredSeventyBulkInsertsRewriteEachRowLessThanTwice() {
        // the bulk NDJSON load: 10M rows in 8 MiB bodies is about 670 inserts of ~2 MiB parts
        Outcome earlier = simulate(EARLIER, 670, 2 * MB, Integer.MAX_VALUE);
        Outcome current = simulate(CURRENT, 670, 2 * MB, Integer.MAX_VALUE);
        assertThat(earlier.writeAmplification()).isBetween(4.0, 4.2);
        assertThat(current.writeAmplification()).isLessThan(1.9);
        assertThat(current.mostParts()).isLessThanOrEqualTo(30);
        assertThat(current.merges()).isLessThan(earlier.merges() / 4);
    }

    @Test
    void aLongStreamOfSmallInsertsKeepsFewPartsAndHalfTheRewrites() {
        // Events API group commits: ~50 KiB parts, 6,000 of them
        Outcome earlier = simulate(EARLIER, 6_000, 50 * KB, Integer.MAX_VALUE);
        Outcome current = simulate(CURRENT, 6_000, 50 * KB, Integer.MAX_VALUE);
        assertThat(earlier.writeAmplification()).isGreaterThan(5.5);
        assertThat(current.writeAmplification()).isLessThan(earlier.writeAmplification() / 2);
        assertThat(current.mostParts()).isLessThanOrEqualTo(40);
        assertThat(current.longestMerge()).isLessThanOrEqualTo(MergeSelector.MAX_TIERED_PARTS);
    }

    @Test
    void partCountsStayBoundedWhenMergesLag() {
        // one merge per insert at most (merges slower than inserts): the part-count pressure takes over
        for (long bytes : new long[] {50 * KB, 2 * MB, 64 * MB}) {
            Outcome current = simulate(CURRENT, 3_000, bytes, 1);
            assertThat(current.mostParts()).as("%d bytes per insert", bytes)
                    .isLessThanOrEqualTo(MergeSelector.PRESSURE_FULL);
        }
    }

    @Test
    void printFigures() {
        for (long bytes : new long[] {50 * KB, 2 * MB}) {
            for (int inserts : new int[] {670, 6_000}) {
                System.out.printf("%,d inserts of %,d bytes: earlier %s, current %s%n", inserts, bytes,
                        simulate(EARLIER, inserts, bytes, Integer.MAX_VALUE),
                        simulate(CURRENT, inserts, bytes, Integer.MAX_VALUE));
            }
        }
        assertThat(simulate(CURRENT, 16, 50 * KB, Integer.MAX_VALUE).merges()).isEqualTo(1);
    }
}
