package io.starling.storage.type;

/** How a type's values are held in memory. */
public enum PhysicalKind {
    /** Integers of up to 64 bits, Bool, Date/Date32 (days), DateTime (seconds), DateTime64 (ticks), Decimal up to precision 18 (unscaled), Enum codes, IPv4, Nothing: {@code LongColumn}. */
    LONG,
    /** Float32 and Float64: {@code DoubleColumn}. */
    DOUBLE,
    /** Decimal128 (Decimal(P, S) with P in 19..38, unscaled): 128-bit two's complement, {@code Int128Column}. */
    INT128,
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
