package io.starling.storage.column;

import io.starling.storage.type.DataType;

/**
 * An immutable column of values of one {@link DataType}. Implementations are primitive-array backed;
 * see {@link io.starling.storage.type.PhysicalKind} for which class holds which type.
 *
 * <p>Thread-safety: columns are immutable and safe to share between threads. {@link #region} is a
 * zero-copy view; {@link #select} copies.
 */
public sealed interface Column
        permits LongColumn, Int128Column, DoubleColumn, StringColumn, LowCardinalityColumn, NullableColumn, ArrayColumn, TupleColumn,
        MapColumn {

    DataType type();

    int size();

    /** True when the value at {@code row} is NULL; always false for non-Nullable columns. */
    default boolean isNull(int row) {
        return false;
    }

    /** Bytes of memory this column's visible values account for (computed once). */
    long sizeInBytes();

    /** A view of {@code length} rows starting at {@code offset}, sharing the arrays. */
    Column region(int offset, int length);

    /** A new column with the rows at {@code positions[0..count)}, in that order. */
    Column select(int[] positions, int count);

    static void checkRegion(int offset, int length, int size) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException(
                    "Region [offset=" + offset + ", length=" + length + "] is outside a column of " + size + " rows");
        }
    }
}
