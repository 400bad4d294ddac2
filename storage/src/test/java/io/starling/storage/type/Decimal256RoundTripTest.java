package io.starling.storage.type;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.ByteSource;
import io.starling.storage.codec.ColumnSerializer;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.Int256;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.engine.TableSnapshot;
import io.starling.storage.merge.ValueComparator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Decimal256RoundTripTest {
    @TempDir
    Path directory;

    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("id UInt32", "amount Decimal(76, 20)",
            "maybe Nullable(Decimal256(2))", "list Array(Decimal(50, 0))");

    private static BigDecimal decimal(String text, int scale) {
        return new BigDecimal(text).setScale(scale);
    }

    /** Rows whose amounts span the sign, the 128-bit range and the full 76 digits. */
    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigDecimal amount = new BigDecimal("123456789012345678901234567890123456789.12345678901234567890")
                    .multiply(BigDecimal.valueOf((i * 7919L) % 1000 - 500)).setScale(20);
            if (i == 3) {
                amount = decimal("9".repeat(56) + "." + "9".repeat(20), 20);
            }
            if (i == 4) {
                amount = decimal("-" + "9".repeat(56) + "." + "9".repeat(20), 20);
            }
            Object maybe = i % 3 == 0 ? null : decimal(i + ".25", 2).negate();
            rows.add(TestBlocks.row((long) i, amount, maybe, List.of(decimal("1" + "0".repeat(i % 50), 0))));
        }
        return rows;
    }

    @Test
    void typeNamesParseAsClickHouseNamesThem() {
        assertThat(DataTypes.parse("Decimal256(4)")).isEqualTo(DecimalType.decimal256(4));
        assertThat(DataTypes.parse("Decimal256(4)").name()).isEqualTo("Decimal(76, 4)");
        DecimalType decimal = (DecimalType) DataTypes.parse("Decimal(39, 10)");
        assertThat(decimal.is256()).isTrue();
        assertThat(decimal.isWide()).isFalse();
        assertThat(decimal.storagePrecision()).isEqualTo(76);
        assertThat(decimal.physical()).isEqualTo(PhysicalKind.BYTES);
        assertThat(DataTypes.fixedByteWidth(decimal)).isEqualTo(32);
        assertThat(DataTypes.parse("Nullable(Decimal256(0))").name()).isEqualTo("Nullable(Decimal(76, 0))");
    }

    @Test
    void serializedFormIsThirtyTwoOrderPreservingBytesPerRow() {
        Block block = TestBlocks.block(TestBlocks.columns("d Decimal256(0)"),
                List.of(TestBlocks.row(decimal("1", 0)), TestBlocks.row(decimal("-2", 0))));
        ByteSink sink = new ByteSink();
        ColumnSerializer.write(block.column(0), sink);
        byte[] bytes = sink.toByteArray();
        String expected = "80" + "00".repeat(30) + "01" + "7f" + "ff".repeat(30) + "fe";
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
        Column read = ColumnSerializer.read(block.column(0).type(), new ByteSource(bytes), 2);
        assertThat(TestBlocks.rows(new Block(List.of(read), 2))).isEqualTo(TestBlocks.rows(block));
    }

    @Test
    void defaultsAndNullsHoldZero() {
        ColumnBuilder builder = ColumnBuilder.forType(DecimalType.decimal256(3), 4);
        builder.appendDefault();
        builder.appendNull();
        StringColumn column = (StringColumn) builder.build();
        assertThat(new Int256().read(column, 0).isZero()).isTrue();
        assertThat(column.getBytes(1)).isEqualTo(Int256.encode(0));
        ByteSink sink = new ByteSink();
        ColumnSerializer.write(column, sink);
        assertThat(sink.toByteArray()).hasSize(64);
    }

    @Test
    void roundTripsThroughBlockSerdeWithRegionsAndComparesNumerically() {
        Block block = TestBlocks.block(COLUMNS, rows(50));
        assertThat(TestBlocks.rows(BlockSerde.deserialize(BlockSerde.serialize(block)))).isEqualTo(rows(50));
        assertThat(TestBlocks.rows(BlockSerde.deserialize(BlockSerde.serialize(block.region(7, 11)))))
                .isEqualTo(rows(50).subList(7, 18));
        Column amounts = block.column(1);
        Column selected = amounts.select(new int[] {4, 3, 0}, 3);
        ValueComparator comparator = ValueComparator.forType(amounts.type());
        assertThat(comparator.compare(selected, 0, selected, 1)).isNegative();
        assertThat(comparator.compare(selected, 2, selected, 1)).isNegative();
        assertThat(comparator.compare(selected, 0, selected, 2)).isNegative();
    }

    @Test
    void roundTripsThroughAPartSortedByTheDecimalAndMerged() {
        TableDefinition definition = new TableDefinition(COLUMNS, "MergeTree", List.of("amount"), "",
                Map.of("index_granularity", "8"));
        List<List<Object>> rows = rows(90);
        List<List<Object>> expected = new ArrayList<>(rows);
        expected.sort(Comparator.comparing(row -> (BigDecimal) row.get(1)));
        List<String> names = COLUMNS.stream().map(ColumnDefinition::name).toList();
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            table.insert(TestBlocks.block(COLUMNS, rows.subList(0, 40)));
            table.insert(TestBlocks.block(COLUMNS, rows.subList(40, 90)));
            assertThat(table.mergeOnce()).isPresent();
            assertThat(table.activeParts()).hasSize(1);
            assertThat(scan(table, names)).isEqualTo(expected);
        }
        try (MergeTreeTable reopened = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            assertThat(scan(reopened, names)).isEqualTo(expected);
        }
    }

    @Test
    void summingMergeTreeAddsDecimal256ColumnsExactly() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "amount Decimal256(9)");
        TableDefinition definition = new TableDefinition(columns, "SummingMergeTree", List.of("id"), "",
                Map.of("index_granularity", "8"));
        String big = "1234567890123456789012345678901234567890123456789";
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            table.insert(TestBlocks.block(columns, List.of(
                    TestBlocks.row(1L, decimal(big + ".123456789", 9)),
                    TestBlocks.row(2L, decimal("5", 9)))));
            table.insert(TestBlocks.block(columns, List.of(
                    TestBlocks.row(1L, decimal(big + ".876543211", 9)),
                    TestBlocks.row(2L, decimal("-5", 9)))));
            table.mergeOnce();
            assertThat(scan(table, List.of("id", "amount"))).containsExactly(
                    TestBlocks.row(1L, new BigDecimal(big).multiply(BigDecimal.TWO).add(BigDecimal.ONE).setScale(9)));
        }
    }

    private static List<List<Object>> scan(MergeTreeTable table, List<String> names) {
        try (TableSnapshot snapshot = table.snapshot()) {
            return TestBlocks.drain(snapshot.scan(names, new ScanStatistics()));
        }
    }
}
