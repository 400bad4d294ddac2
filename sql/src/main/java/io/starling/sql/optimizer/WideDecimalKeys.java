package io.starling.sql.optimizer;

import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.Int256;
import io.starling.storage.column.StringColumn;
import io.starling.storage.index.IndexPredicate;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code column op constant} and {@code column IN (...)} on a Decimal128 or Decimal256 column into exact
 * {@link BigDecimal} bounds, following how the comparison functions evaluate them, so key ranges and skip
 * indexes can prune granules:
 * <ul>
 *   <li>integer and Decimal constants compare exactly (the comparison rescales both sides to the larger scale);</li>
 *   <li>Float constants compare as {@code toFloat64(column) op constant}. That conversion is monotone but
 *       rounds, so the bound is the constant widened by a relative margin far above the conversion's error and
 *       always inclusive: a granule is only dropped when no value in it can convert to a matching double;</li>
 *   <li>IN keeps the set values that have an exact form at the column's scale (the others can never match), as
 *       the IN function does.</li>
 * </ul>
 * Constants of other types (strings, dates, NULL, non-finite floats) give null: no pruning. Stateless.
 */
final class WideDecimalKeys {
    /** Relative widening of float constants: the double conversions err by a few units in 2^-52. */
    private static final BigDecimal FLOAT_MARGIN = BigDecimal.ONE.scaleByPowerOfTen(-12);

    private WideDecimalKeys() {
    }

    /** A range of values: null ends are unbounded; {@code empty} when no value can satisfy the condition. */
    record Range(BigDecimal low, boolean lowInclusive, BigDecimal high, boolean highInclusive, boolean empty) {
        static final Range EMPTY = new Range(null, false, null, false, true);
    }

    /**
     * Whether no value of {@code column}'s scale lies in {@code range} ({@code column = toDecimal128('1.555', 3)}
     * on a scale-2 column, or {@code 1.551 <= column <= 1.559}).
     */
    static boolean holdsNoValue(Range range, DecimalType column) {
        if (range.empty()) {
            return true;
        }
        if (range.low() == null || range.high() == null) {
            return false;
        }
        BigDecimal lowest = range.low().setScale(column.scale(), RoundingMode.CEILING);
        BigDecimal highest = range.high().setScale(column.scale(), RoundingMode.FLOOR);
        int order = lowest.compareTo(highest);
        if (order != 0) {
            return order > 0;
        }
        // one candidate value: the range holds it unless an exclusive bound is that very value
        return !range.lowInclusive() && lowest.compareTo(range.low()) == 0
                || !range.highInclusive() && highest.compareTo(range.high()) == 0;
    }

    /** True for Decimal128 and Decimal256, the decimals whose keys this class reads. */
    static boolean applies(DataType type) {
        return type instanceof DecimalType decimal && (decimal.isWide() || decimal.is256());
    }

    /**
     * The values of the column that satisfy {@code column op constant} ({@code op} with the column on the left:
     * equals, less, lessOrEquals, greater, greaterOrEquals), or null when the constant cannot be used.
     */
    static Range range(String op, Object value, DataType constantType) {
        DataType type = Types.base(constantType);
        BigDecimal exact = exactValue(value, type);
        if (exact != null) {
            return switch (op) {
                case "equals" -> new Range(exact, true, exact, true, false);
                case "less" -> new Range(null, false, exact, false, false);
                case "lessOrEquals" -> new Range(null, false, exact, true, false);
                case "greater" -> new Range(exact, false, null, false, false);
                case "greaterOrEquals" -> new Range(exact, true, null, false, false);
                default -> null;
            };
        }
        if (!(type instanceof FloatType) || !(value instanceof Double number) || !Double.isFinite(number)) {
            return null;
        }
        BigDecimal constant = new BigDecimal(number);
        BigDecimal margin = constant.abs().multiply(FLOAT_MARGIN);
        BigDecimal below = constant.subtract(margin);
        BigDecimal above = constant.add(margin);
        return switch (op) {
            case "equals" -> new Range(below, true, above, true, false);
            case "less", "lessOrEquals" -> new Range(null, false, above, true, false);
            case "greater", "greaterOrEquals" -> new Range(below, true, null, false, false);
            default -> null;
        };
    }

    /**
     * The set values of {@code column IN set} that a column of {@code column}'s type can equal (exact at its
     * scale), or null when some value cannot be read (the condition then does not prune).
     */
    static List<BigDecimal> set(List<?> values, DataType setType, DecimalType column) {
        DataType element = Types.base(setType) instanceof ArrayType array ? Types.base(array.element()) : Types.base(setType);
        List<BigDecimal> result = new ArrayList<>();
        for (Object value : values) {
            if (value == null) {
                continue; // NULL never matches IN
            }
            BigDecimal decimal = setValue(value, element);
            if (decimal == null) {
                return null;
            }
            if (exactAtScale(decimal, column)) {
                result.add(decimal);
            }
        }
        return result;
    }

