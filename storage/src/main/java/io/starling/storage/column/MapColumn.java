package io.starling.storage.column;

import io.starling.storage.type.MapType;
import java.util.Objects;

/**
 * Map(K, V): row {@code r} holds the entries {@code [offsets[offset + r], offsets[offset + r + 1])} of the key and
 * value columns, which have equal length. Entries keep insertion order; keys are not deduplicated.
 */
public final class MapColumn implements Column {
    private final MapType type;
    private final int[] offsets;
    private final Column keys;
    private final Column values;
    private final int offset;
    private final int size;

    public MapColumn(MapType type, int[] offsets, Column keys, Column values, int offset, int size) {
        this.type = Objects.requireNonNull(type, "type");
        if (offset < 0 || size < 0 || offset + size + 1 > offsets.length) {
            throw new IndexOutOfBoundsException("Region [offset=" + offset + ", size=" + size
                    + "] needs " + (offset + size + 1) + " offsets, have " + offsets.length);
        }
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException("Map key column has " + keys.size() + " entries but the value column has "
                    + values.size());
        }
        this.offsets = offsets;
        this.keys = keys;
        this.values = values;
        this.offset = offset;
        this.size = size;
    }

    public Column keys() {
        return keys;
    }

    public Column values() {
        return values;
    }

    /** Index into {@link #keys()} and {@link #values()} of the first entry of {@code row}. */
    public int entryStart(int row) {
        return offsets[offset + row];
    }

    public int entryCount(int row) {
        return offsets[offset + row + 1] - offsets[offset + row];
    }

    @Override
    public MapType type() {
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
        long entries = last == first ? 0
                : keys.region(first, last - first).sizeInBytes() + values.region(first, last - first).sizeInBytes();
        return (long) (size + 1) * Integer.BYTES + entries;
    }

    @Override
    public MapColumn region(int regionOffset, int length) {
        Column.checkRegion(regionOffset, length, size);
        return new MapColumn(type, offsets, keys, values, offset + regionOffset, length);
    }

    @Override
    public MapColumn select(int[] positions, int count) {
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += entryCount(positions[i]);
        }
        int[] entryPositions = new int[total];
        int[] resultOffsets = new int[count + 1];
        int next = 0;
        for (int i = 0; i < count; i++) {
            int start = entryStart(positions[i]);
            int length = entryCount(positions[i]);
            for (int j = 0; j < length; j++) {
                entryPositions[next++] = start + j;
            }
            resultOffsets[i + 1] = next;
        }
        return new MapColumn(type, resultOffsets, keys.select(entryPositions, total), values.select(entryPositions, total),
                0, count);
    }
}
