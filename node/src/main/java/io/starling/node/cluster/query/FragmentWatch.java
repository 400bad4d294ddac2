package io.starling.node.cluster.query;

import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Tells a replica still running a query fragment from one whose node died before the failure detector said so.
 * A fragment's reply comes only once the replica ran it, so its wait cannot be bounded below the query's deadline;
 * instead a fragment not answered within {@code probeAfter} has its node probed (a message the node answers at once),
 * and a probe not answered within {@code probeTimeout} gives the fragment up with a retryable error, so the caller
 * asks the next in-sync replica rather than waiting out the deadline. A node that missed a probe is asked last for
 * {@code silentFor}. A fragment answering after it was given up is discarded (its stream cancelled). Thread-safe.
 */
final class FragmentWatch {
    private final Function<String, CompletionStage<?>> probe;
    private final Duration probeAfter;
    private final Duration probeTimeout;
    private final long silentForNanos;
    /** Nodes that missed a probe, with the System.nanoTime until which they are asked last. */
    private final Map<String, Long> silentUntil = new ConcurrentHashMap<>();

    /** @param probe sends a probe to a node; completes when the node answered */
    FragmentWatch(Function<String, CompletionStage<?>> probe, Duration probeAfter, Duration probeTimeout,
                  Duration silentFor) {
        this.probe = probe;
        this.probeAfter = probeAfter;
        this.probeTimeout = probeTimeout;
        this.silentForNanos = silentFor.toNanos();
    }

    /**
     * {@code answer}, the fragment asked on {@code node}, or a failure (ALL_CONNECTION_TRIES_FAILED) when the node
     * misses a probe while the fragment is pending; a value answered after that goes to {@code discard}.
     */
    <T> CompletableFuture<T> watch(String node, CompletableFuture<T> answer, Consumer<T> discard) {
        CompletableFuture<T> result = new CompletableFuture<>();
        answer.whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (!result.complete(value)) {
                discard.accept(value);
            }
        });
        CompletableFuture.delayedExecutor(probeAfter.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (result.isDone()) {
                return;
            }
            probe.apply(node).toCompletableFuture()
                    .orTimeout(probeTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ignored, failure) -> {
                        if (failure != null && !result.isDone()) {
                            silentUntil.put(node, System.nanoTime() + silentForNanos);
                            result.completeExceptionally(new StarlingException(ErrorCode.ALL_CONNECTION_TRIES_FAILED,
                                    "Replica on node [" + node + "] did not answer a probe within "
                                            + probeTimeout.toMillis() + " ms while running the query fragment;"
                                            + " its node is taken for gone"));
                        }
                    });
        });
        return result;
    }

    /** True while {@code node} is asked last: it missed a probe within the last {@code silentFor}. */
    boolean isSilent(String node) {
        Long until = silentUntil.get(node);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until >= 0) {
            silentUntil.remove(node, until);
            return false;
        }
        return true;
    }

    /** {@code replicas} in the same order, except that those on silent nodes come last. */
    List<ReplicaSlot> silentLast(List<ReplicaSlot> replicas) {
        List<ReplicaSlot> ordered = new ArrayList<>(replicas.size());
        List<ReplicaSlot> silent = new ArrayList<>();
        for (ReplicaSlot replica : replicas) {
            (isSilent(replica.getNode()) ? silent : ordered).add(replica);
        }
        ordered.addAll(silent);
        return ordered;
    }
}
