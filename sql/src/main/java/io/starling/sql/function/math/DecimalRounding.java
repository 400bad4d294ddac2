package io.starling.sql.function.math;

import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarKernel;
import io.starling.storage.column.Int128;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DecimalType;

/**
 * abs, round, roundBankers, floor, ceil and trunc over Decimal32/64/128/256, as ClickHouse computes them: exact, on
 * the unscaled integer, and the result keeps the argument's type (same precision and scale; {@code round(x, 1)}
 * of a Decimal(9, 3) is a Decimal(9, 3) whose last two digits are zero). {@code round} moves a tie away from
 * zero, {@code roundBankers} to the even neighbour. A result beyond the storage (Int32, Int64, Int128) is
 * DECIMAL_OVERFLOW (ClickHouse leaves it undefined). Decimal128 goes through an {@link Int128} register, never
 * through double.
 */
final class DecimalRounding {
    /** How a value moves onto the grid of 10^(scale - digits) unscaled units. */
    enum Mode { ROUND, BANKERS, FLOOR, CEIL, TRUNC }

    private DecimalRounding() {
    }

    /** abs(x) for a Decimal: the same type; the one value without a magnitude (Int128 minimum) overflows. */
    static ScalarKernel abs(DecimalType type) {
        if (type.is256()) {
            return Decimal256Math.sign(type, false);
        }
        return ScalarKernel.of(type, (operands, rows) -> {
            if (!type.isWide()) {
                long[] out = operands[0].longs(rows);
                for (int i = 0; i < rows; i++) {
                    if (out[i] < 0) {
                        if (out[i] == Long.MIN_VALUE) {
                            throw overflow("abs", type);
                        }
                        out[i] = -out[i];
                    }
                }
                return new LongColumn(type, out);
            }
            long[] high = new long[rows];
            long[] low = new long[rows];
            Int128 value = new Int128();
            for (int i = 0; i < rows; i++) {
                load(operands[0], i, value);
                if (value.isNegative() && !value.negate()) {
                    throw overflow("abs", type);
                }
                high[i] = value.high;
                low[i] = value.low;
            }
            return new Int128Column(type, high, low);
        });
    }

    /** round/roundBankers/floor/ceil/trunc(x, digits) for a Decimal of {@code type}. */
    static ScalarKernel rounding(String name, Mode mode, DecimalType type, int digits) {
        int shift = type.scale() - digits;
        if (shift <= 0) {
            // nothing after the requested digit: the value is already on the grid
            return ScalarKernel.of(type, (operands, rows) -> operands[0].full(rows));
        }
        if (type.is256()) {
            return Decimal256Math.rounding(name, mode, type, shift);
        }
        if (!type.isWide()) {
            long limit = type.storagePrecision() <= 9 ? Integer.MAX_VALUE : Long.MAX_VALUE;
            return ScalarKernel.of(type, (operands, rows) -> {
                long[] values = operands[0].longs(rows);
                for (int i = 0; i < rows; i++) {
                    long rounded = shift > 18 ? beyondGrid(values[i], shift, mode, name, type) : roundLong(values[i],
                            DecimalType.powerOfTen(shift), mode, name, type);
                    if (rounded > limit || rounded < -limit) {
                        throw overflow(name, type);
                    }
                    values[i] = rounded;
                }
                return new LongColumn(type, values);
            });
        }
        return ScalarKernel.of(type, (operands, rows) -> {
            long[] high = new long[rows];
            long[] low = new long[rows];
            Int128 value = new Int128();
            Int128 quotient = new Int128();
            for (int i = 0; i < rows; i++) {
                load(operands[0], i, value);
                if (shift > 38) {
                    // 10^39 and beyond exceed every Int128: only zero is on that grid
                    if (!value.isZero() && (mode == Mode.FLOOR && value.isNegative()
                            || mode == Mode.CEIL && !value.isNegative())) {
                        throw overflow(name, type);
                    }
                    high[i] = 0;
                    low[i] = 0;
                    continue;
                }
                roundWide(value, quotient, shift, mode, name, type);
                high[i] = value.high;
                low[i] = value.low;
            }
            return new Int128Column(type, high, low);
        });
    }

