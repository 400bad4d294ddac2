package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Aggregates that keep the values of a group: groupArray, uniq and uniqExact (exact distinct counts; ClickHouse's
 * uniq is approximate but equal on small sets), and quantile/median (interpolated) and quantileExact.
 */
final class CollectAggregate implements AggregateFunction {
    /** What is computed from the collected values. */
    enum Kind { GROUP_ARRAY, UNIQ, QUANTILE, QUANTILE_EXACT }

    private final DataType input;
    private final Kind kind;
    private final double level;
    private final int limit;

    CollectAggregate(DataType input, Kind kind, double level) {
        this(input, kind, level, Integer.MAX_VALUE);
    }

    /** With {@code limit}, groupArray keeps only the first {@code limit} values of a group. */
    CollectAggregate(DataType input, Kind kind, double level, int limit) {
        this.input = input;
        this.kind = kind;
        this.level = level;
        this.limit = limit;
    }

    @Override
    public DataType resultType() {
        return switch (kind) {
            case GROUP_ARRAY -> new ArrayType(input);
            case UNIQ -> Types.UINT64;
            case QUANTILE -> Types.FLOAT64;
            case QUANTILE_EXACT -> input;
        };
    }

    @Override
    public Accumulator newAccumulator() {
        return new Accumulator() {
            private List<Object>[] lists = newLists(16);
            private Set<Object>[] sets = newSets(16);
            /** Estimated bytes of the kept values (boxed, in lists or hash sets) and groups seen. */
            private long held;
            private int groups;

            /** A boxed value and its reference: about 32 bytes plus the value's own bytes for strings and arrays. */
            private long perValue(Column[] arguments, int rows, int extra) {
                long bytes = 32 + extra;
                for (Column argument : arguments) {
                    bytes += rows == 0 ? 0 : argument.sizeInBytes() / Math.max(1, argument.size());
                }
                return bytes;
            }

            @Override
            public long memoryBytes() {
                return 8L * (lists.length + sets.length) + 56L * groups + held;
            }

            @Override
            public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                groups = Math.max(groups, groupCount);
                if (kind == Kind.UNIQ) {
                    long perEntry = perValue(arguments, rows, 32);
                    sets = Grow.objects(sets, groupCount);
                    for (int i = 0; i < rows; i++) {
                        Set<Object> set = sets[groupIds[i]];
                        if (set == null) {
                            set = new HashSet<>();
                            sets[groupIds[i]] = set;
                        }
                        if (set.add(key(arguments, i))) {
                            held += perEntry;
                        }
                    }
                    return;
                }
                long perElement = perValue(arguments, rows, 0);
                lists = Grow.objects(lists, groupCount);
                for (int i = 0; i < rows; i++) {
                    List<Object> list = lists[groupIds[i]];
                    if (list == null) {
                        list = new ArrayList<>();
                        lists[groupIds[i]] = list;
                    }
                    if (list.size() < limit) {
                        list.add(Values.get(arguments[0], i));
                        held += perElement;
                    }
                }
            }

            @Override
            public Column result(int groupCount) {
                if (kind == Kind.UNIQ) {
                    sets = Grow.objects(sets, groupCount);
                    long[] counts = new long[groupCount];
                    for (int g = 0; g < groupCount; g++) {
                        counts[g] = sets[g] == null ? 0 : sets[g].size();
                    }
                    return new LongColumn(Types.UINT64, counts);
                }
                lists = Grow.objects(lists, groupCount);
                ColumnBuilder builder = ColumnBuilder.forType(resultType(), groupCount);
                for (int g = 0; g < groupCount; g++) {
                    List<Object> values = lists[g] == null ? List.of() : lists[g];
                    switch (kind) {
                        case GROUP_ARRAY -> Values.append(builder, values);
                        case QUANTILE -> builder.appendDouble(interpolated(values));
                        default -> Values.append(builder, exact(values));
                    }
                }
                return builder.build();
            }
        };
    }

    private static Object key(Column[] arguments, int row) {
        if (arguments.length == 1) {
            Object value = Values.get(arguments[0], row);
            return value instanceof Double number && number == 0 ? 0.0 : value;
        }
        List<Object> tuple = new ArrayList<>(arguments.length);
        for (Column argument : arguments) {
            tuple.add(Values.get(argument, row));
        }
        return tuple;
    }

    private double interpolated(List<Object> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = new double[values.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = ((Number) values.get(i)).doubleValue();
        }
        java.util.Arrays.sort(sorted);
        double position = level * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    private Object exact(List<Object> values) {
        if (values.isEmpty()) {
            return Types.isFloat(input) ? (Object) Double.NaN : (Object) 0L;
        }
        List<Object> sorted = new ArrayList<>(values);
        sorted.sort(ObjectOrder::compare);
        int index = (int) Math.min(sorted.size() - 1, Math.floor(level * sorted.size()));
        return sorted.get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<Object>[] newLists(int size) {
        return (List<Object>[]) new List<?>[size];
    }

    @SuppressWarnings("unchecked")
    private static Set<Object>[] newSets(int size) {
        return (Set<Object>[]) new Set<?>[size];
    }

    static boolean isDoubleColumn(Column column) {
        return column instanceof DoubleColumn;
    }
}
