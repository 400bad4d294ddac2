package io.starling.sql.function.string;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.conversion.Cast;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.StringType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * length, lengthUTF8, empty, notEmpty, lower, upper, lowerUTF8, upperUTF8, concat, substring, trim family,
 * reverse. Like ClickHouse, length, substring, lower and upper work on bytes (ASCII); the UTF8 variants on
 * code points. Byte-level functions read the UTF-8 arrays directly.
 */
public final class StringFunctions {
    private StringFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.addCaseInsensitive(ScalarFunction.of("length", StringFunctions::length));
        registry.add(ScalarFunction.of("lengthUTF8", arguments -> {
            requireStrings("lengthUTF8", arguments, 1, 1);
            return ScalarKernel.of(IntegerType.UINT64, (operands, rows) -> {
                long[] out = new long[rows];
                StringColumn strings = operands[0].strings();
                for (int i = 0; i < rows; i++) {
                    out[i] = strings.getString(operands[0].row(i)).codePointCount(0, strings.getString(operands[0].row(i)).length());
                }
                return new LongColumn(IntegerType.UINT64, out);
            });
        }));
        registry.alias("char_length", "lengthUTF8", true);
        registry.alias("character_length", "lengthUTF8", true);
        registry.add(ScalarFunction.of("empty", arguments -> emptiness("empty", arguments, true)));
        registry.add(ScalarFunction.of("notEmpty", arguments -> emptiness("notEmpty", arguments, false)));
        registry.addCaseInsensitive(ScalarFunction.of("lower", arguments -> mapBytes("lower", arguments, true)));
        registry.alias("lcase", "lower", true);
        registry.addCaseInsensitive(ScalarFunction.of("upper", arguments -> mapBytes("upper", arguments, false)));
        registry.alias("ucase", "upper", true);
        registry.add(ScalarFunction.of("lowerUTF8", arguments -> mapText("lowerUTF8", arguments, text -> mapCodePoints(text, true))));
        registry.add(ScalarFunction.of("upperUTF8", arguments -> mapText("upperUTF8", arguments, text -> mapCodePoints(text, false))));
        registry.addCaseInsensitive(ScalarFunction.of("reverse", arguments -> mapText("reverse", arguments,
                text -> new StringBuilder(text).reverse().toString())));
        registry.addCaseInsensitive(ScalarFunction.of("trim", arguments -> mapText("trim", arguments, text -> stripSpaces(text, true, true))));
        registry.alias("trimBoth", "trim", false);
        registry.add(ScalarFunction.of("trimLeft", arguments -> mapText("trimLeft", arguments, text -> stripSpaces(text, true, false))));
        registry.alias("ltrim", "trimLeft", true);
        registry.add(ScalarFunction.of("trimRight", arguments -> mapText("trimRight", arguments, text -> stripSpaces(text, false, true))));
        registry.alias("rtrim", "trimRight", true);
        registry.addCaseInsensitive(ScalarFunction.of("concat", StringFunctions::concat));
        registry.addCaseInsensitive(ScalarFunction.of("substring", StringFunctions::substring));
        registry.alias("substr", "substring", true);
        registry.alias("mid", "substring", true);
    }

    /** Case mapping one code point at a time, as ClickHouse does ({@code ß} stays {@code ß} in upperUTF8). */
    private static String mapCodePoints(String text, boolean lower) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(point -> out.appendCodePoint(lower ? Character.toLowerCase(point) : Character.toUpperCase(point)));
        return out.toString();
    }

    /** ClickHouse's trim functions remove only the space character (ASCII 32), not tabs or newlines. */
    private static String stripSpaces(String text, boolean left, boolean right) {
        int start = 0;
        int end = text.length();
        while (left && start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (right && end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    static void requireStrings(String name, List<Argument> arguments, int min, int max) {
        Errors.checkCount(name, arguments, min, max);
        if (!Types.isString(arguments.get(0).type())) {
            throw Errors.illegalType(name, arguments);
        }
    }

    private static ScalarKernel length(List<Argument> arguments) {
        Errors.checkCount("length", arguments, 1, 1);
        DataType type = arguments.get(0).type();
        if (!(type instanceof ArrayType) && !Types.isString(type) && !(type instanceof io.starling.storage.type.MapType)
                && !(type.behavesAs() instanceof io.starling.storage.type.FixedStringType)) {
            throw Errors.illegalType("length", type);
        }
        return ScalarKernel.of(IntegerType.UINT64, (operands, rows) -> {
            long[] out = new long[rows];
            Operand operand = operands[0];
            for (int i = 0; i < rows; i++) {
                out[i] = sizeOf(operand.column(), operand.row(i));
            }
            return new LongColumn(IntegerType.UINT64, out);
        });
    }

    private static int sizeOf(Column column, int row) {
        if (column instanceof io.starling.storage.column.MapColumn map) {
            return map.entryCount(row);
        }
        return column instanceof ArrayColumn array ? array.elementCount(row) : ((StringColumn) column).valueLength(row);
    }

    private static ScalarKernel emptiness(String name, List<Argument> arguments, boolean empty) {
        Errors.checkCount(name, arguments, 1, 1);
        DataType type = arguments.get(0).type();
        if (type instanceof io.starling.storage.type.UuidType) {
            // A UUID is empty when it is all zeros.
            return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
                long[] out = new long[rows];
                StringColumn uuids = operands[0].strings();
                for (int i = 0; i < rows; i++) {
                    int row = operands[0].row(i);
                    boolean zero = true;
                    for (int b = 0; b < uuids.valueLength(row) && zero; b++) {
                        zero = uuids.rawBytes()[uuids.valueOffset(row) + b] == 0;
                    }
                    out[i] = zero == empty ? 1 : 0;
                }
                return new LongColumn(Types.UINT8, out);
            });
        }
        if (!(type instanceof ArrayType) && !Types.isString(type) && !(type instanceof io.starling.storage.type.MapType)) {
            throw Errors.illegalType(name, type);
        }
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = (sizeOf(operands[0].column(), operands[0].row(i)) == 0) == empty ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static ScalarKernel mapBytes(String name, List<Argument> arguments, boolean lower) {
        requireStrings(name, arguments, 1, 1);
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumn source = (StringColumn) operands[0].full(rows);
            StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, rows);
            byte[] buffer = new byte[64];
            for (int i = 0; i < rows; i++) {
                int length = source.valueLength(i);
                if (buffer.length < length) {
                    buffer = new byte[Math.max(length, buffer.length * 2)];
                }
                System.arraycopy(source.rawBytes(), source.valueOffset(i), buffer, 0, length);
                for (int b = 0; b < length; b++) {
                    byte c = buffer[b];
                    if (lower && c >= 'A' && c <= 'Z') {
                        buffer[b] = (byte) (c + 32);
                    } else if (!lower && c >= 'a' && c <= 'z') {
                        buffer[b] = (byte) (c - 32);
                    }
                }
                builder.appendBytes(buffer, 0, length);
            }
            return builder.build();
        });
    }

    /** A per-row String function; decodes each value, so keep it to less common functions. */
    static ScalarKernel mapText(String name, List<Argument> arguments, java.util.function.UnaryOperator<String> function) {
        requireStrings(name, arguments, 1, 1);
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumn source = (StringColumn) operands[0].full(rows);
            StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, rows);
            for (int i = 0; i < rows; i++) {
                builder.appendString(function.apply(source.getString(i)));
            }
            return builder.build();
        });
    }

    private static ScalarKernel concat(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            throw Errors.argumentCount("concat", 0, "at least 1");
        }
        for (Argument argument : arguments) {
            if (argument.type() instanceof ArrayType) {
                throw Errors.illegalType("concat", argument.type());
            }
        }
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumn[] parts = new StringColumn[operands.length];
            for (int a = 0; a < operands.length; a++) {
                parts[a] = (StringColumn) Cast.cast(operands[a].column(), StringType.STRING);
            }
            StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, rows);
            byte[] buffer = new byte[64];
            for (int i = 0; i < rows; i++) {
                int length = 0;
                for (int a = 0; a < parts.length; a++) {
                    int row = operands[a].row(i);
                    int size = parts[a].valueLength(row);
                    if (length + size > buffer.length) {
                        buffer = java.util.Arrays.copyOf(buffer, Math.max(length + size, buffer.length * 2));
                    }
                    System.arraycopy(parts[a].rawBytes(), parts[a].valueOffset(row), buffer, length, size);
                    length += size;
                }
                builder.appendBytes(buffer, 0, length);
            }
            return builder.build();
        });
    }

    /** substring(s, offset[, length]): 1-based byte offsets; a negative offset counts from the end. */
    private static ScalarKernel substring(List<Argument> arguments) {
        Errors.checkCount("substring", arguments, 2, 3);
        DataType sourceType = arguments.get(0).type();
        if (!Types.isString(sourceType) && !(sourceType.behavesAs() instanceof io.starling.storage.type.FixedStringType)) {
            throw Errors.illegalType("substring", arguments);
        }
        for (int a = 1; a < arguments.size(); a++) {
            if (!Types.isInteger(arguments.get(a).type())) {
                throw Errors.illegalArgument("substring", a, "an integer");
            }
        }
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumn source = operands[0].strings();
            StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, rows);
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                int size = source.valueLength(row);
                long offset = operands[1].getLong(i);
                long start = offset > 0 ? offset - 1 : offset < 0 ? size + offset : size;
                long end = operands.length == 3 ? endOf(start, operands[2].getLong(i), size) : size;
                start = Math.max(0, Math.min(start, size));
                end = Math.max(start, Math.min(end, size));
                builder.appendBytes(source.rawBytes(), source.valueOffset(row) + (int) start, (int) (end - start));
            }
            return builder.build();
        });
    }

    private static long endOf(long start, long length, int size) {
        return length >= 0 ? start + length : size + length;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
