package io.starling.storage.engine;

import io.starling.storage.merge.AggregateStateMerger;
import io.starling.storage.part.MissingColumns;
import io.starling.storage.ttl.TtlEvaluator;
import java.util.function.LongSupplier;

/**
 * What a table needs from outside storage, given at {@link MergeTreeTable#open}: the row TTL evaluator (null: no
 * TTL), the aggregate-state merger for AggregatingMergeTree (null: merging AggregateFunction columns fails with
 * NOT_IMPLEMENTED), the clock (epoch seconds), how an insert waits when it is delayed for too many parts, and what
 * a part lacking a column reads for it ({@link MissingColumns}: the column's DEFAULT expression).
 * The SQL module supplies the evaluators; tests supply plain ones, a fixed clock and a recording delay.
 */
public record EngineServices(TtlEvaluator ttl, AggregateStateMerger aggregates, LongSupplier clockSeconds,
                             InsertDelay insertDelay, MissingColumns missingColumns) {
    /** Pauses an insert (Thread::sleep in production). */
    @FunctionalInterface
    public interface InsertDelay {
        void pause(long millis) throws InterruptedException;
    }

    public static final EngineServices DEFAULT = new EngineServices(null, null,
            () -> System.currentTimeMillis() / 1000, Thread::sleep, MissingColumns.TYPE_DEFAULTS);

    public EngineServices {
        clockSeconds = clockSeconds == null ? DEFAULT_CLOCK : clockSeconds;
        insertDelay = insertDelay == null ? Thread::sleep : insertDelay;
        missingColumns = missingColumns == null ? MissingColumns.TYPE_DEFAULTS : missingColumns;
    }

    private static final LongSupplier DEFAULT_CLOCK = () -> System.currentTimeMillis() / 1000;

    public EngineServices withTtl(TtlEvaluator evaluator) {
        return new EngineServices(evaluator, aggregates, clockSeconds, insertDelay, missingColumns);
    }

    public EngineServices withAggregates(AggregateStateMerger merger) {
        return new EngineServices(ttl, merger, clockSeconds, insertDelay, missingColumns);
    }

    public EngineServices withClock(LongSupplier epochSeconds) {
        return new EngineServices(ttl, aggregates, epochSeconds, insertDelay, missingColumns);
    }

    public EngineServices withInsertDelay(InsertDelay delay) {
        return new EngineServices(ttl, aggregates, clockSeconds, delay, missingColumns);
    }

    /** With what parts written before a column was added read for it (its DEFAULT expression). */
    public EngineServices withMissingColumns(MissingColumns columns) {
        return new EngineServices(ttl, aggregates, clockSeconds, insertDelay, columns);
    }
}
