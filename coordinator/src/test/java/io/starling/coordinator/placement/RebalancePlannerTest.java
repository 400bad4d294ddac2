package io.starling.coordinator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.coordinator.placement.RebalancePlanner.Move;
import io.starling.coordinator.placement.RebalancePlanner.ShardReplicas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RebalancePlannerTest {

    private static ShardReplicas shard(String key, String... nodes) {
        return new ShardReplicas(key, List.of(nodes), false);
    }

    @Test
    void aJoiningNodeReceivesItsShareFromTheLoadedNodes() {
        List<ShardReplicas> shards = List.of(shard("t~0", "a", "b"), shard("t~1", "a", "b"), shard("t~2", "a", "b"));
        List<Move> moves = RebalancePlanner.plan(shards, List.of("a", "b", "c"), Set.of(), 10);
        // 6 replicas on 3 nodes: two move to c, one from a and one from b, of different shards.
        assertThat(moves).hasSize(2);
        assertThat(moves).allMatch(move -> move.to().equals("c") && move.reason().equals(RebalancePlanner.BALANCE));
        assertThat(moves.stream().map(Move::from)).containsExactlyInAnyOrder("a", "b");
        assertThat(moves.stream().map(Move::shardKey).distinct()).hasSize(2);
        assertThat(loadsAfter(shards, moves)).containsEntry("a", 2).containsEntry("b", 2).containsEntry("c", 2);
    }

    @Test
    void balancedPlacementsAndTheMoveBudgetAreRespected() {
        assertThat(RebalancePlanner.plan(List.of(shard("t~0", "a", "b")), List.of("a", "b", "c"), Set.of(), 10))
                .as("loads 1,1,0 differ by one at most").isEmpty();
        List<ShardReplicas> shards = List.of(shard("t~0", "a", "b"), shard("t~1", "a", "b"), shard("t~2", "a", "b"));
        assertThat(RebalancePlanner.plan(shards, List.of("a", "b", "c"), Set.of(), 1)).hasSize(1);
        List<ShardReplicas> oneMoving = List.of(new ShardReplicas("t~0", List.of("a", "c"), true),
                shard("t~1", "a", "b"), shard("t~2", "a", "b"));
        assertThat(RebalancePlanner.plan(oneMoving, List.of("a", "b", "c"), Set.of(), 1))
                .as("the move under way uses the budget").isEmpty();
        List<Move> next = RebalancePlanner.plan(oneMoving, List.of("a", "b", "c"), Set.of(), 2);
        assertThat(next).hasSize(1);
        assertThat(next.get(0).shardKey()).isNotEqualTo("t~0");
        assertThat(next.get(0).to()).isEqualTo("c");
    }

    @Test
    void aDrainingNodeGivesEveryReplicaToNodesWithoutTheShard() {
        List<ShardReplicas> shards = List.of(shard("t~0", "a", "b"), shard("t~1", "b", "c"), shard("u~0", "b"));
        List<Move> moves = RebalancePlanner.plan(shards, List.of("a", "b", "c", "d"), Set.of("b"), 0);
        assertThat(moves).hasSize(3).allMatch(move -> move.from().equals("b") && move.reason().equals("leave"));
        for (Move move : moves) {
            ShardReplicas shard = shards.stream().filter(s -> s.shardKey().equals(move.shardKey())).findFirst()
                    .orElseThrow();
            assertThat(shard.nodes()).doesNotContain(move.to());
            assertThat(move.to()).isNotEqualTo("b");
        }
        // d had nothing: it takes the first shard's replica; loads end at most one apart.
        Map<String, Integer> after = loadsAfter(shards, moves);
        assertThat(after).doesNotContainKey("b");
        assertThat(after.values().stream().mapToInt(Integer::intValue).max().getAsInt()
                - after.values().stream().mapToInt(Integer::intValue).min().getAsInt()).isLessThanOrEqualTo(1);
    }

    @Test
    void aShardWithNoFreeNodeStaysAndDownNodesAreNotTargets() {
        List<ShardReplicas> shards = List.of(shard("t~0", "a", "b", "c"));
        assertThat(RebalancePlanner.plan(shards, List.of("a", "b", "c"), Set.of("c"), 5)).isEmpty();
        // d is not live: nothing goes there, and nothing moves off it either.
        List<ShardReplicas> withDown = List.of(shard("t~0", "a", "d"), shard("t~1", "a", "d"), shard("t~2", "a", "d"));
        List<Move> moves = RebalancePlanner.plan(withDown, List.of("a", "b"), Set.of(), 5);
        assertThat(moves).allMatch(move -> !move.to().equals("d") && !move.from().equals("d"));
        assertThat(moves).hasSize(1);
        assertThat(moves.get(0)).extracting(Move::from, Move::to).containsExactly("a", "b");
    }

    @Test
    void theSameInputPlansTheSameMoves() {
        List<ShardReplicas> shards = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            shards.add(shard("t" + i + "~0", "n1", "n2"));
        }
        List<Move> first = RebalancePlanner.plan(shards, List.of("n1", "n2", "n3", "n4"), Set.of(), 20);
        assertThat(RebalancePlanner.plan(shards, List.of("n4", "n3", "n2", "n1"), Set.of(), 20)).isEqualTo(first);
        Map<String, Integer> after = loadsAfter(shards, first);
        assertThat(after.values()).allMatch(load -> load == 6);
    }

    private static Map<String, Integer> loadsAfter(List<ShardReplicas> shards, List<Move> moves) {
        Map<String, Integer> load = new HashMap<>();
        for (ShardReplicas shard : shards) {
            List<String> nodes = new ArrayList<>(shard.nodes());
            for (Move move : moves) {
                if (move.shardKey().equals(shard.shardKey())) {
                    nodes.remove(move.from());
                    nodes.add(move.to());
                }
            }
            nodes.forEach(node -> load.merge(node, 1, Integer::sum));
        }
        return load;
    }
}
