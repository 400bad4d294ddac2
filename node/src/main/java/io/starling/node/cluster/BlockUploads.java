package io.starling.node.cluster;

import com.google.protobuf.ByteString;
import io.starling.protocol.cluster.ReplicaHostCommand;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ReplicaStageRequest;
import io.starling.protocol.shardlog.ReplicaWriteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The sender's side of a block written on another node: Artery drops any message over its frame size (256 KiB), so
 * a bigger block is staged on the writer in pieces ({@link StagedBlocks}) and the write names the upload. A write
 * to this node, or of a small block, carries the block itself.
 */
final class BlockUploads {
    /** Bytes per piece: below Artery's 256 KiB frame with room for the envelope. */
    static final int PIECE_BYTES = 192 * 1024;
    /** Pieces per upload at most (a 1 GiB block). */
    static final int MAX_PIECES = (int) ((1L << 30) / PIECE_BYTES);

    private BlockUploads() {
    }

    /**
     * The write request for {@code bytes} once the writer can take it: with the block inline, or after every piece
     * was staged on the writer ({@code ask} sends a command to the writer's replica host and fails on a refusal).
     */
    static CompletionStage<ReplicaWriteRequest> prepare(ReplicaWriteRequest.Builder write, byte[] bytes, boolean local,
                                                       Function<Function<ActorRef<ReplicaHostReply>, ReplicaHostCommand>,
                                                               CompletionStage<ReplicaHostReply>> ask) {
        if (local || bytes.length <= PIECE_BYTES) {
            return CompletableFuture.completedFuture(write.setBlock(ByteString.copyFrom(bytes)).build());
        }
        int pieces = (bytes.length + PIECE_BYTES - 1) / PIECE_BYTES;
        if (pieces > MAX_PIECES) {
            return CompletableFuture.failedFuture(new io.starling.storage.error.StarlingException(
                    io.starling.storage.error.ErrorCode.TOO_LARGE_STRING_SIZE, "A block of " + bytes.length
                    + " bytes is too big to send to a replica; insert smaller batches"));
        }
        String uploadId = UUID.randomUUID().toString();
        List<CompletableFuture<ReplicaHostReply>> staged = new ArrayList<>(pieces);
        for (int index = 0; index < pieces; index++) {
            int from = index * PIECE_BYTES;
            ReplicaStageRequest piece = ReplicaStageRequest.newBuilder().setUploadId(uploadId).setIndex(index)
                    .setPiece(ByteString.copyFrom(bytes, from, Math.min(PIECE_BYTES, bytes.length - from))).build();
            staged.add(ask.apply(replyTo -> new ReplicaHostCommand.Stage(piece, replyTo)).toCompletableFuture());
        }
        return CompletableFuture.allOf(staged.toArray(CompletableFuture[]::new))
                .thenApply(done -> write.setUploadId(uploadId).setUploadPieces(pieces).build());
    }
}
