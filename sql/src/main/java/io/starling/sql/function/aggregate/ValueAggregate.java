package io.starling.sql.function.aggregate;

import io.starling.sql.function.Values;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;
import java.util.Arrays;

/**
 * any, anyLast, argMin and argMax: keep one value per group. Values are held as objects per group (not per
 * row): a group's state changes only when its chosen row changes.
 */
final class ValueAggregate implements AggregateFunction {
    /** Which row a group keeps. */
    enum Kind { ANY, ANY_LAST, ARG_MIN, ARG_MAX }

    private final DataType type;
    private final Kind kind;

    ValueAggregate(DataType type, Kind kind) {
        this.type = type;
        this.kind = kind;
    }

    @Override
    public DataType resultType() {
        return type;
    }

    @Override
    public Accumulator newAccumulator() {
        return new Accumulator() {
            private Object[] values = new Object[16];
            private Object[] keys = new Object[16];
            private boolean[] seen = new boolean[16];

            @Override
            public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                values = Grow.objects(values, groupCount);
                keys = Grow.objects(keys, groupCount);
                seen = Grow.booleans(seen, groupCount);
                for (int i = 0; i < rows; i++) {
                    int group = groupIds[i];
                    switch (kind) {
                        case ANY -> {
                            if (!seen[group]) {
                                values[group] = Values.get(arguments[0], i);
                                seen[group] = true;
                            }
                        }
                        case ANY_LAST -> {
                            values[group] = Values.get(arguments[0], i);
                            seen[group] = true;
                        }
                        case ARG_MIN, ARG_MAX -> {
                            Object key = Values.get(arguments[1], i);
                            int comparison = seen[group] ? ObjectOrder.compare(key, keys[group]) : 0;
                            if (!seen[group] || (kind == Kind.ARG_MAX ? comparison > 0 : comparison < 0)) {
                                keys[group] = key;
                                values[group] = Values.get(arguments[0], i);
                                seen[group] = true;
                            }
                        }
                    }
                }
            }

            @Override
            public Column result(int groupCount) {
                ColumnBuilder builder = ColumnBuilder.forType(type, groupCount);
                values = Grow.objects(values, groupCount);
                seen = Grow.booleans(seen, groupCount);
                for (int g = 0; g < groupCount; g++) {
                    if (seen[g]) {
                        Values.append(builder, values[g]);
                    } else {
                        builder.appendDefault();
                    }
                }
                return builder.build();
            }
        };
    }

    static Object[] copy(Object[] values, int count) {
        return Arrays.copyOf(values, count);
    }
}
