package io.starling.storage.column;

import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.TupleType;

/** Picks the builder class for a type. */
final class ColumnBuilders {
    private ColumnBuilders() {
    }

    static ColumnBuilder forType(DataType type, int expectedRows) {
        int capacity = Math.max(16, expectedRows);
        return switch (type.physical()) {
            case LONG -> new LongColumnBuilder(type, capacity);
            case INT128 -> new Int128ColumnBuilder(type, capacity);
            case DOUBLE -> new DoubleColumnBuilder(type, capacity);
            case BYTES -> new StringColumnBuilder(type, capacity);
            case DICTIONARY -> new LowCardinalityColumnBuilder((LowCardinalityType) type, capacity);
            case NULLABLE -> new NullableColumnBuilder((NullableType) type, capacity);
            case ARRAY -> new ArrayColumnBuilder((ArrayType) type, capacity);
            case TUPLE -> new TupleColumnBuilder((TupleType) type, capacity);
            case MAP -> new MapColumnBuilder((MapType) type, capacity);
        };
    }

    /** {@code values}, or a copy long enough for {@code rows} more values after the first {@code size}. */
    static long[] reserved(long[] values, int size, int rows) {
        long wanted = (long) size + Math.max(0, rows);
        return wanted > values.length && wanted < Integer.MAX_VALUE - 16 ? java.util.Arrays.copyOf(values, (int) wanted)
                : values;
    }

    static double[] reserved(double[] values, int size, int rows) {
        long wanted = (long) size + Math.max(0, rows);
        return wanted > values.length && wanted < Integer.MAX_VALUE - 16 ? java.util.Arrays.copyOf(values, (int) wanted)
                : values;
    }

    static int[] reserved(int[] values, int size, int rows) {
        long wanted = (long) size + Math.max(0, rows);
        return wanted > values.length && wanted < Integer.MAX_VALUE - 16 ? java.util.Arrays.copyOf(values, (int) wanted)
                : values;
    }
}
