package io.starling.storage.column;

import io.starling.storage.type.MapType;
import java.util.Arrays;

/**
 * Builds Map(K, V): append each entry's key to {@link #keys()} and value to {@link #values()}, then call
 * {@link #closeMap()}.
 */
public final class MapColumnBuilder implements ColumnBuilder {
    private final MapType type;
    private final ColumnBuilder keys;
    private final ColumnBuilder values;
    private int[] offsets;
    private int size;

    public MapColumnBuilder(MapType type, int capacity) {
        this.type = type;
        this.keys = ColumnBuilder.forType(type.key(), capacity);
        this.values = ColumnBuilder.forType(type.value(), capacity);
        this.offsets = new int[Math.max(1, capacity) + 1];
    }

    @Override
    public MapType type() {
        return type;
    }

    @Override
    public int size() {
        return size;
    }

    public ColumnBuilder keys() {
        return keys;
    }

    public ColumnBuilder values() {
        return values;
    }

    /** Ends the current row: every entry appended since the previous call belongs to it. */
    public void closeMap() {
        if (keys.size() != values.size()) {
            throw new IllegalStateException("Map builder has " + keys.size() + " keys but " + values.size() + " values");
        }
        if (size + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[++size] = keys.size();
    }

    @Override
    public void appendNull() {
        closeMap();
    }

    @Override
    public void appendDefault() {
        closeMap();
    }

    @Override
    public void appendFrom(Column source, int row) {
        MapColumn map = (MapColumn) source;
        int start = map.entryStart(row);
        for (int i = 0; i < map.entryCount(row); i++) {
            keys.appendFrom(map.keys(), start + i);
            values.appendFrom(map.values(), start + i);
        }
        closeMap();
    }

    @Override
    public MapColumn build() {
        return new MapColumn(type, offsets, keys.build(), values.build(), 0, size);
    }
}
