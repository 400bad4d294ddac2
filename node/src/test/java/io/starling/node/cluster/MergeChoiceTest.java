package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeChoiceTest {
    private static final List<String> LIVE = List.of("p_1_1_0", "p_2_2_0", "p_3_3_0", "p_4_4_0", "q_5_5_0");

    private static Map<String, Long> held(String... parts) {
        Map<String, Long> bytes = new java.util.HashMap<>();
        for (String part : parts) {
            bytes.put(part, 100L);
        }
        return bytes;
    }

    @Test
    void mergesARunOfHeldPartsOfOnePartition() {
        MergeChoice.Choice choice = MergeChoice.choose(LIVE, held(LIVE.toArray(String[]::new)), List.of(), 1 << 20)
                .orElseThrow();
        assertThat(choice.sources()).containsExactly("p_1_1_0", "p_2_2_0", "p_3_3_0", "p_4_4_0");
        assertThat(choice.result()).isEqualTo("p_1_4_1");
        assertThat(choice.wholePartition()).isTrue();
    }

    @Test
    void aPartNotHeldLocallyOrABlockStillBeingInsertedSplitsRuns() {
        MergeChoice.Choice choice = MergeChoice.choose(LIVE, held("p_1_1_0", "p_2_2_0", "p_3_3_0", "q_5_5_0"),
                List.of(), 1 << 20).orElseThrow();
        assertThat(choice.sources()).containsExactly("p_1_1_0", "p_2_2_0", "p_3_3_0");
        assertThat(choice.wholePartition()).isFalse();
        // Block 2 is pending between parts 1 and 3: no run of 3 is left.
        List<String> gap = List.of("p_1_1_0", "p_3_3_0", "p_4_4_0");
        assertThat(MergeChoice.choose(gap, held(gap.toArray(String[]::new)), List.of(2L), 1 << 20)).isEmpty();
        assertThat(MergeChoice.choose(gap, held(gap.toArray(String[]::new)), List.of(), 1 << 20)).isPresent();
    }
}
