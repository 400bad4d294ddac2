package io.starling.sql.function.array;

import io.starling.sql.function.Argument;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.Int128;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.Int256;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.TupleType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code decimal IN (constant set)} for every Decimal width: each set value (integer, decimal of any scale, float or numeric text) is
 * converted exactly to the probe's scale once; values that have no exact form at that scale cannot match and are
 * dropped. The set is held as sorted unscaled longs, (high, low) pairs or 32-byte encodings by width; each row is a
 * binary search with no allocation. An integer probe against a set holding decimals keeps the set's integral values.
 */
final class WideDecimalInSet {
    private WideDecimalInSet() {
    }

    static ScalarKernel resolve(DecimalType probe, Argument set, boolean negated) {
        List<BigInteger> values = exactValues(set, probe.scale());
        if (probe.is256()) {
            return huge(values, negated);
        }
        if (!probe.isWide()) {
            return narrow(values, negated);
        }
        return wide(values, negated);
    }

    /** {@code integer IN (set with decimals)}: the set's integral values; the others cannot match. */
    static ScalarKernel integers(Argument set, boolean negated) {
        return narrow(exactValues(set, 0), negated);
    }

    /** True when a constant set holds a Decimal value (its type is, or has an element that is, a Decimal). */
    static boolean holdsDecimals(DataType setType) {
        DataType base = Types.base(setType);
        return switch (base) {
            case DecimalType decimal -> true;
            case ArrayType array -> Types.base(array.element()) instanceof DecimalType;
            case TupleType tuple -> tuple.elements().stream().anyMatch(e -> Types.base(e) instanceof DecimalType);
            default -> false;
        };
    }

    /** The set's values that are exact at {@code scale}, as unscaled integers, sorted. */
    private static List<BigInteger> exactValues(Argument set, int scale) {
        List<BigInteger> values = new ArrayList<>();
        if (set.value() instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                addValue(list.get(i), elementType(set.type(), i), scale, values);
            }
        } else {
            addValue(set.value(), set.type(), scale, values);
        }
        values.sort(null);
        return values;
    }

    private static ScalarKernel wide(List<BigInteger> values, boolean negated) {
        values.removeIf(value -> value.bitLength() >= 128);
        long[] highs = new long[values.size()];
        long[] lows = new long[values.size()];
        for (int i = 0; i < highs.length; i++) {
            highs[i] = values.get(i).shiftRight(64).longValue();
            lows[i] = values.get(i).longValue();
        }
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            Int128Column column = (Int128Column) operands[0].column();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                out[i] = contains(highs, lows, column.high(row), column.low(row)) != negated ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    /** Decimal32/Decimal64: the set as sorted unscaled longs, probed with the column's unscaled values. */
    private static ScalarKernel narrow(List<BigInteger> values, boolean negated) {
        long[] sorted = values.stream().filter(value -> value.bitLength() < 64).mapToLong(BigInteger::longValue)
                .toArray();
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            long[] probe = operands[0].longs(rows);
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = (java.util.Arrays.binarySearch(sorted, probe[i]) >= 0) != negated ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    /** Decimal256: the set as sorted 32-byte encodings, which order like the numbers. */
    private static ScalarKernel huge(List<BigInteger> values, boolean negated) {
        byte[][] encoded = new byte[values.size()][Int256.BYTES];
        Int256 register = new Int256();
        for (int i = 0; i < encoded.length; i++) {
            register.set(values.get(i));
            register.write(encoded[i], 0);
        }
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            StringColumn column = (StringColumn) operands[0].column();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                out[i] = contains(encoded, column.rawBytes(), column.valueOffset(row)) != negated ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static boolean contains(byte[][] sorted, byte[] bytes, int offset) {
        int from = 0;
        int to = sorted.length - 1;
        while (from <= to) {
            int middle = (from + to) >>> 1;
            int comparison = Arrays.compareUnsigned(sorted[middle], 0, Int256.BYTES, bytes, offset, offset + Int256.BYTES);
            if (comparison == 0) {
                return true;
            }
            if (comparison < 0) {
                from = middle + 1;
            } else {
                to = middle - 1;
            }
        }
        return false;
    }

    private static DataType elementType(DataType setType, int index) {
        DataType base = Types.base(setType);
        if (base instanceof TupleType tuple && index < tuple.elements().size()) {
            return Types.base(tuple.elements().get(index));
        }
        if (base instanceof ArrayType array) {
            return Types.base(array.element());
        }
        return base;
    }

    private static void addValue(Object value, DataType type, int scale, List<BigInteger> out) {
        BigDecimal decimal;
        try {
            decimal = switch (value) {
                case null -> null;
                case BigInteger unscaled -> new BigDecimal(unscaled, type instanceof DecimalType d ? d.scale() : 0);
                case Long number when type instanceof DecimalType d -> BigDecimal.valueOf(number, d.scale());
                case Long number when Types.isUnsigned64(type) -> new BigDecimal(Long.toUnsignedString(number));
                case Long number -> BigDecimal.valueOf(number);
                case Double number -> Double.isFinite(number) ? BigDecimal.valueOf(number) : null;
                default -> new BigDecimal(value.toString().trim());
            };
        } catch (NumberFormatException e) {
            return;
        }
        if (decimal == null) {
            return;
        }
        BigInteger unscaled = decimal.movePointRight(scale).stripTrailingZeros().scale() > 0 ? null
                : decimal.movePointRight(scale).toBigIntegerExact();
        if (unscaled != null && unscaled.bitLength() < 256) {
            out.add(unscaled);
        }
    }

    private static boolean contains(long[] highs, long[] lows, long high, long low) {
        int from = 0;
        int to = highs.length - 1;
        while (from <= to) {
            int middle = (from + to) >>> 1;
            int comparison = Int128.compare(highs[middle], lows[middle], high, low);
            if (comparison == 0) {
                return true;
            }
            if (comparison < 0) {
                from = middle + 1;
            } else {
                to = middle - 1;
            }
        }
        return false;
    }
}
