package io.starling.storage.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.AllTypes;
import io.starling.storage.TestBlocks;
import io.starling.storage.codec.CompressionCodec;
import io.starling.storage.error.StarlingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockSerdeTest {

    @Test
    void everyTypeRoundTripsWithEveryCodec() {
        Block block = TestBlocks.block(AllTypes.columns(), AllTypes.rows(300));
        for (CompressionCodec codec : CompressionCodec.values()) {
            Block decoded = BlockSerde.deserialize(BlockSerde.serialize(block, codec));
            assertThat(decoded.rowCount()).isEqualTo(300);
            assertThat(decoded.columns()).extracting(column -> column.type().name())
                    .isEqualTo(block.columns().stream().map(column -> column.type().name()).toList());
            List<List<Object>> actual = TestBlocks.rows(decoded);
            for (int row = 0; row < 300; row++) {
                assertThat(actual.get(row)).as(codec.name() + " row " + row).isEqualTo(AllTypes.row(row));
            }
        }
    }

    @Test
    void aRegionSerializesOnlyItsRows() {
        Block block = TestBlocks.block(AllTypes.columns(), AllTypes.rows(50));
        Block decoded = BlockSerde.deserialize(BlockSerde.serialize(block.region(7, 13)));
        assertThat(TestBlocks.rows(decoded)).isEqualTo(AllTypes.rows(50).subList(7, 20));
    }

    @Test
    void aBlockWithoutColumnsKeepsItsRowCount() {
        Block decoded = BlockSerde.deserialize(BlockSerde.serialize(new Block(List.of(), 42)));
        assertThat(decoded.rowCount()).isEqualTo(42);
        assertThat(decoded.columnCount()).isZero();
    }

    @Test
    void aFlippedByteIsDetected() {
        Block block = TestBlocks.block(AllTypes.columns(), AllTypes.rows(20));
        byte[] bytes = BlockSerde.serialize(block);
        bytes[bytes.length - 3] ^= 0x10;
        assertThatThrownBy(() -> BlockSerde.deserialize(bytes)).isInstanceOf(StarlingException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void truncatedBytesAreRejected() {
        byte[] bytes = BlockSerde.serialize(TestBlocks.block(AllTypes.columns(), AllTypes.rows(5)));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> BlockSerde.deserialize(cut)).isInstanceOf(StarlingException.class);
        assertThatThrownBy(() -> BlockSerde.deserialize(new byte[] {'X', 'Y', 1})).isInstanceOf(StarlingException.class)
                .hasMessageContaining("magic");
    }
}
