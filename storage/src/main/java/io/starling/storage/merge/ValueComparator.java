package io.starling.storage.merge;

import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.MapColumn;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.TupleType;

/**
 * Compares one value of a column with one value of another column of the same type, in ClickHouse's sort
 * order: integers numerically (UInt64 unsigned, Decimal128 as signed 128-bit), floats with NaN last, strings bytewise unsigned, NULL after
 * every value, arrays lexicographically. Instances are stateless and thread-safe.
 */
@FunctionalInterface
public interface ValueComparator {
    int compare(Column left, int leftRow, Column right, int rightRow);

    static ValueComparator forType(DataType type) {
        return switch (type.physical()) {
            case LONG -> type.behavesAs() instanceof IntegerType integer && integer.bits() == 64 && !integer.signed()
                    ? (left, leftRow, right, rightRow) -> Long.compareUnsigned(
                            ((LongColumn) left).getLong(leftRow), ((LongColumn) right).getLong(rightRow))
                    : (left, leftRow, right, rightRow) -> Long.compare(
                            ((LongColumn) left).getLong(leftRow), ((LongColumn) right).getLong(rightRow));
            case INT128 -> (left, leftRow, right, rightRow) -> Int128Column.compare(
                    (Int128Column) left, leftRow, (Int128Column) right, rightRow);
            case DOUBLE -> (left, leftRow, right, rightRow) -> Double.compare(
                    ((DoubleColumn) left).getDouble(leftRow), ((DoubleColumn) right).getDouble(rightRow));
            case BYTES -> (left, leftRow, right, rightRow) -> StringColumn.compare(
                    (StringColumn) left, leftRow, (StringColumn) right, rightRow);
            case DICTIONARY -> dictionary(forType(((LowCardinalityType) type).inner()));
            case NULLABLE -> nullsLast(forType(((NullableType) type).inner()));
            case ARRAY -> array(forType(((ArrayType) type).element()));
            case TUPLE -> tuple((TupleType) type);
            case MAP -> map(forType(((MapType) type).key()), forType(((MapType) type).value()));
        };
    }

    private static ValueComparator dictionary(ValueComparator inner) {
        return (left, leftRow, right, rightRow) -> {
            LowCardinalityColumn leftColumn = (LowCardinalityColumn) left;
            LowCardinalityColumn rightColumn = (LowCardinalityColumn) right;
            if (leftColumn.dictionary() == rightColumn.dictionary() && leftColumn.code(leftRow) == rightColumn.code(rightRow)) {
                return 0;
            }
            return inner.compare(leftColumn.dictionary(), leftColumn.code(leftRow),
                    rightColumn.dictionary(), rightColumn.code(rightRow));
        };
    }

    private static ValueComparator nullsLast(ValueComparator inner) {
        return (left, leftRow, right, rightRow) -> {
            boolean leftNull = left.isNull(leftRow);
            boolean rightNull = right.isNull(rightRow);
            if (leftNull || rightNull) {
                return leftNull == rightNull ? 0 : leftNull ? 1 : -1;
            }
            return inner.compare(((NullableColumn) left).values(), leftRow, ((NullableColumn) right).values(), rightRow);
        };
    }

    private static ValueComparator tuple(TupleType type) {
        ValueComparator[] elements = new ValueComparator[type.elements().size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = forType(type.elements().get(i));
        }
        return (left, leftRow, right, rightRow) -> {
            TupleColumn leftTuple = (TupleColumn) left;
            TupleColumn rightTuple = (TupleColumn) right;
            for (int i = 0; i < elements.length; i++) {
                int result = elements[i].compare(leftTuple.element(i), leftRow, rightTuple.element(i), rightRow);
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        };
    }

    /** Maps compare as their lists of (key, value) entries, lexicographically. */
    private static ValueComparator map(ValueComparator key, ValueComparator value) {
        return (left, leftRow, right, rightRow) -> {
            MapColumn leftMap = (MapColumn) left;
            MapColumn rightMap = (MapColumn) right;
            int leftStart = leftMap.entryStart(leftRow);
            int rightStart = rightMap.entryStart(rightRow);
            int leftCount = leftMap.entryCount(leftRow);
            int rightCount = rightMap.entryCount(rightRow);
            for (int i = 0; i < Math.min(leftCount, rightCount); i++) {
                int result = key.compare(leftMap.keys(), leftStart + i, rightMap.keys(), rightStart + i);
                if (result == 0) {
                    result = value.compare(leftMap.values(), leftStart + i, rightMap.values(), rightStart + i);
                }
                if (result != 0) {
                    return result;
                }
            }
            return Integer.compare(leftCount, rightCount);
        };
    }

    private static ValueComparator array(ValueComparator element) {
        return (left, leftRow, right, rightRow) -> {
            ArrayColumn leftArray = (ArrayColumn) left;
            ArrayColumn rightArray = (ArrayColumn) right;
            int leftStart = leftArray.elementStart(leftRow);
            int rightStart = rightArray.elementStart(rightRow);
            int leftCount = leftArray.elementCount(leftRow);
            int rightCount = rightArray.elementCount(rightRow);
            int common = Math.min(leftCount, rightCount);
            for (int i = 0; i < common; i++) {
                int result = element.compare(leftArray.elements(), leftStart + i, rightArray.elements(), rightStart + i);
                if (result != 0) {
                    return result;
                }
            }
            return Integer.compare(leftCount, rightCount);
        };
    }
}
