package io.starling.sql.function.array;

import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.FloatType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Array functions that take a lambda: arrayMap, arrayFilter, arrayExists, arrayAll, arrayCount, arraySum,
 * arrayMin, arrayMax, arrayAvg, arrayFirst, arrayLast, arrayFirstIndex, arraySort, arrayReverseSort.
 * The analyzer binds the lambda body over a block whose columns are the arrays' elements, then the captured
 * outer values; a kernel flattens a whole block of arrays, evaluates the body once over all elements, and
 * folds the result back per row.
 */
public final class HigherOrderFunctions {
    /** Functions whose lambda is optional: without one, they apply to the elements themselves. */
    public static final Set<String> OPTIONAL_LAMBDA = Set.of("arrayExists", "arrayAll", "arrayCount", "arraySum",
            "arrayMin", "arrayMax", "arrayAvg", "arraySort", "arrayReverseSort", "arrayFirstIndex", "arrayLastIndex",
            "arrayCumSum", "arrayCumSumNonNegative");
    public static final Set<String> NAMES = Set.of("arrayMap", "arrayFilter", "arrayExists", "arrayAll", "arrayCount",
            "arraySum", "arrayMin", "arrayMax", "arrayAvg", "arrayFirst", "arrayLast", "arrayFirstIndex", "arraySort",
            "arrayReverseSort", "arrayLastIndex", "arraySplit", "arrayReverseSplit", "arrayFill", "arrayReverseFill",
            "arrayFirstOrNull", "arrayLastOrNull", "arrayCumSum", "arrayCumSumNonNegative");

