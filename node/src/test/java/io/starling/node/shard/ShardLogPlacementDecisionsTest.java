package io.starling.node.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.ChangePlacementRequest;
import io.starling.protocol.shardlog.ClaimMergeLeaseRequest;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.EnsurePlacementRequest;
import io.starling.protocol.shardlog.RecordHeldRequest;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogReply;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-placement in the ShardLog: a move adds the new replica, then removes the old one once it caught up. */
class ShardLogPlacementDecisionsTest {
    private ShardLogState state;
    private int a;
    private int b;

    @BeforeEach
    void placeTwoReplicas() {
        state = new ShardLogState();
        ShardLogReply placed = run(ShardLogDecisions.ensurePlacement(state, "t~0", EnsurePlacementRequest.newBuilder()
                .setReplicas(2).addCandidates(slot("a:1")).addCandidates(slot("b:1")).build()));
        assertThat(placed.getPlacementList()).hasSize(2);
        a = index("a:1");
        b = index("b:1");
        // One insert held by both replicas.
        run(ShardLogDecisions.allocate(state, AllocateRequest.newBuilder().setDedupKey("k1").build()));
        assertThat(run(ShardLogDecisions.commit(state, CommitRequest.newBuilder().setBlockNumber(1).setDedupKey("k1")
                .setHolder(a).addPartNames("all_1_1_0").build())).getAck().getOk()).isTrue();
        held(b, "all_1_1_0");
    }

    private static ReplicaSlot slot(String node) {
        return ReplicaSlot.newBuilder().setNode(node).setDataAddress(node.replace(":1", ":9")).build();
    }

    private int index(String node) {
        return state.placement().stream().filter(slot -> slot.getNode().equals(node)).findFirst().orElseThrow()
                .getIndex();
    }

    private ShardLogReply run(ShardLogDecisions.Decision decision) {
        return switch (decision) {
            case ShardLogDecisions.Decision.Persist persist -> persist.reply().apply(state.apply(persist.event()));
            case ShardLogDecisions.Decision.Reply reply -> reply.reply();
        };
    }

    private void held(int replica, String... parts) {
        assertThat(run(ShardLogDecisions.recordHeld(state, RecordHeldRequest.newBuilder().setReplica(replica)
                .addAllPartNames(List.of(parts)).build())).getAck().getOk()).isTrue();
    }

    private ShardLogReply change(ChangePlacementRequest.Builder request) {
        return run(ShardLogDecisions.changePlacement(state, request.setExpectedEpoch(state.placementEpoch()).build()));
    }

    @Test
    void aMoveAddsAFreshReplicaAndRemovesTheOldOneOnlyOnceTheNewOneHoldsTheParts() {
        long epoch = state.placementEpoch();
        ShardLogReply started = change(ChangePlacementRequest.newBuilder().setAdd(slot("c:1")).addMarkLeaving(b)
                .setReason("balance"));
        assertThat(started.getAck().getOk()).as(started.getAck().getErrorMessage()).isTrue();
        assertThat(started.getEpoch()).isEqualTo(epoch + 1);
        int c = index("c:1");
        assertThat(c).isEqualTo(2);
        assertThat(state.placement()).hasSize(3);
        assertThat(state.placement().stream().filter(ReplicaSlot::getLeaving).map(ReplicaSlot::getNode))
                .containsExactly("b:1");

        // c has nothing yet: removing b would leave the acknowledged part with one holder of the two it had.
        ShardLogReply early = change(ChangePlacementRequest.newBuilder().addRemove(b));
        assertThat(early.getAck().getErrorName()).isEqualTo("ABORTED");
        assertThat(state.placement()).hasSize(3);

        held(c, "all_1_1_0");
        ShardLogReply done = change(ChangePlacementRequest.newBuilder().addRemove(b).setReason("move done"));
        assertThat(done.getAck().getOk()).as(done.getAck().getErrorMessage()).isTrue();
        assertThat(state.placement()).extracting(ReplicaSlot::getNode).containsExactlyInAnyOrder("a:1", "c:1");
        assertThat(state.placementEpoch()).isEqualTo(epoch + 2);
        assertThat(state.holdings().get("all_1_1_0")).isEqualTo(Set.of(a, c));
    }

    @Test
    void aStaleEpochAndInvalidChangesAreRefused() {
        ChangePlacementRequest stale = ChangePlacementRequest.newBuilder().setExpectedEpoch(state.placementEpoch() - 1)
                .setAdd(slot("c:1")).build();
        assertThat(run(ShardLogDecisions.changePlacement(state, stale)).getAck().getErrorName()).isEqualTo("ABORTED");
        assertThat(change(ChangePlacementRequest.newBuilder().setAdd(slot("a:1"))).getAck().getErrorMessage())
                .contains("holds a replica");
        assertThat(change(ChangePlacementRequest.newBuilder().addRemove(a)).getAck().getErrorMessage())
                .contains("not leaving");
        assertThat(change(ChangePlacementRequest.newBuilder().addMarkLeaving(a).addMarkLeaving(b)).getAck()
                .getErrorMessage()).contains("no replica that stays");
        assertThat(change(ChangePlacementRequest.newBuilder().addMarkLeaving(7)).getAck().getErrorMessage())
                .contains("not in the placement");
        assertThat(state.placement()).hasSize(2).noneMatch(ReplicaSlot::getLeaving);
    }

    @Test
    void removedIndexesAreNeverReusedAndARemovedWriterCannotCommit() {
        change(ChangePlacementRequest.newBuilder().setAdd(slot("c:1")).addMarkLeaving(b));
        int c = index("c:1");
        held(c, "all_1_1_0");
        // b still writes under a block it allocated before the move completes.
        run(ShardLogDecisions.allocate(state, AllocateRequest.newBuilder().setDedupKey("k2").build()));
        assertThat(change(ChangePlacementRequest.newBuilder().addRemove(b)).getAck().getOk()).isTrue();
        ShardLogReply late = run(ShardLogDecisions.commit(state, CommitRequest.newBuilder().setBlockNumber(2)
                .setDedupKey("k2").setHolder(b).addPartNames("all_2_2_0").build()));
        assertThat(late.getAck().getErrorName()).as("the inserter retries anew").isEqualTo("ABORTED");
        // b comes back later: a new index, not its old one.
        assertThat(change(ChangePlacementRequest.newBuilder().setAdd(slot("b:1"))).getAck().getOk()).isTrue();
        assertThat(index("b:1")).isEqualTo(3).isNotEqualTo(b);
        assertThat(state.holdings().get("all_1_1_0")).doesNotContain(3);
    }

    @Test
    void aRemovedMergeLeaderLosesItsLease() {
        long now = 1_000;
        ShardLogReply lease = run(ShardLogDecisions.claimMergeLease(state, ClaimMergeLeaseRequest.newBuilder()
                .setReplica(b).build(), now));
        assertThat(lease.getMergeLeader()).isEqualTo(b);
        change(ChangePlacementRequest.newBuilder().setAdd(slot("c:1")).addMarkLeaving(b));
        held(index("c:1"), "all_1_1_0");
        change(ChangePlacementRequest.newBuilder().addRemove(b));
        assertThat(state.mergeLeader(now)).isEqualTo(-1);
    }
}
