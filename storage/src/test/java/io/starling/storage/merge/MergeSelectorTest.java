package io.starling.storage.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MergeSelectorTest {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    private static List<MergeSelector.Candidate> parts(String partition, long... sizes) {
        List<MergeSelector.Candidate> result = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            result.add(new MergeSelector.Candidate(new PartName(partition, i + 1, i + 1, 0), sizes[i]));
        }
        return result;
    }

    private static long[] repeat(long size, int count) {
        long[] sizes = new long[count];
        Arrays.fill(sizes, size);
        return sizes;
    }

    private static long[] concat(long[] first, long... rest) {
        long[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    /** What a table's background merges choose. */
    private static List<PartName> tiered(List<MergeSelector.Candidate> parts) {
        return MergeSelector.selectTiered(parts, Set.of(), 3, Long.MAX_VALUE);
    }

    private static PartName name(String partition, long block) {
        return new PartName(partition, block, block, 0);
    }

    @Test
    void sizeTieredPicksTheLongestBalancedRunOfAdjacentParts() {
        List<PartName> chosen = MergeSelector.select(parts("all", 1000, 10, 10, 10), Set.of(), 2, false);
        assertThat(chosen).containsExactly(name("all", 2), name("all", 3), name("all", 4));
        assertThat(MergeSelector.select(parts("all", repeat(5, 25)), Set.of(), 3, false))
                .hasSize(MergeSelector.MAX_PARTS_PER_MERGE);
        assertThat(MergeSelector.select(parts("all", 10, 10), Set.of(), 3, false)).isEmpty();
    }

    @Test
    void sizeTieredDoesNotRewriteABigPartForASmallOneUnlessForced() {
        assertThat(MergeSelector.select(parts("all", 1000, 10), Set.of(), 2, false)).isEmpty();
        assertThat(MergeSelector.select(parts("all", 1000, 10), Set.of(), 2, true)).hasSize(2);
    }

    @Test
    void smallPartsWaitUntilSixteenCanBeMergedAtOnce() {
        assertThat(tiered(parts("all", repeat(50 * KB, 15)))).isEmpty();
        assertThat(tiered(parts("all", repeat(50 * KB, 16)))).hasSize(16);
    }

    @Test
    void bigPartsMergeFewAtATime() {
        assertThat(tiered(parts("all", repeat(2L << 30, 3)))).isEmpty();
        assertThat(tiered(parts("all", repeat(2L << 30, 4)))).hasSize(4);
        // 32 MiB parts sit halfway (in log size) between the small and the large base: 10 of them are needed
        assertThat(tiered(parts("all", repeat(32 * MB, 9)))).isEmpty();
        assertThat(tiered(parts("all", repeat(32 * MB, 11)))).hasSize(11);
    }

    @Test
    void aBigPartIsNotRewrittenForSmallOnesUnlessForced() {
        List<MergeSelector.Candidate> all = parts("all", concat(new long[] {100 * MB}, repeat(MB, 20)));
        List<PartName> chosen = tiered(all);
        assertThat(chosen).hasSize(20).doesNotContain(name("all", 1));
        assertThat(MergeSelector.select(parts("all", 100 * MB, MB), Set.of(), 2, true)).hasSize(2);
    }

    @Test
    void manyPartsInAPartitionLowerTheBase() {
        // 40 parts of 1 GiB: pressure (32..64 parts) lowers the base from 4 to 3.5
        assertThat(tiered(parts("all", repeat(1L << 30, 40))))
                .hasSize(MergeSelector.MAX_TIERED_PARTS);
        assertThat(MergeSelector.base(1L << 30, 0, 0)).isEqualTo(4.0);
        assertThat(MergeSelector.base(1L << 30, 1, 0)).isEqualTo(2.0);
        assertThat(MergeSelector.base(50 * KB, 0.5, 0)).isEqualTo(9.0);
    }

    @Test
    void oldSmallPartsAreMergedEvenWhenFew() {
        List<MergeSelector.Candidate> young = new ArrayList<>();
        List<MergeSelector.Candidate> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PartName part = name("all", i + 1);
            young.add(new MergeSelector.Candidate(part, 50 * KB, 10_000));
            old.add(new MergeSelector.Candidate(part, 50 * KB, MergeSelector.AGE_FULL_MILLIS));
        }
        assertThat(tiered(young)).isEmpty();
        assertThat(tiered(old)).hasSize(5);
        // one young part in the run keeps it waiting; the older ones are merged without it
        old.set(4, new MergeSelector.Candidate(name("all", 5), 50 * KB, 0));
        assertThat(tiered(old)).hasSize(4).doesNotContain(name("all", 5));
    }

    @Test
    void runsNeverSpanAPartBeingMergedOrAPartitionBoundary() {
        List<MergeSelector.Candidate> all = new ArrayList<>(parts("a", 10, 10, 10));
        all.addAll(parts("b", 10));
        List<PartName> chosen = MergeSelector.select(all, Set.of(name("a", 2)), 2, true);
        assertThat(chosen).isEmpty();
        assertThat(MergeSelector.select(all, Set.of(), 2, true)).extracting(PartName::partitionId).containsOnly("a");
        List<MergeSelector.Candidate> many = new ArrayList<>(parts("a", repeat(10, 20)));
        many.addAll(parts("b", repeat(10, 20)));
        // a6..a20 are 15 parts, one short of a merge; b's 20 are merged
        assertThat(MergeSelector.selectTiered(many, Set.of(name("a", 5)), 3, Long.MAX_VALUE)).hasSize(20)
                .extracting(PartName::partitionId).containsOnly("b");
    }

    @Test
    void runsAreAtMostMaxPartsLongAndFitTheByteBudget() {
        assertThat(tiered(parts("all", repeat(5, 100))))
                .hasSize(MergeSelector.MAX_TIERED_PARTS);
        assertThat(MergeSelector.select(parts("all", repeat(5, 100)), Set.of(), 2, true))
                .hasSize(MergeSelector.MAX_PARTS_PER_MERGE);
        assertThat(MergeSelector.selectTiered(parts("all", repeat(10, 40)), Set.of(), 3, 200)).hasSize(20);
        // 40 parts lower the base to 12.5: 12 parts (the most 120 bytes hold) are not enough
        assertThat(MergeSelector.selectTiered(parts("all", repeat(10, 40)), Set.of(), 3, 120)).isEmpty();
    }

    @Test
    void nothingToDoWithFewerPartsThanTheMinimum() {
        assertThat(MergeSelector.select(parts("all", 10, 10), Set.of(), 3, true)).isEmpty();
        assertThat(MergeSelector.select(List.of(), Set.of(), 2, true)).isEmpty();
    }

    @Test
    void whileInsertsFlowOnlySmallRunsMergeUntilThePartitionIsFull() {
        // 40 fresh 1 MiB parts: the longest run (32 MiB) is small, so inserts flowing do not hold it back.
        assertThat(MergeSelector.selectTiered(parts("all", repeat(MB, 40)), Set.of(), 3, Long.MAX_VALUE, true))
                .hasSize(MergeSelector.MAX_TIERED_PARTS);
        // 40 parts of 20 MiB (earlier merges' results): merged when quiet, held while inserts flow.
        List<MergeSelector.Candidate> big = parts("all", repeat(20 * MB, 40));
        assertThat(MergeSelector.selectTiered(big, Set.of(), 3, Long.MAX_VALUE, false)).isNotEmpty();
        assertThat(MergeSelector.selectTiered(big, Set.of(), 3, Long.MAX_VALUE, true)).isEmpty();
        // From PRESSURE_FULL parts in the partition the usual rule applies again, so parts never pile up.
        List<MergeSelector.Candidate> full = parts("all", repeat(20 * MB, MergeSelector.PRESSURE_FULL));
        assertThat(MergeSelector.selectTiered(full, Set.of(), 3, Long.MAX_VALUE, true))
                .isEqualTo(MergeSelector.selectTiered(full, Set.of(), 3, Long.MAX_VALUE, false)).isNotEmpty();
    }

    @Test
    void whileInsertsFlowNeitherPartCountNorAgeLowersTheBase() {
        // Runs of 4 MiB parts need a weight of about 13.6, lowered when quiet by 48 parts (pressure) or by age.
        List<MergeSelector.Candidate> young = parts("all", repeat(4 * MB, 12));
        assertThat(MergeSelector.selectTiered(young, Set.of(), 3, Long.MAX_VALUE, true)).isEmpty();
        List<MergeSelector.Candidate> crowded = parts("all", repeat(4 * MB, 48));
        List<PartName> quiet = MergeSelector.selectTiered(crowded, Set.of(), 3, Long.MAX_VALUE, false);
        List<PartName> flowing = MergeSelector.selectTiered(crowded, Set.of(), 3, Long.MAX_VALUE, true);
        assertThat(flowing.size()).isGreaterThan(0).isLessThanOrEqualTo(quiet.size());
        List<MergeSelector.Candidate> old = new ArrayList<>();
        for (MergeSelector.Candidate part : young) {
            old.add(new MergeSelector.Candidate(part.name(), part.bytes(), MergeSelector.AGE_FULL_MILLIS));
        }
        assertThat(MergeSelector.selectTiered(old, Set.of(), 3, Long.MAX_VALUE, false)).isNotEmpty();
        assertThat(MergeSelector.selectTiered(old, Set.of(), 3, Long.MAX_VALUE, true)).isEmpty();
    }
}
