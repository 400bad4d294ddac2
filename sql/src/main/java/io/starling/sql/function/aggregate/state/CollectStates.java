package io.starling.sql.function.aggregate.state;

import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.CountSketch;
import io.starling.sql.function.aggregate.UniqHash;
import io.starling.sql.function.aggregate.UniquesSketch;
import io.starling.sql.function.hash.CityHash102;
import io.starling.sql.function.hash.UniqArgumentsHash;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.DataType;
import java.util.Arrays;

/** uniq, uniqExact, groupArray, groupUniqArray and quantile states. */
final class CollectStates {
    /** quantile keeps at most this many sample values per state. */
    static final int QUANTILE_SAMPLE = 1 << 16;

    private CollectStates() {
    }

    /** The hash of a row's arguments: integers and floats mixed directly, anything else through its encoding. */
    static long hashRow(Column[] arguments, int count, int row, StateOutput scratch) {
        if (count == 1) {
            switch (arguments[0]) {
                case LongColumn longs -> {
                    return HashSketch.mix(longs.getLong(row));
                }
                case DoubleColumn doubles -> {
                    double value = doubles.getDouble(row);
                    return HashSketch.mix(value == 0 ? 0 : Double.doubleToLongBits(value));
                }
                case StringColumn strings -> {
                    return HashSketch.hashBytes(strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row));
                }
                default -> {
                }
            }
        }
        scratch.reset();
        for (int a = 0; a < count; a++) {
            ValueCodec.write(arguments[a], row, scratch);
        }
        return HashSketch.hashBytes(scratch.rawBytes(), 0, scratch.size());
    }

    /** How a uniq state takes in a row's arguments. */
    interface RowAdder<S> {
        void add(S sketch, Column[] arguments, int row);
    }

    /** uniqExact over {@code argumentCount} arguments: the set of their 64-bit hashes ({@link #hashRow}). */
    static Uniq<HashSketch> uniqExact(int argumentCount) {
        StateOutput scratch = new StateOutput(16);
        return new Uniq<>(new HashSketch(),
                (sketch, arguments, row) -> sketch.add(hashRow(arguments, argumentCount, row, scratch)));
    }

    /**
     * uniq: ClickHouse's sketch ({@link UniquesSketch}) in ClickHouse's state layout. Arguments are hashed as
     * ClickHouse hashes them ({@link UniqHash} for one, {@link UniqArgumentsHash} for several) when their kinds
     * allow; anything else (arrays, tuples, UUIDs...) by CityHash64 of its encoded bytes (the same sketch, so the
     * same accuracy, but not ClickHouse's exact figure).
     */
    static Uniq<UniquesSketch> uniq(int argumentCount) {
        StateOutput scratch = new StateOutput(16);
        UniqArgumentsHash argumentsHash = new UniqArgumentsHash();
        return new Uniq<>(new UniquesSketch(), (sketch, arguments, row) -> {
            if (argumentCount == 1 && UniqHash.supports(arguments[0])) {
                sketch.add(UniqHash.of(arguments[0], row));
            } else if (argumentCount > 1 && UniqArgumentsHash.supports(arguments, argumentCount)) {
                sketch.addArgumentsHash(argumentsHash.of(arguments, argumentCount, row));
            } else {
                scratch.reset();
                for (int a = 0; a < argumentCount; a++) {
                    ValueCodec.write(arguments[a], row, scratch);
                }
                sketch.add(CityHash102.hash64(scratch.rawBytes(), 0, scratch.size()));
            }
        });
    }

    /** uniq or uniqExact: a sketch of the rows' hashes. */
    static final class Uniq<S extends CountSketch<S>> implements AggregateState {
        private final S sketch;
        private final RowAdder<S> adder;

        Uniq(S sketch, RowAdder<S> adder) {
            this.sketch = sketch;
            this.adder = adder;
        }

        @Override
        public void add(Column[] arguments, int row) {
            adder.add(sketch, arguments, row);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void merge(AggregateState other) {
            sketch.merge(((Uniq<S>) other).sketch);
        }

        @Override
        public void write(StateOutput out) {
            sketch.write(out);
        }

        @Override
        public void read(StateInput in) {
            sketch.read(in);
        }

        @Override
        public void finish(ColumnBuilder out) {
            out.appendLong(sketch.estimate());
        }
    }

    /** groupArray([max])(x) and groupUniqArray(x): the values back to back, each with its length. */
    static final class GroupArray implements AggregateState {
        private final boolean unique;
        private final long maxSize;
        private final StateOutput values = new StateOutput(32);
        private final StateOutput scratch = new StateOutput(16);
        private HashSketch seen;
        private int count;

        GroupArray(boolean unique, long maxSize) {
            this.unique = unique;
            this.maxSize = maxSize <= 0 ? Long.MAX_VALUE : maxSize;
        }

        @Override
        public void add(Column[] arguments, int row) {
            if (count >= maxSize) {
                return;
            }
            scratch.reset();
            ValueCodec.write(arguments[0], row, scratch);
            append(scratch.rawBytes(), 0, scratch.size());
        }

        private void append(byte[] bytes, int offset, int length) {
            if (count >= maxSize) {
                return;
            }
            if (unique) {
                long hash = HashSketch.hashBytes(bytes, offset, length);
                if (seen == null) {
                    seen = new HashSketch();
                }
                if (seen.contains(hash)) {
                    return;
                }
                seen.add(hash);
            }
            values.writeSized(bytes, offset, length);
            count++;
        }

        private void appendAll(StateInput in, int total) {
            for (int i = 0; i < total; i++) {
                int length = in.readCount();
                int start = in.skip(length);
                append(in.rawBytes(), start, length);
            }
        }

        @Override
        public void merge(AggregateState other) {
            GroupArray group = (GroupArray) other;
            appendAll(new StateInput(group.values.rawBytes(), 0, group.values.size()), group.count);
        }

        @Override
        public void write(StateOutput out) {
            out.writeVarUInt(count);
            out.writeBytes(values.rawBytes(), 0, values.size());
        }

        @Override
        public void read(StateInput in) {
            values.reset();
            count = 0;
            seen = null;
            appendAll(in, in.readCount());
        }

        @Override
        public void finish(ColumnBuilder out) {
            ArrayColumnBuilder arrays = (ArrayColumnBuilder) out;
            StateInput in = new StateInput(values.rawBytes(), 0, values.size());
            StateInput element = new StateInput();
            for (int i = 0; i < count; i++) {
                int length = in.readCount();
                int start = in.skip(length);
                ValueCodec.read(element.reset(in.rawBytes(), start, length), arrays.elements());
            }
            arrays.closeArray();
        }
    }

    /** quantile(level)(x) / median(x): a sample of the values (all of them up to {@link #QUANTILE_SAMPLE}). */
    static final class Quantile implements AggregateState {
        private final double level;
        private final DataType input;
        private double[] sample = new double[8];
        private int size;
        private long seen;

        Quantile(double level, DataType input) {
            this.level = level;
            this.input = input;
        }

        @Override
        public void add(Column[] arguments, int row) {
            Column column = arguments[0];
            double value = column instanceof DoubleColumn doubles ? doubles.getDouble(row)
                    : Types.toDouble(((LongColumn) column).getLong(row), input);
            seen++;
            push(value);
        }

        private void push(double value) {
            if (size == sample.length) {
                sample = Arrays.copyOf(sample, size * 2);
            }
            sample[size++] = value;
            if (size > QUANTILE_SAMPLE * 2) {
                thin();
            }
        }

        /** Halves the sample deterministically: sorts it and keeps every other value. */
        private void thin() {
            Arrays.sort(sample, 0, size);
            int kept = 0;
            for (int i = 0; i < size; i += 2) {
                sample[kept++] = sample[i];
            }
            size = kept;
        }

        @Override
        public void merge(AggregateState other) {
            Quantile quantile = (Quantile) other;
            for (int i = 0; i < quantile.size; i++) {
                push(quantile.sample[i]);
            }
            seen += quantile.seen;
        }

        @Override
        public void write(StateOutput out) {
            if (size > QUANTILE_SAMPLE) {
                thin();
            }
            out.writeVarUInt(seen);
            out.writeVarUInt(size);
            for (int i = 0; i < size; i++) {
                out.writeDouble(sample[i]);
            }
        }

        @Override
        public void read(StateInput in) {
            seen = in.readVarUInt();
            size = 0;
            int count = in.readCount();
            if (sample.length < count) {
                sample = new double[count];
            }
            for (int i = 0; i < count; i++) {
                sample[size++] = in.readDouble();
            }
        }

        @Override
        public void finish(ColumnBuilder out) {
            if (size == 0) {
                out.appendDouble(Double.NaN);
                return;
            }
            double[] sorted = Arrays.copyOf(sample, size);
            Arrays.sort(sorted);
            double position = level * (size - 1);
            int lower = (int) Math.floor(position);
            int upper = Math.min(lower + 1, size - 1);
            out.appendDouble(sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]));
        }
    }
}
