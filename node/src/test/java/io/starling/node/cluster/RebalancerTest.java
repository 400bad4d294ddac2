package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.Holding;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogReply;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rebalancer's checks on a shard's log view, without a cluster. */
class RebalancerTest {
    private static ReplicaSlot slot(int index, String node, boolean leaving) {
        return ReplicaSlot.newBuilder().setIndex(index).setNode(node).setDataAddress(node + "0").setLeaving(leaving)
                .build();
    }

    private static Holding holding(String part, Integer... replicas) {
        return Holding.newBuilder().setPartName(part).addAllReplicas(List.of(replicas)).build();
    }

    @Test
    void theOldReplicaGoesOnlyOnceTheStayingOnesHoldEverySettledPart() {
        // a (0) stays, b (1) leaves, c (2) is new.
        ShardLogReply.Builder log = ShardLogReply.newBuilder().addPlacement(slot(0, "a", false))
                .addPlacement(slot(1, "b", true)).addPlacement(slot(2, "c", false))
                .addHoldings(holding("all_1_1_0", 0, 1));
        Set<String> live = Set.of("a", "b", "c");
        assertThat(Rebalancer.stayingInSync(log.build(), live)).as("c lacks an acknowledged part").isFalse();
        log.setHoldings(0, holding("all_1_1_0", 0, 1, 2));
        // A fresh insert held by its writer alone, and a merge result held by the leader alone, are on their way.
        log.addHoldings(holding("all_2_2_0", 1)).addHoldings(holding("all_3_4_1", 0));
        assertThat(Rebalancer.stayingInSync(log.build(), live)).isTrue();
        // A staying replica on a node that is down does not hold the move up; one in sync is needed though.
        ShardLogReply down = ShardLogReply.newBuilder().addPlacement(slot(0, "a", false))
                .addPlacement(slot(1, "b", true)).addPlacement(slot(2, "c", false))
                .addHoldings(holding("all_1_1_0", 1, 2)).build();
        assertThat(Rebalancer.stayingInSync(down, Set.of("b", "c"))).isTrue();
        assertThat(Rebalancer.stayingInSync(down.toBuilder().setHoldings(0, holding("all_1_1_0", 0, 1)).build(),
                Set.of("b", "c"))).as("c is live and lacks a settled part").isFalse();
    }

    @Test
    void aLeavingNodeKnowsWhichReplicasCannotMove() {
        TableSpec spec = TableSpec.newBuilder().setTableId("t").build();
        Rebalancer.ShardView everywhere = new Rebalancer.ShardView(spec, 0, ShardLogReply.newBuilder()
                .addPlacement(slot(0, "a", false)).addPlacement(slot(1, "b", false)).addPlacement(slot(2, "c", false))
                .build());
        Rebalancer.ShardView movable = new Rebalancer.ShardView(spec, 1, ShardLogReply.newBuilder()
                .addPlacement(slot(0, "a", false)).addPlacement(slot(1, "b", false)).build());
        Rebalancer.ShardView elsewhere = new Rebalancer.ShardView(spec, 2, ShardLogReply.newBuilder()
                .addPlacement(slot(0, "b", false)).addPlacement(slot(1, "c", false)).build());
        List<Rebalancer.ShardView> views = List.of(everywhere, movable, elsewhere);
        assertThat(Rebalancer.replicasOn(views, "a")).containsExactly("t~0", "t~1");
        assertThat(Rebalancer.stuckOn(views, "a", Set.of("a", "b", "c"), Set.of("a"))).containsExactly("t~0");
        // Once c leaves too, t~1 has nowhere to go either.
        assertThat(Rebalancer.stuckOn(views, "a", Set.of("a", "b", "c"), Set.of("a", "c")))
                .containsExactly("t~0", "t~1");
    }

    @Test
    void aPlacedNodeIsDeadOnlyAfterBeingGoneForTheWholeGracePeriod() {
        java.util.Map<String, Long> absent = new java.util.HashMap<>();
        Set<String> placed = Set.of("a", "b", "c");
        assertThat(Rebalancer.trackAbsence(absent, placed, Set.of("a", "b", "c"), 1_000, 500)).isEmpty();
        assertThat(Rebalancer.trackAbsence(absent, placed, Set.of("a", "b"), 2_000, 500)).as("c just went").isEmpty();
        assertThat(Rebalancer.trackAbsence(absent, placed, Set.of("a", "b"), 2_499, 500)).isEmpty();
        assertThat(Rebalancer.trackAbsence(absent, placed, Set.of("a", "b"), 2_500, 500)).containsExactly("c");
        // c returns (a new incarnation on its address): forgotten, and its next absence starts a new grace period.
        assertThat(Rebalancer.trackAbsence(absent, placed, Set.of("a", "b", "c"), 2_600, 500)).isEmpty();
        assertThat(absent).isEmpty();
        assertThat(Rebalancer.trackAbsence(absent, placed, Set.of("a", "b"), 2_700, 500)).isEmpty();
        assertThat(Rebalancer.trackAbsence(absent, placed, Set.of("a", "b"), 3_200, 500)).containsExactly("c");
        // A node no placement names any more is not tracked.
        assertThat(Rebalancer.trackAbsence(absent, Set.of("a", "b"), Set.of("a", "b"), 9_000, 500)).isEmpty();
        assertThat(absent).isEmpty();
    }

    @Test
    void theTargetReplicasComeFromTheTableOrTheClusterDefault() {
        TableSpec plain = TableSpec.newBuilder().setTableId("t").build();
        assertThat(Rebalancer.targetReplicas(plain)).isEqualTo(3);
        assertThat(Rebalancer.targetReplicas(plain.toBuilder().putSettings("starling_replicas", "2").build()))
                .isEqualTo(2);
        assertThat(Rebalancer.targetReplicas(plain.toBuilder().putSettings("starling_replicas", "x").build()))
                .as("a setting that does not parse never grows").isZero();
        // A quarantine table follows its data source.
        TableSpec owner = TableSpec.newBuilder().setTableId("t_1").putSettings("starling_replicas", "2").build();
        TableSpec quarantine = TableSpec.newBuilder().setTableId("t_1_quarantine").build();
        assertThat(Rebalancer.targetReplicas(quarantine, java.util.Map.of("t_1", owner))).isEqualTo(2);
        assertThat(Rebalancer.targetReplicas(quarantine, java.util.Map.of())).isEqualTo(3);
    }

    @Test
    void fetchesTryReplicasInTheGivenOrderAndNeverThisOne() {
        java.util.Map<Integer, String> addresses = new java.util.LinkedHashMap<>();
        addresses.put(2, "up:2");
        addresses.put(0, "up:0");
        addresses.put(1, "dead:1");
        assertThat(ReplicaNode.orderedSources(addresses, List.of(0, 1, 2), 2)).containsExactly("up:0", "dead:1");
        assertThat(ReplicaNode.orderedSources(addresses, List.of(1, 0), 3)).containsExactly("up:0", "dead:1");
    }
}
