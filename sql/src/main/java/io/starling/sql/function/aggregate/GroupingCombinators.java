package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * -ForEach and -Resample: both run the inner aggregate over sub-groups and return one array per group.
 * {@code sumForEach(arr)} aggregates position i of the arrays into element i; {@code countResample(0, 10, 5)(x, k)}
 * aggregates rows by the bucket of key k in [start, end) with the given step.
 */
final class GroupingCombinators {
    private GroupingCombinators() {
    }

    static AggregateFunction forEach(AggregateFunction inner) {
        ArrayType type = new ArrayType(inner.resultType());
        return new AggregateFunction() {
            @Override
            public DataType resultType() {
                return type;
            }

            @Override
            public Accumulator newAccumulator() {
                Accumulator accumulator = inner.newAccumulator();
                return new Accumulator() {
                    private final Map<Long, Integer> ids = new HashMap<>();
                    private int[] lengths = new int[16];

                    @Override
                    public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                        if (lengths.length < groupCount) {
                            lengths = Arrays.copyOf(lengths, Math.max(groupCount, lengths.length * 2));
                        }
                        ArrayColumn first = (ArrayColumn) arguments[0];
                        List<Integer> groups = new ArrayList<>();
                        Column[] flat = new Column[arguments.length];
                        int[][] positions = new int[arguments.length][];
                        int total = 0;
                        for (int i = 0; i < rows; i++) {
                            total += first.elementCount(i);
                        }
                        for (int a = 0; a < arguments.length; a++) {
                            positions[a] = new int[total];
                        }
                        int next = 0;
                        for (int i = 0; i < rows; i++) {
                            int count = first.elementCount(i);
                            int group = groupIds[i];
                            lengths[group] = Math.max(lengths[group], count);
                            for (int e = 0; e < count; e++) {
                                long key = ((long) group << 32) | e;
                                groups.add(ids.computeIfAbsent(key, k -> ids.size()));
                                for (int a = 0; a < arguments.length; a++) {
                                    ArrayColumn arrays = (ArrayColumn) arguments[a];
                                    if (arrays.elementCount(i) != count) {
                                        throw new StarlingException(ErrorCode.SIZES_OF_ARRAYS_DONT_MATCH,
                                                "Arrays of a -ForEach aggregate must have equal sizes in each row");
                                    }
                                    positions[a][next] = arrays.elementStart(i) + e;
                                }
                                next++;
                            }
                        }
                        for (int a = 0; a < arguments.length; a++) {
                            flat[a] = ((ArrayColumn) arguments[a]).elements().select(positions[a], total);
                        }
                        int[] innerGroups = groups.stream().mapToInt(Integer::intValue).toArray();
                        if (total > 0) {
                            accumulator.add(flat, innerGroups, total, ids.size());
                        }
                    }

                    @Override
                    public Column result(int groupCount) {
                        if (lengths.length < groupCount) {
                            lengths = Arrays.copyOf(lengths, groupCount);
                        }
                        Column values = accumulator.result(ids.size());
                        int[] offsets = new int[groupCount + 1];
                        List<Integer> picks = new ArrayList<>();
                        for (int g = 0; g < groupCount; g++) {
                            for (int e = 0; e < lengths[g]; e++) {
                                picks.add(ids.get(((long) g << 32) | e));
                            }
                            offsets[g + 1] = picks.size();
                        }
                        int[] positions = picks.stream().mapToInt(Integer::intValue).toArray();
                        return new ArrayColumn(type, offsets, values.select(positions, positions.length), 0, groupCount);
                    }
                };
            }
        };
    }

    /** Inner groups are group * buckets + bucket; every bucket of a seen group exists even without rows. */
    static AggregateFunction resample(AggregateFunction inner, int innerArguments, long start, long end, long step) {
        if (step <= 0 || end <= start) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "-Resample needs start < end and a positive step, got ("
                    + start + ", " + end + ", " + step + ")");
        }
        int buckets = (int) ((end - start + step - 1) / step);
        ArrayType type = new ArrayType(inner.resultType());
        return new AggregateFunction() {
            @Override
            public DataType resultType() {
                return type;
            }

            @Override
            public Accumulator newAccumulator() {
                Accumulator accumulator = inner.newAccumulator();
                return new Accumulator() {
                    @Override
                    public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                        Column keys = arguments[innerArguments];
                        int[] positions = new int[rows];
                        int[] groups = new int[rows];
                        int count = 0;
                        for (int i = 0; i < rows; i++) {
                            if (keys.isNull(i)) {
                                continue;
                            }
                            long key = keyAt(keys, i);
                            if (key < start || key >= end) {
                                continue;
                            }
                            positions[count] = i;
                            groups[count++] = groupIds[i] * buckets + (int) ((key - start) / step);
                        }
                        Column[] selected = new Column[innerArguments];
                        for (int a = 0; a < innerArguments; a++) {
                            selected[a] = arguments[a].select(positions, count);
                        }
                        accumulator.add(selected, Arrays.copyOf(groups, count), count, groupCount * buckets);
                    }

                    @Override
                    public Column result(int groupCount) {
                        Column values = accumulator.result(groupCount * buckets);
                        int[] offsets = new int[groupCount + 1];
                        for (int g = 0; g < groupCount; g++) {
                            offsets[g + 1] = (g + 1) * buckets;
                        }
                        return new ArrayColumn(type, offsets, values, 0, groupCount);
                    }
                };
            }
        };
    }

    private static long keyAt(Column keys, int row) {
        Column plain = keys instanceof io.starling.storage.column.NullableColumn nullable ? nullable.values() : keys;
        if (plain instanceof LongColumn longs) {
            return longs.getLong(row);
        }
        return (long) Math.floor(((io.starling.storage.column.DoubleColumn) plain).getDouble(row));
    }

    static void requireIntegerKey(String name, DataType key) {
        if (!Types.isInteger(Types.base(key)) && !Types.isFloat(Types.base(key))
                && !Types.isDateOrTime(Types.base(key))) {
            throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "The last argument of [" + name
                    + "] is the resampling key and must be a number, not " + key.name());
        }
    }
}
