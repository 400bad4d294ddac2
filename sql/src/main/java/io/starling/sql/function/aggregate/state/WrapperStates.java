package io.starling.sql.function.aggregate.state;

import io.starling.sql.function.logic.LogicalFunctions;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.NullableColumnBuilder;

/** The -If wrapper and the "saw a non-NULL row" wrapper of functions whose result is Nullable. */
final class WrapperStates {
    private WrapperStates() {
    }

    /** xIf(args..., condition): adds only rows whose condition (argument {@code conditionIndex}) is true. */
    static final class If implements AggregateState {
        private final AggregateState inner;
        private final int conditionIndex;

        If(AggregateState inner, int conditionIndex) {
            this.inner = inner;
            this.conditionIndex = conditionIndex;
        }

        @Override
        public void add(Column[] arguments, int row) {
            if (LogicalFunctions.truth(arguments[conditionIndex], row)) {
                inner.add(arguments, row);
            }
        }

        @Override
        public void merge(AggregateState other) {
            inner.merge(((If) other).inner);
        }

        @Override
        public void write(StateOutput out) {
            inner.write(out);
        }

        @Override
        public void read(StateInput in) {
            inner.read(in);
        }

        @Override
        public void finish(ColumnBuilder out) {
            inner.finish(out);
        }
    }

    /** A function with a Nullable result: NULL until a row is added. */
    static final class NullableResult implements AggregateState {
        private final AggregateState inner;
        private boolean seen;

        NullableResult(AggregateState inner) {
            this.inner = inner;
        }

        @Override
        public void add(Column[] arguments, int row) {
            seen = true;
            inner.add(arguments, row);
        }

        @Override
        public void merge(AggregateState other) {
            NullableResult nullable = (NullableResult) other;
            seen |= nullable.seen;
            inner.merge(nullable.inner);
        }

        @Override
        public void write(StateOutput out) {
            out.writeByte(seen ? 1 : 0);
            inner.write(out);
        }

        @Override
        public void read(StateInput in) {
            seen = in.readByte() != 0;
            inner.read(in);
        }

        @Override
        public void finish(ColumnBuilder out) {
            if (!seen) {
                out.appendNull();
            } else if (out instanceof NullableColumnBuilder nullable) {
                nullable.markNotNull();
                inner.finish(nullable.valuesBuilder());
            } else {
                inner.finish(out);
            }
        }
    }
}
