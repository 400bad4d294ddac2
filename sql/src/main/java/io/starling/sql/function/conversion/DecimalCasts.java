package io.starling.sql.function.conversion;

import io.starling.sql.exec.ValueText;
import io.starling.sql.format.TypedText;
import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.StringType;

/**
 * CAST to and from Decimal(P, S) for every precision (Decimal32/64 in a LongColumn, Decimal128 in an
 * Int128Column). Integer and decimal sources convert exactly through a 128-bit register: a larger scale
 * multiplies, a smaller scale truncates toward zero (as ClickHouse does), and a value with more digits than the
 * target's precision is DECIMAL_OVERFLOW (407). Floats and strings go through their text form.
 */
final class DecimalCasts {
    private DecimalCasts() {
    }

    static Column toDecimal(Column source, DecimalType target) {
        DataType from = source.type();
        if (source instanceof DoubleColumn || source instanceof StringColumn) {
            return ExtendedCasts.viaText(source, target);
        }
        boolean exact = source instanceof Int128Column
                || source instanceof LongColumn && (Types.isInteger(from) || from instanceof DecimalType);
        if (!exact) {
            throw new StarlingException(ErrorCode.CANNOT_CONVERT_TYPE, "Cannot convert [" + from.name() + "] to ["
                    + target.name() + "]; convert through String or pick a compatible type");
        }
        int fromScale = from instanceof DecimalType decimal ? decimal.scale() : 0;
        boolean unsigned = Types.isUnsigned64(from);
        int rows = source.size();
        ColumnBuilder builder = ColumnBuilder.forType(target, rows);
        Int128 value = new Int128();
        for (int i = 0; i < rows; i++) {
            load(source, i, unsigned, value);
            if (!rescale(value, fromScale, target.scale()) || !value.fitsPrecision(target.precision())) {
                throw overflow(source, i, target);
            }
            append(builder, target, value);
        }
        return builder.build();
    }

    /** Conversions from a Decimal128 column; null when the basic rules (to String) apply. */
    static Column fromWideDecimal(Int128Column source, DecimalType decimal, DataType target) {
        int rows = source.size();
        if (target instanceof FloatType floatType) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                double value = TypedText.decimal128ToDouble(source.high(i), source.low(i), decimal);
                values[i] = floatType.bits() == 32 ? (float) value : value;
            }
            return new DoubleColumn(target, values);
        }
        if (Types.isInteger(target)) {
            long[] values = new long[rows];
            Int128 value = new Int128();
            for (int i = 0; i < rows; i++) {
                value.set(source.high(i), source.low(i)).dividePowerOfTen(decimal.scale());
                if (!value.fitsLong() && !(Types.isUnsigned64(target) && value.high == 0)) {
                    throw new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "Value [" + ValueText.toText(source, i)
                            + "] is out of range for [" + target.name() + "]; use a wider type such as Float64");
                }
                values[i] = Types.wrap(value.low, target);
            }
            return new LongColumn(target, values);
        }
        if (target instanceof StringType) {
            return null;
        }
        throw new StarlingException(ErrorCode.CANNOT_CONVERT_TYPE, "Cannot convert [" + decimal.name() + "] to ["
                + target.name() + "]; convert through String or pick a compatible type");
    }

    /** Loads row {@code row} of a LongColumn or Int128Column into {@code value}. */
    static void load(Column source, int row, boolean unsigned, Int128 value) {
        if (source instanceof Int128Column wide) {
            value.set(wide.high(row), wide.low(row));
        } else {
            long number = ((LongColumn) source).getLong(row);
            if (unsigned) {
                value.set(0, number);
            } else {
                value.set(number);
            }
        }
    }

    /** Changes the scale in place: multiplies exactly or truncates toward zero; false on overflow. */
    static boolean rescale(Int128 value, int fromScale, int toScale) {
        if (toScale >= fromScale) {
            return value.multiplyPowerOfTen(toScale - fromScale);
        }
        value.dividePowerOfTen(fromScale - toScale);
        return true;
    }

    static void append(ColumnBuilder builder, DecimalType type, Int128 value) {
        if (type.isWide()) {
            builder.appendInt128(value.high, value.low);
        } else {
            builder.appendLong(value.low);
        }
    }

    private static StarlingException overflow(Column source, int row, DecimalType target) {
        return new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "Value [" + ValueText.toText(source, row)
                + "] is out of range for [" + target.name() + "]; use a wider precision such as Decimal(38, S)");
    }
}
