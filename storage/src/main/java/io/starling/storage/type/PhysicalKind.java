package io.starling.storage.type;

/** How a type's values are held in memory. */
public enum PhysicalKind {
    /** Integers of up to 64 bits, Bool, Date (days), DateTime (seconds), DateTime64 (ticks): {@code LongColumn}. */
    LONG,
    /** Float32 and Float64: {@code DoubleColumn}. */
    DOUBLE,
    /** String: UTF-8 bytes plus offsets, {@code StringColumn}. */
    BYTES,
    /** LowCardinality(T): a dictionary plus int codes, {@code LowCardinalityColumn}. */
    DICTIONARY,
    /** Nullable(T): a null mask beside the values, {@code NullableColumn}. */
    NULLABLE,
    /** Array(T): offsets plus a nested column, {@code ArrayColumn}. */
    ARRAY
}
