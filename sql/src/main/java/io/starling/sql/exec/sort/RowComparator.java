package io.starling.sql.exec.sort;

import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;

/**
 * Compares two rows by one ORDER BY key. NULLs go last unless NULLS FIRST (in both directions, as in
 * ClickHouse); NaN sorts after numbers and before NULL.
 */
final class RowComparator {
    private final Column values;
    private final NullableColumn nullable;
    private final boolean descending;
    private final boolean nullsFirst;
    private final boolean unsigned;

    RowComparator(Column column, boolean descending, boolean nullsFirst) {
        Column plain = column instanceof LowCardinalityColumn lowCardinality ? lowCardinality.decode() : column;
        this.nullable = plain instanceof NullableColumn wrapper ? wrapper : null;
        this.values = nullable != null ? nullable.values() : plain;
        this.descending = descending;
        this.nullsFirst = nullsFirst;
        this.unsigned = Types.isUnsigned64(values.type());
    }

    int compare(int left, int right) {
        if (nullable != null) {
            boolean leftNull = nullable.isNull(left);
            boolean rightNull = nullable.isNull(right);
            if (leftNull || rightNull) {
                if (leftNull && rightNull) {
                    return 0;
                }
                return (leftNull ? 1 : -1) * (nullsFirst ? -1 : 1);
            }
        }
        if (values instanceof DoubleColumn doubles) {
            double a = doubles.getDouble(left);
            double b = doubles.getDouble(right);
            boolean leftNan = Double.isNaN(a);
            boolean rightNan = Double.isNaN(b);
            if (leftNan || rightNan) {
                return leftNan == rightNan ? 0 : (leftNan ? 1 : -1) * (nullsFirst ? -1 : 1);
            }
            return directed(Double.compare(a, b));
        }
        int comparison = switch (values) {
            case LongColumn longs -> unsigned ? Long.compareUnsigned(longs.getLong(left), longs.getLong(right))
                    : Long.compare(longs.getLong(left), longs.getLong(right));
            case StringColumn strings -> StringColumn.compare(strings, left, strings, right);
            default -> io.starling.sql.exec.sort.ValueOrder.compare(Values.get(values, left), Values.get(values, right));
        };
        return directed(comparison);
    }

    private int directed(int comparison) {
        return descending ? -comparison : comparison;
    }
}
