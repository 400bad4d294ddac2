package io.starling.storage.column;

import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.util.Arrays;

public final class StringColumnBuilder implements ColumnBuilder {
    private final DataType type;
    private byte[] bytes;
    private int[] offsets;
    private int size;
    /** Bytes per value for FixedString(N), UUID and IPv6 (values are zero-padded to it); -1 otherwise. */
    private final int fixedWidth;
    /** The default value: empty, or the encoding of zero for Decimal256. */
    private final byte[] defaultValue;

    public StringColumnBuilder(DataType type, int capacity) {
        this.type = type;
        this.fixedWidth = DataTypes.fixedByteWidth(type);
        this.defaultValue = type.behavesAs() instanceof io.starling.storage.type.DecimalType ? Int256.ZERO_ENCODED
                : new byte[0];
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
        if (fixedWidth >= 0 && length != fixedWidth) {
            appendPadded(source, offset, length);
            return;
        }
        int end = offsets[size];
        if (end + length > bytes.length) {
            growBytes(Math.max(bytes.length * 2, end + length));
        }
        System.arraycopy(source, offset, bytes, end, length);
        if (size + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[++size] = end + length;
    }

    /** A larger byte array holding the bytes written so far (only those are copied, not the whole old array). */
    private void growBytes(int capacity) {
        byte[] grown = new byte[capacity];
        System.arraycopy(bytes, 0, grown, 0, offsets[size]);
        bytes = grown;
    }

    @Override
    public long dataBytes() {
        return offsets[size];
    }

    @Override
    public void reserve(int rows, long dataBytes) {
        long wantedBytes = offsets[size] + Math.max(0, dataBytes);
        if (wantedBytes > bytes.length && wantedBytes < Integer.MAX_VALUE - 16) {
            growBytes((int) wantedBytes);
        }
        long wantedOffsets = (long) size + Math.max(0, rows) + 1;
        if (wantedOffsets > offsets.length && wantedOffsets < Integer.MAX_VALUE - 16) {
            offsets = Arrays.copyOf(offsets, (int) wantedOffsets);
        }
    }

    private void appendPadded(byte[] source, int offset, int length) {
        if (length > fixedWidth) {
            throw new IllegalArgumentException("Value of " + length + " bytes is too long for [" + type.name()
                    + "], which holds " + fixedWidth);
        }
        byte[] padded = new byte[fixedWidth];
        System.arraycopy(source, offset, padded, 0, length);
        appendBytes(padded, 0, fixedWidth);
    }

    @Override
    public void appendNull() {
        appendDefault();
    }

    @Override
    public void appendDefault() {
        appendBytes(defaultValue, 0, defaultValue.length);
    }

    @Override
    public void appendFrom(Column source, int row) {
        StringColumn strings = (StringColumn) source;
        appendBytes(strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row));
    }

    @Override
    public void appendRange(Column source, int from, int count) {
        if (count <= 0) {
            return;
        }
        StringColumn strings = (StringColumn) source;
        int start = strings.valueOffset(from);
        int length = strings.valueOffset(from + count - 1) + strings.valueLength(from + count - 1) - start;
        int end = offsets[size];
        if (end + length > bytes.length) {
            growBytes(Math.max(bytes.length * 2, end + length));
        }
        System.arraycopy(strings.rawBytes(), start, bytes, end, length);
        if (size + count + 1 > offsets.length) {
            offsets = Arrays.copyOf(offsets, Math.max(offsets.length * 2, size + count + 1));
        }
        int shift = end - start;
        for (int i = 1; i <= count; i++) {
            offsets[size + i] = strings.valueOffset(from + i - 1) + strings.valueLength(from + i - 1) + shift;
        }
        size += count;
    }

    @Override
    public StringColumn build() {
        return new StringColumn(type, bytes, offsets, 0, size);
    }
}
