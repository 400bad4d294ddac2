package io.starling.node.cluster;

import com.google.protobuf.ByteString;
import io.starling.protocol.shardlog.ReplicaMutateRequest;
import io.starling.protocol.shardlog.ReplicaStageRequest;
import io.starling.protocol.shardlog.StagedBlock;
import io.starling.protocol.shardlog.ReplicaWriteRequest;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writer's side of blocks too big for one Artery frame: their pieces ({@link ReplicaStageRequest}) are held
 * here until the {@link ReplicaWriteRequest} naming them arrives, which takes them. Pieces of an upload whose write
 * never comes (its sender died) are dropped after {@link #EXPIRE_NANOS}. Thread-safe.
 */
final class StagedBlocks {
    static final long EXPIRE_NANOS = 120_000_000_000L;

    private record Upload(ByteString[] pieces, long startedNanos) {
    }

    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    void stage(ReplicaStageRequest request) {
        long now = System.nanoTime();
        expire(now);
        if (request.getIndex() < 0 || request.getIndex() >= BlockUploads.MAX_PIECES) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Piece " + request.getIndex() + " of upload ["
                    + request.getUploadId() + "] is out of range");
        }
        Upload upload = uploads.computeIfAbsent(request.getUploadId(),
                id -> new Upload(new ByteString[BlockUploads.MAX_PIECES], now));
        synchronized (upload) {
            upload.pieces()[request.getIndex()] = request.getPiece();
        }
    }

    /** {@code request} with its block joined from the staged pieces (the request itself when it carries the block). */
    ReplicaWriteRequest resolve(ReplicaWriteRequest request) {
        if (request.getUploadId().isEmpty()) {
            return request;
        }
        return request.toBuilder().clearUploadId().clearUploadPieces()
                .setBlock(take(request.getUploadId(), request.getUploadPieces())).build();
    }

    /** {@code request} with its staged blocks joined and added to its inline ones. */
    ReplicaMutateRequest resolve(ReplicaMutateRequest request) {
        if (request.getStagedBlocksCount() == 0) {
            return request;
        }
        ReplicaMutateRequest.Builder joined = request.toBuilder().clearStagedBlocks();
        for (StagedBlock block : request.getStagedBlocksList()) {
            joined.addBlocks(take(block.getUploadId(), block.getPieces()));
        }
        return joined.build();
    }

    /** The upload's bytes, its pieces joined in order; fails when one is missing (the write must be retried). */
    private ByteString take(String uploadId, int pieces) {
        Upload upload = uploads.remove(uploadId);
        ByteString block = ByteString.EMPTY;
        if (upload != null) {
            synchronized (upload) {
                for (int i = 0; i < pieces && upload != null; i++) {
                    ByteString piece = i < upload.pieces().length ? upload.pieces()[i] : null;
                    if (piece == null) {
                        upload = null;
                    } else {
                        block = block.concat(piece);
                    }
                }
            }
        }
        if (upload == null) {
            throw new StarlingException(ErrorCode.ALL_CONNECTION_TRIES_FAILED, "The block of upload [" + uploadId
                    + "] did not arrive whole on this replica; retry the insert");
        }
        return block;
    }

    int pending() {
        return uploads.size();
    }

    private void expire(long now) {
        for (Iterator<Upload> it = uploads.values().iterator(); it.hasNext(); ) {
            if (now - it.next().startedNanos() > EXPIRE_NANOS) {
                it.remove();
            }
        }
    }
}
