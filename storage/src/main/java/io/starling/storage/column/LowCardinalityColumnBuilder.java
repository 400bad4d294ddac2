package io.starling.storage.column;

import io.starling.storage.type.LowCardinalityType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Builds LowCardinality(String) (and LowCardinality(Nullable(String))) columns, deduplicating values. */
public final class LowCardinalityColumnBuilder implements ColumnBuilder {
    private final LowCardinalityType type;
    private final ColumnBuilder dictionary;
    private final Map<ByteBuffer, Integer> codeByValue = new HashMap<>();
    private int nullCode = -1;
    private int[] codes;
    private int size;

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
        ByteBuffer key = ByteBuffer.wrap(Arrays.copyOfRange(source, offset, offset + length));
        Integer code = codeByValue.get(key);
        if (code == null) {
            code = dictionary.size();
            dictionary.appendBytes(source, offset, length);
            codeByValue.put(key, code);
        }
        appendCode(code);
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
        }
        appendCode(nullCode);
    }

    @Override
    public void appendDefault() {
        appendBytes(new byte[0], 0, 0);
    }

    @Override
    public void appendFrom(Column source, int row) {
        if (source.isNull(row)) {
            appendNull();
            return;
        }
        LowCardinalityColumn column = (LowCardinalityColumn) source;
        Column values = column.dictionary();
        if (values instanceof NullableColumn nullable) {
            values = nullable.values();
        }
        StringColumn strings = (StringColumn) values;
        int code = column.code(row);
        appendBytes(strings.rawBytes(), strings.valueOffset(code), strings.valueLength(code));
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
}
