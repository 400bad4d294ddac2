package io.starling.storage.type;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.NewTypes;
import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.codec.CompressionCodec;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.engine.TableSnapshot;
import io.starling.storage.merge.ValueComparator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewTypesRoundTripTest {
    @TempDir
    Path directory;

    @Test
    void everyNewTypeRoundTripsThroughBlockSerde() {
        Block block = TestBlocks.block(NewTypes.columns(), NewTypes.rows(120));
        for (CompressionCodec codec : CompressionCodec.values()) {
            Block decoded = BlockSerde.deserialize(BlockSerde.serialize(block, codec));
            assertThat(decoded.columns()).extracting(column -> column.type().name())
                    .isEqualTo(block.columns().stream().map(column -> column.type().name()).toList());
            assertThat(TestBlocks.rows(decoded)).as(codec.name()).isEqualTo(NewTypes.rows(120));
        }
        Block region = BlockSerde.deserialize(BlockSerde.serialize(block.region(5, 9)));
        assertThat(TestBlocks.rows(region)).isEqualTo(NewTypes.rows(120).subList(5, 14));
    }

    @Test
    void everyNewTypeRoundTripsThroughAPartSortedAndMerged() {
        List<ColumnDefinition> columns = NewTypes.columns();
        TableDefinition definition = new TableDefinition(columns, "MergeTree", List.of("d9"), "",
                Map.of("index_granularity", "8"));
        List<List<Object>> rows = NewTypes.rows(70);
        List<String> names = columns.stream().map(ColumnDefinition::name).toList();
        List<List<Object>> expected = new ArrayList<>(rows);
        expected.sort(Comparator.comparing(row -> (Long) row.get(1)));
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            table.insert(TestBlocks.block(columns, rows.subList(0, 30)));
            table.insert(TestBlocks.block(columns, rows.subList(30, 70)));
            assertThat(table.mergeOnce()).isPresent();
            assertThat(scan(table, names)).isEqualTo(expected);
        }
        try (MergeTreeTable reopened = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            assertThat(scan(reopened, names)).isEqualTo(expected);
        }
    }

    @Test
    void fixedWidthBytesArePaddedAndCompareBytewise() {
        List<ColumnDefinition> columns = TestBlocks.columns("fs FixedString(3)", "u UUID", "t Tuple(Int8, String)",
                "m Map(String, Int8)");
        Block block = TestBlocks.block(columns, List.of(
                TestBlocks.row("b", "ff000000000000000000000000000000", TestBlocks.row(1L, "b"), Map.of("a", 1L)),
                TestBlocks.row("ab", "0f000000000000000000000000000001", TestBlocks.row(1L, "a"), Map.of("a", 2L))));
        assertThat(TestBlocks.rows(block).get(0).get(0)).isEqualTo("b\0\0");
        for (int c = 0; c < 3; c++) {
            Column column = block.column(c);
            assertThat(ValueComparator.forType(column.type()).compare(column, 0, column, 1)).as(column.type().name())
                    .isPositive();
        }
        Column map = block.column(3);
        assertThat(ValueComparator.forType(map.type()).compare(map, 0, map, 1)).isNegative();
    }

    private static List<List<Object>> scan(MergeTreeTable table, List<String> names) {
        try (TableSnapshot snapshot = table.snapshot()) {
            return TestBlocks.drain(snapshot.scan(names, new ScanStatistics()));
        }
    }
}
