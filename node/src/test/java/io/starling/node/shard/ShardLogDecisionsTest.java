package io.starling.node.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.EnsurePlacementRequest;
import io.starling.protocol.shardlog.EntryAppendedEvent;
import io.starling.protocol.shardlog.GetLogRequest;
import io.starling.protocol.shardlog.LogEntry;
import io.starling.protocol.shardlog.PartsMerged;
import io.starling.protocol.shardlog.RangeDropped;
import io.starling.protocol.shardlog.RecordHeldRequest;
import io.starling.protocol.shardlog.RegisterReplicaRequest;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogEvent;
import io.starling.protocol.shardlog.ShardLogReply;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ShardLog's decisions over its state, without actors: persist-then-reply is simulated by {@link #run}. */
class ShardLogDecisionsTest {
    private ShardLogState state;

    @BeforeEach
    void placeThreeReplicas() {
        state = new ShardLogState();
        EnsurePlacementRequest request = EnsurePlacementRequest.newBuilder().setReplicas(3)
                .addCandidates(slot("n1:1", "n1:9")).addCandidates(slot("n2:1", "n2:9"))
                .addCandidates(slot("n3:1", "n3:9")).addCandidates(slot("n4:1", "n4:9")).build();
        ShardLogReply reply = run(ShardLogDecisions.ensurePlacement(state, "t~0", request));
        assertThat(reply.getPlacementList()).hasSize(3);
    }

    private static ReplicaSlot slot(String node, String data) {
        return ReplicaSlot.newBuilder().setNode(node).setDataAddress(data).build();
    }

    /** Applies a decision like the entity: the event (if any), then the reply of the new state. */
    private ShardLogReply run(ShardLogDecisions.Decision decision) {
        return switch (decision) {
            case ShardLogDecisions.Decision.Persist persist -> persist.reply().apply(state.apply(persist.event()));
            case ShardLogDecisions.Decision.Reply reply -> reply.reply();
        };
    }

    private ShardLogReply allocate(String key) {
        return run(ShardLogDecisions.allocate(state, AllocateRequest.newBuilder().setDedupKey(key).build()));
    }

    /** Allocates a block for {@code key} and commits it as part {@code all_B_B_0} held by replica 0; answers its name. */
    private String insert(String key) {
        long block = allocate(key).getBlockNumber();
        String part = "all_" + block + "_" + block + "_0";
        commit(block, key, 0, part);
        return part;
    }

    private ShardLogReply commit(long block, String key, int holder, String... parts) {
        return run(ShardLogDecisions.commit(state, CommitRequest.newBuilder().setBlockNumber(block).setDedupKey(key)
                .setHolder(holder).addAllPartNames(List.of(parts)).build()));
    }

    @Test
    void placementIsChosenOnceOnDistinctNodes() {
        List<ReplicaSlot> placement = state.placement();
        assertThat(placement).extracting(ReplicaSlot::getNode).doesNotHaveDuplicates();
        assertThat(placement).extracting(ReplicaSlot::getIndex).containsExactly(0, 1, 2);
        EnsurePlacementRequest other = EnsurePlacementRequest.newBuilder().setReplicas(1)
                .addCandidates(slot("n9:1", "n9:9")).build();
        assertThat(ShardLogDecisions.ensurePlacement(state, "t~0", other))
                .isInstanceOf(ShardLogDecisions.Decision.Reply.class);
        assertThat(run(ShardLogDecisions.ensurePlacement(state, "t~0", other)).getPlacementList()).isEqualTo(placement);
        assertThat(state.placementEpoch()).isEqualTo(1);
    }

    @Test
    void blockNumbersIncreaseAndAreNeverReused() {
        assertThat(allocate("token:a").getBlockNumber()).isEqualTo(1);
        assertThat(allocate("token:b").getBlockNumber()).isEqualTo(2);
        // Block 1 is abandoned (its writer died): the next one is still 3.
        commit(2, "token:b", 0, "all_2_2_0");
        assertThat(allocate("token:c").getBlockNumber()).isEqualTo(3);
    }

    @Test
    void aCommittedKeyIsADuplicateAtAllocationAndAtCommit() {
        long first = allocate("token:x").getBlockNumber();
        long racing = allocate("token:x").getBlockNumber();   // a concurrent retry before the first commit
        assertThat(racing).isNotEqualTo(first);
        ShardLogReply committed = commit(first, "token:x", 0, "all_1_1_0");
        assertThat(committed.getDuplicate()).isFalse();

        ShardLogReply lateCommit = commit(racing, "token:x", 1, "all_2_2_0");
        assertThat(lateCommit.getDuplicate()).isTrue();
        assertThat(lateCommit.getPartNamesList()).containsExactly("all_1_1_0");
        ShardLogReply retry = allocate("token:x");
        assertThat(retry.getDuplicate()).isTrue();
        assertThat(retry.getBlockNumber()).isEqualTo(first);
        assertThat(state.entries()).hasSize(1);
        assertThat(state.holdings()).containsOnlyKeys("all_1_1_0");
    }

    @Test
    void commitsOfUnallocatedOrCommittedBlocksAreRejected() {
        assertThat(commit(5, "k", 0, "all_5_5_0").getAck().getOk()).isFalse();
        allocate("k1");
        assertThat(commit(1, "k1", 7, "all_1_1_0").getAck().getErrorMessage()).contains("not in the placement");
        assertThat(commit(1, "k1", 0, "all_1_1_0").getAck().getOk()).isTrue();
        assertThat(commit(1, "k2", 0, "all_1_1_0").getAck().getErrorMessage()).contains("committed already");
    }

