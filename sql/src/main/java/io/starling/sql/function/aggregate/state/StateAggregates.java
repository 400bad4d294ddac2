package io.starling.sql.function.aggregate.state;

import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.Accumulator;
import io.starling.sql.function.aggregate.AggregateFunction;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.AggregateFunctionType;
import io.starling.storage.type.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * The -State, -Merge and -MergeState combinators as aggregate functions: {@code uniqState(x)} answers
 * {@code AggregateFunction(uniq, T)} states, {@code uniqMerge(s)} merges states into the final value and
 * {@code uniqMergeState(s)} into a state. One {@link AggregateState} object per group.
 */
public final class StateAggregates {
    private StateAggregates() {
    }

    /** {@code fState(args)}: {@code canonical} is f's canonical name (may end in If). */
    public static AggregateFunction state(String canonical, List<DataType> arguments, List<Object> parameters) {
        return accumulating(StateFunction.resolve(canonical, arguments, parameters), Mode.ADD_TO_STATE,
                arguments.size());
    }

    /**
     * {@code f(args)} computed through f's state, f answering {@code resultType}: for uniq over several arguments,
     * hashed as ClickHouse does.
     */
    public static AggregateFunction value(String canonical, List<DataType> arguments, List<Object> parameters,
                                          DataType resultType) {
        return accumulating(StateFunction.resolve(canonical, arguments, parameters, resultType), Mode.ADD_TO_VALUE,
                arguments.size());
    }

    /**
     * {@code fMerge(states)} ({@code keepState} false) or {@code fMergeState(states)} (true). {@code canonical} is f
     * and must name the function of the argument's AggregateFunction type.
     */
    public static AggregateFunction merge(String canonical, List<DataType> arguments, boolean keepState) {
        String written = canonical + (keepState ? "MergeState" : "Merge");
        if (arguments.size() != 1 || !(Types.base(arguments.get(0)) instanceof AggregateFunctionType type)) {
            throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "[" + written + "] takes one argument of "
                    + "type AggregateFunction(" + canonical + ", ...), not " + arguments.stream().map(DataType::name)
                    .toList() + "; pass a column filled by " + canonical + "State");
        }
        StateFunction function = StateFunction.of(type);
        if (!sameFunction(function.baseName(), canonical)) {
            throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "[" + written + "] cannot merge states of ["
                    + type.name() + "]; use " + function.baseName() + "Merge");
        }
        return accumulating(function, keepState ? Mode.MERGE_TO_STATE : Mode.MERGE_TO_VALUE, 1);
    }

    /** The aggregate that runs {@code function} in {@code mode}: it answers states, or final values. */
    private static AggregateFunction accumulating(StateFunction function, Mode mode, int argumentCount) {
        DataType type = mode.answersValues() ? function.resultType() : function.type();
        return new AggregateFunction() {
            @Override
            public DataType resultType() {
                return type;
            }

            @Override
            public Accumulator newAccumulator() {
                return new StateAccumulator(function, mode, argumentCount);
            }
        };
    }

    private static boolean sameFunction(String stateBase, String requested) {
        return stateBase.equals(requested) || (stateBase.equals("countDistinct") && requested.equals("uniqExact"))
                || (stateBase.equals("uniqExact") && requested.equals("countDistinct"));
    }

    /** What an accumulator reads and answers. */
    private enum Mode {
        /** Rows in, states out (fState). */
        ADD_TO_STATE,
        /** Rows in, final values out (f itself). */
        ADD_TO_VALUE,
        /** States in, final values out (fMerge). */
        MERGE_TO_VALUE,
        /** States in, states out (fMergeState). */
        MERGE_TO_STATE;

        boolean answersValues() {
            return this == ADD_TO_VALUE || this == MERGE_TO_VALUE;
        }
    }

    /** One state per group. */
    private static final class StateAccumulator implements Accumulator {
        private final StateFunction function;
        private final Mode mode;
        private final Column[] values;
        private final Column[] originals;
        private final StateInput input = new StateInput();
        private AggregateState scratch;
        private AggregateState[] states = new AggregateState[16];

        StateAccumulator(StateFunction function, Mode mode, int argumentCount) {
            this.function = function;
            this.mode = mode;
            this.values = new Column[argumentCount];
            this.originals = new Column[argumentCount];
        }

        private AggregateState state(int group) {
            AggregateState state = states[group];
            if (state == null) {
                state = function.newState();
                states[group] = state;
            }
            return state;
        }

        @Override
        public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
            if (states.length < groupCount) {
                states = Arrays.copyOf(states, Math.max(groupCount, states.length * 2));
            }
            if (mode == Mode.ADD_TO_STATE || mode == Mode.ADD_TO_VALUE) {
                addRows(arguments, groupIds, rows);
            } else {
                mergeRows(arguments[0], groupIds, rows);
            }
        }

        private void addRows(Column[] arguments, int[] groupIds, int rows) {
            boolean anyNullable = false;
            for (int a = 0; a < values.length; a++) {
                Column column = arguments[a];
                if (column instanceof LowCardinalityColumn low) {
                    column = low.decode();
                }
                anyNullable |= column instanceof NullableColumn;
                values[a] = column instanceof NullableColumn nullable ? nullable.values() : column;
                originals[a] = column;
            }
            for (int i = 0; i < rows; i++) {
                if (anyNullable && anyNull(originals, i)) {
                    continue;
                }
                state(groupIds[i]).add(values, i);
            }
        }

        private boolean anyNull(Column[] arguments, int row) {
            for (int a = 0; a < values.length; a++) {
                if (arguments[a].isNull(row)) {
                    return true;
                }
            }
            return false;
        }

        private void mergeRows(Column column, int[] groupIds, int rows) {
            StringColumn strings = (StringColumn) column;
            if (scratch == null) {
                scratch = function.newState();
            }
            for (int i = 0; i < rows; i++) {
                input.reset(strings.rawBytes(), strings.valueOffset(i), strings.valueLength(i));
                if (strings.valueLength(i) == 0) {
                    state(groupIds[i]);
                    continue;
                }
                scratch.read(input);
                state(groupIds[i]).merge(scratch);
            }
        }

        @Override
        public Column result(int groupCount) {
            if (states.length < groupCount) {
                states = Arrays.copyOf(states, groupCount);
            }
            boolean toValue = mode.answersValues();
            DataType type = toValue ? function.resultType() : function.type();
            ColumnBuilder builder = ColumnBuilder.forType(type, groupCount);
            StateOutput out = new StateOutput(64);
            for (int g = 0; g < groupCount; g++) {
                AggregateState state = state(g);
                if (toValue) {
                    state.finish(builder);
                } else {
                    out.reset();
                    state.write(out);
                    builder.appendBytes(out.rawBytes(), 0, out.size());
                }
            }
            return builder.build();
        }
    }
}
