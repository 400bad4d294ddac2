package io.starling.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Reading framed blocks from a direct buffer (the part readers' path) decodes and verifies like the heap path. */
class CompressedBlocksDirectReadTest {
    private static byte[] sample(int length) {
        SplittableRandom random = new SplittableRandom(9);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (random.nextInt(10) == 0 ? random.nextInt(256) : i / 64);
        }
        return bytes;
    }

    private static ByteBuffer direct(ByteSink framed) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(framed.size() + 100);
        buffer.put(framed.array(), 0, framed.size()).flip();
        return buffer;
    }

    @Test
    void decodesEveryCodecIntoTheReusedBuffer() {
        byte[] input = sample(70_000);
        for (String codec : new String[] {"LZ4", "ZSTD(1)", "NONE", "Delta(8), LZ4", "Delta(4)"}) {
            ByteSink framed = new ByteSink();
            ColumnCodec.parse(codec).encoder().encode(input, input.length, framed);
            byte[] reuse = new byte[1 << 17];
            byte[] result = CompressedBlocks.read(direct(framed), framed.size(), "test", reuse);
            assertThat(CompressedBlocks.uncompressedLength(framed.array(), 0)).isEqualTo(input.length);
            assertThat(Arrays.copyOf(result, input.length)).as(codec).isEqualTo(input);
            if (codec.equals("LZ4") || codec.equals("NONE") || codec.equals("ZSTD(1)")) {
                assertThat(result).as(codec).isSameAs(reuse);
            }
            byte[] small = CompressedBlocks.read(direct(framed), framed.size(), "test", new byte[16]);
            assertThat(Arrays.copyOf(small, input.length)).as(codec).isEqualTo(input);
        }
    }

    @Test
    void rejectsACorruptedPayload() {
        byte[] input = sample(10_000);
        ByteSink framed = new ByteSink();
        ColumnCodec.LZ4.encoder().encode(input, input.length, framed);
        ByteBuffer buffer = direct(framed);
        buffer.put(CompressedBlocks.HEADER_SIZE + 5, (byte) (buffer.get(CompressedBlocks.HEADER_SIZE + 5) ^ 1));
        assertThatThrownBy(() -> CompressedBlocks.read(buffer, framed.size(), "data.bin", null))
                .isInstanceOfSatisfying(StarlingException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CHECKSUM_DOESNT_MATCH))
                .hasMessageContaining("data.bin");
    }
}
