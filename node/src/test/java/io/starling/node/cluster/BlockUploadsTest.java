package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.protocol.cluster.ReplicaHostCommand;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ReplicaWriteRequest;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Blocks over one Artery frame reach a remote writer in staged pieces and are joined there byte for byte. */
class BlockUploadsTest {
    private static final org.apache.pekko.actor.typed.ActorSystem<Void> SYSTEM = org.apache.pekko.actor.typed.ActorSystem
            .create(org.apache.pekko.actor.typed.javadsl.Behaviors.empty(), "block-uploads");
    /** Where the stage commands would answer (the tests answer them themselves). */
    private static final org.apache.pekko.actor.typed.ActorRef<ReplicaHostReply> REPLY_TO = SYSTEM.unsafeUpcast();

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        SYSTEM.terminate();
    }

    private final StagedBlocks staged = new StagedBlocks();
    private final List<ReplicaHostCommand.Stage> sent = new ArrayList<>();

    @Test
    void bigRemoteBlocksAreStagedInPiecesAndJoined() {
        byte[] bytes = random(1_000_000);
        ReplicaWriteRequest write = BlockUploads.prepare(ReplicaWriteRequest.newBuilder().setBlockNumber(7), bytes,
                false, this::deliver).toCompletableFuture().join();
        assertThat(sent).hasSize((bytes.length + BlockUploads.PIECE_BYTES - 1) / BlockUploads.PIECE_BYTES);
        assertThat(sent).allSatisfy(stage ->
                assertThat(stage.request().getPiece().size()).isLessThanOrEqualTo(BlockUploads.PIECE_BYTES));
        assertThat(write.getBlock().isEmpty()).isTrue();

        ReplicaWriteRequest joined = staged.resolve(write);
        assertThat(joined.getBlock().toByteArray()).isEqualTo(bytes);
        assertThat(joined.getBlockNumber()).isEqualTo(7);
        assertThat(staged.pending()).isZero();
        assertThatThrownBy(() -> staged.resolve(write)).isInstanceOf(StarlingException.class)
                .hasMessageContaining("retry the insert");
    }

    @Test
    void smallOrLocalBlocksTravelInline() {
        byte[] small = random(10_000);
        byte[] big = random(900_000);
        assertThat(BlockUploads.prepare(ReplicaWriteRequest.newBuilder(), small, false, this::deliver)
                .toCompletableFuture().join().getBlock().toByteArray()).isEqualTo(small);
        assertThat(BlockUploads.prepare(ReplicaWriteRequest.newBuilder(), big, true, this::deliver)
                .toCompletableFuture().join().getBlock().toByteArray()).isEqualTo(big);
        assertThat(sent).isEmpty();
    }

    @Test
    void mutationsStageTheirBlocksWhenTheyDoNotFitOneFrame() {
        List<byte[]> blocks = List.of(random(150_000), random(120_000), random(5));
        io.starling.protocol.shardlog.ReplicaMutateRequest mutate = BlockUploads.prepare(
                io.starling.protocol.shardlog.ReplicaMutateRequest.newBuilder().setKind("replace_all"), blocks, false,
                this::deliver).toCompletableFuture().join();
        assertThat(mutate.getBlocksCount()).isZero();
        assertThat(mutate.getStagedBlocksCount()).isEqualTo(3);
        io.starling.protocol.shardlog.ReplicaMutateRequest joined = staged.resolve(mutate);
        assertThat(joined.getStagedBlocksCount()).isZero();
        assertThat(joined.getBlocksList()).extracting(com.google.protobuf.ByteString::toByteArray)
                .containsExactlyElementsOf(blocks);
    }

    @Test
    void aMissingPieceFailsTheWrite() {
        byte[] bytes = random(500_000);
        ReplicaWriteRequest write = BlockUploads.prepare(ReplicaWriteRequest.newBuilder(), bytes, false, command -> {
            ReplicaHostCommand.Stage stage = (ReplicaHostCommand.Stage) command.apply(REPLY_TO);
            if (stage.request().getIndex() != 1) {
                staged.stage(stage.request());
            }
            return CompletableFuture.completedFuture(ReplicaHostReply.getDefaultInstance());
        }).toCompletableFuture().join();
        assertThatThrownBy(() -> staged.resolve(write)).isInstanceOf(StarlingException.class);
    }

    private CompletableFuture<ReplicaHostReply> deliver(
            java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<ReplicaHostReply>, ReplicaHostCommand> command) {
        ReplicaHostCommand.Stage stage = (ReplicaHostCommand.Stage) command.apply(REPLY_TO);
        sent.add(stage);
        staged.stage(stage.request());
        return CompletableFuture.completedFuture(ReplicaHostReply.getDefaultInstance());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
