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
}
