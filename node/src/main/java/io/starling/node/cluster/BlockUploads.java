package io.starling.node.cluster;

import com.google.protobuf.ByteString;
import io.starling.protocol.cluster.ReplicaHostCommand;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ReplicaStageRequest;
import io.starling.protocol.shardlog.ReplicaMutateRequest;
import io.starling.protocol.shardlog.ReplicaWriteRequest;
import io.starling.protocol.shardlog.StagedBlock;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
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

    /** Sends commands to the writer's replica host; the answer fails when the host refused. */
    interface Host extends Function<Function<ActorRef<ReplicaHostReply>, ReplicaHostCommand>,
            CompletionStage<ReplicaHostReply>> {
    }

    /** The write request for {@code bytes} once the writer can take it: with the block inline, or staged there. */
    static CompletionStage<ReplicaWriteRequest> prepare(ReplicaWriteRequest.Builder write, byte[] bytes, boolean local,
                                                       Host host) {
        if (local || bytes.length <= PIECE_BYTES) {
            return CompletableFuture.completedFuture(write.setBlock(ByteString.copyFrom(bytes)).build());
        }
        return stage(bytes, host).thenApply(staged ->
                write.setUploadId(staged.getUploadId()).setUploadPieces(staged.getPieces()).build());
    }

    /** The mutation request with its new rows' blocks inline, or (when they do not fit one frame) staged there. */
    static CompletionStage<ReplicaMutateRequest> prepare(ReplicaMutateRequest.Builder mutate, List<byte[]> blocks,
                                                        boolean local, Host host) {
        long total = 0;
        for (byte[] block : blocks) {
            total += block.length;
        }
        if (local || total <= PIECE_BYTES) {
            blocks.forEach(block -> mutate.addBlocks(ByteString.copyFrom(block)));
            return CompletableFuture.completedFuture(mutate.build());
        }
        List<CompletableFuture<StagedBlock>> staged = new ArrayList<>();
        for (byte[] block : blocks) {
            staged.add(stage(block, host).toCompletableFuture());
        }
        return CompletableFuture.allOf(staged.toArray(CompletableFuture[]::new)).thenApply(done -> {
            staged.forEach(upload -> mutate.addStagedBlocks(upload.join()));
            return mutate.build();
        });
    }

    /** Stages {@code bytes} on the host in pieces of at most {@link #PIECE_BYTES}; answers what names them. */
    static CompletionStage<StagedBlock> stage(byte[] bytes, Host host) {
        int pieces = Math.max(1, (bytes.length + PIECE_BYTES - 1) / PIECE_BYTES);
        if (pieces > MAX_PIECES) {
            return CompletableFuture.failedFuture(new StarlingException(ErrorCode.TOO_LARGE_STRING_SIZE,
                    "A block of " + bytes.length + " bytes is too big to send to a replica; insert smaller batches"));
        }
        String uploadId = UUID.randomUUID().toString();
        List<CompletableFuture<ReplicaHostReply>> sent = new ArrayList<>(pieces);
        for (int index = 0; index < pieces; index++) {
            int from = index * PIECE_BYTES;
            ReplicaStageRequest piece = ReplicaStageRequest.newBuilder().setUploadId(uploadId).setIndex(index)
                    .setPiece(ByteString.copyFrom(bytes, from, Math.min(PIECE_BYTES, bytes.length - from))).build();
            sent.add(host.apply(replyTo -> new ReplicaHostCommand.Stage(piece, replyTo)).toCompletableFuture());
        }
        StagedBlock staged = StagedBlock.newBuilder().setUploadId(uploadId).setPieces(pieces).build();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(done -> staged);
    }
}
