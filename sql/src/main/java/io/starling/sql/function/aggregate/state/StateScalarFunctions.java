package io.starling.sql.function.aggregate.state;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.AggregateFunctionType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code finalizeAggregation(state)}: the final value of each state; {@code initializeAggregation('fState', x...)}:
 * a state per row holding that row alone.
 */
public final class StateScalarFunctions {
    private StateScalarFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("finalizeAggregation", StateScalarFunctions::finalizeAggregation));
        registry.add(ScalarFunction.ofNullAware("initializeAggregation", StateScalarFunctions::initializeAggregation));
    }

    private static ScalarKernel finalizeAggregation(List<Argument> arguments) {
        if (arguments.size() != 1) {
            throw Errors.argumentCount("finalizeAggregation", arguments.size(), "1");
        }
        if (!(Types.base(arguments.get(0).type()) instanceof AggregateFunctionType type)) {
            throw Errors.illegalArgument("finalizeAggregation", 1, "an AggregateFunction state");
        }
        StateFunction function = StateFunction.of(type);
        return ScalarKernel.of(function.resultType(), (operands, rows) -> {
            StringColumn states = operands[0].strings();
            AggregateState state = function.newState();
            AggregateState empty = function.newState();
            StateInput input = new StateInput();
            ColumnBuilder builder = ColumnBuilder.forType(function.resultType(), rows);
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                if (states.valueLength(row) == 0) {
                    empty.finish(builder);
                    continue;
                }
                state.read(input.reset(states.rawBytes(), states.valueOffset(row), states.valueLength(row)));
                state.finish(builder);
            }
            return builder.build();
        });
    }

    private static ScalarKernel initializeAggregation(List<Argument> arguments) {
        if (arguments.size() < 2) {
            throw Errors.argumentCount("initializeAggregation", arguments.size(), "at least 2");
        }
        String name = arguments.get(0).constantString("initializeAggregation", 1);
        String canonical = AggregateFunctions.canonical(name).orElseThrow(() -> new StarlingException(
                ErrorCode.UNKNOWN_AGGREGATE_FUNCTION, "Unknown aggregate function [" + name + "]"));
        if (!canonical.endsWith("State") || canonical.endsWith("MergeState")) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "initializeAggregation takes a -State function "
                    + "name such as 'sumState', not [" + name + "]");
        }
        List<DataType> types = new ArrayList<>();
        for (int i = 1; i < arguments.size(); i++) {
            types.add(arguments.get(i).type());
        }
        StateFunction function = StateFunction.resolve(canonical.substring(0, canonical.length() - 5), types,
                List.of());
        return ScalarKernel.of(function.type(), (operands, rows) -> {
            Column[] columns = new Column[operands.length - 1];
            Column[] values = new Column[columns.length];
            for (int a = 0; a < columns.length; a++) {
                Column column = operands[a + 1].column();
                if (column instanceof io.starling.storage.column.LowCardinalityColumn low) {
                    column = low.decode();
                }
                columns[a] = column;
                values[a] = column instanceof io.starling.storage.column.NullableColumn nullable
                        ? nullable.values() : column;
            }
            ColumnBuilder builder = ColumnBuilder.forType(function.type(), rows);
            StateOutput out = new StateOutput();
            for (int i = 0; i < rows; i++) {
                AggregateState state = function.newState();
                boolean skip = false;
                for (int a = 0; a < columns.length; a++) {
                    skip |= columns[a].isNull(operands[a + 1].row(i));
                }
                if (!skip) {
                    Column[] row = values;
                    int at = i;
                    boolean constant = false;
                    for (int a = 0; a < columns.length; a++) {
                        constant |= operands[a + 1].constant();
                    }
                    if (constant) {
                        row = new Column[values.length];
                        for (int a = 0; a < values.length; a++) {
                            row[a] = values[a].region(operands[a + 1].row(i), 1);
                        }
                        at = 0;
                    }
                    state.add(row, at);
                }
                out.reset();
                state.write(out);
                builder.appendBytes(out.rawBytes(), 0, out.size());
            }
            return builder.build();
        });
    }
}
