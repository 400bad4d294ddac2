package io.starling.sql.exec.window;

import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Orders rows by partition keys, then order keys (NULLs last, as ClickHouse's default), stably. */
final class WindowOrder {
    private WindowOrder() {
    }

    static int[] sort(Column[] partition, Column[] order, boolean[] descending, int rows) {
        Integer[] boxed = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            boxed[i] = i;
        }
        if (partition.length + order.length > 0) {
            Arrays.sort(boxed, (a, b) -> {
                int compare = compareKeys(partition, null, a, b);
                return compare != 0 ? compare : compareKeys(order, descending, a, b);
            });
        }
        int[] sorted = new int[rows];
        for (int i = 0; i < rows; i++) {
            sorted[i] = boxed[i];
        }
        return sorted;
    }

    static int compareKeys(Column[] keys, boolean[] descending, int a, int b) {
        for (int k = 0; k < keys.length; k++) {
            int compare = compare(keys[k], a, b, descending != null && descending[k]);
            if (compare != 0) {
                return compare;
            }
        }
        return 0;
    }

    private static int compare(Column column, int a, int b, boolean descending) {
        boolean aNull = column.isNull(a);
        boolean bNull = column.isNull(b);
        if (aNull || bNull) {
            return Boolean.compare(aNull, bNull);
        }
        int compare = switch (column) {
            case NullableColumn nullable -> compare(nullable.values(), a, b, false);
            case LongColumn longs -> Types.isUnsigned64(longs.type())
                    ? Long.compareUnsigned(longs.getLong(a), longs.getLong(b)) : Long.compare(longs.getLong(a), longs.getLong(b));
            case DoubleColumn doubles -> Double.compare(doubles.getDouble(a), doubles.getDouble(b));
            case StringColumn strings -> StringColumn.compare(strings, a, strings, b);
            case LowCardinalityColumn lowCardinality -> compare(lowCardinality.decode(), a, b, false);
            default -> Arrays.compareUnsigned(String.valueOf(Values.get(column, a)).getBytes(StandardCharsets.UTF_8),
                    String.valueOf(Values.get(column, b)).getBytes(StandardCharsets.UTF_8));
        };
        return descending ? -compare : compare;
    }
}
