package io.starling.sql.catalog;

import io.starling.sql.function.aggregate.state.AggregateState;
import io.starling.sql.function.aggregate.state.StateFunction;
import io.starling.sql.function.aggregate.state.StateInput;
import io.starling.sql.function.aggregate.state.StateOutput;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.StringColumn;
import io.starling.storage.merge.AggregateStateMerger;
import io.starling.storage.type.AggregateFunctionType;

/**
 * Merges AggregateFunction states for AggregatingMergeTree merges and FINAL reads with the SQL module's state
 * functions (the format is documented on {@link AggregateState}). Stateless and thread-safe.
 */
public final class SqlAggregateStateMerger implements AggregateStateMerger {
    public static final SqlAggregateStateMerger INSTANCE = new SqlAggregateStateMerger();

    @Override
    public void merge(AggregateFunctionType type, Column[] columns, int[] rows, int count, ColumnBuilder output) {
        StateFunction function = StateFunction.of(type);
        AggregateState merged = function.newState();
        AggregateState scratch = function.newState();
        StateInput input = new StateInput();
        for (int i = 0; i < count; i++) {
            StringColumn states = (StringColumn) columns[i];
            int row = rows[i];
            int length = states.valueLength(row);
            if (length == 0) {
                continue;
            }
            scratch.read(input.reset(states.rawBytes(), states.valueOffset(row), length));
            merged.merge(scratch);
        }
        StateOutput out = new StateOutput(64);
        merged.write(out);
        output.appendBytes(out.rawBytes(), 0, out.size());
    }
}
