package io.starling.storage.column;

import io.starling.storage.type.DataType;
import java.util.Arrays;

public final class DoubleColumnBuilder implements ColumnBuilder {
    private final DataType type;
    private double[] values;
    private int size;

    public DoubleColumnBuilder(DataType type, int capacity) {
        this.type = type;
        this.values = new double[Math.max(1, capacity)];
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
    public void appendDouble(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    @Override
    public void appendNull() {
        appendDouble(0);
    }

    @Override
    public void appendDefault() {
        appendDouble(0);
    }

    @Override
    public void appendFrom(Column source, int row) {
        appendDouble(((DoubleColumn) source).getDouble(row));
    }

    @Override
    public void appendRange(Column source, int from, int count) {
        DoubleColumn column = (DoubleColumn) source;
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + count));
        }
        System.arraycopy(column.rawValues(), column.rawOffset() + from, values, size, count);
        size += count;
    }

    @Override
    public DoubleColumn build() {
        return new DoubleColumn(type, values, 0, size);
    }

    @Override
    public void reserve(int rows, long dataBytes) {
        values = ColumnBuilders.reserved(values, size, rows);
    }
}
