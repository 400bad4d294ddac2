package io.starling.storage.column;

import io.starling.storage.type.ArrayType;
import java.util.Objects;

/**
 * Array(T): row {@code r} holds the elements {@code elements[offsets[offset + r] .. offsets[offset + r + 1])}.
 */
public final class ArrayColumn implements Column {
    private final ArrayType type;
    private final int[] offsets;
    private final Column elements;
    private final int offset;
    private final int size;

    public ArrayColumn(ArrayType type, int[] offsets, Column elements, int offset, int size) {
        this.type = Objects.requireNonNull(type, "type");
        if (offset < 0 || size < 0 || offset + size + 1 > offsets.length) {
            throw new IndexOutOfBoundsException("Region [offset=" + offset + ", size=" + size
                    + "] needs " + (offset + size + 1) + " offsets, have " + offsets.length);
        }
        this.offsets = offsets;
        this.elements = Objects.requireNonNull(elements, "elements");
        this.offset = offset;
        this.size = size;
    }

    public Column elements() {
        return elements;
    }

    /** Index into {@link #elements()} of the first element of {@code row}. */
    public int elementStart(int row) {
        return offsets[offset + row];
    }

    public int elementCount(int row) {
        return offsets[offset + row + 1] - offsets[offset + row];
    }

    @Override
    public ArrayType type() {
        return type;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long sizeInBytes() {
        int first = offsets[offset];
        int last = offsets[offset + size];
        return (long) (size + 1) * Integer.BYTES + (last == first ? 0 : elements.region(first, last - first).sizeInBytes());
    }

    @Override
    public ArrayColumn region(int regionOffset, int length) {
        Column.checkRegion(regionOffset, length, size);
        return new ArrayColumn(type, offsets, elements, offset + regionOffset, length);
    }

    @Override
    public ArrayColumn select(int[] positions, int count) {
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += elementCount(positions[i]);
        }
        int[] elementPositions = new int[total];
        int[] resultOffsets = new int[count + 1];
        int next = 0;
        for (int i = 0; i < count; i++) {
            int start = elementStart(positions[i]);
            int length = elementCount(positions[i]);
            for (int j = 0; j < length; j++) {
                elementPositions[next++] = start + j;
            }
            resultOffsets[i + 1] = next;
        }
        return new ArrayColumn(type, resultOffsets, elements.select(elementPositions, total), 0, count);
    }
}
