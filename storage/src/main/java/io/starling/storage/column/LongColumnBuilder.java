package io.starling.storage.column;

import io.starling.storage.type.DataType;
import io.starling.storage.type.EnumType;
import java.util.Arrays;

public final class LongColumnBuilder implements ColumnBuilder {
    private final DataType type;
    private long[] values;
    private int size;
    private final long defaultValue;

    public LongColumnBuilder(DataType type, int capacity) {
        this.type = type;
        this.defaultValue = type.behavesAs() instanceof EnumType enumType ? enumType.defaultValue() : 0;
        this.values = new long[Math.max(1, capacity)];
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
    public void appendLong(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    @Override
    public void appendNull() {
        appendLong(defaultValue);
    }

    @Override
    public void appendDefault() {
        appendLong(defaultValue);
    }

    @Override
    public void appendFrom(Column source, int row) {
        appendLong(((LongColumn) source).getLong(row));
    }

    @Override
    public void appendRange(Column source, int from, int count) {
        LongColumn column = (LongColumn) source;
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + count));
        }
        System.arraycopy(column.rawValues(), column.rawOffset() + from, values, size, count);
        size += count;
    }

    @Override
    public LongColumn build() {
        return new LongColumn(type, values, 0, size);
    }

    @Override
    public void reserve(int rows, long dataBytes) {
        values = ColumnBuilders.reserved(values, size, rows);
    }
}
