package io.starling.storage.type;

/**
 * A ClickHouse data type. {@link #name()} is ClickHouse's spelling, used in schemas, {@code meta} and errors.
 * {@link #physical()} says how values are held in memory (see {@code io.starling.storage.column}).
 */
public sealed interface DataType
        permits IntegerType, FloatType, BoolType, StringType, DateType, DateTimeType, DateTime64Type,
        LowCardinalityType, NullableType, ArrayType {

    String name();

    PhysicalKind physical();

    /** Nullable(T) answers T; everything else answers itself. */
    default DataType unwrapNullable() {
        return this;
    }

    default boolean isNullable() {
        return false;
    }
}
