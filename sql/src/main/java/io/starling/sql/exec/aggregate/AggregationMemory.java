package io.starling.sql.exec.aggregate;

import io.starling.sql.function.aggregate.Accumulator;
import java.util.List;

/** Estimates what a hash aggregation holds: its group table plus the state of each aggregate. */
final class AggregationMemory {
    /** What an aggregate with fixed-size state (count, sum, min, any...) is assumed to take per group. */
    static final long FIXED_STATE_BYTES_PER_GROUP = 16;

    private AggregationMemory() {
    }

    static long estimate(GroupTable groups, List<Accumulator> accumulators) {
        long bytes = groups.memoryBytes();
        long groupCount = groups.groupCount();
        for (Accumulator accumulator : accumulators) {
            long state = accumulator.memoryBytes();
            bytes += state >= 0 ? state : FIXED_STATE_BYTES_PER_GROUP * groupCount;
        }
        return bytes;
    }

    /** Bytes of the visible values of {@code columns}. */
    static long columnBytes(List<io.starling.storage.column.Column> columns) {
        long bytes = 0;
        for (io.starling.storage.column.Column column : columns) {
            bytes += column.sizeInBytes();
        }
        return bytes;
    }
}
