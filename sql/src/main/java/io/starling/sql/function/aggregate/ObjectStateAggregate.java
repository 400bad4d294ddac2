package io.starling.sql.function.aggregate;

import io.starling.sql.function.Values;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;

/**
 * An aggregate whose per-group state is an object updated with each row's argument values (constant form, see
 * {@link Values}). For the less common aggregates (statistics, topK, sumMap, t-digest): simple, not the fastest.
 *
 * @param <S> the state of one group
 */
abstract class ObjectStateAggregate<S> implements AggregateFunction {
    private final DataType resultType;

    ObjectStateAggregate(DataType resultType) {
        this.resultType = resultType;
    }

    @Override
    public DataType resultType() {
        return resultType;
    }

    abstract S newState();

    abstract void update(S state, Object[] values);

    /** The group's result in constant form (null for NULL). */
    abstract Object result(S state);

    @Override
    public Accumulator newAccumulator() {
        return new Accumulator() {
            @SuppressWarnings("unchecked")
            private S[] states = (S[]) new Object[16];

            @Override
            public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                states = Grow.objects(states, groupCount);
                Object[] values = new Object[arguments.length];
                for (int i = 0; i < rows; i++) {
                    S state = states[groupIds[i]];
                    if (state == null) {
                        state = newState();
                        states[groupIds[i]] = state;
                    }
                    for (int a = 0; a < arguments.length; a++) {
                        values[a] = Values.get(arguments[a], i);
                    }
                    update(state, values);
                }
            }

            @Override
            public Column result(int groupCount) {
                states = Grow.objects(states, groupCount);
                ColumnBuilder builder = ColumnBuilder.forType(resultType, groupCount);
                for (int g = 0; g < groupCount; g++) {
                    if (states[g] == null) {
                        states[g] = newState();
                    }
                    Values.append(builder, ObjectStateAggregate.this.result(states[g]));
                }
                return builder.build();
            }
        };
    }
}
