package io.starling.node.cluster.query;

import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.query.FragmentBlock;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;

/**
 * The blocks of every shard's fragment, shard after shard. Each shard's stream ref is materialised when the read
 * starts, so every replica works at once while this reads them in order; the stream refs buffer only a few
 * elements (back-pressure), so memory stays bounded. A stream that breaks midway fails the query (retryable): its
 * blocks cannot be told apart from a second replica's. Closing cancels every shard's stream. One consumer.
 */
final class FragmentStream implements BlockStream {
    private final List<SinkQueueWithCancel<FragmentBlock>> queues;
    private final Instant deadline;
    private final String tableId;
    private int current;
    private boolean closed;

    FragmentStream(List<SinkQueueWithCancel<FragmentBlock>> queues, Instant deadline, String tableId) {
        this.queues = List.copyOf(queues);
        this.deadline = deadline;
        this.tableId = tableId;
    }

    @Override
    public Block next() {
        while (!closed && current < queues.size()) {
            Optional<FragmentBlock> element = pull(queues.get(current));
            if (element.isPresent()) {
                return EngineContracts.deserialize(bytes(element.get()));
            }
            current++;
        }
        return null;
    }

    /** The serialized block of {@code first}, joined with the pieces that follow it when it is {@code continued}. */
    private byte[] bytes(FragmentBlock first) {
        if (!first.getContinued()) {
            return first.getBlock().toByteArray();
        }
        com.google.protobuf.ByteString joined = first.getBlock();
        FragmentBlock piece = first;
        while (piece.getContinued()) {
            piece = pull(queues.get(current)).orElseThrow(() -> new StarlingException(
                    ErrorCode.ALL_CONNECTION_TRIES_FAILED, "The replica serving table [" + tableId + "] shard "
                    + current + " ended its stream inside a block. Retry the query"));
            joined = joined.concat(piece.getBlock());
        }
        return joined.toByteArray();
    }

    private Optional<FragmentBlock> pull(SinkQueueWithCancel<FragmentBlock> queue) {
        long millis = Duration.between(Instant.now(), deadline).toMillis();
        try {
            return queue.pull().toCompletableFuture().get(Math.max(1, millis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw DistributedReads.timeout(tableId);
        } catch (ExecutionException e) {
            close();
            throw new StarlingException(ErrorCode.ALL_CONNECTION_TRIES_FAILED, "The replica serving table [" + tableId
                    + "] shard " + current + " stopped sending its rows: " + e.getCause() + ". Retry the query", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "The query was cancelled");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int shard = current; shard < queues.size(); shard++) {
            queues.get(shard).cancel();
        }
    }
}
