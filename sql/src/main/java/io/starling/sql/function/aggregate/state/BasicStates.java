package io.starling.sql.function.aggregate.state;

import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.DataType;

/** count, sum and avg states. */
final class BasicStates {
    private BasicStates() {
    }

    static final class Count implements AggregateState {
        private long count;

        @Override
        public void add(Column[] arguments, int row) {
            count++;
        }

        @Override
        public void merge(AggregateState other) {
            count += ((Count) other).count;
        }

        @Override
        public void write(StateOutput out) {
            out.writeVarUInt(count);
        }

        @Override
        public void read(StateInput in) {
            count = in.readVarUInt();
        }

        @Override
        public void finish(ColumnBuilder out) {
            out.appendLong(count);
        }
    }

    /** sum (integers wrap like ClickHouse) or avg (a Float64 sum and a count). */
    static final class Sum implements AggregateState {
        private final boolean floating;
        private final boolean average;
        private final DataType input;
        private long longSum;
        private double doubleSum;
        private long count;

        Sum(DataType input, boolean average) {
            this.input = input;
            this.average = average;
            this.floating = average || Types.isFloat(input);
        }

        @Override
        public void add(Column[] arguments, int row) {
            Column column = arguments[0];
            count++;
            if (!floating) {
                longSum += ((LongColumn) column).getLong(row);
            } else if (column instanceof DoubleColumn doubles) {
                doubleSum += doubles.getDouble(row);
            } else {
                doubleSum += Types.toDouble(((LongColumn) column).getLong(row), input);
            }
        }

        @Override
        public void merge(AggregateState other) {
            Sum sum = (Sum) other;
            longSum += sum.longSum;
            doubleSum += sum.doubleSum;
            count += sum.count;
        }

        @Override
        public void write(StateOutput out) {
            if (average) {
                out.writeDouble(doubleSum);
                out.writeVarUInt(count);
            } else if (floating) {
                out.writeDouble(doubleSum);
            } else {
                out.writeLong(longSum);
            }
        }

        @Override
        public void read(StateInput in) {
            longSum = 0;
            doubleSum = 0;
            count = 0;
            if (average) {
                doubleSum = in.readDouble();
                count = in.readVarUInt();
            } else if (floating) {
                doubleSum = in.readDouble();
            } else {
                longSum = in.readLong();
            }
        }

        @Override
        public void finish(ColumnBuilder out) {
            if (average) {
                out.appendDouble(count == 0 ? Double.NaN : doubleSum / count);
            } else if (floating) {
                out.appendDouble(doubleSum);
            } else {
                out.appendLong(longSum);
            }
        }
    }
}
