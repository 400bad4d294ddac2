package io.starling.sql.exec;

import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every operator of one query shares: the deadline, a cancellation flag, the scan statistics and the memory
 * tracker.
 * Thread-safe: {@link #cancel()} may be called from any thread.
 */
public final class ExecutionContext {
    private final long deadlineNanos;
    private final Instant deadline;
    private final ScanStatistics statistics = new ScanStatistics();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final java.util.Map<Integer, io.starling.storage.block.Block> totals =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger totalsSlots = new java.util.concurrent.atomic.AtomicInteger();
    private final QueryMemory memory;

    /** A context with the node's default memory limit ({@link QueryMemory#defaultLimit()}). */
    public ExecutionContext(Instant deadline) {
        this(deadline, QueryMemory.withDefaultLimit());
    }

    /** A context whose operators account their memory in {@code memory}. */
    public ExecutionContext(Instant deadline, QueryMemory memory) {
        this.memory = java.util.Objects.requireNonNull(memory, "memory");
        this.deadline = deadline;
        long remaining = Duration.between(Instant.now(), deadline).toNanos();
        this.deadlineNanos = System.nanoTime() + Math.max(remaining, -1);
    }

    public ScanStatistics statistics() {
        return statistics;
    }

    /** The query's memory tracker: operators that hold state take a reservation from it. */
    public QueryMemory memory() {
        return memory;
    }

    /** A new slot number for one WITH TOTALS row of this query. */
    public int newTotalsSlot() {
        return totalsSlots.getAndIncrement();
    }

    /** Publishes the WITH TOTALS row of {@code slot}. */
    public void putTotals(int slot, io.starling.storage.block.Block row) {
        totals.put(slot, row);
    }

    /** The WITH TOTALS row published in {@code slot}, or null when its aggregation has not run. */
    public io.starling.storage.block.Block totals(int slot) {
        return totals.get(slot);
    }

    public void cancel() {
        cancelled.set(true);
    }

    /** Throws TIMEOUT_EXCEEDED (159) after the deadline and QUERY_WAS_CANCELLED (394) after {@link #cancel()}. */
    public void check() {
        if (cancelled.get()) {
            throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "Query was cancelled");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new StarlingException(ErrorCode.TIMEOUT_EXCEEDED, "Timeout exceeded: the query ran past its deadline ["
                    + deadline + "]; narrow the query (filters, LIMIT) or raise max_execution_time");
        }
    }
}
