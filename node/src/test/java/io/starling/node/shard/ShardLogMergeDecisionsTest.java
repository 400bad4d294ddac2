package io.starling.node.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.ClaimMergeLeaseRequest;
import io.starling.protocol.shardlog.CommitDropRequest;
import io.starling.protocol.shardlog.CommitMergeRequest;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.EnsurePlacementRequest;
import io.starling.protocol.shardlog.GetLogRequest;
import io.starling.protocol.shardlog.LogEntry;
import io.starling.protocol.shardlog.PartsMerged;
import io.starling.protocol.shardlog.RangeDropped;
import io.starling.protocol.shardlog.RecordHeldRequest;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogReply;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Merges, the merge lease, abandoned blocks and drops as ShardLog decisions (no actors). */
class ShardLogMergeDecisionsTest {
    private static final long T0 = 1_000_000;
    private ShardLogState state;

    @BeforeEach
    void placeThreeReplicasAndInsertThreeParts() {
        state = new ShardLogState();
        EnsurePlacementRequest request = EnsurePlacementRequest.newBuilder().setReplicas(3)
                .addCandidates(slot("n1:1")).addCandidates(slot("n2:1")).addCandidates(slot("n3:1")).build();
        run(ShardLogDecisions.ensurePlacement(state, "t~0", request));
        for (int block = 1; block <= 3; block++) {
            insert(block, T0);
        }
    }

    private void insert(int block, long now) {
        assertThat(run(ShardLogDecisions.allocate(state, AllocateRequest.newBuilder().setDedupKey("k" + block).build(),
                now)).getBlockNumber()).isEqualTo(block);
        assertThat(ok(run(ShardLogDecisions.commit(state, CommitRequest.newBuilder().setBlockNumber(block)
                .setDedupKey("k" + block).setHolder(0).addPartNames(part(block, block, 0)).build())))).isTrue();
        for (int replica = 1; replica < 3; replica++) {
            run(ShardLogDecisions.recordHeld(state, RecordHeldRequest.newBuilder().setReplica(replica)
                    .addPartNames(part(block, block, 0)).build()));
        }
    }

    private static String part(long min, long max, int level) {
        return "all_" + min + "_" + max + "_" + level;
    }

    private static ReplicaSlot slot(String node) {
        return ReplicaSlot.newBuilder().setNode(node).setDataAddress(node).build();
    }

    private ShardLogReply run(ShardLogDecisions.Decision decision) {
        return switch (decision) {
            case ShardLogDecisions.Decision.Persist persist -> persist.reply().apply(state.apply(persist.event()));
            case ShardLogDecisions.Decision.Reply reply -> reply.reply();
        };
    }

    private static boolean ok(ShardLogReply reply) {
        return reply.getAck().getOk();
    }

    private ShardLogReply claim(int replica, long now) {
        return run(ShardLogDecisions.claimMergeLease(state, ClaimMergeLeaseRequest.newBuilder().setReplica(replica)
                .build(), now));
    }

    private ShardLogReply merge(int holder, long now, String result, String... sources) {
        return run(ShardLogDecisions.commitMerge(state, CommitMergeRequest.newBuilder().setHolder(holder)
                .setMerge(PartsMerged.newBuilder().addAllSources(List.of(sources)).setResult(result)
                        .setResultChecksum("abc")).build(), now));
    }

    @Test
    void theLogGrantsOneMergeLeaseAtATimeAndHandsItOverWhenItExpires() {
        assertThat(claim(1, T0).getMergeLeader()).isEqualTo(1);
        assertThat(claim(0, T0 + 1).getMergeLeader()).isEqualTo(1);
        assertThat(claim(2, T0 + ShardLogDecisions.LEASE_MILLIS - 1).getMergeLeader()).isEqualTo(1);
        // The leader renews while its lease lasts; once it stops, another replica takes over.
        assertThat(claim(1, T0 + ShardLogDecisions.LEASE_MILLIS - 1).getMergeLeader()).isEqualTo(1);
        long expired = T0 + 3 * ShardLogDecisions.LEASE_MILLIS;
        assertThat(claim(0, expired).getMergeLeader()).isEqualTo(0);
        assertThat(state.mergeLeader(expired)).isEqualTo(0);
    }

    @Test
    void aReplicaThatLacksLivePartsCannotTakeTheLease() {
        run(ShardLogDecisions.registerReplica(state, io.starling.protocol.shardlog.RegisterReplicaRequest.newBuilder()
                .setReplica(2).build()));   // came back with an empty disk
        assertThat(claim(2, T0).getMergeLeader()).isEqualTo(-1);
        assertThat(claim(0, T0).getMergeLeader()).isEqualTo(0);
    }

