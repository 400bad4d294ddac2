package io.starling.sql.function.math;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import java.util.List;

/**
 * plus, minus, multiply, divide, intDiv, modulo, negate. Integer results wrap on overflow like ClickHouse;
 * {@code /} always answers Float64. Loops run over primitive arrays, with a constant right side specialised.
 */
public final class ArithmeticFunctions {
    private ArithmeticFunctions() {
    }

    /** The binary operations, evaluated in tight loops. */
    enum Op { PLUS, MINUS, MULTIPLY }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("plus", arguments -> additive("plus", Op.PLUS, arguments)));
        registry.add(ScalarFunction.of("minus", arguments -> additive("minus", Op.MINUS, arguments)));
        registry.add(ScalarFunction.of("multiply", arguments -> additive("multiply", Op.MULTIPLY, arguments)));
        registry.add(ScalarFunction.of("divide", ArithmeticFunctions::divide));
        registry.add(ScalarFunction.of("intDiv", arguments -> integerDivision("intDiv", arguments, false)));
        registry.add(ScalarFunction.of("intDivOrZero", arguments -> integerDivision("intDivOrZero", arguments, true)));
        registry.addCaseInsensitive(ScalarFunction.of("modulo", ArithmeticFunctions::modulo));
        registry.alias("mod", "modulo", true);
        registry.add(ScalarFunction.of("negate", ArithmeticFunctions::negate));
    }

    private static ScalarKernel additive(String name, Op op, List<Argument> arguments) {
        Errors.checkCount(name, arguments, 2, 2);
        DataType left = arguments.get(0).type();
        DataType right = arguments.get(1).type();
        if (DecimalArithmetic.applies(left, right)) {
            return DecimalArithmetic.kernel(name, DecimalArithmetic.Kind.valueOf(op.name()), left, right);
        }
        if (DecimalArithmetic.appliesWithFloat(left, right)) {
            return DecimalArithmetic.floatKernel(name, DecimalArithmetic.Kind.valueOf(op.name()));
        }
        DataType dateResult = dateArithmetic(op, left, right);
        if (dateResult != null) {
            return longKernel(op, dateResult);
        }
        if (!Types.isNumber(left) || !Types.isNumber(right)) {
            throw Errors.illegalType(name, arguments);
        }
        DataType result = op == Op.MINUS ? Types.subtractionResult(left, right) : Types.additionResult(left, right);
        return Types.isFloat(result) ? doubleKernel(op) : longKernel(op, result);
    }

    /** Date/DateTime plus or minus an integer keeps the date type; date minus date is a signed count. */
    private static DataType dateArithmetic(Op op, DataType left, DataType right) {
        boolean leftDate = Types.isDateOrTime(left);
        boolean rightDate = Types.isDateOrTime(right);
        if (op == Op.MINUS && leftDate && rightDate && left.getClass() == right.getClass()) {
            return left instanceof DateType ? io.starling.storage.type.IntegerType.INT32 : Types.INT64;
        }
        if (op == Op.MULTIPLY) {
            return null;
        }
        if (leftDate && Types.isInteger(right)) {
            return left;
        }
        if (op == Op.PLUS && rightDate && Types.isInteger(left)) {
            return right;
        }
        return null;
    }

    private static ScalarKernel longKernel(Op op, DataType result) {
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] out = operands[0].longs(rows);
            Operand right = operands[1];
            if (right.constant()) {
                long value = right.getLong(0);
                switch (op) {
                    case PLUS -> { for (int i = 0; i < rows; i++) { out[i] += value; } }
                    case MINUS -> { for (int i = 0; i < rows; i++) { out[i] -= value; } }
                    case MULTIPLY -> { for (int i = 0; i < rows; i++) { out[i] *= value; } }
                }
            } else {
                LongColumn column = (LongColumn) right.column();
                long[] values = column.rawValues();
                int offset = column.rawOffset();
                switch (op) {
                    case PLUS -> { for (int i = 0; i < rows; i++) { out[i] += values[offset + i]; } }
                    case MINUS -> { for (int i = 0; i < rows; i++) { out[i] -= values[offset + i]; } }
                    case MULTIPLY -> { for (int i = 0; i < rows; i++) { out[i] *= values[offset + i]; } }
                }
            }
            if (Types.bits(result) < 64) {
                for (int i = 0; i < rows; i++) {
                    out[i] = Types.wrap(out[i], result);
                }
            }
            return new LongColumn(result, out);
        });
    }

    private static ScalarKernel doubleKernel(Op op) {
        return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
            double[] out = operands[0].doubles(rows);
            double[] right = operands[1].doubles(rows);
            switch (op) {
                case PLUS -> { for (int i = 0; i < rows; i++) { out[i] += right[i]; } }
                case MINUS -> { for (int i = 0; i < rows; i++) { out[i] -= right[i]; } }
                case MULTIPLY -> { for (int i = 0; i < rows; i++) { out[i] *= right[i]; } }
            }
            return new DoubleColumn(Types.FLOAT64, out);
        });
    }

    private static ScalarKernel divide(List<Argument> arguments) {
        Errors.checkCount("divide", arguments, 2, 2);
        if (DecimalArithmetic.applies(arguments.get(0).type(), arguments.get(1).type())) {
            return DecimalArithmetic.kernel("divide", DecimalArithmetic.Kind.DIVIDE, arguments.get(0).type(),
                    arguments.get(1).type());
        }
        if (DecimalArithmetic.appliesWithFloat(arguments.get(0).type(), arguments.get(1).type())) {
            return DecimalArithmetic.floatKernel("divide", DecimalArithmetic.Kind.DIVIDE);
        }
        if (!Types.isNumber(arguments.get(0).type()) || !Types.isNumber(arguments.get(1).type())) {
            throw Errors.illegalType("divide", arguments);
        }
        return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
            double[] out = operands[0].doubles(rows);
            double[] right = operands[1].doubles(rows);
            for (int i = 0; i < rows; i++) {
                out[i] /= right[i];
            }
            return new DoubleColumn(Types.FLOAT64, out);
        });
    }

    private static ScalarKernel integerDivision(String name, List<Argument> arguments, boolean orZero) {
        Errors.checkCount(name, arguments, 2, 2);
        DataType left = arguments.get(0).type();
        DataType right = arguments.get(1).type();
        if (!Types.isNumber(left) || !Types.isNumber(right)) {
            throw Errors.illegalType(name, arguments);
        }
        DataType result = Types.integer(Types.isFloat(left) ? 64 : Types.bits(left),
                Types.isSigned(left) || Types.isSigned(right) || Types.isFloat(left));
        boolean unsigned = Types.isUnsigned64(left) && Types.isUnsigned64(right);
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] out = operands[0].longs(rows);
            long[] divisors = operands[1].longs(rows);
            for (int i = 0; i < rows; i++) {
                if (divisors[i] == 0) {
                    if (orZero) {
                        out[i] = 0;
                        continue;
                    }
                    throw new StarlingException(ErrorCode.ILLEGAL_DIVISION, "Division by zero in [" + name
                            + "]; use intDivOrZero or guard the divisor with if()");
                }
                out[i] = unsigned ? Long.divideUnsigned(out[i], divisors[i]) : out[i] / divisors[i];
                out[i] = Types.wrap(out[i], result);
            }
            return new LongColumn(result, out);
        });
    }

    private static ScalarKernel modulo(List<Argument> arguments) {
        Errors.checkCount("modulo", arguments, 2, 2);
        DataType left = arguments.get(0).type();
        DataType right = arguments.get(1).type();
        if (!Types.isNumber(left) || !Types.isNumber(right)) {
            throw Errors.illegalType("modulo", arguments);
        }
        if (Types.isFloat(left) || Types.isFloat(right)) {
            return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
                double[] out = operands[0].doubles(rows);
                double[] divisors = operands[1].doubles(rows);
                for (int i = 0; i < rows; i++) {
                    out[i] %= divisors[i];
                }
                return new DoubleColumn(Types.FLOAT64, out);
            });
        }
        DataType result = Types.integer(Types.bits(right), Types.isSigned(left) || Types.isSigned(right));
        boolean unsigned = Types.isUnsigned64(left) && Types.isUnsigned64(right);
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] out = operands[0].longs(rows);
            long[] divisors = operands[1].longs(rows);
            for (int i = 0; i < rows; i++) {
                if (divisors[i] == 0) {
                    throw new StarlingException(ErrorCode.ILLEGAL_DIVISION,
                            "Division by zero in [modulo]; guard the divisor with if()");
                }
                out[i] = Types.wrap(unsigned ? Long.remainderUnsigned(out[i], divisors[i]) : out[i] % divisors[i], result);
            }
            return new LongColumn(result, out);
        });
    }

    private static ScalarKernel negate(List<Argument> arguments) {
        Errors.checkCount("negate", arguments, 1, 1);
        DataType type = arguments.get(0).type();
        if (Types.isFloat(type)) {
            return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
                double[] out = operands[0].doubles(rows);
                for (int i = 0; i < rows; i++) {
                    out[i] = -out[i];
                }
                return new DoubleColumn(Types.FLOAT64, out);
            });
        }
        if (type instanceof io.starling.storage.type.DecimalType decimal) {
            return DecimalArithmetic.negate(decimal);
        }
        if (!Types.isInteger(type)) {
            throw Errors.illegalType("negate", arguments);
        }
        DataType result = Types.integer(Types.isSigned(type) ? Types.bits(type) : Types.bits(type) * 2, true);
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] out = operands[0].longs(rows);
            for (int i = 0; i < rows; i++) {
                out[i] = Types.wrap(-out[i], result);
            }
            return new LongColumn(result, out);
        });
    }

    /** True for types that hold a point in time. */
    static boolean isTime(DataType type) {
        return type instanceof DateTimeType || type instanceof DateTime64Type;
    }
}
