package io.starling.storage.column;

import static io.starling.storage.TestBlocks.columns;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bulk range copies must give what row-by-row copies give, from column regions and across several sources. */
class ColumnBuilderRangeTest {
    private static final List<ColumnDefinition> COLUMNS = columns("s String", "n Int64", "d Float64",
            "ns Nullable(String)", "ni Nullable(Int32)", "lc LowCardinality(String)",
            "lcn LowCardinality(Nullable(String))", "fs FixedString(3)", "arr Array(Int32)", "dec Decimal(38, 4)");

    @Test
    void rangeCopiesEqualRowCopies() {
        Random random = new Random(7);
        List<Block> sources = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 50 + b * 30; i++) {
                rows.add(TestBlocks.row("v" + random.nextInt(100) + "x".repeat(random.nextInt(5)), random.nextLong(),
                        random.nextGaussian(), random.nextInt(3) == 0 ? null : "n" + i,
                        random.nextInt(3) == 0 ? null : (long) i, "lc" + random.nextInt(6),
                        random.nextInt(4) == 0 ? null : "k" + random.nextInt(3), "ab" + random.nextInt(10),
                        List.of((long) i, (long) -i), new java.math.BigDecimal(random.nextLong() + "123.4567")));
            }
            Block block = TestBlocks.block(COLUMNS, rows);
            sources.add(b % 2 == 0 ? block : block.region(5, block.rowCount() - 10)); // regions start mid-array
        }
        for (int c = 0; c < COLUMNS.size(); c++) {
            ColumnBuilder bulk = ColumnBuilder.forType(COLUMNS.get(c).type(), 4);
            ColumnBuilder single = ColumnBuilder.forType(COLUMNS.get(c).type(), 4);
            for (Block source : sources) {
                int from = random.nextInt(10);
                int count = source.rowCount() - from - random.nextInt(10);
                // capacity hints, too small, exact and too large, never change what is built
                bulk.reserve(random.nextInt(2 * count + 1), random.nextInt(2_000));
                bulk.appendRange(source.column(c), from, count);
                bulk.appendRange(source.column(c), 0, 0);
                for (int row = from; row < from + count; row++) {
                    single.appendFrom(source.column(c), row);
                }
            }
            Column expected = single.build();
            Column actual = bulk.build();
            assertThat(bulk.dataBytes()).isEqualTo(single.dataBytes());
            assertThat(actual.size()).isEqualTo(expected.size());
            for (int row = 0; row < expected.size(); row++) {
                assertThat(TestBlocks.value(actual, row)).as("column %s row %d", COLUMNS.get(c).name(), row)
                        .isEqualTo(TestBlocks.value(expected, row));
            }
        }
    }

    @Test
    void lowCardinalityKeepsOneDictionaryEntryPerDistinctValue() {
        LowCardinalityColumnBuilder builder = (LowCardinalityColumnBuilder) ColumnBuilder.forType(
                columns("x LowCardinality(Nullable(String))").get(0).type(), 2);
        String[] values = {"a", "", "bb", "a", null, "bb", "", null, "c"};
        for (int round = 0; round < 300; round++) {
            for (String value : values) {
                if (value == null) {
                    builder.appendNull();
                } else {
                    builder.appendString(value + (round % 50));
                }
            }
        }
        LowCardinalityColumn column = builder.build();
        assertThat(column.size()).isEqualTo(300 * values.length);
        assertThat(column.dictionary().size()).isEqualTo(50 * 4 + 1);
        for (int row = 0; row < column.size(); row++) {
            String value = values[row % values.length];
            Object expected = value == null ? null : value + ((row / values.length) % 50);
            assertThat(TestBlocks.value(column, row)).isEqualTo(expected);
        }
    }
}
