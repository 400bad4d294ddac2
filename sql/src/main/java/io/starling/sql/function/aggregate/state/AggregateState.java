package io.starling.sql.function.aggregate.state;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;

/**
 * The intermediate state of one aggregate for one group: what {@code xState} stores in an
 * {@code AggregateFunction(x, T)} column and {@code xMerge} combines. One object per group (never per row).
 *
 * <p>Binary format (stable: states are persisted in table parts; all integers little-endian, VarUInt is unsigned
 * LEB128, values use {@link ValueCodec}):
 * <ul>
 *   <li>{@code count}: VarUInt count.</li>
 *   <li>{@code sum}: 8 bytes, the Int64/UInt64 sum (wrapping) for integers, the Float64 bits for floats.</li>
 *   <li>{@code avg}: Float64 sum (8 bytes), then VarUInt count.</li>
 *   <li>{@code min}, {@code max}, {@code any}, {@code anyLast}: byte 1/0 (has a value), then if 1 a VarUInt length
 *       and the value.</li>
 *   <li>{@code argMin}, {@code argMax}: byte 1/0, then if 1 the sized result value and the sized ordering value.</li>
 *   <li>{@code uniq}: byte skip degree d, VarUInt n, n hashes (8 bytes each, ascending unsigned); the estimate is
 *       n * 2^d (exact while fewer than 65536 distinct values were seen).</li>
 *   <li>{@code uniqExact}: VarUInt n, n 64-bit hashes ascending.</li>
 *   <li>{@code groupArray}, {@code groupUniqArray}: VarUInt n, then n values, each a VarUInt length and the value.</li>
 *   <li>{@code quantile}, {@code median}: VarUInt total rows seen, VarUInt n, n Float64 sample values.</li>
 *   <li>{@code xIf} as {@code x}; with a Nullable argument (result Nullable): byte 1/0 (saw a non-NULL row), then
 *       the inner state.</li>
 * </ul>
 */
public interface AggregateState {
    /** Adds row {@code row}; arguments are neither Nullable nor LowCardinality (the caller unwraps and skips NULLs). */
    void add(Column[] arguments, int row);

    /** Merges {@code other}, a state of the same function, into this one ({@code other} is older or newer: order-independent except for any/anyLast). */
    void merge(AggregateState other);

    void write(StateOutput out);

    /** Replaces this state's contents with the state read from {@code in}. */
    void read(StateInput in);

    /** Appends the final value to {@code out}, a builder of the function's result type. */
    void finish(ColumnBuilder out);
}
