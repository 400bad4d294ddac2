package io.starling.node.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.ClaimMergeLeaseRequest;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.EnsurePlacementRequest;
import io.starling.protocol.shardlog.RecordHeldRequest;
import io.starling.protocol.shardlog.RegisterReplicaRequest;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogSnapshot;
import java.util.List;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.Test;

/**
 * A ShardLog snapshot holds the whole state: the state rebuilt from it answers every question the original does,
 * decides the same, and the snapshot survives Pekko's serialization (the journal's snapshot store).
 */
class ShardLogSnapshotTest {
    @Test
    void aStateRebuiltFromItsSnapshotIsTheSame() {
        ShardLogState state = new ShardLogState();
        run(state, ShardLogDecisions.ensurePlacement(state, "t~0", EnsurePlacementRequest.newBuilder().setReplicas(2)
                .addCandidates(slot("n1:1")).addCandidates(slot("n2:1")).addCandidates(slot("n3:1")).build()));
        run(state, ShardLogDecisions.registerReplica(state, RegisterReplicaRequest.newBuilder().setReplica(0).build()));
        for (int i = 1; i <= 30; i++) {
            long block = run(state, ShardLogDecisions.allocate(state,
                    AllocateRequest.newBuilder().setDedupKey("token:" + i).build(), 1_000L * i)).getBlockNumber();
            if (i % 7 != 0) { // every 7th stays pending
                run(state, ShardLogDecisions.commit(state, CommitRequest.newBuilder().setBlockNumber(block)
                        .setDedupKey("token:" + i).setHolder(0).addPartNames("all_" + block + "_" + block + "_0")
                        .build()));
            }
            if (i % 3 == 0) {
                run(state, ShardLogDecisions.recordHeld(state, RecordHeldRequest.newBuilder().setReplica(1)
                        .addPartNames("all_" + block + "_" + block + "_0").build()));
            }
        }
        run(state, ShardLogDecisions.claimMergeLease(state, ClaimMergeLeaseRequest.newBuilder().setReplica(0).build(),
                50_000L));

        ShardLogSnapshot snapshot = state.toSnapshot();
        ShardLogState restored = ShardLogState.fromSnapshot(snapshot);
        assertThat(restored.toSnapshot()).isEqualTo(snapshot);
        assertThat(restored.placement()).isEqualTo(state.placement());
        assertThat(restored.entries()).isEqualTo(state.entries()).hasSizeGreaterThan(20);
        assertThat(restored.holdings()).isEqualTo(state.holdings());
        assertThat(restored.pending()).isEqualTo(state.pending()).isNotEmpty();
        assertThat(restored.committed("token:5")).isEqualTo(state.committed("token:5")).isPresent();
        assertThat(restored.lastBlock()).isEqualTo(30);
        assertThat(restored.mergeLeader(50_001L)).isEqualTo(state.mergeLeader(50_001L)).isZero();
        assertThat(restored.replicaEpoch(0)).isEqualTo(state.replicaEpoch(0)).isPositive();
        // The same decisions: a retried insert is a duplicate, the next block number follows on.
        assertThat(run(restored, ShardLogDecisions.allocate(restored,
                AllocateRequest.newBuilder().setDedupKey("token:4").build(), 99_000L)).getDuplicate()).isTrue();
        assertThat(run(restored, ShardLogDecisions.allocate(restored,
                AllocateRequest.newBuilder().setDedupKey("token:new").build(), 99_000L)).getBlockNumber()).isEqualTo(31);
    }

    @Test
    void snapshotsSurvivePekkoSerialization() throws Exception {
        ShardLogState state = new ShardLogState();
        run(state, ShardLogDecisions.ensurePlacement(state, "t~1", EnsurePlacementRequest.newBuilder().setReplicas(1)
                .addCandidates(slot("n1:1")).build()));
        ShardLogSnapshot snapshot = state.toSnapshot();
        ActorSystem system = ActorSystem.create("snapshot-serialization");
        try {
            Serialization serialization = SerializationExtension.get(system);
            var serializer = serialization.findSerializerFor(snapshot);
            byte[] bytes = serializer.toBinary(snapshot);
            Object back = serialization.deserialize(bytes, serializer.identifier(),
                    Serializers.manifestFor(serializer, snapshot)).get();
            assertThat(back).isEqualTo(snapshot);
        } finally {
            system.terminate();
        }
    }

    private static ReplicaSlot slot(String node) {
        return ReplicaSlot.newBuilder().setNode(node).setDataAddress(node + "9").build();
    }

    private static io.starling.protocol.shardlog.ShardLogReply run(ShardLogState state,
                                                                   ShardLogDecisions.Decision decision) {
        return switch (decision) {
            case ShardLogDecisions.Decision.Persist persist -> persist.reply().apply(state.apply(persist.event()));
            case ShardLogDecisions.Decision.Reply reply -> reply.reply();
        };
    }
}
