package io.starling.storage.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MergeSelectorTest {

    private static List<MergeSelector.Candidate> parts(String partition, long... sizes) {
        List<MergeSelector.Candidate> result = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            result.add(new MergeSelector.Candidate(new PartName(partition, i + 1, i + 1, 0), sizes[i]));
        }
        return result;
    }

    private static PartName name(String partition, long block) {
        return new PartName(partition, block, block, 0);
    }

    @Test
    void picksTheLongestBalancedRunOfAdjacentParts() {
        List<PartName> chosen = MergeSelector.select(parts("all", 1000, 10, 10, 10), Set.of(), 2, false);
        assertThat(chosen).containsExactly(name("all", 2), name("all", 3), name("all", 4));
    }

    @Test
    void aBigPartIsNotRewrittenForASmallOneUnlessForced() {
        assertThat(MergeSelector.select(parts("all", 1000, 10), Set.of(), 2, false)).isEmpty();
        assertThat(MergeSelector.select(parts("all", 1000, 10), Set.of(), 2, true)).hasSize(2);
    }

    @Test
    void runsNeverSpanAPartBeingMergedOrAPartitionBoundary() {
        List<MergeSelector.Candidate> all = new ArrayList<>(parts("a", 10, 10, 10));
        all.addAll(parts("b", 10));
        List<PartName> chosen = MergeSelector.select(all, Set.of(name("a", 2)), 2, true);
        assertThat(chosen).isEmpty();
        assertThat(MergeSelector.select(all, Set.of(), 2, false)).extracting(PartName::partitionId).containsOnly("a");
    }

    @Test
    void runsAreAtMostTenParts() {
        long[] sizes = new long[25];
        java.util.Arrays.fill(sizes, 5);
        assertThat(MergeSelector.select(parts("all", sizes), Set.of(), 3, false)).hasSize(MergeSelector.MAX_PARTS_PER_MERGE);
    }

    @Test
    void nothingToDoWithFewerPartsThanTheMinimum() {
        assertThat(MergeSelector.select(parts("all", 10, 10), Set.of(), 3, false)).isEmpty();
        assertThat(MergeSelector.select(List.of(), Set.of(), 2, true)).isEmpty();
    }
}
