package io.starling.storage.column;

import io.starling.storage.type.DataType;
import io.starling.storage.type.PhysicalKind;
import java.util.Objects;

/** Integers, Bool, Date, DateTime and DateTime64 values in a {@code long[]}. */
public final class LongColumn implements Column {
    private final DataType type;
    private final long[] values;
    private final int offset;
    private final int size;

    public LongColumn(DataType type, long[] values, int offset, int size) {
        this.type = Objects.requireNonNull(type, "type");
        if (type.physical() != PhysicalKind.LONG) {
            throw new IllegalArgumentException("Type [" + type.name() + "] is not held in a LongColumn");
        }
        Column.checkRegion(offset, size, values.length);
        this.values = values;
        this.offset = offset;
        this.size = size;
    }

    public LongColumn(DataType type, long[] values) {
        this(type, values, 0, values.length);
    }

    public long getLong(int row) {
        return values[offset + row];
    }

    /** The backing array; row {@code r} is at {@code rawValues()[rawOffset() + r]}. Do not modify. */
    public long[] rawValues() {
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
        return (long) size * Long.BYTES;
    }

    @Override
    public LongColumn region(int regionOffset, int length) {
        Column.checkRegion(regionOffset, length, size);
        return new LongColumn(type, values, offset + regionOffset, length);
    }

    @Override
    public LongColumn select(int[] positions, int count) {
        long[] result = new long[count];
        for (int i = 0; i < count; i++) {
            result[i] = values[offset + positions[i]];
        }
        return new LongColumn(type, result);
    }
}