    /**
     * {@code value} on the grid of {@code grid} (a power of ten up to 10^18) by {@code mode}; DECIMAL_OVERFLOW when
     * the result leaves the long range.
     */
    static long roundLong(long value, long grid, Mode mode, String name, DecimalType type) {
        long quotient = value / grid;
        long remainder = value % grid;
        if (remainder != 0) {
            long twice = Math.abs(remainder) * 2; // |remainder| < 10^18, so twice fits
            long away = value < 0 ? -1 : 1;
            quotient += switch (mode) {
                case TRUNC -> 0;
                case FLOOR -> value < 0 ? -1 : 0;
                case CEIL -> value > 0 ? 1 : 0;
                case ROUND -> twice >= grid ? away : 0;
                case BANKERS -> twice > grid || twice == grid && (quotient & 1) != 0 ? away : 0;
            };
        }
        try {
            return Math.multiplyExact(quotient, grid);
        } catch (ArithmeticException e) {
            throw overflow(name, type);
        }
    }

    /**
     * A long on a grid of 10^shift with shift &gt; 18: every long is closer to 0 than to a neighbour, except
     * magnitudes from 5 * 10^18 on a 10^19 grid, which round away (and overflow) like floor/ceil moving away from 0.
     */
    private static long beyondGrid(long value, int shift, Mode mode, String name, DecimalType type) {
        boolean pastHalf = shift == 19 && (value >= 5_000_000_000_000_000_000L || value <= -5_000_000_000_000_000_000L);
        boolean tieAway = shift == 19 && value != 5_000_000_000_000_000_000L && value != -5_000_000_000_000_000_000L;
        boolean escapes = switch (mode) {
            case TRUNC -> false;
            case ROUND -> pastHalf;
            case BANKERS -> pastHalf && tieAway; // an exact tie goes to the even neighbour, 0
            case FLOOR -> value < 0;
            case CEIL -> value > 0;
        };
        if (escapes) {
            throw overflow(name, type);
        }
        return 0;
    }

    /**
     * Rounds the register in place onto the grid of 10^shift (1 &lt;= shift &lt;= 38) by {@code mode}, using
     * {@code quotient} as scratch.
     */
    private static void roundWide(Int128 value, Int128 quotient, int shift, Mode mode, String name, DecimalType type) {
        boolean negative = value.isNegative();
        quotient.set(value.high, value.low);
        quotient.dividePowerOfTen(shift); // toward zero
        long quotientHigh = quotient.high;
        long quotientLow = quotient.low;
        // remainder = value - quotient * 10^shift (same sign as value, |remainder| < 10^shift)
        if (!quotient.multiplyPowerOfTen(shift) || !value.subtract(quotient.high, quotient.low)) {
            throw overflow(name, type);
        }
        int direction = 0;
        if (!value.isZero()) {
            if (negative) {
                value.negate(); // |remainder| < 10^38, so the negation exists
            }
            int versusHalf = compareToHalf(value, shift);
            direction = switch (mode) {
                case TRUNC -> 0;
                case FLOOR -> negative ? -1 : 0;
                case CEIL -> negative ? 0 : 1;
                case ROUND -> versusHalf >= 0 ? (negative ? -1 : 1) : 0;
                case BANKERS -> versusHalf > 0 || versusHalf == 0 && (quotientLow & 1) != 0 ? (negative ? -1 : 1) : 0;
            };
        }
        value.set(quotientHigh, quotientLow);
        if (direction != 0 && !value.add(direction)) {
            throw overflow(name, type);
        }
        if (!value.multiplyPowerOfTen(shift)) {
            throw overflow(name, type);
        }
    }

    /** The sign of {@code magnitude - 10^shift / 2} for a non-negative magnitude. */
    private static int compareToHalf(Int128 magnitude, int shift) {
        // 10^shift / 2 = 5 * 10^(shift - 1): compare 2 * magnitude (< 2 * 10^38) with 10^shift
        long doubledHigh = (magnitude.high << 1) | (magnitude.low >>> 63);
        long doubledLow = magnitude.low << 1;
        // (unsigned: twice 10^38 exceeds the signed range, never the unsigned one)
        int result = Long.compareUnsigned(doubledHigh, Int128.powerOfTenHigh(shift));
        return result != 0 ? result : Long.compareUnsigned(doubledLow, Int128.powerOfTenLow(shift));
    }

    private static void load(Operand operand, int row, Int128 target) {
        int index = operand.row(row);
        if (operand.column() instanceof Int128Column wide) {
            target.set(wide.high(index), wide.low(index));
        } else {
            target.set(((LongColumn) operand.column()).getLong(index));
        }
    }

    private static StarlingException overflow(String name, DecimalType type) {
        return new StarlingException(ErrorCode.DECIMAL_OVERFLOW, "Decimal math overflow in [" + name + "] on "
                + type.name() + ": the rounded value does not fit the type; cast to a wider Decimal first");
    }
}
