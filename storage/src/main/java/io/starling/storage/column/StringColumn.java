package io.starling.storage.column;

import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.PhysicalKind;
import io.starling.storage.type.StringType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Strings as one byte array plus offsets: row {@code r} is
 * {@code bytes[offsets[offset + r] .. offsets[offset + r + 1])}. No {@code java.lang.String} on hot paths.
 */
public final class StringColumn implements Column {
    private final DataType type;
    private final byte[] bytes;
    private final int[] offsets;
    private final int offset;
    private final int size;
    private final long sizeInBytes;

    public StringColumn(DataType type, byte[] bytes, int[] offsets, int offset, int size) {
        this.type = Objects.requireNonNull(type, "type");
        if (type.physical() != PhysicalKind.BYTES) {
            throw new IllegalArgumentException("Type [" + type.name() + "] is not held in a StringColumn");
        }
        if (offset < 0 || size < 0 || offset + size + 1 > offsets.length) {
            throw new IndexOutOfBoundsException("Region [offset=" + offset + ", size=" + size
                    + "] needs " + (offset + size + 1) + " offsets, have " + offsets.length);
        }
        this.bytes = bytes;
        this.offsets = offsets;
        this.offset = offset;
        this.size = size;
        this.sizeInBytes = (long) (offsets[offset + size] - offsets[offset]) + (long) (size + 1) * Integer.BYTES;
    }

    public StringColumn(byte[] bytes, int[] offsets, int size) {
        this(StringType.STRING, bytes, offsets, 0, size);
    }

    public static StringColumn of(String... values) {
        StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, values.length);
        for (String value : values) {
            builder.appendString(value);
        }
        return builder.build();
    }

    public int valueOffset(int row) {
        return offsets[offset + row];
    }

    public int valueLength(int row) {
        return offsets[offset + row + 1] - offsets[offset + row];
    }

    /** The shared byte array; the value of a row starts at {@link #valueOffset}. Do not modify. */
    public byte[] rawBytes() {
        return bytes;
    }

    public byte[] getBytes(int row) {
        return Arrays.copyOfRange(bytes, valueOffset(row), offsets[offset + row + 1]);
    }

    /** Decodes the row as UTF-8. Allocates: keep it off hot paths. */
    public String getString(int row) {
        return new String(bytes, valueOffset(row), valueLength(row), StandardCharsets.UTF_8);
    }

    /** Bytewise equality with {@code other[from..to)}. */
    public boolean valueEquals(int row, byte[] other, int from, int to) {
        int start = valueOffset(row);
        return Arrays.equals(bytes, start, start + valueLength(row), other, from, to);
    }

    /** Bytewise (unsigned) comparison of two rows of two string columns, as ClickHouse compares strings. */
    public static int compare(StringColumn left, int leftRow, StringColumn right, int rightRow) {
        return compareBytes(left.bytes, left.valueOffset(leftRow), left.valueLength(leftRow),
                right.bytes, right.valueOffset(rightRow), right.valueLength(rightRow));
    }

    /**
     * Unsigned byte order of two ranges (the sign is what counts). Eight bytes at a time as big-endian words: keys
     * such as ids and names are short, where {@link Arrays#compareUnsigned}'s setup costs more than the loop (it
     * was the top cost of merges sorted by a String key).
     */
    static int compareBytes(byte[] left, int leftStart, int leftLength, byte[] right, int rightStart,
                            int rightLength) {
        int common = Math.min(leftLength, rightLength);
        int i = 0;
        for (; i + Long.BYTES <= common; i += Long.BYTES) {
            long a = (long) BIG_ENDIAN_LONG.get(left, leftStart + i);
            long b = (long) BIG_ENDIAN_LONG.get(right, rightStart + i);
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        for (; i < common; i++) {
            int difference = (left[leftStart + i] & 0xFF) - (right[rightStart + i] & 0xFF);
            if (difference != 0) {
                return difference;
            }
        }
        return Integer.compare(leftLength, rightLength);
    }

    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

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
        return sizeInBytes;
    }

    @Override
    public StringColumn region(int regionOffset, int length) {
        Column.checkRegion(regionOffset, length, size);
        return new StringColumn(type, bytes, offsets, offset + regionOffset, length);
    }

    /**
     * {@link #select} in pieces for several threads: the result's offsets are laid out here, then {@link
     * Gather#copy} fills any range of its rows, from any thread, and {@link Gather#result} answers the column once
     * every range is copied. For variable-width strings only (see {@link #gatherable}).
     */
    public Gather gather(int[] positions, int count) {
        if (!gatherable()) {
            throw new IllegalStateException("[" + type.name() + "] has fixed-width values: use select");
        }
        int[] selectedOffsets = new int[count + 1];
        long end = 0;
        for (int i = 0; i < count; i++) {
            end += valueLength(positions[i]);
            if (end > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("The selected strings exceed 2 GiB");
            }
            selectedOffsets[i + 1] = (int) end;
        }
        return new Gather(positions, count, selectedOffsets, new byte[(int) end]);
    }

    /** Whether {@link #gather} applies: values of any length (not FixedString). */
    public boolean gatherable() {
        return DataTypes.fixedByteWidth(type) < 0;
    }

    /** A {@link #select} being copied in row ranges ({@link #gather}). */
    public final class Gather {
        private final int[] positions;
        private final int count;
        private final int[] selectedOffsets;
        private final byte[] selected;

        private Gather(int[] positions, int count, int[] selectedOffsets, byte[] selected) {
            this.positions = positions;
            this.count = count;
            this.selectedOffsets = selectedOffsets;
            this.selected = selected;
        }

        /** Copies the values of result rows {@code [from, to)}. */
        public void copy(int from, int to) {
            for (int i = from; i < to; i++) {
                int at = selectedOffsets[i];
                System.arraycopy(bytes, valueOffset(positions[i]), selected, at, selectedOffsets[i + 1] - at);
            }
        }

        /** The selected column; every row range must have been copied (and the copies seen by this thread). */
        public StringColumn result() {
            return new StringColumn(type, selected, selectedOffsets, 0, count);
        }
    }

    @Override
    public StringColumn select(int[] positions, int count) {
        if (DataTypes.fixedByteWidth(type) >= 0) {
            StringColumnBuilder builder = new StringColumnBuilder(type, count);
            for (int i = 0; i < count; i++) {
                int row = positions[i];
                builder.appendBytes(bytes, valueOffset(row), valueLength(row));
            }
            return builder.build();
        }
        // sized once: no growth copies on the filter path
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += valueLength(positions[i]);
        }
        byte[] selected = new byte[(int) total];
        int[] selectedOffsets = new int[count + 1];
        int end = 0;
        for (int i = 0; i < count; i++) {
            int row = positions[i];
            int length = valueLength(row);
            System.arraycopy(bytes, valueOffset(row), selected, end, length);
            end += length;
            selectedOffsets[i + 1] = end;
        }
        return new StringColumn(type, selected, selectedOffsets, 0, count);
    }
}
