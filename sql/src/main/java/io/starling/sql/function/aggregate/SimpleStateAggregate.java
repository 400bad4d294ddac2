package io.starling.sql.function.aggregate;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.SimpleAggregateFunctionType;

/**
 * The -SimpleState combinator: {@code maxSimpleState(x)} is {@code max(x)} typed
 * {@code SimpleAggregateFunction(max, T)}, the value an AggregatingMergeTree column of that type stores and keeps
 * combining with {@code max} on merge. Only functions whose result merges with the function itself make sense
 * (any, anyLast, min, max, sum, groupBitOr...); like ClickHouse, the name of the inner function is kept in the type.
 */
public final class SimpleStateAggregate implements AggregateFunction {
    private final AggregateFunction inner;
    private final SimpleAggregateFunctionType type;

    SimpleStateAggregate(String function, AggregateFunction inner) {
        this.inner = inner;
        this.type = new SimpleAggregateFunctionType(function, inner.resultType());
    }

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
                accumulator.add(arguments, groupIds, rows, groupCount);
            }

            @Override
            public Column result(int groupCount) {
                return retype(accumulator.result(groupCount), type);
            }
        };
    }

    /** The same values under {@code type} (same physical form). */
    static Column retype(Column column, DataType type) {
        return switch (column) {
            case LongColumn longs -> new LongColumn(type, longs.rawValues(), longs.rawOffset(), longs.size());
            case DoubleColumn doubles -> new DoubleColumn(type, doubles.rawValues(), doubles.rawOffset(), doubles.size());
            case StringColumn strings -> new StringColumn(type, strings.rawBytes(), offsets(strings),
                    0, strings.size());
            default -> {
                ColumnBuilder builder = ColumnBuilder.forType(type, column.size());
                for (int i = 0; i < column.size(); i++) {
                    builder.appendFrom(column, i);
                }
                yield builder.build();
            }
        };
    }

    private static int[] offsets(StringColumn strings) {
        int[] offsets = new int[strings.size() + 1];
        for (int i = 0; i < strings.size(); i++) {
            offsets[i] = strings.valueOffset(i);
        }
        offsets[strings.size()] = strings.size() == 0 ? 0 : strings.valueOffset(strings.size() - 1)
                + strings.valueLength(strings.size() - 1);
        return offsets;
    }
}
