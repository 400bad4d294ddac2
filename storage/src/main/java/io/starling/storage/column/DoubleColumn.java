package io.starling.storage.column;

import io.starling.storage.type.DataType;
import io.starling.storage.type.PhysicalKind;
import java.util.Objects;

/** Float32 and Float64 values in a {@code double[]}. */
public final class DoubleColumn implements Column {
    private final DataType type;
    private final double[] values;
    private final int offset;
    private final int size;

    public DoubleColumn(DataType type, double[] values, int offset, int size) {
        this.type = Objects.requireNonNull(type, "type");
        if (type.physical() != PhysicalKind.DOUBLE) {
            throw new IllegalArgumentException("Type [" + type.name() + "] is not held in a DoubleColumn");
        }
        Column.checkRegion(offset, size, values.length);
        this.values = values;
        this.offset = offset;
        this.size = size;
    }

    public DoubleColumn(DataType type, double[] values) {
        this(type, values, 0, values.length);
    }

    public double getDouble(int row) {
        return values[offset + row];
    }

    /** The backing array; row {@code r} is at {@code rawValues()[rawOffset() + r]}. Do not modify. */
    public double[] rawValues() {
        return values;
    }

    public int rawOffset() {
        return offset;
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
    public long sizeInBytes() {
        return (long) size * Double.BYTES;
    }

    @Override
    public DoubleColumn region(int regionOffset, int length) {
        Column.checkRegion(regionOffset, length, size);
        return new DoubleColumn(type, values, offset + regionOffset, length);
    }

    @Override
    public DoubleColumn select(int[] positions, int count) {
        double[] result = new double[count];
        for (int i = 0; i < count; i++) {
            result[i] = values[offset + positions[i]];
        }
        return new DoubleColumn(type, result);
    }
}
