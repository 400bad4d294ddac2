package io.starling.sql.function.logic;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.NullableType;
import java.util.List;

/**
 * and, or, xor, not with SQL's three-valued logic: {@code NULL AND 0} is 0, {@code NULL OR 1} is 1, otherwise
 * a NULL operand makes the result NULL. Any number is true when non-zero.
 */
public final class LogicalFunctions {
    private static final byte FALSE = 0;
    private static final byte TRUE = 1;
    private static final byte NULL = 2;

    private LogicalFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.addCaseInsensitive(ScalarFunction.ofNullAware("and", arguments -> logical("and", arguments, true)));
        registry.addCaseInsensitive(ScalarFunction.ofNullAware("or", arguments -> logical("or", arguments, false)));
        registry.addCaseInsensitive(ScalarFunction.of("xor", LogicalFunctions::xor));
        registry.addCaseInsensitive(ScalarFunction.of("not", arguments -> {
            Errors.checkCount("not", arguments, 1, 1);
            requireNumbers("not", arguments);
            return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = truth(operands[0].column(), operands[0].row(i)) ? 0 : 1;
                }
                return new LongColumn(Types.UINT8, out);
            });
        }));
    }

    private static void requireNumbers(String name, List<Argument> arguments) {
        for (Argument argument : arguments) {
            DataType type = Types.base(argument.type());
            if (!Types.isNumber(type) && !(argument.constant() && argument.value() == null)) {
                throw Errors.illegalType(name, arguments);
            }
        }
    }

    private static ScalarKernel logical(String name, List<Argument> arguments, boolean isAnd) {
        if (arguments.size() < 2) {
            throw Errors.argumentCount(name, arguments.size(), "at least 2");
        }
        requireNumbers(name, arguments);
        boolean nullable = arguments.stream().anyMatch(argument -> argument.type().isNullable());
        DataType result = nullable ? new NullableType(Types.UINT8) : Types.UINT8;
        byte absorbing = isAnd ? FALSE : TRUE;
        return ScalarKernel.of(result, (operands, rows) -> {
            byte[] state = new byte[rows];
            java.util.Arrays.fill(state, isAnd ? TRUE : FALSE);
            for (Operand operand : operands) {
                for (int i = 0; i < rows; i++) {
                    if (state[i] == absorbing) {
                        continue;
                    }
                    int row = operand.row(i);
                    byte value = operand.column().isNull(row) ? NULL : truth(operand.column(), row) ? TRUE : FALSE;
                    state[i] = value == absorbing ? absorbing : value == NULL ? NULL : state[i];
                }
            }
            return toColumn(state, rows, nullable);
        });
    }

    private static Column toColumn(byte[] state, int rows, boolean nullable) {
        long[] values = new long[rows];
        boolean[] nulls = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = state[i] == TRUE ? 1 : 0;
            nulls[i] = state[i] == NULL;
        }
        LongColumn column = new LongColumn(Types.UINT8, values);
        return nullable ? new NullableColumn(column, nulls) : column;
    }

    private static ScalarKernel xor(List<Argument> arguments) {
        Errors.checkCount("xor", arguments, 2, 64);
        requireNumbers("xor", arguments);
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            long[] out = new long[rows];
            for (Operand operand : operands) {
                for (int i = 0; i < rows; i++) {
                    out[i] ^= truth(operand.column(), operand.row(i)) ? 1 : 0;
                }
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    /** True when the value at {@code row} is a non-zero number (NULL is false). */
    public static boolean truth(Column column, int row) {
        return switch (column) {
            case LongColumn longs -> longs.getLong(row) != 0;
            case DoubleColumn doubles -> doubles.getDouble(row) != 0;
            case NullableColumn nullable -> !nullable.isNull(row) && truth(nullable.values(), row);
            default -> throw new IllegalStateException("Not a number column: " + column.type().name());
        };
    }
}
