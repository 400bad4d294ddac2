package io.starling.storage.type;

/**
 * A ClickHouse data type. {@link #name()} is ClickHouse's spelling, used in schemas, {@code meta} and errors.
 * {@link #physical()} says how values are held in memory (see {@code io.starling.storage.column}).
 */
public sealed interface DataType
        permits IntegerType, FloatType, BoolType, StringType, DateType, DateTimeType, DateTime64Type,
        LowCardinalityType, NullableType, ArrayType, DecimalType, FixedStringType, UuidType, Date32Type, EnumType,
        Ipv4Type, Ipv6Type, TupleType, MapType, NothingType, SimpleAggregateFunctionType, AggregateFunctionType {

    String name();

    PhysicalKind physical();

    /** Nullable(T) answers T; everything else answers itself. */
    default DataType unwrapNullable() {
        return this;
    }

    /**
     * The type whose values and semantics this type has: SimpleAggregateFunction(f, T) answers T, everything else
     * itself. Switch on this where formatting, parsing or comparing depends on the type.
     */
    default DataType behavesAs() {
        return this;
    }

    default boolean isNullable() {
        return false;
    }
}
