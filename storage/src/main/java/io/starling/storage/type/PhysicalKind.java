package io.starling.storage.type;

/** How a type's values are held in memory. */
public enum PhysicalKind {
    /** Integers of up to 64 bits, Bool, Date/Date32 (days), DateTime (seconds), DateTime64 (ticks), Decimal (unscaled), Enum codes, IPv4, Nothing: {@code LongColumn}. */
    LONG,
    /** Float32 and Float64: {@code DoubleColumn}. */
    DOUBLE,
    /** String, FixedString, UUID, IPv6, AggregateFunction states: bytes plus offsets, {@code StringColumn}. */
    BYTES,
    /** LowCardinality(T): a dictionary plus int codes, {@code LowCardinalityColumn}. */
    DICTIONARY,
    /** Nullable(T): a null mask beside the values, {@code NullableColumn}. */
    NULLABLE,
    /** Array(T): offsets plus a nested column, {@code ArrayColumn}. */
    ARRAY,
    /** Tuple(T1, ...): one column per element, {@code TupleColumn}. */
    TUPLE,
    /** Map(K, V): offsets plus a key column and a value column, {@code MapColumn}. */
    MAP
}
