package io.starling.storage.column;

import io.starling.storage.type.DataType;
import java.util.Arrays;

/** Builds an {@link Int128Column}; {@link #appendLong} sign-extends. */
public final class Int128ColumnBuilder implements ColumnBuilder {
    private final DataType type;
    private long[] high;
    private long[] low;
    private int size;

    public Int128ColumnBuilder(DataType type, int capacity) {
        this.type = type;
        this.high = new long[Math.max(1, capacity)];
        this.low = new long[Math.max(1, capacity)];
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void appendInt128(long highWord, long lowWord) {
        if (size == high.length) {
            high = Arrays.copyOf(high, high.length * 2);
            low = Arrays.copyOf(low, low.length * 2);
        }
        high[size] = highWord;
        low[size] = lowWord;
        size++;
    }

    @Override
    public void appendLong(long value) {
        appendInt128(value >> 63, value);
    }

    @Override
    public void appendNull() {
        appendInt128(0, 0);
    }

    @Override
    public void appendDefault() {
        appendInt128(0, 0);
    }

    @Override
    public void appendFrom(Column source, int row) {
        Int128Column column = (Int128Column) source;
        appendInt128(column.high(row), column.low(row));
    }

    @Override
    public void appendRange(Column source, int from, int count) {
        Int128Column column = (Int128Column) source;
        if (size + count > high.length) {
            int capacity = Math.max(high.length * 2, size + count);
            high = java.util.Arrays.copyOf(high, capacity);
            low = java.util.Arrays.copyOf(low, capacity);
        }
        System.arraycopy(column.rawHigh(), column.rawOffset() + from, high, size, count);
        System.arraycopy(column.rawLow(), column.rawOffset() + from, low, size, count);
        size += count;
    }

    @Override
    public Int128Column build() {
        return new Int128Column(type, high, low, 0, size);
    }

    @Override
    public void reserve(int rows, long dataBytes) {
        high = ColumnBuilders.reserved(high, size, rows);
        low = ColumnBuilders.reserved(low, size, rows);
    }
}
