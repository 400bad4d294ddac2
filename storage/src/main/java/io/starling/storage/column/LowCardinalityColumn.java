package io.starling.storage.column;

import io.starling.storage.type.DataType;
import io.starling.storage.type.PhysicalKind;
import java.util.Objects;

/**
 * LowCardinality(T): a dictionary column of distinct values plus one int code per row.
 * Row {@code r} has the value {@code dictionary[codes[offset + r]]}.
 */
public final class LowCardinalityColumn implements Column {
    private final DataType type;
    private final Column dictionary;
    private final int[] codes;
    private final int offset;
    private final int size;

    public LowCardinalityColumn(DataType type, Column dictionary, int[] codes, int offset, int size) {
        this.type = Objects.requireNonNull(type, "type");
        if (type.physical() != PhysicalKind.DICTIONARY) {
            throw new IllegalArgumentException("Type [" + type.name() + "] is not held in a LowCardinalityColumn");
        }
        Column.checkRegion(offset, size, codes.length);
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
        this.codes = codes;
        this.offset = offset;
        this.size = size;
    }

    public Column dictionary() {
        return dictionary;
    }

    public int code(int row) {
        return codes[offset + row];
    }

    /** The backing codes; row {@code r} is at {@code rawCodes()[rawOffset() + r]}. Do not modify. */
    public int[] rawCodes() {
        return codes;
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
    public boolean isNull(int row) {
        return dictionary.isNull(code(row));
    }

    @Override
    public long sizeInBytes() {
        return (long) size * Integer.BYTES + dictionary.sizeInBytes();
    }

    @Override
    public LowCardinalityColumn region(int regionOffset, int length) {
        Column.checkRegion(regionOffset, length, size);
        return new LowCardinalityColumn(type, dictionary, codes, offset + regionOffset, length);
    }

    @Override
    public LowCardinalityColumn select(int[] positions, int count) {
        int[] result = new int[count];
        for (int i = 0; i < count; i++) {
            result[i] = codes[offset + positions[i]];
        }
        return new LowCardinalityColumn(type, dictionary, result, 0, count);
    }

    /** The values as a plain column of the dictionary's type (a copy). */
    public Column decode() {
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) {
            positions[i] = codes[offset + i];
        }
        return dictionary.select(positions, size);
    }
}
