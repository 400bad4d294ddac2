package io.starling.sql.function.conditional;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.conversion.Cast;
import io.starling.sql.function.logic.LogicalFunctions;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.type.DataType;
import java.util.List;

/** if, multiIf, coalesce, ifNull, nullIf, isNull, isNotNull, assumeNotNull. A NULL condition counts as false. */
public final class ConditionalFunctions {
    private ConditionalFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.addCaseInsensitive(ScalarFunction.ofNullAware("if", ConditionalFunctions::ifFunction));
        registry.add(ScalarFunction.ofNullAware("multiIf", ConditionalFunctions::multiIf));
        registry.addCaseInsensitive(ScalarFunction.ofNullAware("coalesce", arguments -> coalesce("coalesce", arguments)));
        registry.addCaseInsensitive(ScalarFunction.ofNullAware("ifNull", arguments -> {
            Errors.checkCount("ifNull", arguments, 2, 2);
            return coalesce("ifNull", arguments);
        }));
        registry.addCaseInsensitive(ScalarFunction.ofNullAware("nullIf", ConditionalFunctions::nullIf));
        registry.addCaseInsensitive(ScalarFunction.ofNullAware("isNull", arguments -> nullTest("isNull", arguments, true)));
        registry.addCaseInsensitive(ScalarFunction.ofNullAware("isNotNull", arguments -> nullTest("isNotNull", arguments, false)));
        registry.add(ScalarFunction.ofNullAware("assumeNotNull", arguments -> {
            Errors.checkCount("assumeNotNull", arguments, 1, 1);
            DataType type = arguments.get(0).type().unwrapNullable();
            return ScalarKernel.of(type, (operands, rows) -> Cast.cast(operands[0].full(rows), type));
        }));
    }

    private static ScalarKernel nullTest(String name, List<Argument> arguments, boolean wantNull) {
        Errors.checkCount(name, arguments, 1, 1);
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = operands[0].isNull(i) == wantNull ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static ScalarKernel ifFunction(List<Argument> arguments) {
        Errors.checkCount("if", arguments, 3, 3);
        checkCondition("if", arguments, 0);
        DataType result = Types.superType(arguments.get(1).type(), arguments.get(2).type());
        return ScalarKernel.of(result, (operands, rows) -> {
            int[] choice = new int[rows];
            for (int i = 0; i < rows; i++) {
                choice[i] = truth(operands[0], i) ? 1 : 2;
            }
            return choose(operands, choice, result, rows);
        });
    }

    private static void checkCondition(String name, List<Argument> arguments, int position) {
        DataType type = Types.base(arguments.get(position).type());
        if (!Types.isNumber(type)) {
            throw Errors.illegalArgument(name, position, "a number or a condition, not " + arguments.get(position).type().name());
        }
    }

    private static boolean truth(Operand operand, int row) {
        return LogicalFunctions.truth(operand.column(), operand.row(row));
    }

    private static ScalarKernel multiIf(List<Argument> arguments) {
        if (arguments.size() < 3 || arguments.size() % 2 == 0) {
            throw Errors.argumentCount("multiIf", arguments.size(), "an odd number (at least 3) of");
        }
        DataType result = arguments.get(arguments.size() - 1).type();
        for (int i = 0; i + 1 < arguments.size(); i += 2) {
            checkCondition("multiIf", arguments, i);
            result = Types.superType(result, arguments.get(i + 1).type());
        }
        DataType type = result;
        return ScalarKernel.of(type, (operands, rows) -> {
            int[] choice = new int[rows];
            int last = operands.length - 1;
            for (int i = 0; i < rows; i++) {
                choice[i] = last;
                for (int c = 0; c < last; c += 2) {
                    if (truth(operands[c], i)) {
                        choice[i] = c + 1;
                        break;
                    }
                }
            }
            return choose(operands, choice, type, rows);
        });
    }

    private static ScalarKernel coalesce(String name, List<Argument> arguments) {
        if (arguments.isEmpty()) {
            throw Errors.argumentCount(name, 0, "at least 1");
        }
        DataType result = arguments.get(0).type();
        boolean anyNotNull = false;
        for (Argument argument : arguments) {
            result = Types.superType(result, argument.type());
            anyNotNull |= !argument.type().isNullable();
        }
        DataType type = anyNotNull ? result.unwrapNullable() : result;
        return ScalarKernel.of(type, (operands, rows) -> {
            int[] choice = new int[rows];
            for (int i = 0; i < rows; i++) {
                choice[i] = operands.length - 1;
                for (int a = 0; a < operands.length; a++) {
                    if (!operands[a].isNull(i)) {
                        choice[i] = a;
                        break;
                    }
                }
            }
            return choose(operands, choice, type, rows);
        });
    }

    private static ScalarKernel nullIf(List<Argument> arguments) {
        Errors.checkCount("nullIf", arguments, 2, 2);
        DataType type = Types.makeNullable(arguments.get(0).type());
        return ScalarKernel.of(type, (operands, rows) -> {
            Column values = Cast.cast(operands[0].full(rows), type);
            NullableColumn nullable = (NullableColumn) values;
            boolean[] nulls = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                Object left = io.starling.sql.function.Values.get(operands[0].column(), operands[0].row(i));
                Object right = io.starling.sql.function.Values.get(operands[1].column(), operands[1].row(i));
                nulls[i] = nullable.isNull(i) || (left != null && left.equals(right));
            }
            return new NullableColumn(nullable.type(), nullable.values(), nulls, 0);
        });
    }

    /** Row {@code i} of the result comes from {@code operands[choice[i]]}, converted to {@code type}. */
    public static Column choose(Operand[] operands, int[] choice, DataType type, int rows) {
        Column[] sources = new Column[operands.length];
        for (int i = 0; i < rows; i++) {
            int source = choice[i];
            if (sources[source] == null) {
                sources[source] = Cast.cast(operands[source].column(), type);
            }
        }
        if (sources.length > 0 && type.physical() == io.starling.storage.type.PhysicalKind.LONG) {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = ((LongColumn) sources[choice[i]]).getLong(operands[choice[i]].row(i));
            }
            return new LongColumn(type, out);
        }
        if (type.physical() == io.starling.storage.type.PhysicalKind.DOUBLE) {
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = ((DoubleColumn) sources[choice[i]]).getDouble(operands[choice[i]].row(i));
            }
            return new DoubleColumn(type, out);
        }
        ColumnBuilder builder = ColumnBuilder.forType(type, rows);
        for (int i = 0; i < rows; i++) {
            builder.appendFrom(sources[choice[i]], operands[choice[i]].row(i));
        }
        return builder.build();
    }
}
