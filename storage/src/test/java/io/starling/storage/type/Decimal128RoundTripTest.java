package io.starling.storage.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.ByteSource;
import io.starling.storage.codec.ColumnSerializer;
import io.starling.storage.column.Column;
import io.starling.storage.column.Int128Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.engine.TableSnapshot;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.merge.ValueComparator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Decimal128RoundTripTest {
    @TempDir
    Path directory;

    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("id UInt32", "amount Decimal(38, 9)",
            "maybe Nullable(Decimal128(2))", "list Array(Decimal(20, 0))");

    private static BigDecimal decimal(String text, int scale) {
        return new BigDecimal(text).setScale(scale);
    }

    /** Rows whose amounts span the sign, the long range and the full 38 digits. */
    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigDecimal amount = new BigDecimal("12345678901234567890.123456789")
                    .multiply(BigDecimal.valueOf((i * 7919L) % 1000 - 500)).setScale(9);
            if (i == 3) {
                amount = decimal("99999999999999999999999999999.999999999", 9);
            }
            if (i == 4) {
                amount = decimal("-99999999999999999999999999999.999999999", 9);
            }
            Object maybe = i % 3 == 0 ? null : decimal(i + ".25", 2).negate();
            rows.add(TestBlocks.row((long) i, amount, maybe, List.of(decimal("1" + "0".repeat(i % 20), 0))));
        }
        return rows;
    }

    @Test
    void typeNamesParse() {
        assertThat(DataTypes.parse("Decimal(38, 9)")).isEqualTo(new DecimalType(38, 9));
        assertThat(DataTypes.parse("Decimal128(4)").name()).isEqualTo("Decimal(38, 4)");
        assertThat(DataTypes.parse("Numeric(20, 2)").physical()).isEqualTo(PhysicalKind.INT128);
        assertThat(DataTypes.parse("Decimal(18, 2)").physical()).isEqualTo(PhysicalKind.LONG);
        assertThat(DataTypes.parse("Decimal(39, 2)").physical()).isEqualTo(PhysicalKind.BYTES);
        assertThatThrownBy(() -> DataTypes.parse("Decimal(77, 2)")).isInstanceOf(StarlingException.class)
                .matches(e -> ((StarlingException) e).errorCode() == ErrorCode.UNKNOWN_TYPE);
    }

    @Test
    void serializedFormIsSixteenBytesLittleEndianPerRow() {
        Block block = TestBlocks.block(TestBlocks.columns("d Decimal(38, 0)"),
                List.of(TestBlocks.row(decimal("1", 0)), TestBlocks.row(decimal("-2", 0)),
                        TestBlocks.row(new BigDecimal("18446744073709551616"))));
        ByteSink sink = new ByteSink();
        ColumnSerializer.write(block.column(0), sink);
        byte[] bytes = sink.toByteArray();
        assertThat(bytes).hasSize(48);
        byte[] expected = new byte[48];
        expected[0] = 1;
        for (int i = 16; i < 32; i++) {
            expected[i] = (byte) 0xFF;
        }
        expected[16] = (byte) 0xFE;
        expected[40] = 1;
        assertThat(bytes).containsExactly(expected);
        Column read = ColumnSerializer.read(block.column(0).type(), new ByteSource(bytes), 3);
        assertThat(TestBlocks.rows(new Block(List.of(read), 3))).isEqualTo(TestBlocks.rows(block));
    }

    @Test
    void roundTripsThroughBlockSerdeWithRegions() {
        Block block = TestBlocks.block(COLUMNS, rows(50));
        assertThat(TestBlocks.rows(BlockSerde.deserialize(BlockSerde.serialize(block)))).isEqualTo(rows(50));
        assertThat(TestBlocks.rows(BlockSerde.deserialize(BlockSerde.serialize(block.region(7, 11)))))
                .isEqualTo(rows(50).subList(7, 18));
        Int128Column amounts = (Int128Column) block.column(1);
        Int128Column selected = amounts.select(new int[] {4, 3}, 2);
        assertThat(ValueComparator.forType(amounts.type()).compare(selected, 0, selected, 1)).isNegative();
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
    void summingMergeTreeAddsDecimal128ColumnsExactly() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "amount Decimal(38, 9)");
        TableDefinition definition = new TableDefinition(columns, "SummingMergeTree", List.of("id"), "",
                Map.of("index_granularity", "8"));
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            table.insert(TestBlocks.block(columns, List.of(
                    TestBlocks.row(1L, decimal("12345678901234567890.123456789", 9)),
                    TestBlocks.row(2L, decimal("5", 9)))));
            table.insert(TestBlocks.block(columns, List.of(
                    TestBlocks.row(1L, decimal("12345678901234567890.876543211", 9)),
                    TestBlocks.row(2L, decimal("-5", 9)))));
            table.mergeOnce();
            assertThat(scan(table, List.of("id", "amount"))).containsExactly(
                    TestBlocks.row(1L, decimal("24691357802469135781.000000000", 9)));
        }
    }

    private static List<List<Object>> scan(MergeTreeTable table, List<String> names) {
        try (TableSnapshot snapshot = table.snapshot()) {
            return TestBlocks.drain(snapshot.scan(names, new ScanStatistics()));
        }
    }
}
