package io.starling.sql.function.hash;

import static io.starling.sql.function.hash.Bytes.fetch32;
import static io.starling.sql.function.hash.Bytes.fetch64;

/**
 * Google's CityHash64 as released in version 1.0.2, the version ClickHouse froze for {@code cityHash64} (later
 * CityHash releases changed the short-input paths and give different values).
 */
public final class CityHash102 {
    private static final long K0 = 0xc3a5c85c97cb3127L;
    private static final long K1 = 0xb492b66fbe98f273L;
    private static final long K2 = 0x9ae16a3b2f90404fL;
    private static final long K3 = 0xc949d7c7509e6557L;
    private static final long K_MUL = 0x9ddfea08eb382d69L;

    private CityHash102() {
    }

    /** CityHash's 128-to-64 bit reduction; ClickHouse combines the hashes of several arguments with it. */
    public static long hash128to64(long low, long high) {
        long a = (low ^ high) * K_MUL;
        a ^= a >>> 47;
        long b = (high ^ a) * K_MUL;
        b ^= b >>> 47;
        return b * K_MUL;
    }

    public static long hash64(byte[] s, int offset, int length) {
        if (length <= 32) {
            return length <= 16 ? hashLen0to16(s, offset, length) : hashLen17to32(s, offset, length);
        }
        if (length <= 64) {
            return hashLen33to64(s, offset, length);
        }
        int end = offset + length;
        long x = fetch64(s, offset);
        long y = fetch64(s, end - 16) ^ K1;
        long z = fetch64(s, end - 56) ^ K0;
        long[] v = new long[2];
        long[] w = new long[2];
        weakHash32(s, end - 64, length, y, v);
        weakHash32(s, end - 32, length * K1, K0, w);
        z += shiftMix(v[1]) * K1;
        x = Long.rotateRight(z + x, 39) * K1;
        y = Long.rotateRight(y, 33) * K1;
        int remaining = (length - 1) & ~63;
        int p = offset;
        do {
            x = Long.rotateRight(x + y + v[0] + fetch64(s, p + 16), 37) * K1;
            y = Long.rotateRight(y + v[1] + fetch64(s, p + 48), 42) * K1;
            x ^= w[1];
            y ^= v[0];
            z = Long.rotateRight(z ^ w[0], 33);
            weakHash32(s, p, v[1] * K1, x + w[0], v);
            weakHash32(s, p + 32, z + w[1], y, w);
            long swap = z;
            z = x;
            x = swap;
            p += 64;
            remaining -= 64;
        } while (remaining != 0);
        return hash128to64(hash128to64(v[0], w[0]) + shiftMix(y) * K1 + z, hash128to64(v[1], w[1]) + x);
    }

    private static long shiftMix(long value) {
        return value ^ (value >>> 47);
    }

    private static long hashLen0to16(byte[] s, int offset, int length) {
        if (length > 8) {
            long a = fetch64(s, offset);
            long b = fetch64(s, offset + length - 8);
            return hash128to64(a, Long.rotateRight(b + length, length)) ^ b;
        }
        if (length >= 4) {
            long a = fetch32(s, offset);
            return hash128to64(length + (a << 3), fetch32(s, offset + length - 4));
        }
        if (length > 0) {
            int a = s[offset] & 0xFF;
            int b = s[offset + (length >> 1)] & 0xFF;
            int c = s[offset + length - 1] & 0xFF;
            long y = (a + (b << 8)) & 0xFFFFFFFFL;
            long z = (length + (c << 2)) & 0xFFFFFFFFL;
            return shiftMix(y * K2 ^ z * K3) * K2;
        }
        return K2;
    }

    private static long hashLen17to32(byte[] s, int offset, int length) {
        long a = fetch64(s, offset) * K1;
        long b = fetch64(s, offset + 8);
        long c = fetch64(s, offset + length - 8) * K2;
        long d = fetch64(s, offset + length - 16) * K0;
        return hash128to64(Long.rotateRight(a - b, 43) + Long.rotateRight(c, 30) + d,
                a + Long.rotateRight(b ^ K3, 20) - c + length);
    }

    private static long hashLen33to64(byte[] s, int offset, int length) {
        int end = offset + length;
        long z = fetch64(s, offset + 24);
        long a = fetch64(s, offset) + (length + fetch64(s, end - 16)) * K0;
        long b = Long.rotateRight(a + z, 52);
        long c = Long.rotateRight(a, 37);
        a += fetch64(s, offset + 8);
        c += Long.rotateRight(a, 7);
        a += fetch64(s, offset + 16);
        long vf = a + z;
        long vs = b + Long.rotateRight(a, 31) + c;
        a = fetch64(s, offset + 16) + fetch64(s, end - 32);
        z = fetch64(s, end - 8);
        b = Long.rotateRight(a + z, 52);
        c = Long.rotateRight(a, 37);
        a += fetch64(s, end - 24);
        c += Long.rotateRight(a, 7);
        a += fetch64(s, end - 16);
        long wf = a + z;
        long ws = b + Long.rotateRight(a, 31) + c;
        long r = shiftMix((vf + ws) * K2 + (wf + vs) * K0);
        return shiftMix(r * K0 + vs) * K2;
    }

    /** Hashes 32 bytes at {@code p} with seeds a and b into {@code out[0..1]}. */
    private static void weakHash32(byte[] s, int p, long a, long b, long[] out) {
        long w = fetch64(s, p);
        long x = fetch64(s, p + 8);
        long y = fetch64(s, p + 16);
        long z = fetch64(s, p + 24);
        a += w;
        b = Long.rotateRight(b + a + z, 21);
        long c = a;
        a += x;
        a += y;
        b += Long.rotateRight(a, 44);
        out[0] = a + z;
        out[1] = b + c;
    }
}
