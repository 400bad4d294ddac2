package io.starling.node.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.ChangePlacementRequest;
import io.starling.protocol.shardlog.ClaimMergeLeaseRequest;
import io.starling.protocol.shardlog.CommitMergeRequest;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.EnsurePlacementRequest;
import io.starling.protocol.shardlog.GetLogRequest;
import io.starling.protocol.shardlog.LogEntry;
import io.starling.protocol.shardlog.LogTruncatedEvent;
import io.starling.protocol.shardlog.PartsMerged;
import io.starling.protocol.shardlog.RecordHeldRequest;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogEvent;
import io.starling.protocol.shardlog.ShardLogReply;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Log truncation as ShardLog decisions (no actors): entries every live replica applied are dropped, a lagging one
 * keeps them, a silent one does not hold them back and is told to clone when it returns below the dropped entries.
 */
class ShardLogTruncationTest {
    private static final long T0 = 1_000_000;
    private static final ShardLogSettings SETTINGS = new ShardLogSettings(1000, 3, 10_000);
    private ShardLogState state;
    private ShardLogCursors cursors;

    @BeforeEach
    void placeThreeReplicasAndInsertTen() {
        state = new ShardLogState();
        cursors = new ShardLogCursors();
        run(ShardLogDecisions.ensurePlacement(state, "t~0", EnsurePlacementRequest.newBuilder().setReplicas(3)
                .addCandidates(slot("n1:1")).addCandidates(slot("n2:1")).addCandidates(slot("n3:1")).build()));
        for (int block = 1; block <= 10; block++) {
            insert(block);
        }
        assertThat(state.logLength()).isEqualTo(10);
    }

