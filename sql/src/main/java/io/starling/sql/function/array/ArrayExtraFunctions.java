package io.starling.sql.function.array;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.function.conversion.Cast;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Array functions without lambdas: arrayReverse, arrayDistinct, arrayUniq, arrayEnumerate, hasAny, hasAll,
 * range, arrayConcat, arraySlice, arrayPushBack/Front, arrayPopBack/Front, arrayStringConcat.
 */
public final class ArrayExtraFunctions {
    private static final long MAX_RANGE = 100_000_000L;

    private ArrayExtraFunctions() {
    }

    /** Picks, for one row, element positions of the source (the flattened elements of the array operands). */
    @FunctionalInterface
    private interface Picker {
        void pick(int start, int count, int row, List<Integer> out);
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("arrayReverse", arguments -> picking("arrayReverse", arguments, (start, count, row, out) -> {
            for (int e = count - 1; e >= 0; e--) {
                out.add(start + e);
            }
        })));
        registry.add(ScalarFunction.of("arrayPopBack", arguments -> picking("arrayPopBack", arguments,
                (start, count, row, out) -> range(out, start, count - 1))));
        registry.add(ScalarFunction.of("arrayPopFront", arguments -> picking("arrayPopFront", arguments,
                (start, count, row, out) -> range(out, start + 1, count - 1))));
        registry.add(ScalarFunction.of("arrayDistinct", ArrayExtraFunctions::distinct));
        registry.add(ScalarFunction.of("arrayUniq", arguments -> counting("arrayUniq", arguments, true)));
        registry.add(ScalarFunction.of("arrayEnumerate", arguments -> counting("arrayEnumerate", arguments, false)));
        registry.add(ScalarFunction.of("hasAny", arguments -> hasSome("hasAny", arguments, false)));
        registry.add(ScalarFunction.of("hasAll", arguments -> hasSome("hasAll", arguments, true)));
        registry.add(ScalarFunction.of("range", ArrayExtraFunctions::rangeFunction));
        registry.add(ScalarFunction.of("arrayConcat", ArrayExtraFunctions::concat));
        registry.add(ScalarFunction.of("arraySlice", ArrayExtraFunctions::slice));
        registry.add(ScalarFunction.of("arrayPushBack", arguments -> push("arrayPushBack", arguments, true)));
        registry.add(ScalarFunction.of("arrayPushFront", arguments -> push("arrayPushFront", arguments, false)));
        registry.add(ScalarFunction.of("arrayStringConcat", ArrayExtraFunctions::stringConcat));
    }

    private static void range(List<Integer> out, int start, int count) {
        for (int e = 0; e < count; e++) {
            out.add(start + e);
        }
    }

    static ArrayType array(String name, List<Argument> arguments, int index) {
        if (!(arguments.get(index).type() instanceof ArrayType type)) {
            throw Errors.illegalArgument(name, index, "an Array, not " + arguments.get(index).type().name());
        }
        return type;
    }

    private static ScalarKernel picking(String name, List<Argument> arguments, Picker picker) {
        Errors.checkCount(name, arguments, 1, 1);
        ArrayType type = array(name, arguments, 0);
        return ScalarKernel.of(type, (operands, rows) -> pick(type, operands[0], rows, picker));
    }

    private static Column pick(ArrayType type, Operand operand, int rows, Picker picker) {
        ArrayColumn arrays = (ArrayColumn) operand.column();
        List<Integer> positions = new ArrayList<>();
        int[] offsets = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            int row = operand.row(i);
            picker.pick(arrays.elementStart(row), arrays.elementCount(row), i, positions);
            offsets[i + 1] = positions.size();
        }
        int[] selected = positions.stream().mapToInt(Integer::intValue).toArray();
        return new ArrayColumn(type, offsets, arrays.elements().select(selected, selected.length), 0, rows);
    }

    private static ScalarKernel distinct(List<Argument> arguments) {
        Errors.checkCount("arrayDistinct", arguments, 1, 1);
        ArrayType type = array("arrayDistinct", arguments, 0);
        return ScalarKernel.of(type, (operands, rows) -> {
            Column elements = ((ArrayColumn) operands[0].column()).elements();
            return pick(type, operands[0], rows, (start, count, row, out) -> {
                Set<Object> seen = new HashSet<>();
                for (int e = start; e < start + count; e++) {
                    Object value = Values.get(elements, e);
                    if (value != null && seen.add(value)) {
                        out.add(e);
                    }
                }
            });
        });
    }

    private static ScalarKernel counting(String name, List<Argument> arguments, boolean uniq) {
        Errors.checkCount(name, arguments, 1, 1);
        array(name, arguments, 0);
        DataType uint32 = Types.integer(32, false);
        DataType type = uniq ? Types.UINT64 : new ArrayType(uint32);
        return ScalarKernel.of(type, (operands, rows) -> {
            ArrayColumn arrays = (ArrayColumn) operands[0].column();
            long[] counts = new long[rows];
            ArrayColumnBuilder builder = uniq ? null : new ArrayColumnBuilder((ArrayType) type, rows);
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                int start = arrays.elementStart(row);
                if (uniq) {
                    Set<Object> seen = new HashSet<>();
                    for (int e = 0; e < arrays.elementCount(row); e++) {
                        seen.add(Values.get(arrays.elements(), start + e));
                    }
                    counts[i] = seen.size();
                } else {
                    for (int e = 1; e <= arrays.elementCount(row); e++) {
                        builder.elements().appendLong(e);
                    }
                    builder.closeArray();
                }
            }
            return uniq ? new LongColumn(type, counts) : builder.build();
        });
    }

    private static ScalarKernel hasSome(String name, List<Argument> arguments, boolean all) {
        Errors.checkCount(name, arguments, 2, 2);
        array(name, arguments, 0);
        array(name, arguments, 1);
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            ArrayColumn haystacks = (ArrayColumn) operands[0].column();
            ArrayColumn needles = (ArrayColumn) operands[1].column();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                List<?> haystack = (List<?>) Values.get(haystacks, operands[0].row(i));
                List<?> wanted = (List<?>) Values.get(needles, operands[1].row(i));
                boolean result = all;
                for (Object needle : wanted) {
                    boolean found = haystack.stream().anyMatch(value -> InSet.sameValue(value, needle));
                    if (found != all) {
                        result = !all;
                        break;
                    }
                }
                out[i] = result ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static ScalarKernel rangeFunction(List<Argument> arguments) {
        Errors.checkCount("range", arguments, 1, 3);
        DataType element = null;
        for (int a = 0; a < arguments.size(); a++) {
            if (!Types.isInteger(arguments.get(a).type())) {
                throw Errors.illegalArgument("range", a, "an integer");
            }
            element = element == null ? arguments.get(a).type() : Types.superType(element, arguments.get(a).type());
        }
        ArrayType type = new ArrayType(element);
        return ScalarKernel.of(type, (operands, rows) -> {
            ArrayColumnBuilder builder = new ArrayColumnBuilder(type, rows);
            long total = 0;
            for (int i = 0; i < rows; i++) {
                long start = operands.length == 1 ? 0 : operands[0].getLong(i);
                long end = operands[operands.length == 1 ? 0 : 1].getLong(i);
                long step = operands.length == 3 ? operands[2].getLong(i) : 1;
                if (step <= 0) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The step of range() must be positive");
                }
                for (long value = start; value < end; value += step) {
                    if (++total > MAX_RANGE) {
                        throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "range() would produce more than "
                                + MAX_RANGE + " elements in a block; use smaller bounds");
                    }
                    builder.elements().appendLong(value);
                }
                builder.closeArray();
            }
            return builder.build();
        });
    }

    private static ScalarKernel concat(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            throw Errors.argumentCount("arrayConcat", 0, "at least 1");
        }
        DataType element = null;
        for (int a = 0; a < arguments.size(); a++) {
            DataType next = array("arrayConcat", arguments, a).element();
            boolean emptyConstant = arguments.get(a).constant() && arguments.get(a).value() instanceof List<?> list
                    && list.isEmpty();
            if (!emptyConstant || element == null && a == arguments.size() - 1) {
                element = element == null ? next : Types.superType(element, next);
            }
        }
        ArrayType type = new ArrayType(element);
        return ScalarKernel.of(type, (operands, rows) -> {
            ArrayColumnBuilder builder = new ArrayColumnBuilder(type, rows);
            Column[] sources = new Column[operands.length];
            for (int a = 0; a < operands.length; a++) {
                sources[a] = Cast.cast(((ArrayColumn) operands[a].column()).elements(), type.element());
            }
            for (int i = 0; i < rows; i++) {
                for (int a = 0; a < operands.length; a++) {
                    ArrayColumn arrays = (ArrayColumn) operands[a].column();
                    int row = operands[a].row(i);
                    for (int e = 0; e < arrays.elementCount(row); e++) {
                        builder.elements().appendFrom(sources[a], arrays.elementStart(row) + e);
                    }
                }
                builder.closeArray();
            }
            return builder.build();
        });
    }

    private static ScalarKernel slice(List<Argument> arguments) {
        Errors.checkCount("arraySlice", arguments, 2, 3);
        ArrayType type = array("arraySlice", arguments, 0);
        for (int a = 1; a < arguments.size(); a++) {
            if (!Types.isInteger(arguments.get(a).type())) {
                throw Errors.illegalArgument("arraySlice", a, "an integer");
            }
        }
        return ScalarKernel.of(type, (operands, rows) -> pick(type, operands[0], rows, (start, count, row, out) -> {
            long offset = operands[1].getLong(row);
            long from = offset > 0 ? offset - 1 : offset < 0 ? count + offset : count;
            long to = count;
            if (operands.length == 3) {
                long length = operands[2].getLong(row);
                to = length >= 0 ? from + length : count + length;
            }
            from = Math.max(0, from);
            to = Math.min(count, to);
            for (long e = from; e < to; e++) {
                out.add(start + (int) e);
            }
        }));
    }

    private static ScalarKernel push(String name, List<Argument> arguments, boolean back) {
        Errors.checkCount(name, arguments, 2, 2);
        ArrayType source = array(name, arguments, 0);
        ArrayType type = new ArrayType(Types.superType(source.element(), arguments.get(1).type()));
        return ScalarKernel.of(type, (operands, rows) -> {
            Column elements = Cast.cast(((ArrayColumn) operands[0].column()).elements(), type.element());
            Column values = Cast.cast(operands[1].column(), type.element());
            ArrayColumn arrays = (ArrayColumn) operands[0].column();
            ArrayColumnBuilder builder = new ArrayColumnBuilder(type, rows);
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                if (!back) {
                    builder.elements().appendFrom(values, operands[1].row(i));
                }
                for (int e = 0; e < arrays.elementCount(row); e++) {
                    builder.elements().appendFrom(elements, arrays.elementStart(row) + e);
                }
                if (back) {
                    builder.elements().appendFrom(values, operands[1].row(i));
                }
                builder.closeArray();
            }
            return builder.build();
        });
    }

    private static ScalarKernel stringConcat(List<Argument> arguments) {
        Errors.checkCount("arrayStringConcat", arguments, 1, 2);
        array("arrayStringConcat", arguments, 0);
        String separator = arguments.size() == 2 ? arguments.get(1).constantString("arrayStringConcat", 1) : "";
        return ScalarKernel.of(Types.STRING, (operands, rows) -> {
            ArrayColumn arrays = (ArrayColumn) operands[0].column();
            StringColumnBuilder builder = new StringColumnBuilder(Types.STRING, rows);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                text.setLength(0);
                boolean first = true;
                for (int e = 0; e < arrays.elementCount(row); e++) {
                    Object value = Values.get(arrays.elements(), arrays.elementStart(row) + e);
                    if (value != null) {
                        text.append(first ? "" : separator).append(value);
                        first = false;
                    }
                }
                builder.appendString(text.toString());
            }
            return builder.build();
        });
    }
}
