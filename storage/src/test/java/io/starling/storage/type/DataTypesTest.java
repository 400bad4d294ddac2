package io.starling.storage.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTypesTest {
    @Test
    void realSchemaSpellingsParseAndPrintCanonically() {
        assertName("Nullable(DateTime64(6))", "Nullable(DateTime64(6))");
        assertName("Array(Map(String, String))", "Array(Map(String, String))");
        assertName("AggregateFunction(quantilesTiming(0.9,0.95 ,  0.99), Float64)",
                "AggregateFunction(quantilesTiming(0.9, 0.95, 0.99), Float64)");
        assertName("AggregateFunction(count, UInt64)", "AggregateFunction(count, UInt64)");
        assertName("AggregateFunction(count)", "AggregateFunction(count)");
        assertName("LowCardinality(Nullable(String))", "LowCardinality(Nullable(String))");
        assertName("Boolean", "Bool");
        assertName("DateTime('Europe/Madrid')", "DateTime('Europe/Madrid')");
        assertName("SimpleAggregateFunction(sum, UInt64)", "SimpleAggregateFunction(sum, UInt64)");
        assertName("Decimal(10,2)", "Decimal(10, 2)");
        assertName("Decimal32(3)", "Decimal(9, 3)");
        assertName("Decimal64(4)", "Decimal(18, 4)");
        assertName("Decimal", "Decimal(10, 0)");
        assertName("Decimal(5)", "Decimal(5, 0)");
        assertName("FixedString(16)", "FixedString(16)");
        assertName("UUID", "UUID");
        assertName("Date32", "Date32");
        assertName("Enum8('a' = 1, 'b\\'c' = -2)", "Enum8('a' = 1, 'b\\'c' = -2)");
        assertName("Enum16('x'=1000)", "Enum16('x' = 1000)");
        assertName("IPv4", "IPv4");
        assertName("IPv6", "IPv6");
        assertName("Tuple(String, Nullable(Int32))", "Tuple(String, Nullable(Int32))");
        assertName("Tuple(a String, b Array(UInt8))", "Tuple(a String, b Array(UInt8))");
        assertName("Nullable(Nothing)", "Nullable(Nothing)");
        assertName("Array(Nothing)", "Array(Nothing)");
    }

    @Test
    void typesCarryTheirParts() {
        EnumType enumType = (EnumType) DataTypes.parse("Enum8('a' = 1, 'b' = 2)");
        assertThat(enumType.members()).containsExactly(new EnumType.Member("a", 1), new EnumType.Member("b", 2));
        assertThat(enumType.nameOf(2)).isEqualTo("b");
        assertThat(enumType.indexOf("a")).isZero();
        TupleType tuple = (TupleType) DataTypes.parse("Tuple(id UInt64, name String)");
        assertThat(tuple.names()).containsExactly("id", "name");
        assertThat(tuple.elements()).containsExactly(IntegerType.UINT64, StringType.STRING);
        assertThat(DataTypes.parse("Map(LowCardinality(String), Array(Float64))"))
                .isEqualTo(new MapType(new LowCardinalityType(StringType.STRING), new ArrayType(FloatType.FLOAT64)));
        SimpleAggregateFunctionType simple = (SimpleAggregateFunctionType) DataTypes.parse(
                "SimpleAggregateFunction(max, DateTime)");
        assertThat(simple.behavesAs()).isEqualTo(DateTimeType.DATETIME);
        assertThat(simple.physical()).isEqualTo(PhysicalKind.LONG);
        assertThat(DataTypes.parse("AggregateFunction(uniq, String)"))
                .isEqualTo(new AggregateFunctionType("uniq", List.of(StringType.STRING)));
        assertThat(DataTypes.fixedByteWidth(DataTypes.parse("FixedString(3)"))).isEqualTo(3);
        assertThat(DataTypes.fixedByteWidth(UuidType.UUID)).isEqualTo(16);
        assertThat(DataTypes.fixedByteWidth(StringType.STRING)).isEqualTo(-1);
    }

    @Test
    void wideTypesAreRefusedAsNotImplemented() {
        for (String name : List.of("Int128", "UInt256", "Nullable(Int256)",
                "Nested(a String)", "JSON", "SimpleAggregateFunction(anyLast, Nullable(String))")) {
            assertThatThrownBy(() -> DataTypes.parse(name)).as(name).isInstanceOf(StarlingException.class)
                    .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.NOT_IMPLEMENTED))
                    .hasMessageContaining("not supported yet");
        }
    }

    @Test
    void malformedTypesAreUnknownTypes() {
        for (String name : List.of("FixedString", "Decimal(5, 6)", "Enum8('a' = 300)", "Map(String)", "Tuple()",
                "Enum8('a' = 1, 'b' = 1)", "Map(Nullable(String), String)", "DateTime(3)")) {
            assertThatThrownBy(() -> DataTypes.parse(name)).as(name).isInstanceOf(StarlingException.class)
                    .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
        }
    }

    private static void assertName(String text, String expected) {
        DataType type = DataTypes.parse(text);
        assertThat(type.name()).as(text).isEqualTo(expected);
        assertThat(DataTypes.parse(type.name())).as(text).isEqualTo(type);
    }

    @Test
    void typesThatCannotBeInsideNullableAreRefusedWithCode43AndWhatToWrite() {
        assertRefused("Nullable(Array(String))", "Nested type Array(String) cannot be inside Nullable type: use "
                + "Array(Nullable(String)) for NULL elements, or Array(String) with a DEFAULT (e.g. []) for a missing value");
        assertRefused("Nullable(Map(String, UInt8))", "Nested type Map(String, UInt8) cannot be inside Nullable type: use "
                + "Map(String, Nullable(UInt8)) for NULL values, or Map(String, UInt8) with a DEFAULT (e.g. map()) for a "
                + "missing value");
        assertRefused("Nullable(Tuple(a String, b Array(Int8)))", "Nested type Tuple(a String, b Array(Int8)) cannot be "
                + "inside Nullable type: use Tuple(a Nullable(String), b Array(Int8)) for NULL elements, or "
                + "Tuple(a String, b Array(Int8)) with a DEFAULT for a missing value");
        assertRefused("Nullable(LowCardinality(String))", "Nested type LowCardinality(String) cannot be inside Nullable "
                + "type: use LowCardinality(Nullable(String))");
        assertRefused("Nullable(Nullable(Int32))", "Nested type Nullable(Int32) cannot be inside Nullable type: use "
                + "Nullable(Int32)");
        assertRefused("Nullable(AggregateFunction(count))", "Nested type AggregateFunction(count) cannot be inside "
                + "Nullable type: use AggregateFunction(count) (its state has no NULL)");
        // elements already Nullable: only the DEFAULT is left to suggest
        assertRefused("nullable( Array(Nullable(String)) )", "Nested type Array(Nullable(String)) cannot be inside "
                + "Nullable type: use Array(Nullable(String)) with a DEFAULT (e.g. []) for a missing value");
        // nested inside other types, the message names the whole type
        assertRefused("Array(Nullable(Array(String)))", "Nested type Array(String) cannot be inside Nullable type (in "
                + "Array(Nullable(Array(String)))): use Array(Nullable(String)) for NULL elements");
        assertRefused("Map(String, Nullable(Map(Int32, UInt8)))", "Nested type Map(Int32, UInt8) cannot be inside Nullable type");
        assertRefused("Tuple(a Int8, b Nullable(Tuple(Int8)))", "Nested type Tuple(Int8) cannot be inside Nullable type");
        assertRefused("LowCardinality(Nullable(LowCardinality(String)))", "Nested type LowCardinality(String)");
    }

    @Test
    void scalarsInsideNullableStillParse() {
        for (String name : List.of("Nullable(String)", "Nullable(Nothing)", "Nullable(Decimal(10, 2))",
                "Nullable(Enum8('a' = 1))", "Nullable(UUID)", "Nullable(IPv6)", "Nullable(FixedString(4))",
                "Nullable(Date32)", "Nullable(SimpleAggregateFunction(sum, UInt64))", "Array(Nullable(Int8))",
                "Map(String, Nullable(Float64))", "Tuple(Nullable(String), Nullable(Bool))",
                "LowCardinality(Nullable(String))")) {
            assertThat(DataTypes.parse(name).name()).isEqualTo(name);
        }
        assertThat(DataTypes.canBeInsideNullable(DataTypes.parse("Array(String)"))).isFalse();
        assertThat(DataTypes.canBeInsideNullable(DataTypes.parse("DateTime64(3)"))).isTrue();
    }

    @Test
    void storedTypeNamesOfOlderTablesStillParse() {
        for (String name : List.of("Nullable(Array(String))", "Nullable(Map(String, UInt8))",
                "Nullable(Tuple(a Nullable(Int32), b String))", "Array(Nullable(Array(Int64)))",
                "Nullable(LowCardinality(String))")) {
            DataType type = DataTypes.parseStored(name);
            assertThat(type.name()).isEqualTo(name);
            assertThat(type.isNullable() || type instanceof ArrayType).isTrue();
        }
        assertThatThrownBy(() -> DataTypes.parseStored("Strang"))
                .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
    }

    private static void assertRefused(String text, String message) {
        assertThatThrownBy(() -> DataTypes.parse(text))
                .isInstanceOf(StarlingException.class)
                .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT))
                .hasMessageContaining(message);
    }
}
