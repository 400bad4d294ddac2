package io.starling.coordinator.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaPlacementTest {
    private static final List<String> NODES = List.of("10.0.0.1:25520", "10.0.0.2:25520", "10.0.0.3:25520",
            "10.0.0.4:25520", "10.0.0.5:25520");

    @Test
    void replicasOfAShardAreOnDistinctNodes() {
        for (int shard = 0; shard < 50; shard++) {
            List<String> chosen = ReplicaPlacement.choose("t_abc~" + shard, NODES, 3);
            assertThat(chosen).hasSize(3).doesNotHaveDuplicates();
            assertThat(NODES).containsAll(chosen);
        }
    }

    @Test
    void neverMoreReplicasThanDistinctNodes() {
        assertThat(ReplicaPlacement.choose("t~0", List.of("a:1", "b:1", "a:1"), 3)).containsExactlyInAnyOrder("a:1", "b:1");
    }

    @Test
    void choiceIsDeterministicWhateverTheInputOrder() {
        List<String> reversed = new ArrayList<>(NODES);
        java.util.Collections.reverse(reversed);
        assertThat(ReplicaPlacement.choose("t_x~0", reversed, 3)).isEqualTo(ReplicaPlacement.choose("t_x~0", NODES, 3));
    }

    @Test
    void removingAnUnchosenNodeDoesNotMoveReplicas() {
        List<String> chosen = ReplicaPlacement.choose("t_y~0", NODES, 2);
        List<String> fewer = new ArrayList<>(NODES);
        fewer.remove(NODES.stream().filter(node -> !chosen.contains(node)).findFirst().orElseThrow());
        assertThat(ReplicaPlacement.choose("t_y~0", fewer, 2)).isEqualTo(chosen);
    }

    @Test
    void shardsSpreadOverNodes() {
        Map<String, Integer> counts = new HashMap<>();
        for (int table = 0; table < 300; table++) {
            for (String node : ReplicaPlacement.choose("t_" + table + "~0", NODES, 1)) {
                counts.merge(node, 1, Integer::sum);
            }
        }
        assertThat(counts).hasSize(5);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(30, 90));
    }

    @Test
    void lessLoadedNodesArePreferred() {
        Map<String, Integer> load = Map.of("10.0.0.1:25520", 5, "10.0.0.2:25520", 5, "10.0.0.3:25520", 5);
        assertThat(ReplicaPlacement.choose("t_z~0", NODES, 2, load))
                .containsExactlyInAnyOrder("10.0.0.4:25520", "10.0.0.5:25520");
    }

    @Test
    void defaultsAndQuorum() {
        assertThat(ReplicaPlacement.defaultReplicas(1)).isEqualTo(1);
        assertThat(ReplicaPlacement.defaultReplicas(2)).isEqualTo(2);
        assertThat(ReplicaPlacement.defaultReplicas(7)).isEqualTo(3);
        assertThat(ReplicaPlacement.majority(1)).isEqualTo(1);
        assertThat(ReplicaPlacement.majority(2)).isEqualTo(2);
        assertThat(ReplicaPlacement.majority(3)).isEqualTo(2);
        assertThatThrownBy(() -> ReplicaPlacement.choose("t~0", List.of(), 1)).hasMessageContaining("No data node");
    }

    @Test
    void shardsOfATableSpreadOverTheNodes() {
        List<String> three = NODES.subList(0, 3);
        for (int table = 0; table < 20; table++) {
            List<List<String>> placement = ReplicaPlacement.chooseTable("t_" + table, three, 2, 2);
            assertThat(placement).hasSize(2);
            Map<String, Integer> load = new HashMap<>();
            for (List<String> shard : placement) {
                assertThat(shard).hasSize(2).doesNotHaveDuplicates();
                shard.forEach(node -> load.merge(node, 1, Integer::sum));
            }
            // Four replicas on three nodes: every node holds one or two, never zero.
            assertThat(load).hasSize(3);
            assertThat(load.values()).allMatch(count -> count >= 1 && count <= 2);
        }
        List<List<String>> single = ReplicaPlacement.chooseTable("t_x", three, 2, 1);
        assertThat(single.get(0)).doesNotContainAnyElementsOf(single.get(1));
        assertThat(ReplicaPlacement.chooseTable("t_x", three, 2, 1)).isEqualTo(single);
    }
}