    private void insert(int block) {
        assertThat(run(ShardLogDecisions.allocate(state, AllocateRequest.newBuilder().setDedupKey("k" + block).build(),
                T0)).getBlockNumber()).isEqualTo(block);
        ShardLogReply committed = run(ShardLogDecisions.commit(state, CommitRequest.newBuilder().setBlockNumber(block)
                .setDedupKey("k" + block).setHolder(0).addPartNames(part(block, block, 0)).build()));
        assertThat(committed.getAck().getOk()).as(committed.toString()).isTrue();
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

    /** The catch-up read of the replica on {@code node}, which has applied the log up to {@code applied}. */
    private ShardLogReply sync(String node, long applied, long now) {
        return run(ShardLogDecisions.getLog(state, cursors, GetLogRequest.newBuilder().setFromIndex(applied + 1)
                .setReporterNode(node).setAppliedIndex(applied).build(), now, SETTINGS));
    }

    @Test
    void entriesEveryReplicaAppliedAreDroppedAndIndexesContinue() {
        sync("n1:1", 10, T0);
        sync("n2:1", 10, T0);
        assertThat(state.truncatedThrough()).as("replica 2 has not reported yet").isZero();
        ShardLogReply last = sync("n3:1", 10, T0);

        assertThat(state.truncatedThrough()).isEqualTo(10);
        assertThat(state.entries()).isEmpty();
        assertThat(state.logLength()).isEqualTo(10);
        assertThat(last.getTruncatedThrough()).isEqualTo(10);
        assertThat(last.getLogLength()).isEqualTo(10);
        assertThat(last.getClone()).isFalse();
        // Holdings and dedup keys do not depend on the entries: a retried insert is still a duplicate.
        assertThat(state.holdings()).hasSize(10);
        assertThat(run(ShardLogDecisions.allocate(state, AllocateRequest.newBuilder().setDedupKey("k4").build(), T0))
                .getDuplicate()).isTrue();

        insert(11);
        assertThat(state.entries()).extracting(LogEntry::getIndex).containsExactly(11L);
        ShardLogReply next = sync("n2:1", 10, T0 + 1);
        assertThat(next.getClone()).isFalse();
        assertThat(next.getEntriesList()).extracting(LogEntry::getIndex).containsExactly(11L);
        assertThat(next.getLogLength()).isEqualTo(11);
    }

    @Test
    void aLaggingReplicaKeepsTheEntriesItHasNotApplied() {
        sync("n1:1", 10, T0);
        sync("n2:1", 10, T0);
        sync("n3:1", 2, T0);
        assertThat(state.truncatedThrough()).as("fewer than a batch (3) below every cursor").isZero();

        ShardLogReply lagging = sync("n3:1", 6, T0 + 1);
        assertThat(state.truncatedThrough()).isEqualTo(6);
        assertThat(state.entries()).extracting(LogEntry::getIndex).containsExactly(7L, 8L, 9L, 10L);
        assertThat(lagging.getClone()).isFalse();
        assertThat(lagging.getEntriesList()).extracting(LogEntry::getIndex).containsExactly(7L, 8L, 9L, 10L);
    }

    @Test
    void aSilentReplicaDoesNotHoldTruncationBackAndIsToldToCloneWhenItReturns() {
        sync("n3:1", 2, T0);
        long later = T0 + SETTINGS.replicaSilentAfterMillis() + 1;
        sync("n1:1", 10, later);
        assertThat(state.truncatedThrough()).as("one fresh report is not a majority").isZero();
        sync("n2:1", 10, later);
        assertThat(state.truncatedThrough()).isEqualTo(10);

        ShardLogReply back = sync("n3:1", 2, later + 5);
        assertThat(back.getClone()).isTrue();
        assertThat(back.getEntriesList()).isEmpty();
        assertThat(back.getLogLength()).isEqualTo(10);
        assertThat(back.getHoldingsList()).hasSize(10);
        // A read that is not below the dropped entries (a head read, or a replica at the end) is no clone.
        assertThat(run(ShardLogDecisions.getLog(state, GetLogRequest.newBuilder().setFromIndex(Long.MAX_VALUE).build(),
                later)).getClone()).isFalse();
        assertThat(sync("n3:1", 10, later + 6).getClone()).isFalse();
    }

    @Test
    void reportsFromNodesOutsideThePlacementAreIgnoredAndCursorsAreCapped() {
        sync("n3:1", 10, T0);
        sync("n9:1", 10, T0);
        sync("n1:1", 10, T0);
        sync("n3:1", 0, T0);
        assertThat(state.truncatedThrough()).isZero();
        sync("n3:1", 10, T0);
        assertThat(state.truncatedThrough()).as("replica on n2 has not reported yet").isZero();
        sync("n2:1", 99, T0);   // a cursor beyond the log's end counts as its end
        int second = state.placement().stream().filter(slot -> slot.getNode().equals("n2:1")).findFirst()
                .orElseThrow().getIndex();
        assertThat(cursors.reported(second)).isEqualTo(10);
        assertThat(state.truncatedThrough()).isEqualTo(10);
    }

    @Test
    void theStateAfterTruncationSurvivesItsSnapshotAndMergeResultsStayKnown() {
        run(ShardLogDecisions.claimMergeLease(state, ClaimMergeLeaseRequest.newBuilder().setReplica(0).build(), T0));
        ShardLogReply merged = run(ShardLogDecisions.commitMerge(state, CommitMergeRequest.newBuilder().setHolder(0)
                .setMerge(PartsMerged.newBuilder().addSources(part(1, 1, 0)).addSources(part(2, 2, 0))
                        .setResult(part(1, 2, 1)).setResultChecksum("c")).build(), T0));
        assertThat(merged.getEntryIndex()).isEqualTo(11);
        for (String node : List.of("n1:1", "n2:1", "n3:1")) {
            sync(node, 11, T0);
        }
        assertThat(state.truncatedThrough()).isEqualTo(11);
        assertThat(state.isMergeResult(part(1, 2, 1))).as("its entry is dropped").isTrue();

        ShardLogState restored = ShardLogState.fromSnapshot(state.toSnapshot());
        assertThat(restored.toSnapshot()).isEqualTo(state.toSnapshot());
        assertThat(restored.truncatedThrough()).isEqualTo(11);
        assertThat(restored.logLength()).isEqualTo(11);
        assertThat(restored.isMergeResult(part(1, 2, 1))).isTrue();
        // A merge result only a removed replica held is not forgotten (replicas with its sources re-create it).
        state = restored;
        run(ShardLogDecisions.changePlacement(state, ChangePlacementRequest.newBuilder()
                .setExpectedEpoch(state.placementEpoch()).addMarkLeaving(0).build()));
        ShardLogReply removal = run(ShardLogDecisions.changePlacement(state, ChangePlacementRequest.newBuilder()
                .setExpectedEpoch(state.placementEpoch()).addRemove(0).setForgetLost(true).build()));
        assertThat(removal.getAck().getErrorName()).as(removal.toString()).isEqualTo("ABORTED");
        assertThat(state.holdings()).containsKey(part(1, 2, 1));
    }

    @Test
    void replayingATruncationPastTheEndOrBackwardsIsHarmless() {
        state.apply(ShardLogEvent.newBuilder().setLogTruncated(LogTruncatedEvent.newBuilder().setThroughIndex(4))
                .build());
        state.apply(ShardLogEvent.newBuilder().setLogTruncated(LogTruncatedEvent.newBuilder().setThroughIndex(2))
                .build());
        assertThat(state.truncatedThrough()).isEqualTo(4);
        assertThat(state.entriesFrom(1)).extracting(LogEntry::getIndex).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(state.entriesFrom(9)).extracting(LogEntry::getIndex).containsExactly(9L, 10L);
        assertThat(state.entriesFrom(11)).isEmpty();
        state.apply(ShardLogEvent.newBuilder().setLogTruncated(LogTruncatedEvent.newBuilder().setThroughIndex(50))
                .build());
        assertThat(state.truncatedThrough()).isEqualTo(10);
        assertThat(state.logLength()).isEqualTo(10);
    }
}
