package io.starling.sql.function.bit;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.IntegerType;
import java.util.List;
import java.util.function.LongBinaryOperator;

/**
 * bitAnd, bitOr, bitXor (result: the wider type, signed if either is), bitNot, bitShiftLeft, bitShiftRight
 * (result: the first argument's type), bitCount (UInt8), bitTest.
 */
public final class BitFunctions {
    private BitFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        binary(registry, "bitAnd", (a, b) -> a & b, false);
        binary(registry, "bitOr", (a, b) -> a | b, false);
        binary(registry, "bitXor", (a, b) -> a ^ b, false);
        binary(registry, "bitShiftLeft", (a, b) -> b >= 64 ? 0 : a << b, true);
        registry.add(ScalarFunction.of("bitShiftRight", arguments -> shiftRight(arguments)));
        registry.add(ScalarFunction.of("bitNot", arguments -> {
            DataType type = integerArgument("bitNot", arguments, 1).get(0).type();
            return ScalarKernel.of(type, (operands, rows) -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = Types.wrap(~operands[0].getLong(i), type);
                }
                return new LongColumn(type, out);
            });
        }));
        registry.add(ScalarFunction.of("bitCount", arguments -> {
            DataType type = integerArgument("bitCount", arguments, 1).get(0).type();
            long mask = Types.bits(type) == 64 ? -1L : (1L << Types.bits(type)) - 1;
            return ScalarKernel.of(IntegerType.UINT8, (operands, rows) -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = Long.bitCount(operands[0].getLong(i) & mask);
                }
                return new LongColumn(IntegerType.UINT8, out);
            });
        }));
        registry.add(ScalarFunction.of("bitTest", arguments -> {
            integerArgument("bitTest", arguments, 2);
            return ScalarKernel.of(IntegerType.UINT8, (operands, rows) -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    long bit = operands[1].getLong(i);
                    out[i] = bit >= 0 && bit < 64 ? (operands[0].getLong(i) >>> bit) & 1 : 0;
                }
                return new LongColumn(IntegerType.UINT8, out);
            });
        }));
    }

    private static List<Argument> integerArgument(String name, List<Argument> arguments, int count) {
        Errors.checkCount(name, arguments, count, count);
        for (Argument argument : arguments) {
            if (!Types.isInteger(argument.type())) {
                throw Errors.illegalType(name, arguments);
            }
        }
        return arguments;
    }

    private static void binary(FunctionRegistry registry, String name, LongBinaryOperator operator, boolean shift) {
        registry.add(ScalarFunction.of(name, arguments -> {
            integerArgument(name, arguments, 2);
            DataType left = arguments.get(0).type();
            DataType right = arguments.get(1).type();
            DataType result = shift ? left : Types.integer(Math.max(Types.bits(left), Types.bits(right)),
                    Types.isSigned(left) || Types.isSigned(right));
            return ScalarKernel.of(result, (operands, rows) -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = Types.wrap(operator.applyAsLong(operands[0].getLong(i), operands[1].getLong(i)), result);
                }
                return new LongColumn(result, out);
            });
        }));
    }

    private static ScalarKernel shiftRight(List<Argument> arguments) {
        integerArgument("bitShiftRight", arguments, 2);
        DataType type = arguments.get(0).type();
        boolean signed = Types.isSigned(type);
        return ScalarKernel.of(type, (operands, rows) -> {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                long value = operands[0].getLong(i);
                long shift = operands[1].getLong(i);
                out[i] = shift >= 64 ? (signed && value < 0 ? -1 : 0) : signed ? value >> shift : value >>> shift;
            }
            return new LongColumn(type, out);
        });
    }
}
