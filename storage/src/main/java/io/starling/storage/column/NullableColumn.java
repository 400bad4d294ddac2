package io.starling.storage.column;

import io.starling.storage.type.NullableType;
import java.util.Objects;

/**
 * Nullable(T): a null mask beside a column of T. The value under a NULL is the type's default
 * (0 or empty) and must not be read as data.
 */
public final class NullableColumn implements Column {
    private final NullableType type;
    private final Column values;
    private final boolean[] nulls;
    private final int offset;

    public NullableColumn(NullableType type, Column values, boolean[] nulls, int offset) {
        this.type = Objects.requireNonNull(type, "type");
        this.values = Objects.requireNonNull(values, "values");
        Column.checkRegion(offset, values.size(), nulls.length);
        this.nulls = nulls;
        this.offset = offset;
    }

    public NullableColumn(Column values, boolean[] nulls) {
        this(new NullableType(values.type()), values, nulls, 0);
    }

    /** The non-null values column (same size as this column). */
    public Column values() {
        return values;
    }

    /** The backing mask; row {@code r} is NULL when {@code rawNulls()[rawOffset() + r]}. Do not modify. */
    public boolean[] rawNulls() {
        return nulls;
    }

    public int rawOffset() {
        return offset;
    }

    @Override
    public NullableType type() {
        return type;
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public boolean isNull(int row) {
        return nulls[offset + row];
    }

    @Override
    public long sizeInBytes() {
        return values.sizeInBytes() + values.size();
    }

    @Override
    public NullableColumn region(int regionOffset, int length) {
        return new NullableColumn(type, values.region(regionOffset, length), nulls, offset + regionOffset);
    }

    @Override
    public NullableColumn select(int[] positions, int count) {
        boolean[] result = new boolean[count];
        for (int i = 0; i < count; i++) {
            result[i] = nulls[offset + positions[i]];
        }
        return new NullableColumn(type, values.select(positions, count), result, 0);
    }
}
