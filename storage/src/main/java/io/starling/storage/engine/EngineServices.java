package io.starling.storage.engine;

import io.starling.storage.merge.AggregateStateMerger;
import io.starling.storage.ttl.TtlEvaluator;
import java.util.function.LongSupplier;

/**
 * What a table needs from outside storage, given at {@link MergeTreeTable#open}: the row TTL evaluator (null: no
 * TTL), the aggregate-state merger for AggregatingMergeTree (null: merging AggregateFunction columns fails with
 * NOT_IMPLEMENTED), the clock (epoch seconds) and how an insert waits when it is delayed for too many parts.
 * The SQL module supplies the evaluators; tests supply plain ones, a fixed clock and a recording delay.
 */
public record EngineServices(TtlEvaluator ttl, AggregateStateMerger aggregates, LongSupplier clockSeconds,
                             InsertDelay insertDelay) {
    /** Pauses an insert (Thread::sleep in production). */
    @FunctionalInterface
    public interface InsertDelay {
        void pause(long millis) throws InterruptedException;
    }

    public static final EngineServices DEFAULT = new EngineServices(null, null,
            () -> System.currentTimeMillis() / 1000, Thread::sleep);

    public EngineServices {
        clockSeconds = clockSeconds == null ? DEFAULT_CLOCK : clockSeconds;
        insertDelay = insertDelay == null ? Thread::sleep : insertDelay;
    }

    private static final LongSupplier DEFAULT_CLOCK = () -> System.currentTimeMillis() / 1000;

    public EngineServices withTtl(TtlEvaluator evaluator) {
        return new EngineServices(evaluator, aggregates, clockSeconds, insertDelay);
    }

    public EngineServices withAggregates(AggregateStateMerger merger) {
        return new EngineServices(ttl, merger, clockSeconds, insertDelay);
    }

    public EngineServices withClock(LongSupplier epochSeconds) {
        return new EngineServices(ttl, aggregates, epochSeconds, insertDelay);
    }

    public EngineServices withInsertDelay(InsertDelay delay) {
        return new EngineServices(ttl, aggregates, clockSeconds, delay);
    }
}
