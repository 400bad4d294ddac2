package io.starling.sql.function.conversion;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.RowKernel;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.storage.column.Column;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.StringType;
import io.starling.storage.type.UuidType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * accurateCast, accurateCastOrNull, accurateCastOrDefault (a number that does not fit the target is an error,
 * NULL or the default instead of wrapping), reinterpretAs* (the little-endian bytes of one value read as another
 * type) and toDecimal32/64/128/256OrNull/OrZero.
 */
public final class ConversionExtras {
    private ConversionExtras() {
    }

    /** What accurateCast does with a value that does not convert exactly. */
    private enum Failure { THROW, NULL, DEFAULT }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("accurateCast", arguments -> accurate("accurateCast", arguments, Failure.THROW)));
        registry.add(ScalarFunction.ofNullAware("accurateCastOrNull", arguments -> accurate("accurateCastOrNull", arguments, Failure.NULL)));
        registry.add(ScalarFunction.of("accurateCastOrDefault", arguments -> accurate("accurateCastOrDefault", arguments, Failure.DEFAULT)));
        for (String name : List.of("UInt8", "UInt16", "UInt32", "UInt64", "Int8", "Int16", "Int32", "Int64", "Float32",
                "Float64", "Date", "DateTime", "String", "FixedString", "UUID")) {
            String function = "reinterpretAs" + name;
            registry.add(ScalarFunction.of(function, arguments -> reinterpret(function, name, arguments)));
        }
        for (String decimal : List.of("toDecimal32", "toDecimal64", "toDecimal128", "toDecimal256")) {
            int precision = decimal.endsWith("32") ? 9 : decimal.endsWith("64") ? 18 : decimal.endsWith("128") ? 38 : 76;
            for (boolean nullable : new boolean[] {true, false}) {
                String name = decimal + (nullable ? "OrNull" : "OrZero");
                registry.add(ScalarFunction.of(name, arguments -> {
                    Errors.checkCount(name, arguments, 2, 2);
                    if (!Types.isString(arguments.get(0).type())) {
                        throw Errors.illegalArgument(name, 0, "a String");
                    }
                    long scale = arguments.get(1).constantLong(name, 1);
                    if (scale < 0 || scale > precision) {
                        throw Errors.illegalArgument(name, 1, "a scale between 0 and " + precision);
                    }
                    DecimalType target = new DecimalType(precision, (int) scale);
                    Object zero = nullable ? null : (Object) 0L;
                    DataType result = nullable ? Types.makeNullable(target) : target;
                    return RowKernel.of(result, values -> {
                        Object converted = tryCast(StringType.STRING, values[0], target);
                        return converted == null ? zero : converted;
                    });
                }));
            }
        }
    }

    private static ScalarKernel accurate(String name, List<Argument> arguments, Failure failure) {
        Errors.checkCount(name, arguments, 2, failure == Failure.DEFAULT ? 3 : 2);
        DataType target = DataTypes.parse(arguments.get(1).constantString(name, 1));
        DataType source = arguments.get(0).type();
        if (!Cast.canCast(Types.base(source), Types.base(target))) {
            throw Errors.illegalType(name, arguments);
        }
        DataType result = failure == Failure.NULL ? Types.makeNullable(target) : target;
        return RowKernel.of(result, values -> {
            Object value = values[0];
            if (value == null) {
                return null;
            }
            Object original = value;
            DataType from = Types.base(source);
            if (Types.isString(from) && Types.base(target) instanceof IntegerType) {
                // Read the text as a number first so that '300' is out of range for UInt8 rather than wrapping.
                Object number = tryCast(from, value, RowKernel.text(value).strip().startsWith("-") ? Types.INT64 : Types.UINT64);
                if (number == null) {
                    number = tryCast(from, value, Types.FLOAT64);
                }
                if (number == null) {
                    value = null;
                } else {
                    from = number instanceof Double ? Types.FLOAT64
                            : RowKernel.text(value).strip().startsWith("-") ? Types.INT64 : Types.UINT64;
                    value = number;
                }
            }
            Object converted = value != null && fits(from, value, Types.base(target)) ? tryCast(from, value, target) : null;
            if (converted != null) {
                return converted;
            }
            return switch (failure) {
                case NULL -> null;
                case DEFAULT -> values.length == 3 ? values[2] : defaultOf(target);
                case THROW -> throw new StarlingException(ErrorCode.CANNOT_CONVERT_TYPE, "Value " + RowKernel.text(original)
                        + " cannot be represented exactly as " + target.name() + " in " + name
                        + "; use accurateCastOrNull to get NULL instead");
            };
        });
    }

    /** False when a number lies outside the target integer's range, or is not finite for an integer target. */
    private static boolean fits(DataType source, Object value, DataType target) {
        if (!(value instanceof Number number) || !(target instanceof IntegerType integer)) {
            if (value instanceof Double d && target instanceof FloatType f && f.equals(FloatType.FLOAT32)) {
                return Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) <= Float.MAX_VALUE;
            }
            return true;
        }
        boolean unsigned64 = !integer.signed() && integer.bits() == 64;
        if (number instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return false;
            }
            double max = unsigned64 ? 0x1p64 : (double) integer.maxValue() + 1;
            return d > (double) integer.minValue() - 1 && d < max;
        }
        long v = number.longValue();
        if (Types.isUnsigned64(source) && v < 0) {
            return unsigned64;
        }
        if (unsigned64) {
            return v >= 0;
        }
        return v >= integer.minValue() && v <= integer.maxValue();
    }

    /** CAST of one value; null when it does not convert (a string that does not parse, a string too long...). */
    private static Object tryCast(DataType source, Object value, DataType target) {
        try {
            if (target instanceof FixedStringType fixed && value instanceof String text
                    && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > fixed.length()) {
                return null;
            }
            Column column = Values.repeat(source, value, 1);
            return Values.get(Cast.cast(column, Types.base(target)), 0);
        } catch (StarlingException | NumberFormatException e) {
            return null;
        }
    }

    private static Object defaultOf(DataType type) {
        if (type.isNullable()) {
            return null;
        }
        io.starling.storage.column.ColumnBuilder builder = io.starling.storage.column.ColumnBuilder.forType(type, 1);
        builder.appendDefault();
        return Values.get(builder.build(), 0);
    }

    private static ScalarKernel reinterpret(String function, String target, List<Argument> arguments) {
        Errors.checkCount(function, arguments, 1, 1);
        DataType source = arguments.get(0).type();
        int sourceWidth = width(source);
        boolean bytesSource = Types.isString(source) || source.behavesAs() instanceof FixedStringType
                || source instanceof UuidType;
        if (sourceWidth == 0 && !bytesSource) {
            throw Errors.illegalArgument(function, 0, "a number, date, String or FixedString, not " + source.name());
        }
        DataType result = switch (target) {
            case "String" -> StringType.STRING;
            case "FixedString" -> StringType.STRING;
            case "UUID" -> UuidType.UUID;
            default -> DataTypes.parse(target);
        };
        if (target.equals("FixedString") && bytesSource) {
            throw Errors.illegalArgument(function, 0, "a number or date");
        }
        return RowKernel.of(result, values -> {
            byte[] bytes = bytesSource ? RowKernel.bytes(values[0]) : littleEndian(values[0], source, sourceWidth);
            return switch (target) {
                case "String", "FixedString" -> trimTrailingZeros(bytes);
                case "UUID" -> Arrays.copyOf(bytes, 16);
                default -> readValue(bytes, result);
            };
        });
    }

    private static int width(DataType type) {
        if (Types.isInteger(type)) {
            return Types.bits(type) / 8;
        }
        if (type instanceof FloatType f) {
            return f.equals(FloatType.FLOAT32) ? 4 : 8;
        }
        if (type instanceof DateType) {
            return 2;
        }
        if (type instanceof DateTimeType) {
            return 4;
        }
        return 0;
    }

    private static byte[] littleEndian(Object value, DataType type, int width) {
        ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (value instanceof Double d) {
            if (width == 4) {
                buffer.putFloat(d.floatValue());
            } else {
                buffer.putDouble(d);
            }
        } else {
            buffer.putLong(((Number) value).longValue());
        }
        return Arrays.copyOf(buffer.array(), width);
    }

    private static byte[] trimTrailingZeros(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    private static Object readValue(byte[] bytes, DataType type) {
        int width = width(type);
        ByteBuffer buffer = ByteBuffer.wrap(Arrays.copyOf(bytes, 8)).order(ByteOrder.LITTLE_ENDIAN);
        if (type instanceof FloatType) {
            return width == 4 ? (double) buffer.getFloat() : buffer.getDouble();
        }
        long raw = buffer.getLong();
        if (width < 8) {
            long mask = (1L << (width * 8)) - 1;
            raw &= mask;
        }
        return Types.isInteger(type) ? Types.wrap(raw, type) : raw;
    }
}
