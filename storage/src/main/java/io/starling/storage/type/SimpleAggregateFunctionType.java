package io.starling.storage.type;

/**
 * SimpleAggregateFunction(f, T): values of T that an AggregatingMergeTree combines with {@code f} on merge. Behaves
 * as T everywhere else; columns hold T's physical form with this type. Only scalar T (numbers, dates, strings) is
 * accepted by the parser.
 */
public record SimpleAggregateFunctionType(String function, DataType inner) implements DataType {
    @Override
    public String name() {
        return "SimpleAggregateFunction(" + function + ", " + inner.name() + ")";
    }

    @Override
    public PhysicalKind physical() {
        return inner.physical();
    }

    @Override
    public DataType behavesAs() {
        return inner.behavesAs();
    }
}
