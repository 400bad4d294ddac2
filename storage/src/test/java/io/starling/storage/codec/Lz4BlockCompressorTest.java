package io.starling.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.junit.jupiter.api.Test;

/** The fast compressor must write exactly what lz4-java's pure-Java port writes (parts are byte-identical). */
class Lz4BlockCompressorTest {
    private static final LZ4Compressor REFERENCE = LZ4Factory.safeInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.safeInstance().safeDecompressor();

    private static void assertSameAsReference(byte[] input, int offset, int length) {
        byte[] expected = new byte[REFERENCE.maxCompressedLength(length)];
        int expectedLength = REFERENCE.compress(input, offset, length, expected, 0, expected.length);
        byte[] actual = new byte[Lz4BlockCompressor.maxCompressedLength(length) + 7];
        int actualLength = Lz4BlockCompressor.compress(input, offset, length, actual, 7);
        assertThat(Arrays.copyOfRange(actual, 7, 7 + actualLength))
                .as("%d bytes at %d", length, offset)
                .isEqualTo(Arrays.copyOf(expected, expectedLength));
        byte[] restored = new byte[length];
        DECOMPRESSOR.decompress(actual, 7, actualLength, restored, 0, length);
        assertThat(restored).isEqualTo(Arrays.copyOfRange(input, offset, offset + length));
    }

    @Test
    void matchesTheJavaPortOnSmallAndEdgeSizes() {
        SplittableRandom random = new SplittableRandom(1);
        for (int length = 0; length < 300; length++) {
            byte[] input = new byte[length];
            for (int i = 0; i < length; i++) {
                input[i] = (byte) random.nextInt(3);
            }
            assertSameAsReference(input, 0, length);
        }
    }

    @Test
    void matchesTheJavaPortOnRandomRepetitiveAndTextInputs() {
        SplittableRandom random = new SplittableRandom(42);
        int[] sizes = {65_535, 65_536, 65_546, 65_547, 65_548, 70_000, 200_000, 1 << 20, 12_345, 8192 * 4};
        for (int size : sizes) {
            for (int kind = 0; kind < 5; kind++) {
                byte[] input = new byte[size + 3];
                switch (kind) {
                    case 0 -> random.nextBytes(input);
                    case 1 -> {
                        for (int i = 0; i < input.length; i++) {
                            input[i] = (byte) random.nextInt(4);
                        }
                    }
                    case 2 -> {
                        // Sorted 8-byte values with small gaps, like timestamps or ids.
                        long value = random.nextLong(1L << 40);
                        for (int i = 0; i + 8 <= input.length; i += 8) {
                            value += random.nextInt(100);
                            for (int b = 0; b < 8; b++) {
                                input[i + b] = (byte) (value >>> (8 * b));
                            }
                        }
                    }
                    case 3 -> {
                        byte[] words = "tenant_0042 /products/view?id= session GET POST 200 404 {\"k\":\"v\"} "
                                .getBytes(StandardCharsets.UTF_8);
                        for (int i = 0; i < input.length; i++) {
                            input[i] = random.nextInt(50) == 0 ? (byte) random.nextInt(256)
                                    : words[(i * 7 + random.nextInt(3)) % words.length];
                        }
                    }
                    default -> Arrays.fill(input, (byte) 'a');
                }
                assertSameAsReference(input, 0, size);
                assertSameAsReference(input, 3, size);
            }
        }
    }
}
