package io.starling.storage.column;

import io.starling.storage.type.ArrayType;
import java.util.Arrays;

/**
 * Builds Array(T): append the elements of a row to {@link #elements()}, then call {@link #closeArray()}.
 */
public final class ArrayColumnBuilder implements ColumnBuilder {
    private final ArrayType type;
    private final ColumnBuilder elements;
    private int[] offsets;
    private int size;

    public ArrayColumnBuilder(ArrayType type, int capacity) {
        this.type = type;
        this.elements = ColumnBuilder.forType(type.element(), capacity);
        this.offsets = new int[Math.max(1, capacity) + 1];
    }

    @Override
    public ArrayType type() {
        return type;
    }

    @Override
    public int size() {
        return size;
    }

    public ColumnBuilder elements() {
        return elements;
    }

    /** Ends the current row: every element appended since the previous call belongs to it. */
    public void closeArray() {
        if (size + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[++size] = elements.size();
    }

    @Override
    public void appendNull() {
        closeArray();
    }

    @Override
    public void appendDefault() {
        closeArray();
    }

    @Override
    public void appendFrom(Column source, int row) {
        ArrayColumn array = (ArrayColumn) source;
        int start = array.elementStart(row);
        for (int i = 0; i < array.elementCount(row); i++) {
            elements.appendFrom(array.elements(), start + i);
        }
        closeArray();
    }

    @Override
    public ArrayColumn build() {
        return new ArrayColumn(type, offsets, elements.build(), 0, size);
    }
}
