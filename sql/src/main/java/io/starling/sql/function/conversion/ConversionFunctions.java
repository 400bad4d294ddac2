package io.starling.sql.function.conversion;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.function.date.DateTimes;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.StringType;
import java.util.List;

/**
 * toInt8..toUInt64, toFloat32/64, toString, toDate, toDateTime, toDateTime64, toBool, their OrZero/OrNull
 * forms (for strings), CAST(x, 'T'), toTypeName and toTimeZone.
 */
public final class ConversionFunctions {
    private ConversionFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        for (IntegerType type : List.of(IntegerType.INT8, IntegerType.INT16, IntegerType.INT32, IntegerType.INT64,
                IntegerType.UINT8, IntegerType.UINT16, IntegerType.UINT32, IntegerType.UINT64)) {
            registerNumeric(registry, type);
        }
        registerNumeric(registry, FloatType.FLOAT32);
        registerNumeric(registry, FloatType.FLOAT64);
        registry.add(ScalarFunction.of("toBool", arguments -> conversion("toBool", arguments, BoolType.BOOL)));
        registry.add(ScalarFunction.of("toString", ConversionFunctions::toStringFunction));
        registry.add(ScalarFunction.of("toDate", ConversionFunctions::toDate));
        registry.alias("DATE", "toDate", true);
        registry.add(ScalarFunction.of("toDateOrZero", arguments -> orZero("toDateOrZero", arguments, DateType.DATE)));
        registry.add(ScalarFunction.of("toDateOrNull", arguments -> orNull("toDateOrNull", arguments, DateType.DATE)));
        registry.add(ScalarFunction.of("toDateTime", ConversionFunctions::toDateTime));
        registry.add(ScalarFunction.of("toDateTimeOrNull", arguments -> orNull("toDateTimeOrNull", arguments,
                dateTimeType(arguments, 1, "toDateTimeOrNull"))));
        registry.add(ScalarFunction.of("toDateTimeOrZero", arguments -> orZero("toDateTimeOrZero", arguments,
                dateTimeType(arguments, 1, "toDateTimeOrZero"))));
        registry.add(ScalarFunction.of("toDateTime64", ConversionFunctions::toDateTime64));
        registry.add(ScalarFunction.of("toTimeZone", ConversionFunctions::toTimeZone));
        registry.addCaseInsensitive(ScalarFunction.ofNullAware("CAST", ConversionFunctions::cast));
        registry.add(ScalarFunction.ofNullAware("toTypeName", arguments -> {
            Errors.checkCount("toTypeName", arguments, 1, 1);
            String name = Types.isNothing(arguments.get(0).type()) ? "Nullable(Nothing)" : arguments.get(0).type().name();
            return ScalarKernel.of(StringType.STRING, (operands, rows) -> Values.repeat(StringType.STRING, name, rows));
        }));
    }

    private static void registerNumeric(FunctionRegistry registry, DataType type) {
        String name = "to" + type.name();
        registry.add(ScalarFunction.of(name, arguments -> conversion(name, arguments, type)));
        registry.add(ScalarFunction.of(name + "OrZero", arguments -> orZero(name + "OrZero", arguments, type)));
        registry.add(ScalarFunction.of(name + "OrNull", arguments -> orNull(name + "OrNull", arguments, type)));
        registry.add(ScalarFunction.of(name + "OrDefault", arguments -> orZero(name + "OrDefault", arguments, type)));
    }

    private static ScalarKernel conversion(String name, List<Argument> arguments, DataType target) {
        Errors.checkCount(name, arguments, 1, 1);
        DataType source = arguments.get(0).type();
        if (source instanceof ArrayType || !Cast.canCast(source, target)) {
            throw Errors.illegalType(name, source);
        }
        return ScalarKernel.of(target, (operands, rows) -> Cast.cast(operands[0].full(rows), target));
    }

    private static ScalarKernel toStringFunction(List<Argument> arguments) {
        Errors.checkCount("toString", arguments, 1, 2);
        DataType source = arguments.get(0).type();
        if (arguments.size() == 2 && source instanceof DateTimeType) {
            DataType zoned = new DateTimeType(arguments.get(1).constantString("toString", 1));
            return ScalarKernel.of(StringType.STRING, (operands, rows) ->
                    Cast.cast(Cast.cast(operands[0].full(rows), zoned), StringType.STRING));
        }
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> Cast.cast(operands[0].full(rows), StringType.STRING));
    }

    private static DataType dateTimeType(List<Argument> arguments, int zonePosition, String name) {
        if (arguments.size() > zonePosition) {
            String zone = arguments.get(zonePosition).constantString(name, zonePosition);
            DateTimes.zone(zone);
            return new DateTimeType(zone);
        }
        DataType source = arguments.isEmpty() ? null : arguments.get(0).type();
        if (source instanceof DateTimeType dateTime) {
            return dateTime;
        }
        if (source instanceof DateTime64Type dateTime64) {
            return new DateTimeType(dateTime64.timeZone());
        }
        return DateTimeType.DATETIME;
    }

    /** toDate(x[, tz]): a DateTime is read in {@code tz} when given. */
    private static ScalarKernel toDate(List<Argument> arguments) {
        Errors.checkCount("toDate", arguments, 1, 2);
        DataType source = arguments.get(0).type();
        if (arguments.size() == 2 && (source instanceof DateTimeType || source instanceof DateTime64Type)) {
            DataType zoned = toTimeZone(arguments).resultType();
            return ScalarKernel.of(DateType.DATE, (operands, rows) ->
                    Cast.cast(retype(operands[0].full(rows), zoned), DateType.DATE));
        }
        return conversion("toDate", arguments.subList(0, 1), DateType.DATE);
    }

    private static ScalarKernel toDateTime(List<Argument> arguments) {
        Errors.checkCount("toDateTime", arguments, 1, 2);
        DataType target = dateTimeType(arguments, 1, "toDateTime");
        return conversion("toDateTime", arguments.subList(0, 1), target);
    }

    private static ScalarKernel toDateTime64(List<Argument> arguments) {
        Errors.checkCount("toDateTime64", arguments, 2, 3);
        int precision = (int) arguments.get(1).constantLong("toDateTime64", 1);
        String zone = arguments.size() == 3 ? arguments.get(2).constantString("toDateTime64", 2)
                : arguments.get(0).type() instanceof DateTimeType dateTime ? dateTime.timeZone() : null;
        DataType target = new DateTime64Type(precision, zone);
        return conversion("toDateTime64", arguments.subList(0, 1), target);
    }

    private static ScalarKernel toTimeZone(List<Argument> arguments) {
        Errors.checkCount("toTimeZone", arguments, 2, 2);
        DataType source = arguments.get(0).type();
        String zone = arguments.get(1).constantString("toTimeZone", 1);
        DateTimes.zone(zone);
        DataType target = source instanceof DateTime64Type dateTime64
                ? new DateTime64Type(dateTime64.precision(), zone) : new DateTimeType(zone);
        if (!(source instanceof DateTimeType) && !(source instanceof DateTime64Type)) {
            throw Errors.illegalType("toTimeZone", source);
        }
        return ScalarKernel.of(target, (operands, rows) -> retype(operands[0].full(rows), target));
    }

    private static Column retype(Column column, DataType target) {
        io.starling.storage.column.LongColumn longs = (io.starling.storage.column.LongColumn) column;
        return new io.starling.storage.column.LongColumn(target, longs.rawValues(), longs.rawOffset(), longs.size());
    }

    private static ScalarKernel cast(List<Argument> arguments) {
        Errors.checkCount("CAST", arguments, 2, 2);
        DataType target = DataTypes.parse(arguments.get(1).constantString("CAST", 1));
        DataType source = arguments.get(0).type();
        if (!Types.isNothing(source) && !Cast.canCast(source, target)) {
            throw Errors.illegalType("CAST", source);
        }
        return ScalarKernel.of(target, (operands, rows) -> Cast.cast(operands[0].full(rows), target));
    }

    static ScalarKernel orZero(String name, List<Argument> arguments, DataType target) {
        Errors.checkCount(name, arguments, 1, 2);
        if (!Types.isString(arguments.get(0).type())) {
            return conversion(name, arguments.subList(0, 1), target);
        }
        return ScalarKernel.of(target, (operands, rows) -> parseEach(operands[0].full(rows), target, false));
    }

    static ScalarKernel orNull(String name, List<Argument> arguments, DataType target) {
        Errors.checkCount(name, arguments, 1, 2);
        DataType result = Types.makeNullable(target);
        if (!Types.isString(arguments.get(0).type())) {
            return conversion(name, arguments.subList(0, 1), result);
        }
        return ScalarKernel.of(result, (operands, rows) -> parseEach(operands[0].full(rows), target, true));
    }

    /** Parses each string on its own, answering 0 (or NULL) for text that does not parse. */
    private static Column parseEach(Column source, DataType target, boolean nullOnError) {
        StringColumn strings = (StringColumn) source;
        ColumnBuilder builder = ColumnBuilder.forType(nullOnError ? Types.makeNullable(target) : target, strings.size());
        for (int i = 0; i < strings.size(); i++) {
            String text = strings.getString(i);
            try {
                if (Types.isInteger(target) && !Types.isSigned(target) && text.strip().startsWith("-")) {
                    throw new StarlingException(io.starling.storage.error.ErrorCode.CANNOT_PARSE_TEXT,
                            "A negative number is not an unsigned value");
                }
                if (Types.isFloat(target)) {
                    builder.appendDouble(Cast.parseDouble(text));
                } else {
                    builder.appendLong(Cast.parseLong(text, target));
                }
            } catch (StarlingException e) {
                if (nullOnError) {
                    builder.appendNull();
                } else {
                    builder.appendDefault();
                }
            }
        }
        return builder.build();
    }
}
