package io.starling.sql.function.conversion;

import io.starling.sql.exec.ValueText;
import io.starling.sql.function.Types;
import io.starling.sql.function.date.DateTimeParser;
import io.starling.sql.function.date.DateTimes;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.StringType;
import java.time.ZoneId;

/**
 * Converts a whole column to another type, as CAST and the toT() functions do: integers wrap, floats
 * truncate toward zero, strings parse (failing with CANNOT_PARSE_TEXT), dates convert through their zones.
 */
public final class Cast {
    private Cast() {
    }

    public static Column cast(Column source, DataType target) {
        if (source.type().equals(target)) {
            return source;
        }
        if (source instanceof LowCardinalityColumn lowCardinality) {
            return cast(lowCardinality.decode(), target);
        }
        if (target instanceof LowCardinalityType lowCardinality) {
            Column plain = cast(source, lowCardinality.inner());
            ColumnBuilder builder = ColumnBuilder.forType(target, plain.size());
            for (int i = 0; i < plain.size(); i++) {
                if (plain.isNull(i)) {
                    builder.appendNull();
                } else {
                    builder.appendString(ValueText.toText(plain, i));
                }
            }
            return builder.build();
        }
        if (target instanceof NullableType nullable) {
            if (source instanceof NullableColumn values) {
                if (hasNulls(values) && mayFailOnDefaults(values.values().type(), nullable.inner())) {
                    return castNonNullRows(values, nullable);
                }
                return new NullableColumn(nullable, cast(values.values(), nullable.inner()), values.rawNulls(),
                        values.rawOffset());
            }
            return new NullableColumn(nullable, cast(source, nullable.inner()), new boolean[source.size()], 0);
        }
        if (source instanceof NullableColumn nullable) {
            return cast(nullable.values(), target);
        }
        return castPlain(source, target);
    }

    private static boolean hasNulls(NullableColumn column) {
        for (int i = 0; i < column.size(); i++) {
            if (column.isNull(i)) {
                return true;
            }
        }
        return false;
    }

    /** True when the default value under a NULL might not convert (text parsing, enum codes, Nothing). */
    private static boolean mayFailOnDefaults(DataType from, DataType to) {
        return isExtended(Types.base(from)) || isExtended(Types.base(to)) || from instanceof StringType;
    }

