package io.starling.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.format.input.QuarantinedRow;
import io.starling.storage.block.Block;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarantineBlocksTest {

    @Test
    void buildsRawValuesErrorsImportIdAndInsertionDate() {
        DataSourceSpec dataSource = DataSourceSpec.newBuilder().setId("t_1").setName("sales").setEngine("MergeTree")
                .addColumns(ColumnSpec.newBuilder().setName("id").setType("Int64"))
                .addColumns(ColumnSpec.newBuilder().setName("amount").setType("Float64"))
                .build();
        List<QuarantinedRow> rows = List.of(
                new QuarantinedRow(List.of("3", "oops"), List.of("amount"), List.of("value 'oops' on column 'amount' is not Float64")),
                new QuarantinedRow(Arrays.asList("x", null), List.of("id", "amount"), List.of("e1", "e2")));

        List<Block> blocks = QuarantineBlocks.build(DataSourceTables.quarantine(dataSource), rows, "IMPORT1", 1_700_000_000L);

        assertThat(blocks).hasSize(1);
        Block block = blocks.get(0);
        assertThat(block.rowCount()).isEqualTo(2);
        assertThat(block.columnCount()).isEqualTo(6);
        NullableColumn amount = (NullableColumn) block.column(1);
        assertThat(amount.isNull(0)).isFalse();
        assertThat(text((StringColumn) amount.values(), 0)).isEqualTo("oops");
        assertThat(amount.isNull(1)).isTrue();
        ArrayColumn errorColumns = (ArrayColumn) block.column(2);
        assertThat(errorColumns.elementCount(0)).isEqualTo(1);
        assertThat(errorColumns.elementCount(1)).isEqualTo(2);
        assertThat(text((StringColumn) errorColumns.elements(), errorColumns.elementStart(1) + 1)).isEqualTo("amount");
        NullableColumn importId = (NullableColumn) block.column(4);
        assertThat(text((StringColumn) importId.values(), 1)).isEqualTo("IMPORT1");
        assertThat(((LongColumn) block.column(5)).type().name()).isEqualTo("DateTime");
        assertThat(((LongColumn) block.column(5)).getLong(1)).isEqualTo(1_700_000_000L);
    }

    @Test
    void rowsOfSeveralRequestsKeepTheirOwnImportIdAcrossBlocks() {
        DataSourceSpec dataSource = DataSourceSpec.newBuilder().setId("t_2").setName("events").setEngine("MergeTree")
                .addColumns(ColumnSpec.newBuilder().setName("id").setType("Int64"))
                .build();
        QuarantinedRow bad = new QuarantinedRow(List.of("x"), List.of("id"), List.of("value 'x' on column 'id' is not Int64"));
        // the first request fills the first block but one row, the second request straddles the block boundary
        List<QuarantineBlocks.Rejected> requests = List.of(
                new QuarantineBlocks.Rejected(java.util.Collections.nCopies(Block.MAX_ROWS - 1, bad), "FIRST"),
                new QuarantineBlocks.Rejected(List.of(bad, bad, bad), "SECOND"),
                new QuarantineBlocks.Rejected(List.of(), "EMPTY"),
                new QuarantineBlocks.Rejected(List.of(bad), "THIRD"));

        List<Block> blocks = QuarantineBlocks.build(DataSourceTables.quarantine(dataSource), requests, 1_700_000_000L);

        assertThat(blocks).extracting(Block::rowCount).containsExactly(Block.MAX_ROWS, 3);
        NullableColumn first = (NullableColumn) blocks.get(0).column(3);
        assertThat(text((StringColumn) first.values(), 0)).isEqualTo("FIRST");
        assertThat(text((StringColumn) first.values(), Block.MAX_ROWS - 2)).isEqualTo("FIRST");
        assertThat(text((StringColumn) first.values(), Block.MAX_ROWS - 1)).isEqualTo("SECOND");
        NullableColumn second = (NullableColumn) blocks.get(1).column(3);
        assertThat(text((StringColumn) second.values(), 0)).isEqualTo("SECOND");
        assertThat(text((StringColumn) second.values(), 1)).isEqualTo("SECOND");
        assertThat(text((StringColumn) second.values(), 2)).isEqualTo("THIRD");
    }

    private static String text(StringColumn column, int row) {
        return new String(column.rawBytes(), column.valueOffset(row), column.valueLength(row), StandardCharsets.UTF_8);
    }
}
