package io.starling.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte fast path must give exactly what the general parser gives, and leave everything doubtful to it. */
class PlainValuesTest {
    private static final List<String> TYPES = List.of("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16",
            "UInt32", "UInt64", "Float32", "Float64", "DateTime", "DateTime('UTC')", "DateTime('Europe/Madrid')",
            "Date", "String", "Nullable(Int32)");

    @Test
    void takenValuesEqualTheGeneralParsersAndTheRestIsLeftToIt() {
        List<String> inputs = new ArrayList<>(List.of("0", "-0", "7", "007", "-1", "127", "128", "-128", "-129",
                "255", "256", "32767", "65535", "65536", "2147483647", "2147483648", "4294967295", "4294967296",
                "-2147483648", "-2147483649", "999999999999999999", "1000000000000000000", "9223372036854775807",
                "18446744073709551615", "-9223372036854775808", "123456789012345", "1234567890123456", "1.5", "1e3",
                "+5", " 5", "5 ", "", "-", "abc", "2024-01-01 00:00:00", "2024-02-29 23:59:59", "2023-02-29 12:00:00",
                "1970-01-01 00:00:00", "1969-12-31 23:59:59", "2106-02-07 06:28:15", "2106-02-07 06:28:16",
                "2024-13-01 00:00:00", "2024-01-01 24:00:00", "2024-01-01 00:60:00", "2024-01-01T00:00:00",
                "2024-01-01 00:00:00Z", "2024-1-01 00:00:00"));
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            long value = random.nextLong() >> random.nextInt(64);
            inputs.add(Long.toString(value));
            inputs.add(String.format("%04d-%02d-%02d %02d:%02d:%02d", 1960 + random.nextInt(160), 1 + random.nextInt(12),
                    1 + random.nextInt(31), random.nextInt(25), random.nextInt(61), random.nextInt(61)));
        }
        int taken = 0;
        for (String typeName : TYPES) {
            DataType type = DataTypes.parse(typeName);
            for (String input : inputs) {
                byte[] bytes = ("[" + input + "]").getBytes(StandardCharsets.UTF_8);
                ColumnBuilder fast = ColumnBuilder.forType(type, 1);
                boolean took = PlainValues.tryAppend(type, bytes, 1, bytes.length - 2, fast);
                if (!took) {
                    assertThat(fast.size()).as("%s %s", typeName, input).isZero();
                    continue;
                }
                taken++;
                ColumnBuilder general = ColumnBuilder.forType(type, 1);
                char[] chars = input.toCharArray();
                assertThat(new ValueParser().parseInto(type, chars, 0, chars.length, general))
                        .as("the general parser takes %s as %s too", input, typeName).isTrue();
                assertThat(value(fast.build())).as("%s %s", typeName, input).isEqualTo(value(general.build()));
            }
        }
        assertThat(taken).isGreaterThan(10_000);
        // the shapes the fast path must not take: their meaning is the general parser's to decide
        for (String doubtful : List.of("-0", "1.5", "+5", " 5", "", "2024-01-01T00:00:00", "1969-12-31 23:59:59")) {
            byte[] bytes = doubtful.getBytes(StandardCharsets.UTF_8);
            for (String typeName : List.of("Int64", "Float64", "DateTime")) {
                DataType type = DataTypes.parse(typeName);
                assertThat(PlainValues.tryAppend(type, bytes, 0, bytes.length, ColumnBuilder.forType(type, 1)))
                        .as("%s %s", typeName, doubtful).isFalse();
            }
        }
        byte[] madrid = "2024-01-01 00:00:00".getBytes(StandardCharsets.UTF_8);
        assertThat(PlainValues.tryAppend(DataTypes.parse("DateTime('Europe/Madrid')"), madrid, 0, madrid.length,
                ColumnBuilder.forType(DataTypes.parse("DateTime('Europe/Madrid')"), 1))).isFalse();
    }

    private static Object value(Column column) {
        if (column instanceof LongColumn longs) {
            return longs.getLong(0);
        }
        if (column instanceof DoubleColumn doubles) {
            return Double.doubleToRawLongBits(doubles.getDouble(0));
        }
        return column.toString();
    }
}
