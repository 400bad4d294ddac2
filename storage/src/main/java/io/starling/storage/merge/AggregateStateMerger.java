package io.starling.storage.merge;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.AggregateFunctionType;

/**
 * Merges serialized aggregate-function states ({@code AggregateFunction(f, T...)} column values) for
 * AggregatingMergeTree merges and FINAL reads. The SQL module implements it with its aggregate functions (the
 * state format is theirs); storage only moves the bytes. Thread-safe.
 */
@FunctionalInterface
public interface AggregateStateMerger {
    /**
     * Appends to {@code output} the state that merges the states at {@code columns[i]}, row {@code rows[i]}, for
     * {@code i < count} (in merge order: older first). Every column has type {@code type}.
     */
    void merge(AggregateFunctionType type, Column[] columns, int[] rows, int count, ColumnBuilder output);

    /** The merger used when none is given: fails with a message saying what is missing. */
    AggregateStateMerger UNSUPPORTED = (type, columns, rows, count, output) -> {
        throw new io.starling.storage.error.StarlingException(io.starling.storage.error.ErrorCode.NOT_IMPLEMENTED,
                "Cannot merge states of [" + type.name() + "]: the table was opened without an aggregate state merger;"
                        + " open it with the SQL module's EngineServices");
    };
}