    @Test
    void onlyTheLeaderMergesAndOnlyLiveAdjacentParts() {
        claim(0, T0);
        assertThat(merge(1, T0, part(1, 3, 1), part(1, 1, 0), part(2, 2, 0), part(3, 3, 0)).getAck().getErrorName())
                .isEqualTo("ABORTED");
        // Skipping the middle part is not a merge of adjacent parts.
        assertThat(merge(0, T0, part(1, 3, 1), part(1, 1, 0), part(3, 3, 0)).getAck().getErrorName())
                .isEqualTo("ABORTED");
        assertThat(merge(0, T0, part(1, 3, 2), part(1, 1, 0), part(2, 2, 0), part(3, 3, 0)).getAck().getErrorName())
                .isEqualTo("BAD_ARGUMENTS");
        ShardLogReply merged = merge(0, T0, part(1, 3, 1), part(1, 1, 0), part(2, 2, 0), part(3, 3, 0));
        assertThat(ok(merged)).isTrue();
        assertThat(merged.getEntryIndex()).isEqualTo(4);
        assertThat(state.holdings()).containsOnlyKeys(part(1, 3, 1));
        assertThat(state.holdings().get(part(1, 3, 1))).isEqualTo(Set.of(0));
        LogEntry entry = state.entries().get(3);
        assertThat(entry.getPartsMerged().getResultChecksum()).isEqualTo("abc");
        // The sources are gone: merging them again is refused.
        assertThat(merge(0, T0, part(1, 2, 1), part(1, 1, 0), part(2, 2, 0)).getAck().getErrorName())
                .isEqualTo("ABORTED");
    }

    @Test
    void aBlockStillBeingInsertedStopsMergesAndAnAbandonedOneIsFenced() {
        run(ShardLogDecisions.allocate(state, AllocateRequest.newBuilder().setDedupKey("k4").build(), T0));   // 4
        insert(5, T0);
        claim(0, T0);
        ShardLogReply log = run(ShardLogDecisions.getLog(state, GetLogRequest.getDefaultInstance(), T0 + 10));
        assertThat(log.getPendingBlocksList()).containsExactly(4L);
        assertThat(merge(0, T0 + 10, part(3, 5, 1), part(3, 3, 0), part(5, 5, 0)).getAck().getErrorName())
                .isEqualTo("ABORTED");

        long later = T0 + ShardLogDecisions.ABANDON_MILLIS + 1;
        claim(0, later);
        assertThat(run(ShardLogDecisions.getLog(state, GetLogRequest.getDefaultInstance(), later))
                .getPendingBlocksList()).isEmpty();
        assertThat(ok(merge(0, later, part(3, 5, 1), part(3, 3, 0), part(5, 5, 0)))).isTrue();
        assertThat(state.fenced(4)).isTrue();
        // The inserter of block 4 finally commits: refused, so its rows cannot hide inside the merged range.
        ShardLogReply late = run(ShardLogDecisions.commit(state, CommitRequest.newBuilder().setBlockNumber(4)
                .setDedupKey("k4").setHolder(1).addPartNames(part(4, 4, 0)).build()));
        assertThat(late.getAck().getErrorName()).isEqualTo("ABORTED");
    }

    @Test
    void aDropNamesLivePartsAndCommitsItsReplacementBlock() {
        long block = run(ShardLogDecisions.allocate(state, AllocateRequest.getDefaultInstance(), T0)).getBlockNumber();
        RangeDropped stale = RangeDropped.newBuilder().setReason("replace_all").addDroppedParts(part(9, 9, 0)).build();
        assertThat(run(ShardLogDecisions.commitDrop(state, CommitDropRequest.newBuilder().setDrop(stale).setHolder(0)
                .build(), T0)).getAck().getErrorName()).isEqualTo("ABORTED");

        RangeDropped replace = RangeDropped.newBuilder().setReason("replace_all").setBlockNumber(block)
                .addDroppedParts(part(1, 1, 0)).addDroppedParts(part(2, 2, 0)).addDroppedParts(part(3, 3, 0))
                .addReplacementParts(part(block, block, 0)).build();
        ShardLogReply dropped = run(ShardLogDecisions.commitDrop(state, CommitDropRequest.newBuilder().setDrop(replace)
                .setHolder(2).build(), T0));
        assertThat(ok(dropped)).isTrue();
        assertThat(dropped.getEntryIndex()).isEqualTo(4);
        assertThat(state.holdings()).containsOnlyKeys(part(block, block, 0));
        assertThat(state.holdings().get(part(block, block, 0))).isEqualTo(Set.of(2));
        assertThat(state.pending()).doesNotContainKey(block);
        assertThat(state.blockCommitted(block)).isTrue();
        // A truncate of an empty shard is an entry too (every replica applies it), with nothing to drop.
        ShardLogReply truncate = run(ShardLogDecisions.commitDrop(state, CommitDropRequest.newBuilder()
                .setDrop(RangeDropped.newBuilder().setReason("truncate").addDroppedParts(part(block, block, 0)))
                .setHolder(0).build(), T0));
        assertThat(ok(truncate)).isTrue();
        assertThat(state.holdings()).isEmpty();
    }
}
