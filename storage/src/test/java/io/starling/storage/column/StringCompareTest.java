package io.starling.storage.column;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringCompareTest {
    @Test
    void wordAtATimeComparisonOrdersLikeUnsignedBytes() {
        Random random = new Random(7);
        byte[] alphabet = {0, 1, 'a', 'b', 't', (byte) 0x7F, (byte) 0x80, (byte) 0xC3, (byte) 0xFF};
        for (int round = 0; round < 20_000; round++) {
            byte[] left = randomBytes(random, alphabet);
            byte[] right = random.nextInt(4) == 0 ? mutate(left, random, alphabet) : randomBytes(random, alphabet);
            int leftStart = random.nextInt(3);
            int rightStart = random.nextInt(3);
            byte[] leftPadded = pad(left, leftStart);
            byte[] rightPadded = pad(right, rightStart);
            int expected = Integer.signum(Arrays.compareUnsigned(left, right));
            assertThat(Integer.signum(StringColumn.compareBytes(leftPadded, leftStart, left.length, rightPadded,
                    rightStart, right.length))).as("%s vs %s", Arrays.toString(left), Arrays.toString(right))
                    .isEqualTo(expected);
        }
    }

    private static byte[] randomBytes(Random random, byte[] alphabet) {
        byte[] bytes = new byte[random.nextInt(30)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return bytes;
    }

    /** The same bytes with one changed, cut or extended: the ranges share a long prefix. */
    private static byte[] mutate(byte[] source, Random random, byte[] alphabet) {
        byte[] copy = Arrays.copyOf(source, Math.max(0, source.length + random.nextInt(5) - 2));
        if (copy.length > 0 && random.nextBoolean()) {
            copy[random.nextInt(copy.length)] = alphabet[random.nextInt(alphabet.length)];
        }
        return copy;
    }

    private static byte[] pad(byte[] bytes, int start) {
        byte[] padded = new byte[start + bytes.length + 3];
        Arrays.fill(padded, (byte) 0x55);
        System.arraycopy(bytes, 0, padded, start, bytes.length);
        return padded;
    }
}
