package io.starling.sql.function.hash;

import static io.starling.sql.function.hash.Bytes.fetch64;

/**
 * SipHash-2-4 (Aumasson and Bernstein) with a zero key, as ClickHouse's {@code sipHash64}. The 128-bit form is
 * ClickHouse's own finish of the same state: {@code v0 ^ v1} then {@code v2 ^ v3}, little-endian.
 */
public final class SipHash {
    private long v0;
    private long v1;
    private long v2;
    private long v3;

    private SipHash() {
    }

    public static long hash64(byte[] data, int offset, int length) {
        SipHash state = new SipHash();
        state.absorb(data, offset, length);
        return state.v0 ^ state.v1 ^ state.v2 ^ state.v3;
    }

    /** The 16 bytes of {@code sipHash128} written into {@code out} at {@code at}. */
    public static void hash128(byte[] data, int offset, int length, byte[] out, int at) {
        SipHash state = new SipHash();
        state.absorb(data, offset, length);
        Bytes.put64(out, at, state.v0 ^ state.v1);
        Bytes.put64(out, at + 8, state.v2 ^ state.v3);
    }

    private void absorb(byte[] data, int offset, int length) {
        v0 = 0x736f6d6570736575L;
        v1 = 0x646f72616e646f6dL;
        v2 = 0x6c7967656e657261L;
        v3 = 0x7465646279746573L;
        int end = offset + length;
        int p = offset;
        for (; p + 8 <= end; p += 8) {
            compress(fetch64(data, p));
        }
        long last = (long) (length & 0xFF) << 56;
        for (int i = 0; p + i < end; i++) {
            last |= (data[p + i] & 0xFFL) << (8 * i);
        }
        compress(last);
        v2 ^= 0xFF;
        for (int i = 0; i < 4; i++) {
            round();
        }
    }

    private void compress(long word) {
        v3 ^= word;
        round();
        round();
        v0 ^= word;
    }

    private void round() {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
    }
}
