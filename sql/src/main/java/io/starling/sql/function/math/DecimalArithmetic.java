package io.starling.sql.function.math;

import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.LongColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;

/**
 * plus, minus, multiply and divide over Decimal (and Decimal with integers, which count as Decimal(P, 0)).
 * As in ClickHouse the result takes the wider storage (Decimal32 = precision 9, Decimal64 = 18); plus and minus
 * keep the larger scale, multiply adds the scales, divide keeps the dividend's scale. A result beyond the storage
 * range is DECIMAL_OVERFLOW; division by zero is ILLEGAL_DIVISION.
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
        return type.precision() <= 9 ? 9 : 18;
    }

    private static long pow10(int exponent) {
        long out = 1;
        for (int i = 0; i < exponent; i++) {
            out *= 10;
        }
        return out;
    }

}
