package io.starling.sql.function.hash;

/** Little-endian reads over byte arrays, shared by the hash algorithms. */
final class Bytes {
    private Bytes() {
    }

    static long fetch64(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48
                | (b[i + 7] & 0xFFL) << 56;
    }

    static long fetch32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    static void put64(byte[] b, int i, long value) {
        for (int k = 0; k < 8; k++) {
            b[i + k] = (byte) (value >>> (8 * k));
        }
    }
}