    /** A set element as the IN function reads it: integers, decimals, floats by their shortest text, numeric text. */
    private static BigDecimal setValue(Object value, DataType element) {
        BigDecimal exact = exactValue(value, element);
        if (exact != null) {
            return exact;
        }
        try {
            return switch (value) {
                case Long number -> BigDecimal.valueOf(number);
                case Double number -> Double.isFinite(number) ? BigDecimal.valueOf(number) : null;
                case String text -> new BigDecimal(text.trim());
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An integer or Decimal constant's exact value; null for other constants. */
    private static BigDecimal exactValue(Object value, DataType type) {
        if (type instanceof DecimalType decimal) {
            return switch (value) {
                case Long unscaled -> BigDecimal.valueOf(unscaled, decimal.scale());
                case BigInteger unscaled -> new BigDecimal(unscaled, decimal.scale());
                default -> null;
            };
        }
        if ((type instanceof IntegerType || type instanceof BoolType) && value instanceof Long number) {
            return Types.isUnsigned64(type) ? new BigDecimal(Long.toUnsignedString(number)) : BigDecimal.valueOf(number);
        }
        return null;
    }

    /** Row {@code row} of a Decimal128/Decimal256 index or min/max column as its exact value; null otherwise. */
    static BigDecimal value(Column column, int row) {
        if (!(column.type().behavesAs() instanceof DecimalType decimal)) {
            return null;
        }
        return switch (column) {
            case Int128Column wide -> new BigDecimal(BigInteger.valueOf(wide.high(row)).shiftLeft(64)
                    .add(new BigInteger(Long.toUnsignedString(wide.low(row)))), decimal.scale());
            case StringColumn huge when decimal.is256() -> new BigDecimal(new Int256().read(huge, row).toBigInteger(),
                    decimal.scale());
            default -> null;
        };
    }

    /**
     * Skip-index predicates for {@code range} on the index {@code name} over a column of type {@code column}: they
     * keep every granule holding a value in the range. Index constants are values of the column's type, so bounds
     * are rounded to its scale (inwards: an exclusive or inexact bound becomes the next value the column holds).
     * A bound beyond what the type holds makes the range empty or drops that bound.
     */
    static List<IndexPredicate> indexPredicates(String name, Range range, DecimalType column) {
        if (holdsNoValue(range, column)) {
            return List.of(nothing(name));
        }
        if (range.low() != null && range.high() != null) {
            BigDecimal only = range.low().setScale(column.scale(), RoundingMode.CEILING);
            if (only.compareTo(range.high().setScale(column.scale(), RoundingMode.FLOOR)) == 0) {
                // a single value of the column's scale lies in the range: an equality (bloom filters answer it)
                Object value = columnValue(only, column);
                return value == ABOVE || value == BELOW ? List.of(nothing(name))
                        : List.of(IndexPredicate.of(name, IndexPredicate.Op.EQUALS, value));
            }
        }
        List<IndexPredicate> predicates = new ArrayList<>(2);
        if (range.low() != null) {
            BigDecimal low = range.low();
            boolean strict = !range.lowInclusive() && exactAtScale(low, column);
            Object value = columnValue(low.setScale(column.scale(), RoundingMode.CEILING), column);
            if (value == ABOVE) {
                return List.of(nothing(name));
            }
            if (value != BELOW) {
                predicates.add(IndexPredicate.of(name, strict ? IndexPredicate.Op.GREATER
                        : IndexPredicate.Op.GREATER_OR_EQUAL, value));
            }
        }
        if (range.high() != null) {
            BigDecimal high = range.high();
            boolean strict = !range.highInclusive() && exactAtScale(high, column);
            Object value = columnValue(high.setScale(column.scale(), RoundingMode.FLOOR), column);
            if (value == BELOW) {
                return List.of(nothing(name));
            }
            if (value != ABOVE) {
                predicates.add(IndexPredicate.of(name, strict ? IndexPredicate.Op.LESS
                        : IndexPredicate.Op.LESS_OR_EQUAL, value));
            }
        }
        return predicates;
    }

    /** The skip-index predicate of {@code column IN set} (values from {@link #set}). */
    static IndexPredicate indexSet(String name, List<BigDecimal> set, DecimalType column) {
        List<Object> values = new ArrayList<>(set.size());
        for (BigDecimal value : set) {
            Object converted = columnValue(value.setScale(column.scale(), RoundingMode.UNNECESSARY), column);
            if (converted != ABOVE && converted != BELOW) {
                values.add(converted);
            }
        }
        return new IndexPredicate(name, IndexPredicate.Op.IN, values);
    }

    /** A predicate no granule satisfies (an empty IN). */
    private static IndexPredicate nothing(String name) {
        return new IndexPredicate(name, IndexPredicate.Op.IN, List.of());
    }

    private static final Object ABOVE = new Object();
    private static final Object BELOW = new Object();

    /**
     * {@code value} (already at the column's scale) as the column holds it: the unscaled BigInteger (Decimal128)
     * or the 32-byte order-preserving encoding (Decimal256); {@link #ABOVE} or {@link #BELOW} when it does not
     * fit the 128- or 256-bit integer.
     */
    private static Object columnValue(BigDecimal value, DecimalType column) {
        BigInteger unscaled = value.unscaledValue();
        int bits = column.isWide() ? 127 : 255;
        if (unscaled.bitLength() > bits) {
            return unscaled.signum() > 0 ? ABOVE : BELOW;
        }
        if (column.isWide()) {
            return unscaled;
        }
        byte[] encoded = new byte[Int256.BYTES];
        Int256 register = new Int256();
        register.set(unscaled);
        register.write(encoded, 0);
        return encoded;
    }

    /** Whether {@code value} has an exact form at {@code column}'s scale. */
    static boolean exactAtScale(BigDecimal value, DecimalType column) {
        return value.stripTrailingZeros().scale() <= column.scale();
    }
}
