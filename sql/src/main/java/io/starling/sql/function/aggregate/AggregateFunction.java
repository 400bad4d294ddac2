package io.starling.sql.function.aggregate;

import io.starling.storage.type.DataType;

/** An aggregate function resolved for argument types. Immutable; creates one {@link Accumulator} per query. */
public interface AggregateFunction {
    DataType resultType();

    Accumulator newAccumulator();
}
