package io.starling.sql.function.string;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.StringType;
import java.util.List;

/**
 * hex and unhex. hex prints strings byte by byte; integers, Date and DateTime big-endian without leading zero
 * bytes (signed integers as their two's complement in the type's width); floats as their little-endian
 * in-memory bytes. unhex reads pairs of hex digits; an odd count reads as if a leading 0 were there.
 */
public final class HexFunctions {
    private static final byte[] DIGITS = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HexFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.addCaseInsensitive(ScalarFunction.of("hex", HexFunctions::hex));
        registry.addCaseInsensitive(ScalarFunction.of("unhex", HexFunctions::unhex));
    }

    private static ScalarKernel hex(List<Argument> arguments) {
        Errors.checkCount("hex", arguments, 1, 1);
        DataType type = arguments.get(0).type().behavesAs();
        if (Types.isString(type) || type instanceof FixedStringType) {
            return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
                StringColumn strings = operands[0].strings();
                StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, rows);
                byte[] buffer = new byte[64];
                for (int i = 0; i < rows; i++) {
                    int row = operands[0].row(i);
                    int length = strings.valueLength(row);
                    if (buffer.length < 2 * length) {
                        buffer = new byte[4 * length];
                    }
                    int start = strings.valueOffset(row);
                    for (int b = 0; b < length; b++) {
                        int value = strings.rawBytes()[start + b] & 0xFF;
                        buffer[2 * b] = DIGITS[value >>> 4];
                        buffer[2 * b + 1] = DIGITS[value & 15];
                    }
                    builder.appendBytes(buffer, 0, 2 * length);
                }
                return builder.build();
            });
        }
        int width = switch (type) {
            case IntegerType integer -> integer.bits() / 8;
            case DateType date -> 2;
            case DateTimeType dateTime -> 4;
            case FloatType floating -> floating.bits() / 8;
            default -> throw Errors.illegalType("hex", arguments.get(0).type());
        };
        boolean floating = type instanceof FloatType;
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, rows);
            byte[] buffer = new byte[16];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                int length = 0;
                if (floating) {
                    double value = ((DoubleColumn) operands[0].column()).getDouble(row);
                    long bits = width == 4 ? Float.floatToRawIntBits((float) value) : Double.doubleToRawLongBits(value);
                    for (int b = 0; b < width; b++) {
                        int octet = (int) (bits >>> (8 * b)) & 0xFF;
                        buffer[length++] = DIGITS[octet >>> 4];
                        buffer[length++] = DIGITS[octet & 15];
                    }
                } else {
                    long value = ((LongColumn) operands[0].column()).getLong(row);
                    int top = width - 1;
                    while (top > 0 && ((value >>> (8 * top)) & 0xFF) == 0) {
                        top--;
                    }
                    for (int b = top; b >= 0; b--) {
                        int octet = (int) (value >>> (8 * b)) & 0xFF;
                        buffer[length++] = DIGITS[octet >>> 4];
                        buffer[length++] = DIGITS[octet & 15];
                    }
                }
                builder.appendBytes(buffer, 0, length);
            }
            return builder.build();
        });
    }

    private static ScalarKernel unhex(List<Argument> arguments) {
        Errors.checkCount("unhex", arguments, 1, 1);
        if (!Types.isString(arguments.get(0).type())) {
            throw Errors.illegalType("unhex", arguments.get(0).type());
        }
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, rows);
            byte[] buffer = new byte[32];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                int length = strings.valueLength(row);
                int start = strings.valueOffset(row);
                int outLength = (length + 1) / 2;
                if (buffer.length < outLength) {
                    buffer = new byte[2 * outLength];
                }
                byte[] bytes = strings.rawBytes();
                int p = start;
                int o = 0;
                if (length % 2 == 1) {
                    buffer[o++] = (byte) digit(bytes[p++]);
                }
                for (; p < start + length; p += 2) {
                    buffer[o++] = (byte) (digit(bytes[p]) << 4 | digit(bytes[p + 1]));
                }
                builder.appendBytes(buffer, 0, outLength);
            }
            return builder.build();
        });
    }

    private static int digit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return 0;
    }
}
