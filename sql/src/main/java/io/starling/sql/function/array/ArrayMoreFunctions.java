package io.starling.sql.function.array;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.RowKernel;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.Accumulator;
import io.starling.sql.function.aggregate.AggregateFunction;
import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.TupleType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * replicate, arrayFlatten, arrayCompact, arrayCumSum, arrayCumSumNonNegative, arrayDifference,
 * arrayEnumerateDense, countEqual, arrayZip, arrayResize, arrayProduct, arrayReduce, arrayRotateLeft/Right,
 * arrayShingles. Result types follow ClickHouse (arrayCumSum of UInt8 is Array(UInt64), arrayDifference of
 * UInt8 is Array(Int16)...).
 */
public final class ArrayMoreFunctions {
    private ArrayMoreFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("replicate", arguments -> {
            Errors.checkCount("replicate", arguments, 2, 2);
            ArrayExtraFunctions.array("replicate", arguments, 1);
            return RowKernel.of(new ArrayType(arguments.get(0).type()), values -> {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < ((List<?>) values[1]).size(); i++) {
                    out.add(values[0]);
                }
                return out;
            });
        }));
        registry.add(ScalarFunction.of("arrayFlatten", arguments -> {
            Errors.checkCount("arrayFlatten", arguments, 1, 1);
            DataType type = ArrayExtraFunctions.array("arrayFlatten", arguments, 0);
            while (type instanceof ArrayType array && array.element() instanceof ArrayType) {
                type = array.element();
            }
            return RowKernel.of(type, values -> {
                List<Object> out = new ArrayList<>();
                flatten((List<?>) values[0], out);
                return out;
            });
        }));
        registry.alias("flatten", "arrayFlatten", false);
        registry.add(ScalarFunction.of("arrayCompact", arguments -> {
            Errors.checkCount("arrayCompact", arguments, 1, 1);
            return RowKernel.of(ArrayExtraFunctions.array("arrayCompact", arguments, 0), values -> {
                List<Object> out = new ArrayList<>();
                for (Object element : (List<?>) values[0]) {
                    if (out.isEmpty() || !same(out.get(out.size() - 1), element)) {
                        out.add(element);
                    }
                }
                return out;
            });
        }));
        registry.add(ScalarFunction.of("arrayDifference", ArrayMoreFunctions::difference));
        registry.add(ScalarFunction.of("arrayEnumerateDense", arguments -> {
            Errors.checkCount("arrayEnumerateDense", arguments, 1, 1);
            ArrayExtraFunctions.array("arrayEnumerateDense", arguments, 0);
            return RowKernel.of(new ArrayType(Types.integer(32, false)), values -> {
                Map<Object, Long> ids = new HashMap<>();
                List<Object> out = new ArrayList<>();
                for (Object element : (List<?>) values[0]) {
                    out.add(ids.computeIfAbsent(key(element), k -> (long) ids.size() + 1));
                }
                return out;
            });
        }));
        registry.add(ScalarFunction.ofNullAware("countEqual", arguments -> {
            Errors.checkCount("countEqual", arguments, 2, 2);
            ArrayExtraFunctions.array("countEqual", arguments, 0);
            return RowKernel.of(Types.UINT64, values -> {
                long count = 0;
                for (Object element : (List<?>) values[0]) {
                    if (same(element, values[1])) {
                        count++;
                    }
                }
                return count;
            });
        }));
        registry.add(ScalarFunction.of("arrayEnumerateUniq", arguments -> {
            if (arguments.isEmpty()) {
                throw Errors.argumentCount("arrayEnumerateUniq", 0, "at least 1");
            }
            for (int i = 0; i < arguments.size(); i++) {
                ArrayExtraFunctions.array("arrayEnumerateUniq", arguments, i);
            }
            return RowKernel.of(new ArrayType(Types.integer(32, false)), values -> {
                int size = ((List<?>) values[0]).size();
                Map<List<Object>, Long> counts = new HashMap<>();
                List<Object> out = new ArrayList<>(size);
                for (int e = 0; e < size; e++) {
                    List<Object> tuple = new ArrayList<>(values.length);
                    for (Object value : values) {
                        List<?> array = (List<?>) value;
                        if (array.size() != size) {
                            throw new StarlingException(ErrorCode.SIZES_OF_ARRAYS_DONT_MATCH,
                                    "Arrays passed to [arrayEnumerateUniq] must have equal sizes");
                        }
                        tuple.add(key(array.get(e)));
                    }
                    out.add(counts.merge(tuple, 1L, Long::sum));
                }
                return out;
            });
        }));
        registry.add(ScalarFunction.of("arrayIntersect", arguments -> {
            if (arguments.isEmpty()) {
                throw Errors.argumentCount("arrayIntersect", 0, "at least 1");
            }
            DataType element = null;
            for (int i = 0; i < arguments.size(); i++) {
                DataType next = ArrayExtraFunctions.array("arrayIntersect", arguments, i).element();
                element = element == null ? next : Types.superType(element, next);
            }
            return RowKernel.of(new ArrayType(element), values -> {
                List<Object> out = new ArrayList<>();
                java.util.Set<Object> seen = new java.util.HashSet<>();
                for (Object candidate : (List<?>) values[0]) {
                    boolean everywhere = true;
                    for (int a = 1; a < values.length && everywhere; a++) {
                        everywhere = ((List<?>) values[a]).stream().anyMatch(other -> same(other, candidate));
                    }
                    if (everywhere && seen.add(key(candidate))) {
                        out.add(candidate);
                    }
                }
                return out;
            });
        }));
        registry.add(ScalarFunction.of("arrayZip", ArrayMoreFunctions::zip));
        registry.add(ScalarFunction.of("arrayResize", ArrayMoreFunctions::resize));
        registry.add(ScalarFunction.of("arrayProduct", arguments -> {
            Errors.checkCount("arrayProduct", arguments, 1, 1);
            ArrayType type = ArrayExtraFunctions.array("arrayProduct", arguments, 0);
            if (!Types.isNumber(Types.base(type.element())) && !Types.isNothing(type.element())) {
                throw Errors.illegalType("arrayProduct", arguments);
            }
            return RowKernel.of(Types.FLOAT64, values -> {
                double product = 1;
                for (Object element : (List<?>) values[0]) {
                    product *= element == null ? 1 : ((Number) element).doubleValue();
                }
                return product;
            });
        }));
        registry.add(ScalarFunction.of("arrayRotateLeft", arguments -> rotate("arrayRotateLeft", arguments, true)));
        registry.add(ScalarFunction.of("arrayRotateRight", arguments -> rotate("arrayRotateRight", arguments, false)));
        registry.add(ScalarFunction.of("arrayShingles", arguments -> {
            Errors.checkCount("arrayShingles", arguments, 2, 2);
            ArrayType type = ArrayExtraFunctions.array("arrayShingles", arguments, 0);
            long length = arguments.get(1).constantLong("arrayShingles", 1);
            return RowKernel.of(new ArrayType(type), values -> {
                List<?> array = (List<?>) values[0];
                if (length < 1 || length > array.size()) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [arrayShingles]: the length must be "
                            + "between 1 and the array size " + array.size() + ", got " + length);
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i + length <= array.size(); i++) {
                    out.add(new ArrayList<>(array.subList(i, (int) (i + length))));
                }
                return out;
            });
        }));
        registry.add(ScalarFunction.of("arrayReduce", ArrayMoreFunctions::reduce));
    }

    private static void flatten(List<?> values, List<Object> out) {
        for (Object value : values) {
            if (value instanceof List<?> inner) {
                flatten(inner, out);
            } else {
                out.add(value);
            }
        }
    }

    /** Equality of constant-form values: numbers by value whatever their Java type. */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x instanceof Long && y instanceof Long ? x.longValue() == y.longValue() : x.doubleValue() == y.doubleValue();
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return a.equals(b);
    }

    private static Object key(Object value) {
        if (value instanceof byte[] bytes) {
            return java.nio.ByteBuffer.wrap(bytes);
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return d.longValue();
        }
        return value;
    }

    static ScalarKernel cumulative(String name, List<Argument> arguments, boolean nonNegative) {
        Errors.checkCount(name, arguments, 1, 1);
        ArrayType type = ArrayExtraFunctions.array(name, arguments, 0);
        DataType element = Types.base(type.element());
        if (!Types.isNumber(element)) {
            throw Errors.illegalType(name, arguments);
        }
        boolean floating = Types.isFloat(element);
        DataType result = floating ? Types.FLOAT64 : Types.isSigned(element) ? Types.INT64 : Types.UINT64;
        return RowKernel.of(new ArrayType(result), values -> {
            List<Object> out = new ArrayList<>();
            long longSum = 0;
            double doubleSum = 0;
            for (Object value : (List<?>) values[0]) {
                Number number = value == null ? 0L : (Number) value;
                if (floating) {
                    doubleSum += number.doubleValue();
                    if (nonNegative && doubleSum < 0) {
                        doubleSum = 0;
                    }
                    out.add(doubleSum);
                } else {
                    longSum += number.longValue();
                    if (nonNegative && Types.isSigned(result) && longSum < 0) {
                        longSum = 0;
                    }
                    out.add(longSum);
                }
            }
            return out;
        });
    }

    private static ScalarKernel difference(List<Argument> arguments) {
        Errors.checkCount("arrayDifference", arguments, 1, 1);
        ArrayType type = ArrayExtraFunctions.array("arrayDifference", arguments, 0);
        DataType element = Types.base(type.element());
        if (!Types.isNumber(element)) {
            throw Errors.illegalType("arrayDifference", arguments);
        }
        int bits = Types.isFloat(element) ? 64 : Types.bits(element);
        DataType result = Types.isFloat(element) ? Types.FLOAT64
                : bits == 8 ? Types.integer(16, true) : bits == 16 ? Types.integer(32, true) : Types.INT64;
        DataType resultType = result;
        boolean floating = Types.isFloat(element);
        return RowKernel.of(new ArrayType(resultType), values -> {
            List<Object> out = new ArrayList<>();
            Object previous = null;
            for (Object value : (List<?>) values[0]) {
                if (previous == null) {
                    out.add(floating ? (Object) 0.0 : (Object) 0L);
                } else if (floating) {
                    out.add(((Number) value).doubleValue() - ((Number) previous).doubleValue());
                } else {
                    out.add(Types.wrap(((Number) value).longValue() - ((Number) previous).longValue(), resultType));
                }
                previous = value;
            }
            return out;
        });
    }

    private static ScalarKernel zip(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            throw Errors.argumentCount("arrayZip", 0, "at least 1");
        }
        List<DataType> elements = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            elements.add(ArrayExtraFunctions.array("arrayZip", arguments, i).element());
        }
        return RowKernel.of(new ArrayType(new TupleType(elements)), values -> {
            int size = ((List<?>) values[0]).size();
            for (Object value : values) {
                if (((List<?>) value).size() != size) {
                    throw new StarlingException(ErrorCode.SIZES_OF_ARRAYS_DONT_MATCH,
                            "Arrays passed to [arrayZip] must have equal sizes, got " + size + " and " + ((List<?>) value).size());
                }
            }
            List<Object> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                List<Object> tuple = new ArrayList<>(values.length);
                for (Object value : values) {
                    tuple.add(((List<?>) value).get(i));
                }
                out.add(tuple);
            }
            return out;
        });
    }

    private static ScalarKernel resize(List<Argument> arguments) {
        Errors.checkCount("arrayResize", arguments, 2, 3);
        ArrayType type = ArrayExtraFunctions.array("arrayResize", arguments, 0);
        if (!Types.isInteger(arguments.get(1).type())) {
            throw Errors.illegalArgument("arrayResize", 1, "an integer");
        }
        DataType element = arguments.size() == 3 ? Types.superType(type.element(), arguments.get(2).type()) : type.element();
        Object filler = arguments.size() == 3 ? null : defaultOf(element);
        return RowKernel.of(new ArrayType(element), values -> {
            List<Object> array = new ArrayList<>((List<?>) values[0]);
            long size = ((Number) values[1]).longValue();
            Object fill = values.length == 3 ? values[2] : filler;
            if (size >= 0) {
                while (array.size() > size) {
                    array.remove(array.size() - 1);
                }
                while (array.size() < size) {
                    array.add(fill);
                }
            } else {
                while (array.size() > -size) {
                    array.remove(0);
                }
                while (array.size() < -size) {
                    array.add(0, fill);
                }
            }
            return array;
        });
    }

    private static Object defaultOf(DataType type) {
        if (type.isNullable() || Types.isNothing(type)) {
            return null;
        }
        io.starling.storage.column.ColumnBuilder builder = io.starling.storage.column.ColumnBuilder.forType(type, 1);
        builder.appendDefault();
        return io.starling.sql.function.Values.get(builder.build(), 0);
    }

    private static ScalarKernel rotate(String name, List<Argument> arguments, boolean left) {
        Errors.checkCount(name, arguments, 2, 2);
        ArrayType type = ArrayExtraFunctions.array(name, arguments, 0);
        return RowKernel.of(type, values -> {
            List<?> array = (List<?>) values[0];
            int size = array.size();
            List<Object> out = new ArrayList<>(size);
            if (size == 0) {
                return out;
            }
            long shift = ((Number) values[1]).longValue() % size;
            if (!left) {
                shift = -shift;
            }
            shift = ((shift % size) + size) % size;
            for (int i = 0; i < size; i++) {
                out.add(array.get((int) ((i + shift) % size)));
            }
            return out;
        });
    }

    /** arrayReduce('agg', arr...): the aggregate over each row's elements, all rows in one accumulator (a group per row). */
    private static ScalarKernel reduce(List<Argument> arguments) {
        if (arguments.size() < 2) {
            throw Errors.argumentCount("arrayReduce", arguments.size(), "at least 2");
        }
        String spec = arguments.get(0).constantString("arrayReduce", 0).strip();
        String name = spec;
        List<Object> parameters = List.of();
        int open = spec.indexOf('(');
        if (open > 0 && spec.endsWith(")")) {
            name = spec.substring(0, open).strip();
            parameters = new ArrayList<>();
            for (String part : spec.substring(open + 1, spec.length() - 1).split(",")) {
                String text = part.strip();
                if (!text.isEmpty()) {
                    parameters.add(text.matches("-?\\d+") ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text));
                }
            }
        }
        List<DataType> elementTypes = new ArrayList<>();
        for (int i = 1; i < arguments.size(); i++) {
            elementTypes.add(ArrayExtraFunctions.array("arrayReduce", arguments, i).element());
        }
        AggregateFunction function = AggregateFunctions.resolve(name, elementTypes, parameters, false);
        return ScalarKernel.of(function.resultType(), (operands, rows) -> {
            Accumulator accumulator = function.newAccumulator();
            ArrayColumn first = (ArrayColumn) operands[1].column();
            int total = 0;
            for (int i = 0; i < rows; i++) {
                total += first.elementCount(operands[1].row(i));
            }
            int[] groups = new int[total];
            Column[] flat = new Column[operands.length - 1];
            for (int a = 1; a < operands.length; a++) {
                ArrayColumn arrays = (ArrayColumn) operands[a].column();
                int[] positions = new int[total];
                int next = 0;
                for (int i = 0; i < rows; i++) {
                    int row = operands[a].row(i);
                    if (arrays.elementCount(row) != first.elementCount(operands[1].row(i))) {
                        throw new StarlingException(ErrorCode.SIZES_OF_ARRAYS_DONT_MATCH,
                                "Arrays passed to [arrayReduce] must have equal sizes in each row");
                    }
                    for (int e = 0; e < arrays.elementCount(row); e++) {
                        groups[next] = i;
                        positions[next++] = arrays.elementStart(row) + e;
                    }
                }
                flat[a - 1] = arrays.elements().select(positions, total);
            }
            if (total > 0) {
                accumulator.add(flat, groups, total, rows);
            }
            return accumulator.result(rows);
        });
    }
}
