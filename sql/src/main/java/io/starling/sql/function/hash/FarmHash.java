package io.starling.sql.function.hash;

import static io.starling.sql.function.hash.Bytes.fetch32;
import static io.starling.sql.function.hash.Bytes.fetch64;

/** Google's FarmHash 64-bit "na" variant (FarmHash's Fingerprint64), behind {@code farmFingerprint64}. */
public final class FarmHash {
    private static final long K0 = 0xc3a5c85c97cb3127L;
    private static final long K1 = 0xb492b66fbe98f273L;
    private static final long K2 = 0x9ae16a3b2f90404fL;

    private FarmHash() {
    }

    public static long hash64(byte[] s, int offset, int length) {
        if (length <= 32) {
            return length <= 16 ? hashLen0to16(s, offset, length) : hashLen17to32(s, offset, length);
        }
        if (length <= 64) {
            return hashLen33to64(s, offset, length);
        }
        final long seed = 81;
        long x = seed;
        long y = seed * K1 + 113;
        long z = shiftMix(y * K2 + 113) * K2;
        long[] v = new long[2];
        long[] w = new long[2];
        x = x * K2 + fetch64(s, offset);
        int end = offset + ((length - 1) / 64) * 64;
        int last64 = offset + length - 64;
        int p = offset;
        do {
            x = Long.rotateRight(x + y + v[0] + fetch64(s, p + 8), 37) * K1;
            y = Long.rotateRight(y + v[1] + fetch64(s, p + 48), 42) * K1;
            x ^= w[1];
            y += v[0] + fetch64(s, p + 40);
            z = Long.rotateRight(z + w[0], 33) * K1;
            weakHash32(s, p, v[1] * K1, x + w[0], v);
            weakHash32(s, p + 32, z + w[1], y + fetch64(s, p + 16), w);
            long swap = z;
            z = x;
            x = swap;
            p += 64;
        } while (p != end);
        long mul = K1 + ((z & 0xff) << 1);
        p = last64;
        w[0] += (length - 1) & 63;
        v[0] += w[0];
        w[0] += v[0];
        x = Long.rotateRight(x + y + v[0] + fetch64(s, p + 8), 37) * mul;
        y = Long.rotateRight(y + v[1] + fetch64(s, p + 48), 42) * mul;
        x ^= w[1] * 9;
        y += v[0] * 9 + fetch64(s, p + 40);
        z = Long.rotateRight(z + w[0], 33) * mul;
        weakHash32(s, p, v[1] * mul, x + w[0], v);
        weakHash32(s, p + 32, z + w[1], y + fetch64(s, p + 16), w);
        long swap = z;
        z = x;
        x = swap;
        return hashLen16(hashLen16(v[0], w[0], mul) + shiftMix(y) * K0 + z, hashLen16(v[1], w[1], mul) + x, mul);
    }

    private static long shiftMix(long value) {
        return value ^ (value >>> 47);
    }

    private static long hashLen16(long u, long v, long mul) {
        long a = (u ^ v) * mul;
        a ^= a >>> 47;
        long b = (v ^ a) * mul;
        b ^= b >>> 47;
        return b * mul;
    }

    private static long hashLen0to16(byte[] s, int offset, int length) {
        if (length >= 8) {
            long mul = K2 + length * 2L;
            long a = fetch64(s, offset) + K2;
            long b = fetch64(s, offset + length - 8);
            long c = Long.rotateRight(b, 37) * mul + a;
            long d = (Long.rotateRight(a, 25) + b) * mul;
            return hashLen16(c, d, mul);
        }
        if (length >= 4) {
            long mul = K2 + length * 2L;
            long a = fetch32(s, offset);
            return hashLen16(length + (a << 3), fetch32(s, offset + length - 4), mul);
        }
        if (length > 0) {
            int a = s[offset] & 0xFF;
            int b = s[offset + (length >> 1)] & 0xFF;
            int c = s[offset + length - 1] & 0xFF;
            long y = (a + (b << 8)) & 0xFFFFFFFFL;
            long z = (length + (c << 2)) & 0xFFFFFFFFL;
            return shiftMix(y * K2 ^ z * K0) * K2;
        }
        return K2;
    }

    private static long hashLen17to32(byte[] s, int offset, int length) {
        long mul = K2 + length * 2L;
        long a = fetch64(s, offset) * K1;
        long b = fetch64(s, offset + 8);
        long c = fetch64(s, offset + length - 8) * mul;
        long d = fetch64(s, offset + length - 16) * K2;
        return hashLen16(Long.rotateRight(a + b, 43) + Long.rotateRight(c, 30) + d,
                a + Long.rotateRight(b + K2, 18) + c, mul);
    }

    private static long hashLen33to64(byte[] s, int offset, int length) {
        long mul = K2 + length * 2L;
        long a = fetch64(s, offset) * K2;
        long b = fetch64(s, offset + 8);
        long c = fetch64(s, offset + length - 8) * mul;
        long d = fetch64(s, offset + length - 16) * K2;
        long y = Long.rotateRight(a + b, 43) + Long.rotateRight(c, 30) + d;
        long z = hashLen16(y, a + Long.rotateRight(b + K2, 18) + c, mul);
        long e = fetch64(s, offset + 16) * mul;
        long f = fetch64(s, offset + 24);
        long g = (y + fetch64(s, offset + length - 32)) * mul;
        long h = (z + fetch64(s, offset + length - 24)) * mul;
        return hashLen16(Long.rotateRight(e + f, 43) + Long.rotateRight(g, 30) + h,
                e + Long.rotateRight(f + a, 18) + g, mul);
    }

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
