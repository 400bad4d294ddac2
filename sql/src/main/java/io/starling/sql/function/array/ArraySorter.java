package io.starling.sql.function.array;

import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.ArrayType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Sorts each row's elements by keys (stable): ascending or descending, NaN and NULL last, as arraySort does. */
final class ArraySorter {
    private ArraySorter() {
    }

    static Column sort(ArrayType type, Column elements, Column keys, int[] offsets, int rows, boolean descending) {
        Integer[] order = new Integer[elements.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = 0; i < rows; i++) {
            Arrays.sort(order, offsets[i], offsets[i + 1], (a, b) -> {
                boolean aLast = last(keys, a);
                boolean bLast = last(keys, b);
                if (aLast || bLast) {
                    return Boolean.compare(aLast, bLast);
                }
                int compare = compare(keys, a, b);
                return descending ? -compare : compare;
            });
        }
        int[] positions = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            positions[i] = order[i];
        }
        return new ArrayColumn(type, offsets, elements.select(positions, positions.length), 0, rows);
    }

    private static boolean last(Column keys, int row) {
        if (keys.isNull(row)) {
            return true;
        }
        Column plain = keys instanceof NullableColumn nullable ? nullable.values() : keys;
        return plain instanceof DoubleColumn doubles && Double.isNaN(doubles.getDouble(row));
    }

    /** Compares two rows of one column by value (unsigned for UInt64, bytes for strings). */
    static int compare(Column column, int a, int b) {
        Column plain = column instanceof NullableColumn nullable ? nullable.values() : column;
        return switch (plain) {
            case LongColumn longs -> Types.isUnsigned64(longs.type())
                    ? Long.compareUnsigned(longs.getLong(a), longs.getLong(b)) : Long.compare(longs.getLong(a), longs.getLong(b));
            case DoubleColumn doubles -> Double.compare(doubles.getDouble(a), doubles.getDouble(b));
            case StringColumn strings -> StringColumn.compare(strings, a, strings, b);
            default -> compareValues(Values.get(plain, a), Values.get(plain, b));
        };
    }

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number left && b instanceof Number right) {
            return left instanceof Long x && right instanceof Long y ? Long.compare(x, y)
                    : Double.compare(left.doubleValue(), right.doubleValue());
        }
        if (a instanceof List<?> left && b instanceof List<?> right) {
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                int comparison = compareValues(left.get(i), right.get(i));
                if (comparison != 0) {
                    return comparison;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        return Arrays.compareUnsigned(a.toString().getBytes(StandardCharsets.UTF_8), b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
