package io.starling.sql.function.conversion;

import io.starling.sql.exec.ValueText;
import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.MapColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.AggregateFunctionType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.EnumType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.Ipv4Type;
import io.starling.storage.type.Ipv6Type;
import io.starling.storage.type.MapType;
import io.starling.storage.type.NothingType;
import io.starling.storage.type.PhysicalKind;
import io.starling.storage.type.SimpleAggregateFunctionType;
import io.starling.storage.type.StringType;
import io.starling.storage.type.TupleType;
import io.starling.storage.type.UuidType;
import java.util.ArrayList;
import java.util.List;

/**
 * CAST rules for the types beyond numbers, strings and dates: Decimal, FixedString, UUID, Date32, Enum, IPv4/IPv6,
 * Tuple, Map, Nothing, SimpleAggregateFunction and AggregateFunction. Numeric paths stay numeric; the rest go
 * through the value's text form, failing with CANNOT_PARSE_TEXT like ClickHouse.
 */
final class ExtendedCasts {
    private ExtendedCasts() {
    }

    /** Converts a non-Nullable, non-LowCardinality column, or answers null when the basic rules apply. */
    static Column tryCast(Column source, DataType target) {
        DataType from = source.type();
        if (from instanceof SimpleAggregateFunctionType simple) {
            return Cast.cast(retype(source, simple.inner()), target);
        }
        if (target instanceof SimpleAggregateFunctionType simple) {
            return retype(Cast.cast(source, simple.inner()), target);
        }
        if (target instanceof AggregateFunctionType || from instanceof AggregateFunctionType) {
            if (from instanceof AggregateFunctionType fromState && target instanceof AggregateFunctionType toState
                    && io.starling.sql.function.aggregate.state.StateFunction.compatible(fromState, toState)) {
                return retype(source, target);
            }
            throw new StarlingException(ErrorCode.CANNOT_CONVERT_TYPE, "Cannot convert [" + from.name() + "] to ["
                    + target.name() + "]: aggregate function states only convert to states of the same function "
                    + "and argument types; produce them with the matching -State aggregate");
        }
        if (from instanceof NothingType) {
            ColumnBuilder builder = ColumnBuilder.forType(target, source.size());
            for (int i = 0; i < source.size(); i++) {
                builder.appendDefault();
            }
            return builder.build();
        }
        if (target instanceof TupleType tuple) {
            return source instanceof TupleColumn values ? tupleToTuple(values, tuple) : viaText(source, target);
        }
        if (target instanceof MapType map) {
            return source instanceof MapColumn values ? mapToMap(values, map) : viaText(source, target);
        }
        if (source instanceof TupleColumn || source instanceof MapColumn) {
            if (target instanceof StringType) {
                return null;
            }
            throw fail(from, target);
        }
        if (target instanceof DecimalType decimal) {
            return decimal.is256() || Decimal256Casts.is256(from) ? Decimal256Casts.toDecimal(source, decimal)
                    : DecimalCasts.toDecimal(source, decimal);
        }
        if (from instanceof DecimalType decimal) {
            if (decimal.is256()) {
                return Decimal256Casts.fromDecimal256((StringColumn) source, decimal, target);
            }
            return source instanceof io.starling.storage.column.Int128Column wide
                    ? DecimalCasts.fromWideDecimal(wide, decimal, target)
                    : fromDecimal((LongColumn) source, decimal, target);
        }
        if (target instanceof FixedStringType fixed) {
            return source instanceof StringColumn strings ? toFixedString(strings, fixed) : viaText(source, target);
        }
        if (target instanceof UuidType || target instanceof Ipv6Type) {
            if (source instanceof StringColumn) {
                return viaText(source, target);
            }
            throw fail(from, target);
        }
        if (target instanceof EnumType enumType) {
            return source instanceof LongColumn longs && Types.isInteger(from) ? toEnum(longs, enumType)
                    : viaText(source, target);
        }
        if (from instanceof UuidType || from instanceof Ipv6Type) {
            if (target instanceof StringType || target instanceof FixedStringType) {
                return null;
            }
            throw fail(from, target);
        }
        if (target instanceof Date32Type || target instanceof Ipv4Type) {
            return source instanceof StringColumn ? viaText(source, target) : null;
        }
        return null;
    }

    /** A column holding the same values under another type of the same physical kind (LONG, DOUBLE or BYTES). */
    static Column retype(Column column, DataType type) {
        return switch (column) {
            case LongColumn longs -> new LongColumn(type, longs.rawValues(), longs.rawOffset(), longs.size());
            case DoubleColumn doubles -> new DoubleColumn(type, doubles.rawValues(), doubles.rawOffset(), doubles.size());
            case StringColumn strings -> {
                int[] offsets = new int[strings.size() + 1];
                for (int i = 0; i < strings.size(); i++) {
                    offsets[i + 1] = offsets[i] + strings.valueLength(i);
                }
                int start = strings.size() == 0 ? 0 : strings.valueOffset(0);
                byte[] bytes = java.util.Arrays.copyOfRange(strings.rawBytes(), start, start + offsets[strings.size()]);
                yield new StringColumn(type, bytes, offsets, 0, strings.size());
            }
            default -> {
                ColumnBuilder builder = ColumnBuilder.forType(type, column.size());
                for (int i = 0; i < column.size(); i++) {
                    builder.appendFrom(column, i);
                }
                yield builder.build();
            }
        };
    }

