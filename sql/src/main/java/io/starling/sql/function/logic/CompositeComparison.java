package io.starling.sql.function.logic;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.function.logic.ComparisonFunctions.Op;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.TupleType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Comparison of tuples and arrays. Tuples of the same arity compare lexicographically element by element, each
 * element pair by the scalar rules ({@code (1, 'a') < (1, 'b')}, a Date element against a string literal...);
 * arrays compare lexicographically by value, a shorter prefix first ({@code [1, 2] < [1, 2, 0]}).
 */
final class CompositeComparison {
    private CompositeComparison() {
    }

    static boolean applies(DataType left, DataType right) {
        return left instanceof TupleType && right instanceof TupleType
                || left instanceof ArrayType && right instanceof ArrayType;
    }

    static ScalarKernel resolve(String name, Op op, List<Argument> arguments) {
        DataType left = arguments.get(0).type();
        DataType right = arguments.get(1).type();
        if (left instanceof TupleType a && right instanceof TupleType b) {
            return tuple(name, op, a, b, arguments);
        }
        ArrayType a = (ArrayType) left;
        ArrayType b = (ArrayType) right;
        if (!comparableElements(a.element(), b.element())) {
            throw Errors.illegalType(name, arguments);
        }
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                Object x = Values.get(operands[0].column(), operands[0].row(i));
                Object y = Values.get(operands[1].column(), operands[1].row(i));
                out[i] = ComparisonFunctions.test(op, compareValues(x, y)) ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static boolean comparableElements(DataType left, DataType right) {
        DataType a = Types.base(left);
        DataType b = Types.base(right);
        if (Types.isNothing(left) || Types.isNothing(right)) {
            return true;
        }
        if (a instanceof ArrayType x && b instanceof ArrayType y) {
            return comparableElements(x.element(), y.element());
        }
        return Types.isNumber(a) && Types.isNumber(b) || ComparisonFunctions.commonType(a, b) != null;
    }

    private static ScalarKernel tuple(String name, Op op, TupleType left, TupleType right, List<Argument> arguments) {
        int size = left.elements().size();
        if (size != right.elements().size()) {
            throw Errors.illegalType(name, arguments);
        }
        Op strict = switch (op) {
            case LESS, LESS_OR_EQUALS -> Op.LESS;
            case GREATER, GREATER_OR_EQUALS -> Op.GREATER;
            default -> op;
        };
        List<ScalarKernel> equal = new ArrayList<>(size);
        List<ScalarKernel> ordered = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            List<Argument> pair = List.of(Argument.column(Types.base(left.elements().get(i))),
                    Argument.column(Types.base(right.elements().get(i))));
            equal.add(ComparisonFunctions.resolve(name, Op.EQUALS, pair));
            ordered.add(ComparisonFunctions.resolve(name, i == size - 1 ? op : strict, pair));
        }
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            TupleColumn a = (TupleColumn) operands[0].column();
            TupleColumn b = (TupleColumn) operands[1].column();
            long[] result = null;
            for (int i = size - 1; i >= 0; i--) {
                Operand[] pair = {new Operand(plain(a.element(i)), operands[0].constant()),
                        new Operand(plain(b.element(i)), operands[1].constant())};
                long[] cmp = values(ordered.get(i).apply(pair, rows), rows);
                if (result == null) {
                    result = cmp;
                    continue;
                }
                long[] eq = values(equal.get(i).apply(pair, rows), rows);
                for (int row = 0; row < rows; row++) {
                    result[row] = switch (op) {
                        case EQUALS -> eq[row] & result[row];
                        case NOT_EQUALS -> cmp[row] | result[row];
                        default -> cmp[row] | (eq[row] & result[row]);
                    };
                }
            }
            return new LongColumn(Types.UINT8, result);
        });
    }

    private static Column plain(Column column) {
        return column instanceof NullableColumn nullable ? nullable.values() : column;
    }

    private static long[] values(Column column, int rows) {
        LongColumn longs = (LongColumn) column;
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = longs.getLong(i);
        }
        return out;
    }

    /** Orders two constant-form values: numbers by value, strings bytewise, lists lexicographically, NULL last. */
    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x instanceof Long p && y instanceof Long q ? Long.compare(p, q)
                    : Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int comparison = compareValues(x.get(i), y.get(i));
                if (comparison != 0) {
                    return comparison;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        return Arrays.compareUnsigned(bytes(a), bytes(b));
    }

    private static byte[] bytes(Object value) {
        return value instanceof byte[] raw ? raw : value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
