package io.starling.storage.column;

import io.starling.storage.type.NullableType;
import java.util.Arrays;

public final class NullableColumnBuilder implements ColumnBuilder {
    private final NullableType type;
    private final ColumnBuilder values;
    private boolean[] nulls;

    public NullableColumnBuilder(NullableType type, int capacity) {
        this.type = type;
        this.values = ColumnBuilder.forType(type.inner(), capacity);
        this.nulls = new boolean[Math.max(1, capacity)];
    }

    @Override
    public NullableType type() {
        return type;
    }

    @Override
    public int size() {
        return values.size();
    }

    private void mark(boolean isNull) {
        int row = values.size();
        if (row == nulls.length) {
            nulls = Arrays.copyOf(nulls, nulls.length * 2);
        }
        nulls[row] = isNull;
    }

    @Override
    public void appendLong(long value) {
        mark(false);
        values.appendLong(value);
    }

    @Override
    public void appendInt128(long high, long low) {
        mark(false);
        values.appendInt128(high, low);
    }

    @Override
    public void appendDouble(double value) {
        mark(false);
        values.appendDouble(value);
    }

    @Override
    public void appendBytes(byte[] source, int offset, int length) {
        mark(false);
        values.appendBytes(source, offset, length);
    }

    @Override
    public void appendNull() {
        mark(true);
        values.appendDefault();
    }

    @Override
    public void appendDefault() {
        appendNull();
    }

    /** The builder of the non-null values, for composite inner types (arrays). Call {@link #markNotNull} first. */
    public ColumnBuilder valuesBuilder() {
        return values;
    }

    public void markNotNull() {
        mark(false);
    }

    @Override
    public void appendFrom(Column source, int row) {
        if (source.isNull(row)) {
            appendNull();
            return;
        }
        mark(false);
        values.appendFrom(((NullableColumn) source).values(), row);
    }

    @Override
    public void appendRange(Column source, int from, int count) {
        NullableColumn column = (NullableColumn) source;
        int row = values.size();
        if (row + count > nulls.length) {
            nulls = Arrays.copyOf(nulls, Math.max(nulls.length * 2, row + count));
        }
        System.arraycopy(column.rawNulls(), column.rawOffset() + from, nulls, row, count);
        values.appendRange(column.values(), from, count);
    }

    @Override
    public NullableColumn build() {
        return new NullableColumn(type, values.build(), nulls, 0);
    }

    @Override
    public long dataBytes() {
        return values.dataBytes();
    }

    @Override
    public void reserve(int rows, long dataBytes) {
        long wanted = (long) values.size() + Math.max(0, rows);
        if (wanted > nulls.length && wanted < Integer.MAX_VALUE - 16) {
            nulls = java.util.Arrays.copyOf(nulls, (int) wanted);
        }
        values.reserve(rows, dataBytes);
    }
}