    private static Column tupleToTuple(TupleColumn source, TupleType target) {
        if (source.elements().size() != target.elements().size()) {
            throw fail(source.type(), target);
        }
        List<Column> elements = new ArrayList<>(target.elements().size());
        for (int i = 0; i < target.elements().size(); i++) {
            elements.add(Cast.cast(source.element(i), target.elements().get(i)));
        }
        return new TupleColumn(target, elements, source.size());
    }

    private static Column mapToMap(MapColumn source, MapType target) {
        int rows = source.size();
        int[] offsets = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            offsets[i + 1] = offsets[i] + source.entryCount(i);
        }
        int first = rows == 0 ? 0 : source.entryStart(0);
        Column keys = Cast.cast(source.keys().region(first, offsets[rows]), target.key());
        Column values = Cast.cast(source.values().region(first, offsets[rows]), target.value());
        return new MapColumn(target, offsets, keys, values, 0, rows);
    }

    private static Column fromDecimal(LongColumn source, DecimalType decimal, DataType target) {
        int rows = source.size();
        if (target instanceof FloatType floatType) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                double value = (double) source.getLong(i) / decimal.scaleFactor();
                values[i] = floatType.bits() == 32 ? (float) value : value;
            }
            return new DoubleColumn(target, values);
        }
        if (Types.isInteger(target)) {
            long[] values = new long[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = Types.wrap(source.getLong(i) / decimal.scaleFactor(), target);
            }
            return new LongColumn(target, values);
        }
        if (target instanceof StringType) {
            return null;
        }
        throw fail(decimal, target);
    }

    private static Column toFixedString(StringColumn source, FixedStringType target) {
        ColumnBuilder builder = ColumnBuilder.forType(target, source.size());
        for (int i = 0; i < source.size(); i++) {
            if (source.valueLength(i) > target.length()) {
                throw new StarlingException(ErrorCode.TOO_LARGE_STRING_SIZE, "String [" + source.getString(i)
                        + "] is too large for [" + target.name() + "]; use a larger N or substring()");
            }
            builder.appendBytes(source.rawBytes(), source.valueOffset(i), source.valueLength(i));
        }
        return builder.build();
    }

    private static Column toEnum(LongColumn source, EnumType target) {
        long[] values = new long[source.size()];
        for (int i = 0; i < values.length; i++) {
            long value = source.getLong(i);
            if (!target.hasValue(value)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Unexpected value [" + value + "] for ["
                        + target.name() + "]; use one of the enum's values");
            }
            values[i] = value;
        }
        return new LongColumn(target, values);
    }

    /** Formats each value as text and parses it as {@code target}; NULLs stay NULL when the target allows it. */
    static Column viaText(Column source, DataType target) {
        ColumnBuilder builder = ColumnBuilder.forType(target, source.size());
        for (int i = 0; i < source.size(); i++) {
            String text = source instanceof StringColumn strings ? strings.getString(i) : ValueText.toText(source, i);
            if (!io.starling.sql.format.ValueText.parseInto(target, text, builder)) {
                throw new StarlingException(ErrorCode.CANNOT_PARSE_TEXT, "Cannot parse [" + text + "] as ["
                        + target.name() + "]; use accurateCastOrNull or a -OrNull conversion to accept bad values");
            }
        }
        return builder.build();
    }

    /** True when CAST between the two (LowCardinality and Nullable already stripped) is possible. */
    static boolean canCast(DataType from, DataType to) {
        if (from instanceof SimpleAggregateFunctionType simple) {
            return Cast.canCast(simple.inner(), to);
        }
        if (to instanceof SimpleAggregateFunctionType simple) {
            return Cast.canCast(from, simple.inner());
        }
        if (from instanceof NothingType) {
            return true;
        }
        if (to instanceof AggregateFunctionType || from instanceof AggregateFunctionType) {
            return from instanceof AggregateFunctionType source && to instanceof AggregateFunctionType target
                    && io.starling.sql.function.aggregate.state.StateFunction.compatible(source, target);
        }
        if (to instanceof TupleType target) {
            if (from instanceof TupleType source) {
                if (source.elements().size() != target.elements().size()) {
                    return false;
                }
                for (int i = 0; i < source.elements().size(); i++) {
                    if (!Cast.canCast(source.elements().get(i), target.elements().get(i))) {
                        return false;
                    }
                }
                return true;
            }
            return from instanceof StringType;
        }
        if (to instanceof MapType target) {
            return from instanceof MapType source ? Cast.canCast(source.key(), target.key())
                    && Cast.canCast(source.value(), target.value()) : from instanceof StringType;
        }
        if (from instanceof TupleType || from instanceof MapType) {
            return to instanceof StringType;
        }
        if (to instanceof UuidType || to instanceof Ipv6Type) {
            return from.equals(to) || from instanceof StringType || from instanceof FixedStringType;
        }
        if (from instanceof UuidType || from instanceof Ipv6Type) {
            return to instanceof StringType || to instanceof FixedStringType;
        }
        return from.physical() != PhysicalKind.ARRAY && to.physical() != PhysicalKind.ARRAY;
    }

    private static StarlingException fail(DataType from, DataType to) {
        return new StarlingException(ErrorCode.CANNOT_CONVERT_TYPE, "Cannot convert [" + from.name() + "] to ["
                + to.name() + "]; convert through String or pick a compatible type");
    }
}
