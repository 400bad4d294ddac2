package io.starling.storage.type;

import java.util.List;

/**
 * AggregateFunction(f, T...): an opaque intermediate aggregation state, held as bytes in a StringColumn.
 * {@code function} includes its parameters as written, normalised ({@code quantilesTiming(0.9, 0.95)}).
 */
public record AggregateFunctionType(String function, List<DataType> arguments) implements DataType {
    public AggregateFunctionType {
        arguments = List.copyOf(arguments);
    }

    @Override
    public String name() {
        StringBuilder out = new StringBuilder("AggregateFunction(").append(function);
        for (DataType argument : arguments) {
            out.append(", ").append(argument.name());
        }
        return out.append(')').toString();
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.BYTES;
    }
}
