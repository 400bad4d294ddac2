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

    @Test
    void aDeadNodesReplicasAreReplacedOnNodesWithoutTheShard() {
        // d died for good: its replicas go to live nodes that do not hold the shard, whatever the move budget.
        List<ShardReplicas> shards = List.of(shard("t~0", "a", "d"), shard("t~1", "b", "d"), shard("t~2", "a", "b"),
                shard("u~0", "d", "c"));
        List<Move> moves = RebalancePlanner.plan(shards, List.of("a", "b", "c"), Set.of(), Set.of("d"), 0);
        assertThat(moves).hasSize(3).allMatch(move -> move.from().equals("d")
                && move.reason().equals(RebalancePlanner.REPLACE) && !move.addsOnly());
        for (Move move : moves) {
            ShardReplicas shard = shards.stream().filter(s -> s.shardKey().equals(move.shardKey())).findFirst()
                    .orElseThrow();
            assertThat(shard.nodes()).doesNotContain(move.to());
        }
        assertThat(moves.stream().map(Move::shardKey)).containsExactlyInAnyOrder("t~0", "t~1", "u~0");
        // A node that is merely down (not dead) keeps its replicas: it may return and catch up.
        assertThat(RebalancePlanner.plan(shards, List.of("a", "b", "c"), Set.of(), Set.of(), 0)).isEmpty();
        // A shard whose move is under way waits; a shard with no free node keeps the dead slot.
        List<ShardReplicas> busy = List.of(new ShardReplicas("t~0", List.of("a", "c"), true),
                shard("t~1", "a", "b", "d"));
        assertThat(RebalancePlanner.plan(busy, List.of("a", "b", "c"), Set.of(), Set.of("d"), 0))
                .singleElement().satisfies(move -> assertThat(move).extracting(Move::shardKey, Move::from, Move::to)
                        .containsExactly("t~1", "d", "c"));
        assertThat(RebalancePlanner.plan(List.of(shard("t~0", "a", "b", "d")), List.of("a", "b"), Set.of(),
                Set.of("d"), 5)).isEmpty();
    }

    @Test
    void aShardBelowItsTargetGrowsBeforeLoadIsEvenedOut() {
        // Placed on one node with R=2; b and c joined. The under-replicated shards grow first.
        List<ShardReplicas> shards = List.of(new ShardReplicas("t~0", List.of("a"), false, 2),
                new ShardReplicas("t~1", List.of("a"), false, 2), new ShardReplicas("u~0", List.of("a"), false, 1),
                new ShardReplicas("v~0", List.of("a", "b"), false, 2));
        List<Move> moves = RebalancePlanner.plan(shards, List.of("a", "b", "c"), Set.of(), Set.of(), 2);
        assertThat(moves).hasSize(2).allMatch(move -> move.addsOnly() && move.reason().equals(RebalancePlanner.GROW));
        assertThat(moves.stream().map(Move::shardKey)).containsExactly("t~0", "t~1");
        // c has nothing, so it gets the first one; then b and c tie at one and the hash decides.
        assertThat(moves.get(0).to()).isEqualTo("c");
        assertThat(moves).allMatch(move -> !move.to().equals("a"));
        // The budget holds: one move under way leaves room for one growth.
        List<ShardReplicas> oneMoving = new ArrayList<>(shards);
        oneMoving.set(3, new ShardReplicas("v~0", List.of("a", "c"), true, 2));
        assertThat(RebalancePlanner.plan(oneMoving, List.of("a", "b", "c"), Set.of(), Set.of(), 2)).singleElement()
                .satisfies(move -> assertThat(move.reason()).isEqualTo(RebalancePlanner.GROW));
        // A target above the nodes there are: the shard takes every node and waits for more.
        List<Move> capped = RebalancePlanner.plan(List.of(new ShardReplicas("w~0", List.of("a", "b"), false, 3)),
                List.of("a", "b"), Set.of(), Set.of(), 5);
        assertThat(capped).isEmpty();
        // A draining node receives no new replica.
        List<Move> drain = RebalancePlanner.plan(List.of(new ShardReplicas("w~0", List.of("a"), false, 2)),
                List.of("a", "b"), Set.of("b"), Set.of(), 5);
        assertThat(drain).isEmpty();
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
