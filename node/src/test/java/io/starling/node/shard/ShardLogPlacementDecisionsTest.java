package io.starling.node.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.ChangePlacementRequest;
import io.starling.protocol.shardlog.ClaimMergeLeaseRequest;
import io.starling.protocol.shardlog.CommitMergeRequest;
import io.starling.protocol.shardlog.PartsMerged;
import io.starling.protocol.shardlog.ShardLogEvent;
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
    private final List<ShardLogEvent> events = new java.util.ArrayList<>();
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
            case ShardLogDecisions.Decision.Persist persist -> {
                events.add(persist.event());
                yield persist.reply().apply(state.apply(persist.event()));
            }
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

    @Test
    void aDeadReplicaIsReplacedWithoutEverBeingCountedForPartsItLacks() {
        // b died. Inserts in the gap are held by a alone (b never records anything again).
        commitOn(a, 2, "k2", "all_2_2_0");
        // Replacement: c is added, b flagged leaving; the quorum size now counts three slots.
        assertThat(change(ChangePlacementRequest.newBuilder().setAdd(slot("c:1")).addMarkLeaving(b)
                .setReason("replace")).getAck().getOk()).isTrue();
        int c = index("c:1");
        commitOn(a, 3, "k3", "all_3_3_0");
        held(c, "all_3_3_0");
        assertThat(state.holdings().get("all_2_2_0")).as("b is never a holder of a gap insert").containsExactly(a);
        assertThat(state.holdings().get("all_3_3_0")).containsExactlyInAnyOrder(a, c);
        // b's acknowledged part must reach c before b goes.
        assertThat(change(ChangePlacementRequest.newBuilder().addRemove(b)).getAck().getErrorName())
                .isEqualTo("ABORTED");
        held(c, "all_1_1_0", "all_2_2_0");
        ShardLogReply removed = change(ChangePlacementRequest.newBuilder().addRemove(b).setReason("move done"));
        assertThat(removed.getAck().getOk()).as(removed.getAck().getErrorMessage()).isTrue();
        assertThat(state.placement()).extracting(ReplicaSlot::getNode).containsExactlyInAnyOrder("a:1", "c:1");
        assertThat(state.holdings().values()).allMatch(holders -> holders.equals(Set.of(a, c)));
        // b returns after that: it is no replica of the shard any more, so it can claim nothing.
        assertThat(run(ShardLogDecisions.recordHeld(state, RecordHeldRequest.newBuilder().setReplica(b)
                .addPartNames("all_1_1_0").build())).getAck().getErrorName()).isEqualTo("BAD_ARGUMENTS");
    }

    @Test
    void aPartOnlyTheDeadReplicaHoldsKeepsItInThePlacement() {
        // b took an insert and died before anybody fetched it.
        commitOn(b, 2, "k2", "all_2_2_0");
        change(ChangePlacementRequest.newBuilder().setAdd(slot("c:1")).addMarkLeaving(b).setReason("replace"));
        held(index("c:1"), "all_1_1_0");
        ShardLogReply refused = change(ChangePlacementRequest.newBuilder().addRemove(b));
        assertThat(refused.getAck().getErrorName()).isEqualTo("ABORTED");
        assertThat(refused.getAck().getErrorMessage()).contains("all_2_2_0");
        assertThat(state.placement()).extracting(ReplicaSlot::getNode).contains("b:1");

        // b is gone for good: the removal forgets the part, and its insert's dedup key, so a retry writes it anew.
        ShardLogReply forgotten = change(ChangePlacementRequest.newBuilder().addRemove(b).setForgetLost(true));
        assertThat(forgotten.getAck().getOk()).as(forgotten.getAck().getErrorMessage()).isTrue();
        assertThat(state.placement()).extracting(ReplicaSlot::getNode).containsExactlyInAnyOrder("a:1", "c:1");
        assertThat(state.holdings()).containsOnlyKeys("all_1_1_0");
        assertThat(state.committed("k2")).isEmpty();
        assertThat(state.committed("k1")).isPresent();
        ShardLogReply retry = run(ShardLogDecisions.allocate(state, AllocateRequest.newBuilder().setDedupKey("k2")
                .build()));
        assertThat(retry.getDuplicate()).isFalse();
        assertThat(retry.getBlockNumber()).isEqualTo(3);
        // Replayed from its events, the log forgets the same.
        ShardLogState replayed = new ShardLogState();
        events.forEach(replayed::apply);
        assertThat(replayed.holdings()).isEqualTo(state.holdings());
        assertThat(replayed.committed("k2")).isEmpty();
        assertThat(replayed.placement()).isEqualTo(state.placement());
    }

    @Test
    void forgettingNeverDropsAPartAStayingReplicaStillNeedsToFetchOrAMergeResult() {
        change(ChangePlacementRequest.newBuilder().setAdd(slot("c:1")).addMarkLeaving(b).setReason("replace"));
        // all_1_1_0 is held by a and b: c must fetch it first, forget_lost or not.
        assertThat(change(ChangePlacementRequest.newBuilder().addRemove(b).setForgetLost(true)).getAck()
                .getErrorName()).isEqualTo("ABORTED");
        assertThat(state.holdings()).containsKey("all_1_1_0");

        // b led a merge of it and died before the others applied it: they re-create it, so it is never forgotten.
        run(ShardLogDecisions.claimMergeLease(state, ClaimMergeLeaseRequest.newBuilder().setReplica(b).build(), 1_000));
        ShardLogReply merged = run(ShardLogDecisions.commitMerge(state, CommitMergeRequest.newBuilder().setHolder(b)
                .setMerge(PartsMerged.newBuilder().addSources("all_1_1_0").setResult("all_1_1_1")
                        .setResultChecksum("x")).build(), 1_000));
        assertThat(merged.getAck().getOk()).as(merged.getAck().getErrorMessage()).isTrue();
        assertThat(state.holdings().get("all_1_1_1")).containsExactly(b);
        assertThat(change(ChangePlacementRequest.newBuilder().addRemove(b).setForgetLost(true)).getAck()
                .getErrorName()).isEqualTo("ABORTED");
        held(a, "all_1_1_1");
        held(index("c:1"), "all_1_1_1");
        assertThat(change(ChangePlacementRequest.newBuilder().addRemove(b).setForgetLost(true)).getAck().getOk())
                .isTrue();
        assertThat(state.holdings().get("all_1_1_1")).containsExactlyInAnyOrder(a, index("c:1"));
    }

    private void commitOn(int holder, long block, String key, String part) {
        assertThat(run(ShardLogDecisions.allocate(state, AllocateRequest.newBuilder().setDedupKey(key).build()))
                .getBlockNumber()).isEqualTo(block);
        ShardLogReply committed = run(ShardLogDecisions.commit(state, CommitRequest.newBuilder().setBlockNumber(block)
                .setDedupKey(key).setHolder(holder).addPartNames(part).build()));
        assertThat(committed.getAck().getOk()).as(committed.getAck().getErrorMessage()).isTrue();
    }
}
