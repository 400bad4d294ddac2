package io.starling.storage;

import static io.starling.storage.TestBlocks.row;

import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.List;

/** A table with a column of every supported type, and rows that hit edge values. */
public final class AllTypes {
    private AllTypes() {
    }

    public static List<ColumnDefinition> columns() {
        return TestBlocks.columns("i8 Int8", "i16 Int16", "i32 Int32", "i64 Int64", "u8 UInt8", "u16 UInt16",
                "u32 UInt32", "u64 UInt64", "f32 Float32", "f64 Float64", "b Bool", "s String", "d Date",
                "dt DateTime", "dt64 DateTime64(3, 'UTC')", "lc LowCardinality(String)",
                "lcn LowCardinality(Nullable(String))", "ni Nullable(Int32)", "ns Nullable(String)",
                "as Array(String)", "ai Array(Int64)", "ann Array(Nullable(Int8))", "aa Array(Array(Int32))");
    }

    /** Row {@code i} of the fixture; rows 0 and 1 hold the extremes of every type. */
    public static List<Object> row(int i) {
        if (i == 0) {
            return TestBlocks.row(-128L, -32768L, (long) Integer.MIN_VALUE, Long.MIN_VALUE, 0L, 0L, 0L, 0L,
                    -1.5, Double.NEGATIVE_INFINITY, 0L, "", 0L, 0L, -1_000L, "", null, null, null,
                    List.of(), List.of(), List.of(), List.of());
        }
        if (i == 1) {
            return TestBlocks.row(127L, 32767L, (long) Integer.MAX_VALUE, Long.MAX_VALUE, 255L, 65535L, 4294967295L,
                    -1L, (double) Float.MAX_VALUE, Double.MAX_VALUE, 1L, "héllo \u0000 wörld ✓", 65535L, 4294967295L,
                    Long.MAX_VALUE, "zeta", "", (long) Integer.MAX_VALUE, "",
                    List.of("", "a", "ünïcode"), List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE),
                    java.util.Arrays.asList(null, -128L, 127L), List.of(List.of(), List.of(1L, 2L), List.of(-3L)));
        }
        return TestBlocks.row((long) (i % 100 - 50), (long) (i * 7 % 30000), (long) i * 1000, (long) i * 1_000_003L,
                (long) (i % 256), (long) (i % 65536), (long) i * 3, (long) i * 11, i * 0.25, i * 1.000001,
                (long) (i % 2), "str-" + (i % 37), (long) (19000 + i % 400), 1_700_000_000L + i,
                1_700_000_000_000L + i, "lc" + (i % 5), i % 3 == 0 ? null : "v" + (i % 4), i % 4 == 0 ? null : (long) i,
                i % 5 == 0 ? null : "n" + i, i % 3 == 0 ? List.of() : List.of("x" + i, "y"),
                List.of((long) i, (long) -i), java.util.Arrays.asList((long) (i % 100), null),
                List.of(List.of((long) i), List.of()));
    }

    public static List<List<Object>> rows(int count) {
        List<List<Object>> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(row(i));
        }
        return result;
    }

}
