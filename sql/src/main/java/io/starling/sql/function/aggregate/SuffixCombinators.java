package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The -Array, -OrNull and -OrDefault combinators (-Distinct maps to the DISTINCT wrapper and -If to
 * {@link Combinators}): {@code sumArray(arr)} aggregates every element, {@code avgOrNull(x)} gives NULL and
 * {@code avgOrDefault(x)} the type's default for a group without rows.
 */
final class SuffixCombinators {
    static final List<String> SUFFIXES = List.of("If", "Array", "Distinct", "OrNull", "OrDefault", "ForEach", "Resample");

    private SuffixCombinators() {
    }

    /** The element types of -Array's arguments, which must all be arrays. */
    static List<DataType> elementTypes(String name, List<DataType> arguments) {
        List<DataType> elements = new ArrayList<>();
        for (DataType argument : arguments) {
            if (!(Types.stripLowCardinality(argument) instanceof ArrayType array)) {
                throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Arguments of [" + name
                        + "] must be arrays, not " + argument.name());
            }
            elements.add(array.element());
        }
        return elements;
    }

    static AggregateFunction array(AggregateFunction inner) {
        return new AggregateFunction() {
            @Override
            public DataType resultType() {
                return inner.resultType();
            }

            @Override
            public Accumulator newAccumulator() {
                Accumulator accumulator = inner.newAccumulator();
                return new Accumulator() {
                    @Override
                    public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                        ArrayColumn first = (ArrayColumn) arguments[0];
                        int total = 0;
                        for (int i = 0; i < rows; i++) {
                            total += first.elementCount(i);
                        }
                        int[] groups = new int[total];
                        Column[] flat = new Column[arguments.length];
                        for (int a = 0; a < arguments.length; a++) {
                            ArrayColumn arrays = (ArrayColumn) arguments[a];
                            int[] positions = new int[total];
                            int next = 0;
                            for (int i = 0; i < rows; i++) {
                                if (arrays.elementCount(i) != first.elementCount(i)) {
                                    throw new StarlingException(ErrorCode.SIZES_OF_ARRAYS_DONT_MATCH,
                                            "Arrays of an -Array aggregate must have equal sizes in each row");
                                }
                                for (int e = 0; e < arrays.elementCount(i); e++) {
                                    groups[next] = groupIds[i];
                                    positions[next++] = arrays.elementStart(i) + e;
                                }
                            }
                            flat[a] = arrays.elements().select(positions, total);
                        }
                        accumulator.add(flat, groups, total, groupCount);
                    }

                    @Override
                    public Column result(int groupCount) {
                        return accumulator.result(groupCount);
                    }

                    @Override
                    public long memoryBytes() {
                        return accumulator.memoryBytes();
                    }
                };
            }
        };
    }

    /** -OrNull (nullable = true) or -OrDefault: a group that received no rows gets NULL or the default. */
    static AggregateFunction orEmpty(AggregateFunction inner, boolean nullable) {
        DataType type = nullable ? Types.makeNullable(inner.resultType()) : inner.resultType();
        return new AggregateFunction() {
            @Override
            public DataType resultType() {
                return type;
            }

            @Override
            public Accumulator newAccumulator() {
                Accumulator accumulator = inner.newAccumulator();
                return new Accumulator() {
                    private boolean[] seen = new boolean[16];

                    @Override
                    public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                        if (groupCount > seen.length) {
                            seen = Arrays.copyOf(seen, Math.max(groupCount, seen.length * 2));
                        }
                        for (int i = 0; i < rows; i++) {
                            seen[groupIds[i]] = true;
                        }
                        accumulator.add(arguments, groupIds, rows, groupCount);
                    }

                    @Override
                    public long memoryBytes() {
                        return accumulator.memoryBytes();
                    }

                    @Override
                    public Column result(int groupCount) {
                        Column values = accumulator.result(groupCount);
                        ColumnBuilder builder = ColumnBuilder.forType(type, groupCount);
                        for (int g = 0; g < groupCount; g++) {
                            if (g < seen.length && seen[g]) {
                                Values.append(builder, Values.get(values, g));
                            } else if (nullable) {
                                builder.appendNull();
                            } else {
                                builder.appendDefault();
                            }
                        }
                        return builder.build();
                    }
                };
            }
        };
    }
}
