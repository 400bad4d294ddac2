package io.starling.storage.column;

import io.starling.storage.type.DataType;
import io.starling.storage.type.PhysicalKind;
import java.util.Objects;

/**
 * 128-bit two's complement integers (Decimal128 unscaled values) as two parallel {@code long[]}: the high 64 bits
 * (signed) and the low 64 bits (unsigned). Row {@code r} is {@code (high[offset + r], low[offset + r])}.
 */
public final class Int128Column implements Column {
    private final DataType type;
    private final long[] high;
    private final long[] low;
    private final int offset;
    private final int size;

    public Int128Column(DataType type, long[] high, long[] low, int offset, int size) {
        this.type = Objects.requireNonNull(type, "type");
        if (type.physical() != PhysicalKind.INT128) {
            throw new IllegalArgumentException("Type [" + type.name() + "] is not held in an Int128Column");
        }
        if (high.length != low.length) {
            throw new IllegalArgumentException("High and low arrays differ in length: " + high.length + " and "
                    + low.length);
        }
        Column.checkRegion(offset, size, high.length);
        this.high = high;
        this.low = low;
        this.offset = offset;
        this.size = size;
    }

    public Int128Column(DataType type, long[] high, long[] low) {
        this(type, high, low, 0, high.length);
    }

    public long high(int row) {
        return high[offset + row];
    }

    public long low(int row) {
        return low[offset + row];
    }

    /** The backing high words; row {@code r} is at {@code rawHigh()[rawOffset() + r]}. Do not modify. */
    public long[] rawHigh() {
        return high;
    }

    /** The backing low words; row {@code r} is at {@code rawLow()[rawOffset() + r]}. Do not modify. */
    public long[] rawLow() {
        return low;
    }

    public int rawOffset() {
        return offset;
    }

    /** Signed comparison of two rows of two columns. */
    public static int compare(Int128Column left, int leftRow, Int128Column right, int rightRow) {
        return Int128.compare(left.high(leftRow), left.low(leftRow), right.high(rightRow), right.low(rightRow));
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
        return (long) size * 2 * Long.BYTES;
    }

    @Override
    public Int128Column region(int regionOffset, int length) {
        Column.checkRegion(regionOffset, length, size);
        return new Int128Column(type, high, low, offset + regionOffset, length);
    }

    @Override
    public Int128Column select(int[] positions, int count) {
        long[] selectedHigh = new long[count];
        long[] selectedLow = new long[count];
        for (int i = 0; i < count; i++) {
            int row = offset + positions[i];
            selectedHigh[i] = high[row];
            selectedLow[i] = low[row];
        }
        return new Int128Column(type, selectedHigh, selectedLow);
    }
}
