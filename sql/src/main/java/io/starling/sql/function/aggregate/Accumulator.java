package io.starling.sql.function.aggregate;

import io.starling.storage.column.Column;

/**
 * The states of one aggregate for every group of a query, updated a block at a time. Group ids are dense
 * (0..groupCount) and only grow. Not thread-safe: one operator drives it.
 */
public interface Accumulator {
    /**
     * Adds rows {@code [0, rows)} of {@code arguments}; row {@code i} belongs to group {@code groupIds[i]}.
     * {@code groupCount} is the number of groups known so far (every id is below it).
     */
    void add(Column[] arguments, int[] groupIds, int rows, int groupCount);

    /** One value per group, in group-id order. */
    Column result(int groupCount);

    /**
     * Estimated bytes of state held, for the query's memory limit; -1 (the default) when the state is a few fixed
     * bytes per group and the caller may estimate it from the group count. Accumulators whose state grows with
     * their input (sets, lists, samples) answer it, cheaply: it is asked once per block.
     */
    default long memoryBytes() {
        return -1;
    }
}
