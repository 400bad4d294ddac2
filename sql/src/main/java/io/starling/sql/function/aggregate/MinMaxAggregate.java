package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.type.DataType;
import io.starling.storage.type.PhysicalKind;
import java.util.Arrays;

/** min(x) and max(x) over numbers, dates and strings (bytewise). A group without rows answers the default. */
final class MinMaxAggregate implements AggregateFunction {
    private final DataType type;
    private final boolean max;

    MinMaxAggregate(DataType type, boolean max) {
        this.type = type;
        this.max = max;
    }

    @Override
    public DataType resultType() {
        return type;
    }

    @Override
    public Accumulator newAccumulator() {
        return switch (type.physical()) {
            case LONG -> new LongExtreme();
            case INT128 -> new WideExtreme();
            case DOUBLE -> new DoubleExtreme();
            case BYTES -> new BytesExtreme();
            default -> throw new IllegalStateException("min/max of " + type.name());
        };
    }

    static boolean supports(DataType type) {
        PhysicalKind kind = type.physical();
        return kind == PhysicalKind.LONG || kind == PhysicalKind.DOUBLE || kind == PhysicalKind.BYTES
                || kind == PhysicalKind.INT128;
    }

    /** Decimal128: 128-bit signed values as high and low words per group. */
    private final class WideExtreme implements Accumulator {
        private long[] highs = new long[16];
        private long[] lows = new long[16];
        private boolean[] seen = new boolean[16];

        @Override
        public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
            highs = Grow.longs(highs, groupCount);
            lows = Grow.longs(lows, groupCount);
            seen = Grow.booleans(seen, groupCount);
            Int128Column column = (Int128Column) arguments[0];
            for (int i = 0; i < rows; i++) {
                int group = groupIds[i];
                long high = column.high(i);
                long low = column.low(i);
                int comparison = Int128.compare(high, low, highs[group], lows[group]);
                if (!seen[group] || (max ? comparison > 0 : comparison < 0)) {
                    highs[group] = high;
                    lows[group] = low;
                    seen[group] = true;
                }
            }
        }

        @Override
        public Column result(int groupCount) {
            highs = Grow.longs(highs, groupCount);
            lows = Grow.longs(lows, groupCount);
            return new Int128Column(type, Arrays.copyOf(highs, groupCount), Arrays.copyOf(lows, groupCount));
        }
    }

    private final class LongExtreme implements Accumulator {
        private long[] values = new long[16];
        private boolean[] seen = new boolean[16];
        private final boolean unsigned = Types.isUnsigned64(type);

        @Override
        public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
            values = Grow.longs(values, groupCount);
            seen = Grow.booleans(seen, groupCount);
            LongColumn column = (LongColumn) arguments[0];
            for (int i = 0; i < rows; i++) {
                int group = groupIds[i];
                long value = column.getLong(i);
                int comparison = unsigned ? Long.compareUnsigned(value, values[group]) : Long.compare(value, values[group]);
                if (!seen[group] || (max ? comparison > 0 : comparison < 0)) {
                    values[group] = value;
                    seen[group] = true;
                }
            }
        }

        @Override
        public Column result(int groupCount) {
            values = Grow.longs(values, groupCount);
            return new LongColumn(type, Arrays.copyOf(values, groupCount));
        }
    }

    private final class DoubleExtreme implements Accumulator {
        private double[] values = new double[16];
        private boolean[] seen = new boolean[16];

        @Override
        public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
            values = Grow.doubles(values, groupCount);
            seen = Grow.booleans(seen, groupCount);
            DoubleColumn column = (DoubleColumn) arguments[0];
            for (int i = 0; i < rows; i++) {
                int group = groupIds[i];
                double value = column.getDouble(i);
                if (!seen[group] || (max ? value > values[group] : value < values[group])) {
                    values[group] = value;
                    seen[group] = true;
                }
            }
        }

        @Override
        public Column result(int groupCount) {
            values = Grow.doubles(values, groupCount);
            return new DoubleColumn(type, Arrays.copyOf(values, groupCount));
        }
    }

    private final class BytesExtreme implements Accumulator {
        private byte[][] values = new byte[16][];

        @Override
        public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
            values = Grow.objects(values, groupCount);
            StringColumn column = (StringColumn) arguments[0];
            byte[] bytes = column.rawBytes();
            for (int i = 0; i < rows; i++) {
                int group = groupIds[i];
                int start = column.valueOffset(i);
                int end = start + column.valueLength(i);
                byte[] current = values[group];
                int comparison = current == null ? 0 : Arrays.compareUnsigned(bytes, start, end, current, 0, current.length);
                if (current == null || (max ? comparison > 0 : comparison < 0)) {
                    values[group] = Arrays.copyOfRange(bytes, start, end);
                }
            }
        }

        @Override
        public Column result(int groupCount) {
            values = Grow.objects(values, groupCount);
            StringColumnBuilder builder = new StringColumnBuilder(type, groupCount);
            for (int g = 0; g < groupCount; g++) {
                byte[] value = values[g] == null ? new byte[0] : values[g];
                builder.appendBytes(value, 0, value.length);
            }
            return builder.build();
        }
    }
}