    private HigherOrderFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        for (String name : NAMES) {
            registry.add(ScalarFunction.ofNullAware(name, arguments -> {
                throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Function [" + name + "] is bound with its lambda");
            }));
        }
    }

    /**
     * The kernel of {@code name} over {@code arrayCount} array operands followed by captured operands.
     *
     * @param body       the lambda body over a block of [elements of each array..., captured values...]
     */
    public static ScalarKernel kernel(String name, BoundExpression body, List<ArrayType> arrays) {
        DataType first = arrays.get(0).element();
        DataType resultType = switch (name) {
            case "arrayMap" -> new ArrayType(body.type());
            case "arrayFilter", "arraySort", "arrayReverseSort", "arrayFill", "arrayReverseFill" -> arrays.get(0);
            case "arraySplit", "arrayReverseSplit" -> new ArrayType(arrays.get(0));
            case "arrayFirstOrNull", "arrayLastOrNull" -> Types.makeNullable(first);
            case "arrayLastIndex" -> Types.UINT64;
            case "arrayCumSum", "arrayCumSumNonNegative" -> cumulativeKernel(name, body.type()).resultType();
            case "arrayExists", "arrayAll" -> Types.UINT8;
            case "arrayCount" -> Types.integer(32, false);
            case "arrayFirstIndex" -> Types.UINT64;
            case "arraySum" -> sumType(body.type());
            case "arrayAvg" -> Types.FLOAT64;
            case "arrayMin", "arrayMax" -> Types.base(body.type());
            case "arrayFirst", "arrayLast" -> first;
            default -> throw new IllegalArgumentException(name);
        };
        if ((name.equals("arraySum") || name.equals("arrayAvg")) && !Types.isNumber(Types.base(body.type()))) {
            throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Function [" + name
                    + "] needs numbers, not " + body.type().name());
        }
        int count = arrays.size();
        return ScalarKernel.of(resultType, (operands, rows) -> apply(name, body, count, resultType, operands, rows));
    }

    private static DataType sumType(DataType type) {
        DataType base = Types.base(type);
        if (base instanceof FloatType) {
            return Types.FLOAT64;
        }
        return Types.isSigned(base) ? Types.INT64 : Types.UINT64;
    }

    private static Column apply(String name, BoundExpression body, int arrayCount, DataType resultType,
                                Operand[] operands, int rows) {
        ArrayColumn firstArrays = (ArrayColumn) operands[0].column();
        int[] offsets = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            offsets[i + 1] = offsets[i] + firstArrays.elementCount(operands[0].row(i));
        }
        int total = offsets[rows];
        for (int a = 1; a < arrayCount; a++) {
            ArrayColumn other = (ArrayColumn) operands[a].column();
            for (int i = 0; i < rows; i++) {
                if (other.elementCount(operands[a].row(i)) != offsets[i + 1] - offsets[i]) {
                    throw new StarlingException(ErrorCode.SIZES_OF_ARRAYS_DONT_MATCH, "Arrays passed to [" + name
                            + "] must have equal sizes; row " + (i + 1) + " has " + (offsets[i + 1] - offsets[i])
                            + " and " + other.elementCount(operands[a].row(i)) + " elements");
                }
            }
        }
        int[] owner = new int[total];
        for (int i = 0; i < rows; i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                owner[e] = i;
            }
        }
        List<Column> columns = new ArrayList<>(operands.length);
        for (int a = 0; a < operands.length; a++) {
            columns.add(a < arrayCount ? flatten(operands[a], rows, total) : spread(operands[a], owner, total));
        }
        Column elements = columns.get(0);
        Column values = total == 0 ? Types.isNothing(body.type()) ? elements : ColumnBuilder.forType(body.type(), 0).build()
                : ExpressionEvaluator.column(body, new Block(columns, total));
        return switch (name) {
            case "arrayMap" -> new ArrayColumn((ArrayType) resultType, offsets, values, 0, rows);
            case "arrayFilter" -> filter((ArrayType) resultType, elements, values, offsets, rows);
            case "arraySort", "arrayReverseSort" -> ArraySorter.sort((ArrayType) resultType, elements, values, offsets,
                    rows, name.equals("arrayReverseSort"));
            case "arraySum", "arrayAvg", "arrayMin", "arrayMax" -> Folds.fold(name, resultType, values, offsets, rows);
            case "arrayFill", "arrayReverseFill" -> fill((ArrayType) resultType, elements, values, offsets, rows,
                    name.equals("arrayReverseFill"));
            case "arraySplit", "arrayReverseSplit" -> split((ArrayType) resultType, elements, values, offsets, rows,
                    name.equals("arrayReverseSplit"));
            case "arrayCumSum", "arrayCumSumNonNegative" -> {
                ArrayColumn mapped = new ArrayColumn(new ArrayType(body.type()), offsets, values, 0, rows);
                yield cumulativeKernel(name, body.type()).apply(new Operand[] {Operand.of(mapped)}, rows);
            }
            default -> search(name, resultType, elements, values, offsets, rows);
        };
    }

    private static ScalarKernel cumulativeKernel(String name, DataType element) {
        return ArrayMoreFunctions.cumulative(name, List.of(io.starling.sql.function.Argument.column(new ArrayType(element))),
                name.equals("arrayCumSumNonNegative"));
    }

    /** arrayFill keeps an element where the lambda is true, else repeats the previous kept one (the next, reversed). */
    private static Column fill(ArrayType type, Column elements, Column keep, int[] offsets, int rows, boolean reverse) {
        int[] positions = new int[elements.size()];
        for (int i = 0; i < rows; i++) {
            int from = offsets[i];
            int to = offsets[i + 1];
            if (!reverse) {
                int last = from;
                for (int e = from; e < to; e++) {
                    if (e == from || truthy(keep, e)) {
                        last = e;
                    }
                    positions[e] = last;
                }
            } else {
                int next = to - 1;
                for (int e = to - 1; e >= from; e--) {
                    if (e == to - 1 || truthy(keep, e)) {
                        next = e;
                    }
                    positions[e] = next;
                }
            }
        }
        return new ArrayColumn(type, offsets, elements.select(positions, positions.length), 0, rows);
    }

    /** arraySplit cuts before each element whose lambda is true (arrayReverseSplit: after it). */
    private static Column split(ArrayType type, Column elements, Column cut, int[] offsets, int rows, boolean reverse) {
        List<Integer> innerOffsets = new ArrayList<>();
        innerOffsets.add(0);
        int[] outer = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            int from = offsets[i];
            int to = offsets[i + 1];
            for (int e = from; e < to; e++) {
                boolean boundary = reverse ? e < to - 1 && truthy(cut, e) : e > from && truthy(cut, e);
                if (!reverse && boundary) {
                    innerOffsets.add(e);
                }
                if (reverse && boundary) {
                    innerOffsets.add(e + 1);
                }
            }
            if (to > from) {
                innerOffsets.add(to);
            }
            outer[i + 1] = innerOffsets.size() - 1;
        }
        int[] inner = innerOffsets.stream().mapToInt(Integer::intValue).toArray();
        ArrayColumn pieces = new ArrayColumn((ArrayType) type.element(), inner, elements, 0, inner.length - 1);
        return new ArrayColumn(type, outer, pieces, 0, rows);
    }

    /** The elements of every row's array, in row order. */
    private static Column flatten(Operand operand, int rows, int total) {
        ArrayColumn arrays = (ArrayColumn) operand.column();
        if (!operand.constant()) {
            int start = rows == 0 ? 0 : arrays.elementStart(0);
            return arrays.elements().region(start, total);
        }
        int[] positions = new int[total];
        int start = arrays.elementStart(0);
        int length = arrays.elementCount(0);
        for (int i = 0; i < total; i++) {
            positions[i] = start + i % Math.max(1, length);
        }
        return arrays.elements().select(positions, total);
    }

    /** A captured value repeated for each element of its row. */
    private static Column spread(Operand operand, int[] owner, int total) {
        if (operand.constant()) {
            return operand.column().select(new int[total], total);
        }
        return operand.column().select(owner, total);
    }

    static boolean truthy(Column column, int row) {
        if (column.isNull(row)) {
            return false;
        }
        Column plain = column instanceof io.starling.storage.column.NullableColumn nullable ? nullable.values() : column;
        if (plain instanceof LongColumn longs) {
            return longs.getLong(row) != 0;
        }
        return plain instanceof DoubleColumn doubles && doubles.getDouble(row) != 0;
    }

    private static Column filter(ArrayType type, Column elements, Column keep, int[] offsets, int rows) {
        int[] positions = new int[elements.size()];
        int[] resultOffsets = new int[rows + 1];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                if (truthy(keep, e)) {
                    positions[count++] = e;
                }
            }
            resultOffsets[i + 1] = count;
        }
        return new ArrayColumn(type, resultOffsets, elements.select(positions, count), 0, rows);
    }

    private static Column search(String name, DataType type, Column elements, Column values, int[] offsets, int rows) {
        boolean orNull = name.endsWith("OrNull");
        boolean firstValue = name.equals("arrayFirst") || name.equals("arrayLast") || orNull;
        ColumnBuilder builder = firstValue ? ColumnBuilder.forType(type, rows) : null;
        long[] out = firstValue ? null : new long[rows];
        for (int i = 0; i < rows; i++) {
            int found = -1;
            int matches = 0;
            boolean all = true;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                if (truthy(values, e)) {
                    matches++;
                    if (found < 0 || name.startsWith("arrayLast")) {
                        found = e;
                    }
                } else {
                    all = false;
                }
            }
            switch (name) {
                case "arrayExists" -> out[i] = matches > 0 ? 1 : 0;
                case "arrayAll" -> out[i] = all ? 1 : 0;
                case "arrayCount" -> out[i] = matches;
                case "arrayFirstIndex", "arrayLastIndex" -> out[i] = found < 0 ? 0 : found - offsets[i] + 1;
                default -> {
                    if (found < 0 && orNull) {
                        builder.appendNull();
                    } else if (orNull) {
                        io.starling.sql.function.Values.append(builder, io.starling.sql.function.Values.get(elements, found));
                    } else if (found < 0) {
                        builder.appendDefault();
                    } else {
                        builder.appendFrom(elements, found);
                    }
                }
            }
        }
        return firstValue ? builder.build() : new LongColumn(type, out);
    }

    /** Numeric folds over each row's slice of {@code values}. */
    static final class Folds {
        private Folds() {
        }

        static Column fold(String name, DataType type, Column values, int[] offsets, int rows) {
            DataType valueType = values.type();
            Column plain = values instanceof io.starling.storage.column.NullableColumn nullable ? nullable.values() : values;
            boolean floating = plain instanceof DoubleColumn;
            boolean unsigned = Types.isUnsigned64(Types.base(valueType));
            if (name.equals("arrayMin") || name.equals("arrayMax")) {
                ColumnBuilder builder = ColumnBuilder.forType(type, rows);
                for (int i = 0; i < rows; i++) {
                    int best = -1;
                    for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                        if (values.isNull(e)) {
                            continue;
                        }
                        if (best < 0 || better(plain, e, best, name.equals("arrayMax"), floating, unsigned)) {
                            best = e;
                        }
                    }
                    if (best < 0) {
                        builder.appendDefault();
                    } else {
                        builder.appendFrom(plain, best);
                    }
                }
                return builder.build();
            }
            long[] longs = new long[rows];
            double[] doubles = new double[rows];
            for (int i = 0; i < rows; i++) {
                long longSum = 0;
                double doubleSum = 0;
                int count = 0;
                for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                    if (values.isNull(e)) {
                        continue;
                    }
                    count++;
                    if (floating) {
                        doubleSum += ((DoubleColumn) plain).getDouble(e);
                    } else {
                        long value = ((LongColumn) plain).getLong(e);
                        longSum += value;
                        doubleSum += Types.toDouble(value, Types.base(valueType));
                    }
                }
                longs[i] = longSum;
                doubles[i] = name.equals("arrayAvg") ? (count == 0 ? Double.NaN : doubleSum / count) : doubleSum;
            }
            return type instanceof FloatType ? new DoubleColumn(type, doubles) : new LongColumn(type, longs);
        }

        private static boolean better(Column values, int candidate, int best, boolean max, boolean floating,
                                      boolean unsigned) {
            int compare;
            if (floating) {
                compare = Double.compare(((DoubleColumn) values).getDouble(candidate), ((DoubleColumn) values).getDouble(best));
            } else if (values instanceof LongColumn longs) {
                compare = unsigned ? Long.compareUnsigned(longs.getLong(candidate), longs.getLong(best))
                        : Long.compare(longs.getLong(candidate), longs.getLong(best));
            } else {
                compare = ArraySorter.compare(values, candidate, best);
            }
            return max ? compare > 0 : compare < 0;
        }
    }
}
