package io.starling.node.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Counts replica answers for an insert quorum: completes with the number of holders as soon as {@code quorum} is
 * reached, or when every answer is in (then possibly below the quorum). Thread-safe.
 */
final class QuorumTracker {
    private final int quorum;
    private int holders;
    private int pending;
    private final CompletableFuture<Integer> result = new CompletableFuture<>();

    QuorumTracker(int quorum, int initialHolders, int asked) {
        this.quorum = quorum;
        this.holders = initialHolders;
        this.pending = asked;
        check();
    }

    synchronized void success() {
        holders++;
        pending--;
        check();
    }

    synchronized void failure() {
        pending--;
        check();
    }

    private void check() {
        if (holders >= quorum || pending <= 0) {
            result.complete(holders);
        }
    }

    CompletionStage<Integer> result() {
        return result;
    }
}
