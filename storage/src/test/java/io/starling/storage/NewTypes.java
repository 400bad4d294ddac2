package io.starling.storage;

import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table with a column of each type added after the first part format (Decimal, UUID, Tuple, Map...). */
public final class NewTypes {
    private NewTypes() {
    }

    public static List<ColumnDefinition> columns() {
        return TestBlocks.columns("k Int64", "d9 Decimal(9, 2)", "d18 Decimal64(4)", "fs FixedString(4)", "u UUID",
                "d32 Date32", "e8 Enum8('a' = 1, 'b' = -2)", "e16 Enum16('x' = 1000, 'y' = -1000)", "ip4 IPv4",
                "ip6 IPv6", "t Tuple(String, Nullable(Int32))", "nt Tuple(a UInt8, b Array(String))",
                "m Map(String, UInt64)", "am Array(Map(String, String))", "nn Nullable(Nothing)", "an Array(Nothing)",
                "saf SimpleAggregateFunction(sum, UInt64)", "af AggregateFunction(quantilesTiming(0.9, 0.95), Float64)",
                "lfs LowCardinality(FixedString(2))", "nu Nullable(UUID)");
    }

    public static List<Object> row(int i) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int j = 0; j < i % 3; j++) {
            map.put("k" + j, (long) i * j);
        }
        List<Object> maps = i % 2 == 0 ? List.of() : List.of(Map.of("a", "b" + i), new LinkedHashMap<>());
        return TestBlocks.row((long) i, (long) (i * 101 - 999_999_999 + i), (long) i * -1_000_000_007L,
                "ab" + (char) ('a' + i % 26) + "d", String.format("%032x", (long) i * 0x1234567L),
                (long) (i * 37 - 25_567), i % 2 == 0 ? 1L : -2L, i % 2 == 0 ? 1000L : -1000L, 4294967295L - i,
                String.format("20010db8%024x", (long) i), TestBlocks.row("s" + i, i % 3 == 0 ? null : (long) -i),
                TestBlocks.row((long) (i % 256), List.of("x" + i)), map, maps, null, List.of(), (long) i * 5,
                "state-" + i, i % 2 == 0 ? "aa" : "bb",
                i % 4 == 0 ? null : String.format("%032x", (long) i));
    }

    public static List<List<Object>> rows(int count) {
        List<List<Object>> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(new ArrayList<>(Arrays.asList(row(i).toArray())));
        }
        return result;
    }
}
