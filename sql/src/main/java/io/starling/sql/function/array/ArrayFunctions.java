package io.starling.sql.function.array;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.function.conversion.Cast;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
import java.util.List;

/** array(...) and [..], arrayElement (x[i]), has, indexOf, in and notIn over constant sets. */
public final class ArrayFunctions {
    private ArrayFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.ofNullAware("array", ArrayFunctions::array));
        registry.add(ScalarFunction.of("arrayElement", ArrayFunctions::arrayElement));
        // NULL is a value these look for: has([1, NULL], NULL) = 1, indexOf([1, NULL], NULL) = 2.
        registry.add(ScalarFunction.ofNullAware("has", ArrayFunctions::has));
        registry.add(ScalarFunction.ofNullAware("indexOf", ArrayFunctions::indexOf));
        registry.add(ScalarFunction.of("in", arguments -> InSet.resolve("in", arguments, false)));
        registry.add(ScalarFunction.of("notIn", arguments -> InSet.resolve("notIn", arguments, true)));
    }

    private static ScalarKernel array(List<Argument> arguments) {
        DataType element = arguments.isEmpty() ? io.starling.storage.type.NothingType.NOTHING : arguments.get(0).type();
        for (Argument argument : arguments) {
            element = Types.superType(element, argument.type());
        }
        ArrayType type = new ArrayType(Types.stripLowCardinality(element));
        DataType elementType = type.element();
        return ScalarKernel.of(type, (operands, rows) -> {
            Column[] sources = new Column[operands.length];
            for (int a = 0; a < operands.length; a++) {
                sources[a] = Cast.cast(operands[a].column(), elementType);
            }
            ArrayColumnBuilder builder = new ArrayColumnBuilder(type, rows);
            for (int i = 0; i < rows; i++) {
                for (int a = 0; a < sources.length; a++) {
                    builder.elements().appendFrom(sources[a], operands[a].row(i));
                }
                builder.closeArray();
            }
            return builder.build();
        });
    }

    private static ArrayType requireArray(String name, List<Argument> arguments) {
        if (!(arguments.get(0).type() instanceof ArrayType arrayType)) {
            throw Errors.illegalArgument(name, 0, "an Array, not " + arguments.get(0).type().name());
        }
        return arrayType;
    }

    private static ScalarKernel arrayElement(List<Argument> arguments) {
        Errors.checkCount("arrayElement", arguments, 2, 2);
        if (Types.stripLowCardinality(arguments.get(0).type()) instanceof io.starling.storage.type.MapType) {
            return io.starling.sql.function.map.MapFunctions.element(arguments);
        }
        ArrayType arrayType = requireArray("arrayElement", arguments);
        if (!Types.isInteger(arguments.get(1).type())) {
            throw Errors.illegalArgument("arrayElement", 1, "an integer index");
        }
        DataType element = arrayType.element();
        return ScalarKernel.of(element, (operands, rows) -> {
            ArrayColumn arrays = (ArrayColumn) operands[0].column();
            ColumnBuilder builder = ColumnBuilder.forType(element, rows);
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                long index = operands[1].getLong(i);
                int count = arrays.elementCount(row);
                long position = index > 0 ? index - 1 : count + index;
                if (index == 0 || position < 0 || position >= count) {
                    builder.appendDefault();
                } else {
                    builder.appendFrom(arrays.elements(), arrays.elementStart(row) + (int) position);
                }
            }
            return builder.build();
        });
    }

    private static ScalarKernel has(List<Argument> arguments) {
        Errors.checkCount("has", arguments, 2, 2);
        return search("has", arguments, true);
    }

    private static ScalarKernel indexOf(List<Argument> arguments) {
        Errors.checkCount("indexOf", arguments, 2, 2);
        return search("indexOf", arguments, false);
    }

    /**
     * A Decimal's value as a BigDecimal ({@link Values#get} answers its unscaled integer), so that has/indexOf compare
     * decimals with numbers of any type as ClickHouse does; anything else as it is.
     */
    private static Object numeric(Object raw, DataType type) {
        if (raw instanceof Number unscaled && Types.base(type) instanceof DecimalType decimal) {
            java.math.BigInteger integer = unscaled instanceof java.math.BigInteger big ? big
                    : java.math.BigInteger.valueOf(unscaled.longValue());
            return new java.math.BigDecimal(integer, decimal.scale());
        }
        return raw;
    }

    private static ScalarKernel search(String name, List<Argument> arguments, boolean boolResult) {
        requireArray(name, arguments);
        DataType result = boolResult ? Types.UINT8 : Types.UINT64;
        DataType elementType = ((ArrayType) Types.base(arguments.get(0).type())).element();
        DataType needleType = arguments.get(1).type();
        return ScalarKernel.of(result, (operands, rows) -> {
            ArrayColumn arrays = (ArrayColumn) operands[0].column();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                Object needle = numeric(Values.get(operands[1].column(), operands[1].row(i)), needleType);
                for (int e = 0; e < arrays.elementCount(row); e++) {
                    Object value = numeric(Values.get(arrays.elements(), arrays.elementStart(row) + e), elementType);
                    if (InSet.sameValue(value, needle)) {
                        out[i] = boolResult ? 1 : e + 1;
                        break;
                    }
                }
            }
            return new LongColumn(result, out);
        });
    }
}
