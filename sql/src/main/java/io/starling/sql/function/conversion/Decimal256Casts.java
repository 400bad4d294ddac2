package io.starling.sql.function.conversion;

import io.starling.sql.exec.ValueText;
import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.Int256;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.StringType;

/**
 * CAST to and from Decimal256 (Decimal(P, S) with P in 39..76, 32-byte encodings in a StringColumn; see
 * {@link Int256}). Integer and decimal sources of every width convert exactly through a 256-bit register: a larger
 * scale multiplies, a smaller scale truncates toward zero, and a value with more digits than the target's precision
 * is DECIMAL_OVERFLOW (407), as for the narrower decimals. Floats and strings go through their text form.
 */
public final class Decimal256Casts {
    private Decimal256Casts() {
    }

    /** True for a Decimal256 type (after SimpleAggregateFunction and similar wrappers). */
    public static boolean is256(DataType type) {
        return type.behavesAs() instanceof DecimalType decimal && decimal.is256();
    }

    /**
     * Loads row {@code row} of an exact numeric column into {@code target}, unscaled: an integer or Decimal32/64
     * LongColumn ({@code unsigned} for UInt64), a Decimal128 Int128Column or a Decimal256 StringColumn.
     */
    public static Int256 load(Column column, int row, boolean unsigned, Int256 target) {
        return switch (column) {
            case LongColumn longs -> unsigned ? target.setUnsigned(longs.getLong(row)) : target.set(longs.getLong(row));
            case Int128Column wide -> target.setInt128(wide.high(row), wide.low(row));
            case StringColumn bytes -> target.read(bytes, row);
            default -> throw new IllegalArgumentException("Column of [" + column.type().name() + "] is not an exact number");
        };
    }

    /** Appends the register to a builder of any Decimal type; the value must already fit its precision. */
    public static void append(ColumnBuilder builder, DecimalType type, Int256 value) {
        if (type.is256()) {
            value.appendTo(builder);
        } else if (type.isWide()) {
            builder.appendInt128(value.high(), value.low());
        } else {
            builder.appendLong(value.toLong());
        }
    }

    /** Changes the scale in place: multiplies exactly or truncates toward zero; false on overflow. */
    public static boolean rescale(Int256 value, int fromScale, int toScale) {
        if (toScale >= fromScale) {
            return value.multiplyPowerOfTen(toScale - fromScale);
        }
        value.dividePowerOfTen(fromScale - toScale);
        return true;
    }

    /** The unscaled value of a Decimal with {@code scale} as a double. */
    public static double toDouble(Int256 value, int scale) {
        double unscaled = value.toDouble();
        return scale == 0 ? unscaled : unscaled / Math.pow(10, scale);
    }

    /** CAST to any Decimal where the source or the target is a Decimal256. */
    static Column toDecimal(Column source, DecimalType target) {
        DataType from = source.type();
        if (source instanceof DoubleColumn || source instanceof StringColumn && !is256(from)) {
            return ExtendedCasts.viaText(source, target);
        }
        boolean exact = source instanceof Int128Column || source instanceof StringColumn
                || source instanceof LongColumn && (Types.isInteger(from) || from instanceof DecimalType);
        if (!exact) {
            throw new StarlingException(ErrorCode.CANNOT_CONVERT_TYPE, "Cannot convert [" + from.name() + "] to ["
                    + target.name() + "]; convert through String or pick a compatible type");
        }
        int fromScale = from.behavesAs() instanceof DecimalType decimal ? decimal.scale() : 0;
        boolean unsigned = Types.isUnsigned64(from);
        int rows = source.size();
        ColumnBuilder builder = ColumnBuilder.forType(target, rows);
        Int256 value = new Int256();
        for (int i = 0; i < rows; i++) {
            load(source, i, unsigned, value);
            if (!rescale(value, fromScale, target.scale()) || !value.fitsPrecision(target.precision())) {
                throw new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "Value [" + ValueText.toText(source, i)
                        + "] is out of range for [" + target.name() + "]; use a wider precision such as Decimal(76, S)");
            }
            append(builder, target, value);
        }
        return builder.build();
    }

    /** Conversions from a Decimal256 column to floats and integers; null when the basic rules (to String) apply. */
    static Column fromDecimal256(StringColumn source, DecimalType decimal, DataType target) {
        int rows = source.size();
        Int256 value = new Int256();
        if (target instanceof FloatType floatType) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                double converted = toDouble(value.read(source, i), decimal.scale());
                values[i] = floatType.bits() == 32 ? (float) converted : converted;
            }
            return new DoubleColumn(target, values);
        }
        if (Types.isInteger(target)) {
            long[] values = new long[rows];
            boolean unsigned = Types.isUnsigned64(target);
            for (int i = 0; i < rows; i++) {
                value.read(source, i).dividePowerOfTen(decimal.scale());
                if (!value.fitsLong() && !(unsigned && value.fitsUnsignedLong())) {
                    throw new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "Value [" + ValueText.toText(source, i)
                            + "] is out of range for [" + target.name() + "]; use a wider type such as Float64");
                }
                values[i] = Types.wrap(value.toLong(), target);
            }
            return new LongColumn(target, values);
        }
        if (target instanceof StringType) {
            return null;
        }
        throw new StarlingException(ErrorCode.CANNOT_CONVERT_TYPE, "Cannot convert [" + decimal.name() + "] to ["
                + target.name() + "]; convert through String or pick a compatible type");
    }
}
