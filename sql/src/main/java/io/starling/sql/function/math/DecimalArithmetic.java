package io.starling.sql.function.math;

import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Operand;
import io.starling.storage.column.Column;
import io.starling.storage.column.Int128;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;

/**
 * plus, minus, multiply and divide over Decimal (and Decimal with integers, which count as Decimal(P, 0)).
 * As in ClickHouse the result takes the wider storage (Decimal32 = precision 9, Decimal64 = 18, Decimal128 = 38,
 * Decimal256 = 76, computed by {@link Decimal256Math});
 * plus and minus keep the larger scale, multiply adds the scales, divide keeps the dividend's scale and
 * truncates. A result beyond the storage range (Int32, Int64, Int128) is DECIMAL_OVERFLOW; division by zero is
 * ILLEGAL_DIVISION. Decimal128 results are computed in a 128-bit register, never through double.
 */
final class DecimalArithmetic {
    /** The four operations. */
    enum Kind { PLUS, MINUS, MULTIPLY, DIVIDE }

    private DecimalArithmetic() {
    }

    static boolean applies(DataType left, DataType right) {
        return left instanceof DecimalType && (right instanceof DecimalType || Types.isInteger(right))
                || right instanceof DecimalType && Types.isInteger(left);
    }

    /** Decimal with Float32/64 (either side): computed in Float64, as ClickHouse does. */
    static boolean appliesWithFloat(DataType left, DataType right) {
        return left instanceof DecimalType && Types.isFloat(right) || right instanceof DecimalType && Types.isFloat(left);
    }

