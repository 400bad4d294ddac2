package io.starling.sql.function.array;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.conversion.Cast;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code x IN (constant set)}: the set is converted to x's type once and held sorted in a primitive array
 * (longs, doubles or UTF-8 byte strings); each row is a binary search, with no allocation.
 */
final class InSet {
    private InSet() {
    }

    static ScalarKernel resolve(String name, List<Argument> arguments, boolean negated) {
        Errors.checkCount(name, arguments, 2, 2);
        Argument set = arguments.get(1);
        if (!set.constant()) {
            throw Errors.illegalArgument(name, 1, "a constant set such as (1, 2, 3) or a subquery");
        }
        if (arguments.get(0).type() instanceof io.starling.storage.type.DecimalType decimal) {
            return WideDecimalInSet.resolve(decimal, set, negated);
        }
        List<Object> elements = new ArrayList<>();
        if (set.value() instanceof List<?> list) {
            elements.addAll(list);
        } else {
            elements.add(set.value());
        }
        elements.removeIf(java.util.Objects::isNull);
        DataType type = arguments.get(0).type();
        if (type instanceof io.starling.storage.type.TupleType || type instanceof io.starling.storage.type.ArrayType) {
            return composite(elements, negated);
        }
        if (Types.isString(type)) {
            return strings(elements, negated);
        }
        if (!Types.isFloat(type) && WideDecimalInSet.holdsDecimals(set.type())) {
            return WideDecimalInSet.integers(set, negated);
        }
        if (Types.isFloat(type) || elements.stream().anyMatch(element -> element instanceof Double)) {
            double[] values = new double[elements.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = elements.get(i) instanceof Number number ? number.doubleValue() : Cast.parseDouble(elements.get(i).toString());
            }
            Arrays.sort(values);
            return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
                double[] probe = operands[0].doubles(rows);
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = (Arrays.binarySearch(values, probe[i]) >= 0) != negated ? 1 : 0;
                }
                return new LongColumn(Types.UINT8, out);
            });
        }
        long[] values = new long[elements.size()];
        for (int i = 0; i < values.length; i++) {
            Object element = elements.get(i);
            values[i] = element instanceof Number number ? number.longValue() : Cast.parseLong(element.toString(), type);
        }
        Arrays.sort(values);
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            long[] probe = operands[0].longs(rows);
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = (Arrays.binarySearch(values, probe[i]) >= 0) != negated ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    /** Tuples and arrays: each row's value is compared with the set's values (numbers by value). */
    private static ScalarKernel composite(List<Object> elements, boolean negated) {
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                Object value = io.starling.sql.function.Values.get(operands[0].column(), operands[0].row(i));
                boolean found = false;
                for (Object element : elements) {
                    if (deepEquals(value, element)) {
                        found = true;
                        break;
                    }
                }
                out[i] = found != negated ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static boolean deepEquals(Object a, Object b) {
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return sameValue(a, b);
    }

    private static ScalarKernel strings(List<Object> elements, boolean negated) {
        byte[][] values = new byte[elements.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = elements.get(i).toString().getBytes(StandardCharsets.UTF_8);
        }
        Arrays.sort(values, Arrays::compareUnsigned);
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                out[i] = contains(values, strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row)) != negated ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static boolean contains(byte[][] sorted, byte[] bytes, int offset, int length) {
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int comparison = Arrays.compareUnsigned(sorted[middle], 0, sorted[middle].length, bytes, offset, offset + length);
            if (comparison == 0) {
                return true;
            }
            if (comparison < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return false;
    }

    /** Equality of two constant values, numbers compared by value. */
    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number left && b instanceof Number right) {
            java.math.BigDecimal exactLeft = exact(left);
            java.math.BigDecimal exactRight = exact(right);
            if (exactLeft != null && exactRight != null
                    && (left instanceof java.math.BigDecimal || right instanceof java.math.BigDecimal
                    || left instanceof java.math.BigInteger || right instanceof java.math.BigInteger)) {
                return exactLeft.compareTo(exactRight) == 0; // wide integers and decimals beyond a double's 53 bits
            }
            return left.doubleValue() == right.doubleValue();
        }
        return java.util.Objects.equals(a, b);
    }

    /** The exact value of a number, null for NaN and infinities. */
    private static java.math.BigDecimal exact(Number number) {
        return switch (number) {
            case java.math.BigDecimal decimal -> decimal;
            case java.math.BigInteger integer -> new java.math.BigDecimal(integer);
            case Double value -> Double.isFinite(value) ? new java.math.BigDecimal(value) : null;
            case Float value -> Float.isFinite(value) ? new java.math.BigDecimal(value) : null;
            default -> java.math.BigDecimal.valueOf(number.longValue());
        };
    }
}