    @Test
    void holdingsGrowAsReplicasFetch() {
        allocate("k");
        commit(1, "k", 0, "p_1_1_0", "q_1_1_0");
        assertThat(state.holdings()).isEqualTo(Map.of("p_1_1_0", Set.of(0), "q_1_1_0", Set.of(0)));
        ShardLogReply held = run(ShardLogDecisions.recordHeld(state, RecordHeldRequest.newBuilder().setReplica(2)
                .addPartNames("p_1_1_0").addPartNames("q_1_1_0").addPartNames("gone_9_9_0").build()));
        assertThat(held.getAck().getOk()).isTrue();
        assertThat(state.holdings()).isEqualTo(Map.of("p_1_1_0", Set.of(0, 2), "q_1_1_0", Set.of(0, 2)));
        // Recording again changes nothing (no event).
        assertThat(ShardLogDecisions.recordHeld(state, RecordHeldRequest.newBuilder().setReplica(2)
                .addPartNames("p_1_1_0").build())).isInstanceOf(ShardLogDecisions.Decision.Reply.class);
    }

    @Test
    void aRegisteredIncarnationFencesStaleOnesAndReportsItsDisk() {
        insert("k");
        insert("k2");
        run(ShardLogDecisions.recordHeld(state, RecordHeldRequest.newBuilder().setReplica(1).addPartNames("all_1_1_0")
                .addPartNames("all_2_2_0").build()));
        // Replica 1 restarts having lost part 2 (its disk was restored from an old copy).
        ShardLogReply registered = run(ShardLogDecisions.registerReplica(state, RegisterReplicaRequest.newBuilder()
                .setReplica(1).addPartNames("all_1_1_0").addPartNames("unknown_7_7_0").build()));
        assertThat(registered.getEpoch()).isEqualTo(1);
        assertThat(state.holdings().get("all_2_2_0")).containsExactly(0);
        assertThat(state.holdings().get("all_1_1_0")).containsExactlyInAnyOrder(0, 1);
        run(ShardLogDecisions.registerReplica(state, RegisterReplicaRequest.newBuilder().setReplica(1).build()));

        ShardLogReply stale = run(ShardLogDecisions.recordHeld(state, RecordHeldRequest.newBuilder().setReplica(1)
                .setReplicaEpoch(1).addPartNames("all_2_2_0").build()));
        assertThat(stale.getAck().getOk()).isFalse();
        assertThat(stale.getAck().getErrorName()).isEqualTo("ABORTED");
        assertThat(state.holdings().get("all_2_2_0")).containsExactly(0);
    }

    @Test
    void mergedAndDroppedPartsLeaveTheHoldings() {
        insert("a");
        insert("b");
        state.apply(ShardLogEvent.newBuilder().setEntryAppended(EntryAppendedEvent.newBuilder().addHolders(0)
                .setEntry(LogEntry.newBuilder().setPartsMerged(PartsMerged.newBuilder().addSources("all_1_1_0")
                        .addSources("all_2_2_0").setResult("all_1_2_1")))).build());
        assertThat(state.holdings()).containsOnlyKeys("all_1_2_1");
        state.apply(ShardLogEvent.newBuilder().setEntryAppended(EntryAppendedEvent.newBuilder()
                .setEntry(LogEntry.newBuilder().setRangeDropped(RangeDropped.newBuilder().setMaxBlock(2)))).build());
        assertThat(state.holdings()).isEmpty();
        ShardLogReply log = run(ShardLogDecisions.getLog(state, GetLogRequest.newBuilder().setFromIndex(3).build()));
        assertThat(log.getEntriesList()).extracting(LogEntry::getIndex).containsExactly(3L, 4L);
        assertThat(log.getLogLength()).isEqualTo(4);
    }

    @Test
    void aTruncateOrWholeReplaceForgetsTheDedupKeysOfTheInsertsItDroppedButADeleteDoesNot() {
        insert("a");
        insert("b");
        // a delete rewrites all_1_1_0 (same blocks, new version): both inserts still have rows
        drop("delete_where", List.of("all_1_1_0"), List.of("all_1_1_1"));
        assertThat(state.committed("a")).isPresent();
        assertThat(state.committed("b")).isPresent();

        String third = insert("c");
        drop("truncate", List.of("all_1_1_1", "all_2_2_0"), List.of());
        assertThat(state.committed("a")).isEmpty();
        assertThat(state.committed("b")).isEmpty();
        assertThat(state.committed("c")).isPresent();   // committed before, but its part was not dropped
        assertThat(allocate("a").getDuplicate()).isFalse();

        drop("replace_all", List.of(third), List.of("all_9_9_0"));
        assertThat(state.committed("c")).isEmpty();
    }

    private void drop(String reason, List<String> dropped, List<String> replacements) {
        state.apply(ShardLogEvent.newBuilder().setEntryAppended(EntryAppendedEvent.newBuilder().addHolders(0)
                .setEntry(LogEntry.newBuilder().setRangeDropped(RangeDropped.newBuilder().setReason(reason)
                        .addAllDroppedParts(dropped).addAllReplacementParts(replacements)))).build());
    }
}