    /** Casts only the non-NULL rows, so the placeholder values under NULLs never have to convert. */
    private static Column castNonNullRows(NullableColumn source, NullableType target) {
        int rows = source.size();
        int[] positions = new int[rows];
        boolean[] nulls = new boolean[rows];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            nulls[i] = source.isNull(i);
            if (!nulls[i]) {
                positions[count++] = i;
            }
        }
        Column converted = count == 0 ? ColumnBuilder.forType(target.inner(), 0).build()
                : cast(source.values().select(positions, count), target.inner());
        ColumnBuilder values = ColumnBuilder.forType(target.inner(), rows);
        int next = 0;
        for (int i = 0; i < rows; i++) {
            if (nulls[i]) {
                values.appendDefault();
            } else {
                values.appendFrom(converted, next++);
            }
        }
        return new NullableColumn(target, values.build(), nulls, 0);
    }

    private static Column castPlain(Column source, DataType target) {
        int rows = source.size();
        Column extended = ExtendedCasts.tryCast(source, target);
        if (extended != null) {
            return extended;
        }
        if (target instanceof StringType) {
            return toStrings(source);
        }
        if (target instanceof ArrayType arrayType && source instanceof ArrayColumn array) {
            int[] offsets = new int[rows + 1];
            for (int i = 0; i < rows; i++) {
                offsets[i + 1] = offsets[i] + array.elementCount(i);
            }
            int first = rows == 0 ? 0 : array.elementStart(0);
            Column elements = array.elements().region(first, offsets[rows]);
            return new ArrayColumn(arrayType, offsets, cast(elements, arrayType.element()), 0, rows);
        }
        if (source instanceof StringColumn && target instanceof ArrayType) {
            return ExtendedCasts.viaText(source, target);
        }
        if (source instanceof StringColumn strings) {
            return fromStrings(strings, target);
        }
        if (target instanceof FloatType floatType) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                double value = source instanceof DoubleColumn doubles ? doubles.getDouble(i)
                        : Types.toDouble(((LongColumn) source).getLong(i), source.type());
                values[i] = floatType.bits() == 32 ? (float) value : value;
            }
            return new DoubleColumn(target, values);
        }
        if (target.physical() == io.starling.storage.type.PhysicalKind.LONG) {
            return new LongColumn(target, toLongs(source, target));
        }
        throw cannotConvert(source.type(), target);
    }

    private static long[] toLongs(Column source, DataType target) {
        int rows = source.size();
        long[] values = new long[rows];
        DataType from = source.type();
        if (source instanceof DoubleColumn doubles) {
            for (int i = 0; i < rows; i++) {
                double value = doubles.getDouble(i);
                values[i] = target instanceof DateTime64Type dateTime64 ? (long) (value * dateTime64.ticksPerSecond())
                        : Types.wrap(doubleToLong(value, target), target);
            }
            return values;
        }
        LongColumn longs = (LongColumn) source;
        for (int i = 0; i < rows; i++) {
            values[i] = convertLong(longs.getLong(i), from, target);
        }
        return values;
    }

    private static long doubleToLong(double value, DataType target) {
        if (Types.isUnsigned64(target) && value >= 9.223372036854775807E18) {
            return (long) (value - 9.223372036854775807E18) + Long.MIN_VALUE;
        }
        return (long) value;
    }

    /** Converts one integer-held value between integer, Date, DateTime and DateTime64 types. */
    public static long convertLong(long value, DataType from, DataType to) {
        if (from instanceof io.starling.storage.type.Date32Type) {
            from = DateType.DATE;
        }
        if (to instanceof io.starling.storage.type.Date32Type) {
            return Types.isInteger(from) ? value : convertLong(value, from, DateType.DATE);
        }
        if (to instanceof DateType) {
            if (from instanceof DateTimeType) {
                return Math.floorDiv(DateTimes.toLocal(value, DateTimes.zoneOf(from)), DateTimes.SECONDS_PER_DAY);
            }
            if (from instanceof DateTime64Type dateTime64) {
                long seconds = Math.floorDiv(value, dateTime64.ticksPerSecond());
                return Math.floorDiv(DateTimes.toLocal(seconds, DateTimes.zoneOf(from)), DateTimes.SECONDS_PER_DAY);
            }
            return value > 65535 && !(from instanceof DateType)
                    ? Math.floorDiv(value, DateTimes.SECONDS_PER_DAY) : value;
        }
        if (to instanceof DateTimeType) {
            if (from instanceof DateType) {
                return DateTimes.fromLocal(value * DateTimes.SECONDS_PER_DAY, DateTimes.zoneOf(to));
            }
            if (from instanceof DateTime64Type dateTime64) {
                return Math.floorDiv(value, dateTime64.ticksPerSecond());
            }
            return value;
        }
        if (to instanceof DateTime64Type dateTime64) {
            long perSecond = dateTime64.ticksPerSecond();
            if (from instanceof DateType) {
                return DateTimes.fromLocal(value * DateTimes.SECONDS_PER_DAY, DateTimes.zoneOf(to)) * perSecond;
            }
            if (from instanceof DateTime64Type source) {
                long sourcePerSecond = source.ticksPerSecond();
                return perSecond >= sourcePerSecond ? value * (perSecond / sourcePerSecond)
                        : Math.floorDiv(value, sourcePerSecond / perSecond);
            }
            return value * perSecond;
        }
        if (from instanceof DateTime64Type dateTime64 && Types.isInteger(to)) {
            return Types.wrap(Math.floorDiv(value, dateTime64.ticksPerSecond()), to);
        }
        return Types.wrap(value, to);
    }

    private static StringColumn toStrings(Column source) {
        StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, source.size());
        for (int i = 0; i < source.size(); i++) {
            builder.appendString(ValueText.toText(source, i));
        }
        return builder.build();
    }

    private static Column fromStrings(StringColumn strings, DataType target) {
        int rows = strings.size();
        if (target instanceof FloatType floatType) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                double value = parseDouble(strings.getString(i));
                values[i] = floatType.bits() == 32 ? (float) value : value;
            }
            return new DoubleColumn(target, values);
        }
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = parseLong(strings.getString(i), target);
        }
        return new LongColumn(target, values);
    }

    /** Parses text as a value of an integer-held type; throws CANNOT_PARSE_TEXT. */
    public static long parseLong(String text, DataType target) {
        if (target instanceof DateType) {
            return DateTimeParser.parseDate(text);
        }
        if (target instanceof DateTimeType) {
            return DateTimeParser.parseDateTime(text, DateTimes.zoneOf(target));
        }
        if (target instanceof DateTime64Type dateTime64) {
            ZoneId zone = DateTimes.zoneOf(target);
            return DateTimeParser.parseDateTime64(text, dateTime64.precision(), zone);
        }
        String trimmed = text.strip();
        if (target instanceof BoolType) {
            if (trimmed.equalsIgnoreCase("true")) {
                return 1;
            }
            if (trimmed.equalsIgnoreCase("false")) {
                return 0;
            }
        }
        try {
            if (Types.isUnsigned64(target) && !trimmed.startsWith("-")) {
                return Long.parseUnsignedLong(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
            }
            return Types.wrap(Long.parseLong(trimmed), target);
        } catch (NumberFormatException e) {
            throw new StarlingException(ErrorCode.CANNOT_PARSE_TEXT, "Cannot parse [" + text + "] as ["
                    + target.name() + "]; use to" + target.name() + "OrZero or to" + target.name()
                    + "OrNull to accept bad values");
        }
    }

    public static double parseDouble(String text) {
        String trimmed = text.strip();
        switch (trimmed.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        try {
            if (trimmed.isEmpty() || Character.isLetter(trimmed.charAt(trimmed.length() - 1))) {
                throw new NumberFormatException(trimmed);
            }
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw new StarlingException(ErrorCode.CANNOT_PARSE_TEXT, "Cannot parse [" + text
                    + "] as [Float64]; use toFloat64OrZero or toFloat64OrNull to accept bad values");
        }
    }

    private static boolean isExtended(DataType type) {
        return !(type instanceof io.starling.storage.type.IntegerType || type instanceof FloatType
                || type instanceof BoolType || type instanceof StringType || type instanceof DateType
                || type instanceof DateTimeType || type instanceof DateTime64Type || type instanceof ArrayType);
    }

    private static StarlingException cannotConvert(DataType from, DataType to) {
        return new StarlingException(ErrorCode.CANNOT_CONVERT_TYPE,
                "Cannot convert [" + from.name() + "] to [" + to.name() + "]");
    }

    /** True when {@link #cast} can convert {@code from} to {@code to}. */
    public static boolean canCast(DataType from, DataType to) {
        DataType a = Types.base(from);
        DataType b = Types.base(to);
        if (isExtended(a) || isExtended(b)) {
            return ExtendedCasts.canCast(a, b);
        }
        if (b instanceof ArrayType right) {
            return a instanceof StringType || a instanceof ArrayType left && canCast(left.element(), right.element());
        }
        if (b instanceof StringType || a instanceof StringType || a.equals(b)) {
            return !(a instanceof ArrayType) || b instanceof StringType || b instanceof ArrayType;
        }
        if (a instanceof ArrayType left) {
            return b instanceof ArrayType right && canCast(left.element(), right.element());
        }
        return !(b instanceof ArrayType);
    }
}
