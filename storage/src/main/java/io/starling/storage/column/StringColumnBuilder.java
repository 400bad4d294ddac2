package io.starling.storage.column;

import io.starling.storage.type.DataType;
import java.util.Arrays;

public final class StringColumnBuilder implements ColumnBuilder {
    private final DataType type;
    private byte[] bytes;
    private int[] offsets;
    private int size;

    public StringColumnBuilder(DataType type, int capacity) {
        this.type = type;
        this.bytes = new byte[Math.max(16, capacity * 8)];
        this.offsets = new int[Math.max(1, capacity) + 1];
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
    public void appendBytes(byte[] source, int offset, int length) {
        int end = offsets[size];
        if (end + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + length));
        }
        System.arraycopy(source, offset, bytes, end, length);
        if (size + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[++size] = end + length;
    }

    @Override
    public void appendNull() {
        appendDefault();
    }

    @Override
    public void appendDefault() {
        appendBytes(bytes, 0, 0);
    }

    @Override
    public void appendFrom(Column source, int row) {
        StringColumn strings = (StringColumn) source;
        appendBytes(strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row));
    }

    @Override
    public StringColumn build() {
        return new StringColumn(type, bytes, offsets, 0, size);
    }
}
