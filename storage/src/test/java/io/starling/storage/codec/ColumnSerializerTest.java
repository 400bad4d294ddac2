package io.starling.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnSerializerTest {

    private static byte[] bytesOf(Column column) {
        ByteSink sink = new ByteSink();
        ColumnSerializer.write(column, sink);
        return sink.toByteArray();
    }

    @Test
    void integersUseTheirTypeWidthLittleEndian() {
        List<ColumnDefinition> columns = TestBlocks.columns("a Int8", "b UInt16", "c Int32", "d Date", "e DateTime", "f Int64");
        Block block = TestBlocks.block(columns, List.of(TestBlocks.row(-2L, 0xABCDL, 1L, 2L, 0xFFFFFFFFL, 1L)));
        assertThat(bytesOf(block.column(0))).containsExactly(0xFE);
        assertThat(bytesOf(block.column(1))).containsExactly(0xCD, 0xAB);
        assertThat(bytesOf(block.column(2))).containsExactly(1, 0, 0, 0);
        assertThat(bytesOf(block.column(3))).containsExactly(2, 0);
        assertThat(bytesOf(block.column(4))).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
        assertThat(bytesOf(block.column(5))).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void unsignedValuesReadBackWithoutSignExtension() {
        List<ColumnDefinition> columns = TestBlocks.columns("a UInt8", "b UInt32", "c Int16");
        Block block = TestBlocks.block(columns, List.of(TestBlocks.row(255L, 4294967295L, -1L)));
        for (int i = 0; i < 3; i++) {
            Column read = ColumnSerializer.read(columns.get(i).type(), new ByteSource(bytesOf(block.column(i))), 1);
            assertThat(TestBlocks.value(read, 0)).isEqualTo(TestBlocks.value(block.column(i), 0));
        }
    }

    @Test
    void float32IsStoredAsFloat() {
        List<ColumnDefinition> columns = TestBlocks.columns("a Float32", "b Float64");
        Block block = TestBlocks.block(columns, List.of(TestBlocks.row(1.5, 1.5)));
        assertThat(bytesOf(block.column(0))).hasSize(4);
        assertThat(bytesOf(block.column(1))).hasSize(8);
    }

    @Test
    void lowCardinalityGranuleKeepsOnlyTheDictionaryEntriesItUses() {
        List<ColumnDefinition> columns = TestBlocks.columns("lc LowCardinality(String)");
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(TestBlocks.row("value-" + i));
        }
        LowCardinalityColumn column = (LowCardinalityColumn) TestBlocks.block(columns, rows).column(0);
        Column region = column.region(500, 3);
        byte[] bytes = bytesOf(region);
        ByteSource source = new ByteSource(bytes);
        LowCardinalityColumn read = (LowCardinalityColumn) ColumnSerializer.read(columns.get(0).type(), source, 3);
        assertThat(source.atEnd()).isTrue();
        assertThat(read.dictionary().size()).isEqualTo(3);
        assertThat(List.of(TestBlocks.value(read, 0), TestBlocks.value(read, 1), TestBlocks.value(read, 2)))
                .containsExactly("value-500", "value-501", "value-502");
    }
}
