package io.starling.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.column.LongColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTextTest {

    private static String roundTrip(String type, String text) {
        DataType dataType = DataTypes.parse(type);
        Column column = ValueText.parseSingle(dataType, text);
        assertThat(column).as("%s parses as %s", text, type).isNotNull();
        assertThat(column.size()).isEqualTo(1);
        return ValueText.format(column, 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Int8|-128|-128",
            "Int8|127|127",
            "UInt8|255|255",
            "Int16|-32768|-32768",
            "UInt16|65535|65535",
            "Int32|-2147483648|-2147483648",
            "UInt32|4294967295|4294967295",
            "Int64|-9223372036854775808|-9223372036854775808",
            "Int64|9223372036854775807|9223372036854775807",
            "UInt64|18446744073709551615|18446744073709551615",
            "UInt64|+42|42",
            "Int32| 7 |7",
            "Float64|1|1",
            "Float64|1.0|1",
            "Float64|1.5|1.5",
            "Float64|0.1|0.1",
            "Float64|-2.25e3|-2250",
            "Float64|1e21|1e21",
            "Float64|1e20|100000000000000000000",
            "Float64|0.000001|0.000001",
            "Float64|1.5e-7|1.5e-7",
            "Float64|123456.789|123456.789",
            "Float64|inf|inf",
            "Float64|-inf|-inf",
            "Float64|nan|nan",
            "Float64|3.141592653589793238|3.141592653589793",
            "Float32|0.1|0.1",
            "Float32|123456789|123456790",
            "Bool|true|true",
            "Bool|0|false",
            "Bool|FALSE|false",
            "Date|2024-01-15|2024-01-15",
            "Date|1970-01-01|1970-01-01",
            "Date|2149-06-06|2149-06-06",
            "DateTime|2024-01-15 10:30:00|2024-01-15 10:30:00",
            "DateTime|2024-01-01T00:00:00Z|2024-01-01 00:00:00",
            "DateTime|2024-01-01T02:00:00+02:00|2024-01-01 00:00:00",
            "DateTime|2022-10-27T11:43:02.099Z|2022-10-27 11:43:02",
            "DateTime|1705314600|2024-01-15 10:30:00",
            "DateTime|2024-01-15|2024-01-15 00:00:00",
            "DateTime('Europe/Madrid')|2024-07-01 12:00:00|2024-07-01 12:00:00",
            "DateTime64(3)|2024-01-15 10:30:00.123|2024-01-15 10:30:00.123",
            "DateTime64(3)|2022-10-27T11:43:02.099Z|2022-10-27 11:43:02.099",
            "DateTime64(3)|2024-01-15 10:30:00.1|2024-01-15 10:30:00.100",
            "DateTime64(3)|2024-01-15 10:30:00.123456|2024-01-15 10:30:00.123",
            "DateTime64(6)|1705314600.25|2024-01-15 10:30:00.250000",
            "DateTime64(3)|1960-05-01 00:00:00|1960-05-01 00:00:00.000",
            "String|  hello, world |  hello, world ",
            "String|ñandú 🐦|ñandú 🐦",
            "LowCardinality(String)|web|web",
            "Nullable(Int32)|\\N|\\N",
            "Nullable(Int32)|null|\\N",
            "Nullable(Int32)|5|5",
            "Nullable(String)|null|null",
            "Array(Int32)|[1, 2,3]|[1,2,3]",
            "Array(Int32)|[]|[]",
            "Array(String)|['a','b''s']|['a','b\\'s']",
            "Array(String)|[\"x\",\"y\"]|['x','y']",
            "Array(Nullable(Int8))|[1,NULL]|[1,NULL]",
            "Array(Array(UInt8))|[[1],[2,3]]|[[1],[2,3]]",
            "Array(Date)|['2024-01-15']|['2024-01-15']",
    })
    void roundTrips(String type, String input, String expected) {
        assertThat(roundTrip(type, input)).isEqualTo(expected);
    }

    @Test
    void emptyTextIsNullForNullableButValidForString() {
        assertThat(roundTrip("Nullable(Float64)", "")).isEqualTo("\\N");
        assertThat(roundTrip("String", "")).isEqualTo("");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Int8|128", "Int8|-129", "UInt8|256", "UInt8|-1", "UInt16|65536", "Int32|2147483648",
            "Int64|9223372036854775808", "UInt64|18446744073709551616", "UInt64|-5", "Int64|1.0", "Int64|abc",
            "Int64|''", "Int64|1e3", "Float64|1.2.3", "Float64|abc", "Float64|1e", "Float64|0x10",
            "Bool|maybe", "Date|2024-13-01", "Date|2024-02-30", "Date|15/01/2024", "Date|1969-12-31",
            "DateTime|2024-01-15 25:00:00", "DateTime|2024-01-15 10:30:00 nonsense", "DateTime|1969-12-31 23:59:59",
            "DateTime|2200-01-01 00:00:00", "DateTime64(3)|1800-01-01 00:00:00", "Array(Int32)|[1,x]",
            "Array(Int32)|1,2", "Array(String)|['unclosed]",
    })
    void rejectsInvalidValuesWithoutAppending(String type, String text) {
        DataType dataType = DataTypes.parse(type);
        ColumnBuilder builder = ColumnBuilder.forType(dataType, 4);
        String input = text.equals("''") ? "" : text;
        assertThat(ValueText.parseInto(dataType, input, builder)).isFalse();
        assertThat(builder.size()).isZero();
    }

    @Test
    void dateTimeWithoutOffsetIsReadInTheColumnZone() {
        DataType madrid = DataTypes.parse("DateTime('Europe/Madrid')");
        LongColumn column = (LongColumn) ValueText.parseSingle(madrid, "2024-07-01 12:00:00");
        assertThat(column.getLong(0)).isEqualTo(1_719_828_000L); // 10:00 UTC, summer time
        LongColumn utc = (LongColumn) ValueText.parseSingle(madrid, "2024-07-01T12:00:00Z");
        assertThat(ValueText.format(utc, 0)).isEqualTo("2024-07-01 14:00:00");
    }

    @Test
    void uint64MaxIsStoredAsMinusOne() {
        LongColumn column = (LongColumn) ValueText.parseSingle(DataTypes.parse("UInt64"), "18446744073709551615");
        assertThat(column.getLong(0)).isEqualTo(-1L);
    }

    @Test
    void appendToWritesTheTextForm() {
        StringBuilder target = new StringBuilder("x=");
        ValueText.appendTo(ValueText.parseSingle(DataTypes.parse("Float64"), "2.5"), 0, target);
        assertThat(target).hasToString("x=2.5");
    }
}
