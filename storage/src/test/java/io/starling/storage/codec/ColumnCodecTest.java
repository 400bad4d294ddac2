package io.starling.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnCodecTest {
    @Test
    void parsesChainsAndCanonicalises() {
        assertThat(ColumnCodec.parse("DoubleDelta, ZSTD(1)").text()).isEqualTo("DoubleDelta, ZSTD(1)");
        assertThat(ColumnCodec.parse("CODEC(Delta(4), LZ4)").text()).isEqualTo("Delta(4), LZ4");
        assertThat(ColumnCodec.parse("zstd").text()).isEqualTo("ZSTD(1)");
        assertThat(ColumnCodec.parse(null)).isEqualTo(ColumnCodec.LZ4);
        assertThat(ColumnCodec.parse(" T64 ").steps()).hasSize(1);
        assertThat(ColumnCodec.parse("Gorilla").resolve(DataTypes.parse("Float32")).steps().get(0).parameter()).isEqualTo(4);
        assertThat(ColumnCodec.parse("Delta").resolve(DataTypes.parse("DateTime")).text()).isEqualTo("Delta(4)");
    }

    @Test
    void rejectsBadChainsWithAHint() {
        assertThatThrownBy(() -> ColumnCodec.parse("Brotli")).isInstanceOf(StarlingException.class)
                .hasMessageContaining("unknown").satisfies(e -> assertThat(((StarlingException) e).errorCode())
                        .isEqualTo(ErrorCode.BAD_ARGUMENTS));
        assertThatThrownBy(() -> ColumnCodec.parse("ZSTD(1), Delta")).hasMessageContaining("must be the last");
        assertThatThrownBy(() -> ColumnCodec.parse("ZSTD(99)")).hasMessageContaining("between 1 and 22");
        assertThatThrownBy(() -> ColumnCodec.parse("Delta(3)")).hasMessageContaining("1, 2, 4 or 8");
        assertThatThrownBy(() -> ColumnCodec.parse("DoubleDelta").resolve(DataTypes.parse("String")))
                .hasMessageContaining("not applicable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Delta(1), LZ4", "Delta(2)", "Delta(4), ZSTD(3)", "Delta(8), NONE", "DoubleDelta",
            "DoubleDelta, ZSTD(1)", "Gorilla", "Gorilla, LZ4", "T64", "T64, ZSTD(5)", "Delta, DoubleDelta, LZ4",
            "LZ4", "ZSTD(7)", "NONE"})
    void everyChainRoundTripsEveryWidthAndTail(String text) {
        Random random = new Random(text.hashCode());
        for (int width : new int[] {1, 2, 4, 8}) {
            ColumnCodec codec = resolveWithWidth(ColumnCodec.parse(text), width);
            for (int length : new int[] {0, 1, width - 1, width, 3 * width + 1, 8192 * width + width / 2}) {
                if (length < 0) {
                    continue;
                }
                for (byte[] data : new byte[][] {sortedWords(random, length, width), noise(random, length)}) {
                    ByteSink framed = new ByteSink();
                    codec.encoder().encode(data, data.length, framed);
                    byte[] back = CompressedBlocks.read(framed.array(), 0, framed.size(), "test");
                    assertThat(back).as(text + " width " + width + " length " + length).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void plainCodecsWriteTheSameBytesAsBefore() {
        byte[] data = sortedWords(new Random(1), 4000, 4);
        ByteSink viaCodec = new ByteSink();
        ColumnCodec.LZ4.encoder().encode(data, data.length, viaCodec);
        ByteSink direct = new ByteSink();
        CompressedBlocks.write(CompressionCodec.LZ4, data, data.length, direct);
        assertThat(viaCodec.toByteArray()).isEqualTo(direct.toByteArray());
    }

    @Test
    void transformsShrinkSortedTimestampsAndSparseFloats() {
        byte[] timestamps = sortedWords(new Random(3), 8192 * 4, 4);
        assertThat(encodedSize("DoubleDelta, LZ4", timestamps, 4)).isLessThan(encodedSize("LZ4", timestamps, 4) / 2);
        assertThat(encodedSize("T64", timestamps, 4)).isLessThan(timestamps.length / 2);
        ByteSink floats = new ByteSink();
        Random random = new Random(4);
        for (int i = 0; i < 8192; i++) {
            floats.writeLong(Double.doubleToLongBits(random.nextInt(100) == 0 ? random.nextDouble() * 100 : 0.0));
        }
        byte[] revenue = floats.toByteArray();
        assertThat(encodedSize("Gorilla", revenue, 8)).isLessThan(revenue.length / 10);
    }

    @Test
    void aCorruptChainIsReportedNotMisread() {
        byte[] data = sortedWords(new Random(5), 800, 8);
        ByteSink framed = new ByteSink();
        resolveWithWidth(ColumnCodec.parse("DoubleDelta, NONE"), 8).encoder().encode(data, data.length, framed);
        byte[] bytes = framed.toByteArray();
        bytes[bytes.length - 3] ^= 0x40;
        assertThatThrownBy(() -> CompressedBlocks.read(bytes, 0, bytes.length, "test"))
                .isInstanceOf(StarlingException.class)
                .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.CHECKSUM_DOESNT_MATCH));
    }

    private static int encodedSize(String text, byte[] data, int width) {
        ByteSink framed = new ByteSink();
        resolveWithWidth(ColumnCodec.parse(text), width).encoder().encode(data, data.length, framed);
        return framed.size();
    }

    private static ColumnCodec resolveWithWidth(ColumnCodec codec, int width) {
        String type = switch (width) {
            case 1 -> "UInt8";
            case 2 -> "UInt16";
            case 4 -> "UInt32";
            default -> "Int64";
        };
        return codec.resolve(DataTypes.parse(type));
    }

    /** Nearly sorted words with small jitter, like timestamps. */
    private static byte[] sortedWords(Random random, int length, int width) {
        byte[] bytes = new byte[length];
        long value = 1_704_067_200L;
        int words = length / width;
        for (int i = 0; i < words; i++) {
            value += random.nextInt(3);
            CodecTransforms.put(bytes, i * width, width, value + random.nextInt(2));
        }
        for (int i = words * width; i < length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return bytes;
    }

    private static byte[] noise(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Arrays.copyOf(bytes, length);
    }
}