    static ScalarKernel floatKernel(String name, Kind kind) {
        return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
            double[] a = asDoubles(operands[0], rows);
            double[] b = asDoubles(operands[1], rows);
            for (int i = 0; i < rows; i++) {
                a[i] = switch (kind) {
                    case PLUS -> a[i] + b[i];
                    case MINUS -> a[i] - b[i];
                    case MULTIPLY -> a[i] * b[i];
                    case DIVIDE -> a[i] / b[i];
                };
            }
            return new io.starling.storage.column.DoubleColumn(Types.FLOAT64, a);
        });
    }

    private static double[] asDoubles(Operand operand, int rows) {
        Column column = operand.column();
        if (column.type() instanceof DecimalType) {
            column = io.starling.sql.function.conversion.Cast.cast(column, Types.FLOAT64);
        }
        return new Operand(column, operand.constant()).doubles(rows);
    }

    private static DecimalType asDecimal(DataType type) {
        if (type instanceof DecimalType decimal) {
            return decimal;
        }
        return new DecimalType(Types.bits(type) > 32 ? 18 : 9, 0);
    }

    static ScalarKernel kernel(String name, Kind kind, DataType leftType, DataType rightType) {
        DecimalType left = asDecimal(leftType);
        DecimalType right = asDecimal(rightType);
        int precision = Math.max(storage(left), storage(right));
        int scale = switch (kind) {
            case PLUS, MINUS -> Math.max(left.scale(), right.scale());
            case MULTIPLY -> left.scale() + right.scale();
            case DIVIDE -> left.scale();
        };
        if (scale > precision) {
            throw new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "The result of [" + name + "] on " + leftType.name()
                    + " and " + rightType.name() + " needs scale " + scale + ", more than precision " + precision
                    + " allows; cast to a smaller scale first");
        }
        DecimalType result = new DecimalType(precision, scale);
        if (result.is256()) {
            return Decimal256Math.arithmetic(name, kind, leftType, rightType, left, right, result);
        }
        if (result.isWide()) {
            return wideKernel(name, kind, leftType, rightType, left, right, result);
        }
        long limit = precision <= 9 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long leftFactor = kind == Kind.PLUS || kind == Kind.MINUS ? pow10(scale - left.scale()) : 1;
        long rightFactor = kind == Kind.PLUS || kind == Kind.MINUS ? pow10(scale - right.scale()) : 1;
        long divideFactor = kind == Kind.DIVIDE ? pow10(right.scale()) : 1;
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] a = operands[0].longs(rows);
            long[] b = operands[1].longs(rows);
            long[] out = new long[rows];
            try {
                for (int i = 0; i < rows; i++) {
                    long x = Math.multiplyExact(a[i], leftFactor);
                    long y = Math.multiplyExact(b[i], rightFactor);
                    long value = switch (kind) {
                        case PLUS -> Math.addExact(x, y);
                        case MINUS -> Math.subtractExact(x, y);
                        case MULTIPLY -> Math.multiplyExact(x, y);
                        case DIVIDE -> {
                            if (y == 0) {
                                throw new StarlingException(ErrorCode.ILLEGAL_DIVISION, "Division by zero in [" + name + "]");
                            }
                            yield Math.multiplyExact(x, divideFactor) / y;
                        }
                    };
                    if (value > limit || value < -limit) {
                        throw new ArithmeticException();
                    }
                    out[i] = value;
                }
            } catch (ArithmeticException e) {
                throw new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "Decimal math overflow in [" + name + "] on "
                        + leftType.name() + " and " + rightType.name() + "; use a wider Decimal such as toDecimal64");
            }
            return new LongColumn(result, out);
        });
    }

    private static int storage(DecimalType type) {
        return type.storagePrecision();
    }

    private static ScalarKernel wideKernel(String name, Kind kind, DataType leftType, DataType rightType,
                                           DecimalType left, DecimalType right, DecimalType result) {
        int scale = result.scale();
        int leftShift = kind == Kind.PLUS || kind == Kind.MINUS ? scale - left.scale() : 0;
        int rightShift = kind == Kind.PLUS || kind == Kind.MINUS ? scale - right.scale() : 0;
        int divideShift = kind == Kind.DIVIDE ? right.scale() : 0;
        boolean leftUnsigned = Types.isUnsigned64(leftType);
        boolean rightUnsigned = Types.isUnsigned64(rightType);
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] high = new long[rows];
            long[] low = new long[rows];
            Int128 x = new Int128();
            Int128 y = new Int128();
            for (int i = 0; i < rows; i++) {
                load(operands[0], i, leftUnsigned, x);
                load(operands[1], i, rightUnsigned, y);
                boolean fits = x.multiplyPowerOfTen(leftShift) && y.multiplyPowerOfTen(rightShift);
                fits = fits && switch (kind) {
                    case PLUS -> x.add(y.high, y.low);
                    case MINUS -> x.subtract(y.high, y.low);
                    case MULTIPLY -> x.multiply(y.high, y.low);
                    case DIVIDE -> {
                        if (y.isZero()) {
                            throw new StarlingException(ErrorCode.ILLEGAL_DIVISION, "Division by zero in [" + name + "]");
                        }
                        yield x.multiplyPowerOfTen(divideShift) && x.divide(y.high, y.low);
                    }
                };
                if (!fits) {
                    throw new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "Decimal math overflow in [" + name
                            + "] on " + leftType.name() + " and " + rightType.name()
                            + "; the result does not fit Decimal128: reduce the scale of an argument first");
                }
                high[i] = x.high;
                low[i] = x.low;
            }
            return new Int128Column(result, high, low);
        });
    }

    /** negate(x) for a Decimal of any precision: the same type, sign flipped (exact, cannot overflow). */
    static ScalarKernel negate(DecimalType type) {
        if (type.is256()) {
            return Decimal256Math.sign(type, true);
        }
        return ScalarKernel.of(type, (operands, rows) -> {
            if (!type.isWide()) {
                long[] out = operands[0].longs(rows);
                for (int i = 0; i < rows; i++) {
                    out[i] = -out[i];
                }
                return new LongColumn(type, out);
            }
            long[] high = new long[rows];
            long[] low = new long[rows];
            Int128 value = new Int128();
            for (int i = 0; i < rows; i++) {
                load(operands[0], i, false, value);
                value.negate();
                high[i] = value.high;
                low[i] = value.low;
            }
            return new Int128Column(type, high, low);
        });
    }

    /** Row {@code row} of an integer, Decimal or Decimal128 operand into {@code target}. */
    private static void load(Operand operand, int row, boolean unsigned, Int128 target) {
        Column column = operand.column();
        int index = operand.row(row);
        if (column instanceof Int128Column wide) {
            target.set(wide.high(index), wide.low(index));
        } else if (unsigned) {
            target.set(0, ((LongColumn) column).getLong(index));
        } else {
            target.set(((LongColumn) column).getLong(index));
        }
    }

    private static long pow10(int exponent) {
        long out = 1;
        for (int i = 0; i < exponent; i++) {
            out *= 10;
        }
        return out;
    }

}
