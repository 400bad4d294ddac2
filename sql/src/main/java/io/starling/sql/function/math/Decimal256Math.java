package io.starling.sql.function.math;

import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.conversion.Decimal256Casts;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.Int256;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;

/**
 * Decimal256 results of plus, minus, multiply, divide, negate, abs and the rounding functions, computed exactly in
 * a 256-bit register ({@link Int256}) per kernel, never through double and with no allocation per row. Operands
 * may be integers or Decimals of any width; a result beyond 76 digits is DECIMAL_OVERFLOW (ClickHouse checks the
 * 256-bit range; Starling checks the precision, which is stricter only for the top 0.6% of that range).
 */
final class Decimal256Math {
    private Decimal256Math() {
    }

    static ScalarKernel arithmetic(String name, DecimalArithmetic.Kind kind, DataType leftType, DataType rightType,
                                   DecimalType left, DecimalType right, DecimalType result) {
        int scale = result.scale();
        boolean additive = kind == DecimalArithmetic.Kind.PLUS || kind == DecimalArithmetic.Kind.MINUS;
        int leftShift = additive ? scale - left.scale() : 0;
        int rightShift = additive ? scale - right.scale() : 0;
        int divideShift = kind == DecimalArithmetic.Kind.DIVIDE ? right.scale() : 0;
        boolean leftUnsigned = Types.isUnsigned64(leftType);
        boolean rightUnsigned = Types.isUnsigned64(rightType);
        return ScalarKernel.of(result, (operands, rows) -> {
            ColumnBuilder out = ColumnBuilder.forType(result, rows);
            Int256 x = new Int256();
            Int256 y = new Int256();
            for (int i = 0; i < rows; i++) {
                load(operands[0], i, leftUnsigned, x);
                load(operands[1], i, rightUnsigned, y);
                boolean fits = x.multiplyPowerOfTen(leftShift) && y.multiplyPowerOfTen(rightShift);
                fits = fits && switch (kind) {
                    case PLUS -> x.add(y);
                    case MINUS -> x.subtract(y);
                    case MULTIPLY -> x.multiply(y);
                    case DIVIDE -> {
                        if (y.isZero()) {
                            throw new StarlingException(ErrorCode.ILLEGAL_DIVISION, "Division by zero in [" + name + "]");
                        }
                        yield x.multiplyPowerOfTen(divideShift) && x.divide(y);
                    }
                };
                if (!fits || !x.fitsPrecision(result.precision())) {
                    throw new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "Decimal math overflow in [" + name
                            + "] on " + leftType.name() + " and " + rightType.name()
                            + "; the result does not fit Decimal256: reduce the scale of an argument first");
                }
                x.appendTo(out);
            }
            return out.build();
        });
    }

    /** negate(x) (negative = true) or abs(x) of a Decimal256: the same type. */
    static ScalarKernel sign(DecimalType type, boolean negate) {
        return ScalarKernel.of(type, (operands, rows) -> {
            ColumnBuilder out = ColumnBuilder.forType(type, rows);
            Int256 value = new Int256();
            for (int i = 0; i < rows; i++) {
                load(operands[0], i, false, value);
                if ((negate || value.isNegative()) && !value.negate()) {
                    throw overflow(negate ? "negate" : "abs", type);
                }
                value.appendTo(out);
            }
            return out.build();
        });
    }

    /** round/roundBankers/floor/ceil/trunc(x, digits) of a Decimal256, keeping the type. */
    static ScalarKernel rounding(String name, DecimalRounding.Mode mode, DecimalType type, int shift) {
        return ScalarKernel.of(type, (operands, rows) -> {
            ColumnBuilder out = ColumnBuilder.forType(type, rows);
            Int256 value = new Int256();
            Int256 quotient = new Int256();
            Int256 half = new Int256();
            for (int i = 0; i < rows; i++) {
                load(operands[0], i, false, value);
                if (shift > Int256.MAX_DIGITS) {
                    // every Decimal256 value is below the grid step: only zero is on the grid
                    if (!value.isZero() && (mode == DecimalRounding.Mode.FLOOR && value.isNegative()
                            || mode == DecimalRounding.Mode.CEIL && !value.isNegative())) {
                        throw overflow(name, type);
                    }
                    value.set(0);
                } else {
                    round(value, quotient, half, shift, mode, name, type);
                }
                value.appendTo(out);
            }
            return out.build();
        });
    }

    /** Rounds {@code value} in place onto the grid of 10^shift (1..76) by {@code mode}. */
    private static void round(Int256 value, Int256 quotient, Int256 half, int shift, DecimalRounding.Mode mode,
                              String name, DecimalType type) {
        boolean negative = value.isNegative();
        quotient.set(value);
        quotient.dividePowerOfTen(shift); // toward zero
        long quotientLow = quotient.low();
        // remainder = value - quotient * 10^shift, |remainder| < 10^shift, same sign as value
        half.set(quotient);
        if (!half.multiplyPowerOfTen(shift) || !value.subtract(half)) {
            throw overflow(name, type);
        }
        int direction = 0;
        if (!value.isZero()) {
            if (negative) {
                value.negate();
            }
            // compare 2 * |remainder| (< 2 * 10^76, inside the 256-bit range) with 10^shift
            value.add(value);
            int versusHalf = value.compareTo(half.setPowerOfTen(shift));
            direction = switch (mode) {
                case TRUNC -> 0;
                case FLOOR -> negative ? -1 : 0;
                case CEIL -> negative ? 0 : 1;
                case ROUND -> versusHalf >= 0 ? (negative ? -1 : 1) : 0;
                case BANKERS -> versusHalf > 0 || versusHalf == 0 && (quotientLow & 1) != 0 ? (negative ? -1 : 1) : 0;
            };
        }
        value.set(quotient);
        if (direction != 0 && !value.add(direction) || !value.multiplyPowerOfTen(shift)
                || !value.fitsPrecision(type.storagePrecision())) {
            throw overflow(name, type);
        }
    }

    private static void load(Operand operand, int row, boolean unsigned, Int256 target) {
        Decimal256Casts.load(operand.column(), operand.row(row), unsigned, target);
    }

    private static StarlingException overflow(String name, DecimalType type) {
        return new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "Decimal math overflow in [" + name + "] on "
                + type.name() + ": the result does not fit the type; cast to a wider Decimal first");
    }
}
