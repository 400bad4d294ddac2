package io.starling.storage.column;

import io.starling.storage.type.LowCardinalityType;
import java.util.Arrays;

/**
 * Builds LowCardinality(String) (and LowCardinality(Nullable(String))) columns, deduplicating values. Values are
 * found in an open-addressing table over a private copy of the dictionary's bytes (no allocation per row); rows
 * copied from another LowCardinality column go through a code-to-code map of its dictionary, so a merge looks
 * each distinct value up once per source block rather than once per row.
 */
public final class LowCardinalityColumnBuilder implements ColumnBuilder {
    private final LowCardinalityType type;
    private final ColumnBuilder dictionary;
    private int nullCode = -1;
    private int[] codes;
    private int size;
    /** Bytes of dictionary entry c are {@code keyBytes[keyStarts[c], keyStarts[c + 1])} (empty for the NULL entry). */
    private byte[] keyBytes = new byte[256];
    private int[] keyStarts = new int[17];
    /** Open addressing: 0 is empty, else code + 1. */
    private int[] slots = new int[64];
    private int used;
    /** The dictionary {@link #remap} translates codes of (compared by identity), or null. */
    private Column remapped;
    private int[] remap;

    public LowCardinalityColumnBuilder(LowCardinalityType type, int capacity) {
        this.type = type;
        this.dictionary = ColumnBuilder.forType(type.inner(), 16);
        this.codes = new int[Math.max(1, capacity)];
    }

    @Override
    public LowCardinalityType type() {
        return type;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void appendBytes(byte[] source, int offset, int length) {
        appendCode(codeOf(source, offset, length));
    }

    private int codeOf(byte[] source, int offset, int length) {
        int mask = slots.length - 1;
        int slot = hash(source, offset, length) & mask;
        for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
            int code = entry - 1;
            int start = keyStarts[code];
            if (keyStarts[code + 1] - start == length
                    && Arrays.equals(keyBytes, start, start + length, source, offset, offset + length)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
        int code = dictionary.size();
        dictionary.appendBytes(source, offset, length);
        storeKey(code, source, offset, length);
        slots[slot] = code + 1;
        if (++used * 2 > slots.length) {
            rehash();
        }
        return code;
    }

    private void storeKey(int code, byte[] source, int offset, int length) {
        if (code + 2 > keyStarts.length) {
            keyStarts = Arrays.copyOf(keyStarts, keyStarts.length * 2);
        }
        int start = keyStarts[code];
        if (start + length > keyBytes.length) {
            keyBytes = Arrays.copyOf(keyBytes, Math.max(keyBytes.length * 2, start + length));
        }
        System.arraycopy(source, offset, keyBytes, start, length);
        keyStarts[code + 1] = start + length;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int entry : slots) {
            if (entry != 0) {
                int start = keyStarts[entry - 1];
                int slot = hash(keyBytes, start, keyStarts[entry] - start) & mask;
                while (grown[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                grown[slot] = entry;
            }
        }
        slots = grown;
    }

    private static int hash(byte[] bytes, int offset, int length) {
        int hash = length;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = hash * 0x9E3779B1 + bytes[i];
        }
        return hash ^ (hash >>> 15);
    }

    @Override
    public void appendNull() {
        if (!type.inner().isNullable()) {
            appendDefault();
            return;
        }
        if (nullCode < 0) {
            nullCode = dictionary.size();
            dictionary.appendNull();
            storeKey(nullCode, keyBytes, 0, 0);
        }
        appendCode(nullCode);
    }

    @Override
    public void appendDefault() {
        appendBytes(keyBytes, 0, 0);
    }

    @Override
    public void appendFrom(Column source, int row) {
        if (source.isNull(row)) {
            appendNull();
            return;
        }
        LowCardinalityColumn column = (LowCardinalityColumn) source;
        int[] map = remapFor(column);
        int code = column.code(row);
        int mapped = map[code];
        if (mapped < 0) {
            mapped = translate(column, code);
            map[code] = mapped;
        }
        appendCode(mapped);
    }

    private int[] remapFor(LowCardinalityColumn column) {
        if (column.dictionary() != remapped) {
            remapped = column.dictionary();
            remap = new int[remapped.size()];
            Arrays.fill(remap, -1);
        }
        return remap;
    }

    private int translate(LowCardinalityColumn column, int code) {
        Column values = column.dictionary();
        if (values instanceof NullableColumn nullable) {
            values = nullable.values();
        }
        StringColumn strings = (StringColumn) values;
        return codeOf(strings.rawBytes(), strings.valueOffset(code), strings.valueLength(code));
    }

    private void appendCode(int code) {
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, codes.length * 2);
        }
        codes[size++] = code;
    }

    @Override
    public LowCardinalityColumn build() {
        return new LowCardinalityColumn(type, dictionary.build(), codes, 0, size);
    }

    @Override
    public void reserve(int rows, long dataBytes) {
        codes = ColumnBuilders.reserved(codes, size, rows);
    }
}
