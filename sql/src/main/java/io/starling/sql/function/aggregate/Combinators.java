package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.function.logic.LogicalFunctions;
import io.starling.storage.column.Column;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.NullableType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Wrappers that change which rows reach an aggregate: -If, NULL skipping, and DISTINCT. */
final class Combinators {
    private Combinators() {
    }

    /** Keeps the rows selected by {@code keep}, compacting arguments and group ids. */
    private static void forward(Accumulator inner, Column[] arguments, int argumentCount, int[] groupIds, int rows,
                                int groupCount, boolean[] keep) {
        int[] positions = new int[rows];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            if (keep[i]) {
                positions[count++] = i;
            }
        }
        if (count == rows && argumentCount == arguments.length) {
            inner.add(arguments, groupIds, rows, groupCount);
            return;
        }
        Column[] selected = new Column[argumentCount];
        for (int a = 0; a < argumentCount; a++) {
            selected[a] = arguments[a].select(positions, count);
        }
        int[] groups = new int[count];
        for (int i = 0; i < count; i++) {
            groups[i] = groupIds[positions[i]];
        }
        inner.add(selected, groups, count, groupCount);
    }

    /** fIf(args..., condition): only rows whose condition is true. */
    static AggregateFunction ifCombinator(AggregateFunction inner, int argumentCount) {
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
                        boolean[] keep = new boolean[rows];
                        Column condition = arguments[argumentCount];
                        for (int i = 0; i < rows; i++) {
                            keep[i] = LogicalFunctions.truth(condition, i);
                        }
                        forward(accumulator, arguments, argumentCount, groupIds, rows, groupCount, keep);
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

    /**
     * Skips rows where any argument is NULL and unwraps Nullable arguments. With {@code nullableResult},
     * groups that saw no non-NULL row answer NULL (sum, avg, min, max...); count and uniq answer their default.
     */
    static AggregateFunction skipNulls(AggregateFunction inner, boolean nullableResult) {
        DataType type = nullableResult ? Types.makeNullable(inner.resultType()) : inner.resultType();
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
                        boolean[] keep = new boolean[rows];
                        Arrays.fill(keep, true);
                        Column[] values = new Column[arguments.length];
                        for (int a = 0; a < arguments.length; a++) {
                            Column argument = arguments[a];
                            for (int i = 0; i < rows; i++) {
                                keep[i] &= !argument.isNull(i);
                            }
                            values[a] = argument instanceof NullableColumn nullable ? nullable.values() : argument;
                        }
                        seen = Grow.booleans(seen, groupCount);
                        for (int i = 0; i < rows; i++) {
                            seen[groupIds[i]] |= keep[i];
                        }
                        forward(accumulator, values, values.length, groupIds, rows, groupCount, keep);
                    }

                    @Override
                    public long memoryBytes() {
                        return accumulator.memoryBytes();
                    }

                    @Override
                    public Column result(int groupCount) {
                        Column result = accumulator.result(groupCount);
                        if (!nullableResult || result.type().isNullable()) {
                            return result;
                        }
                        seen = Grow.booleans(seen, groupCount);
                        boolean[] nulls = new boolean[groupCount];
                        for (int g = 0; g < groupCount; g++) {
                            nulls[g] = !seen[g];
                        }
                        return new NullableColumn((NullableType) type, result, nulls, 0);
                    }
                };
            }
        };
    }

    /** f(DISTINCT x): each distinct argument tuple counts once per group. */
    static AggregateFunction distinct(AggregateFunction inner) {
        return new AggregateFunction() {
            @Override
            public DataType resultType() {
                return inner.resultType();
            }

            @Override
            public Accumulator newAccumulator() {
                Accumulator accumulator = inner.newAccumulator();
                Set<List<Object>> seen = new HashSet<>();
                return new Accumulator() {
                    private long held;

                    @Override
                    public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                        long perKey = 120;
                        for (Column argument : arguments) {
                            perKey += 24 + argument.sizeInBytes() / Math.max(1, argument.size());
                        }
                        boolean[] keep = new boolean[rows];
                        for (int i = 0; i < rows; i++) {
                            List<Object> key = new ArrayList<>(arguments.length + 1);
                            key.add(groupIds[i]);
                            for (Column argument : arguments) {
                                key.add(Values.get(argument, i));
                            }
                            if (keep[i] = seen.add(key)) {
                                held += perKey;
                            }
                        }
                        forward(accumulator, arguments, arguments.length, groupIds, rows, groupCount, keep);
                    }

                    @Override
                    public Column result(int groupCount) {
                        return accumulator.result(groupCount);
                    }

                    /** The seen set (a hash entry, a list and boxed values per key) plus the inner state. */
                    @Override
                    public long memoryBytes() {
                        return held + Math.max(0, accumulator.memoryBytes());
                    }
                };
            }
        };
    }
}
