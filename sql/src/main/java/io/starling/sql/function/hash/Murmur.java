package io.starling.sql.function.hash;

import static io.starling.sql.function.hash.Bytes.fetch32;
import static io.starling.sql.function.hash.Bytes.fetch64;

/** Austin Appleby's MurmurHash2 (32-bit and 64A) and MurmurHash3 (x86_32 and x64_128), all with seed 0. */
public final class Murmur {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur() {
    }

    /** MurmurHash2, 32-bit; the result in the low 32 bits. */
    public static long hash2x32(byte[] data, int offset, int length) {
        final int m = 0x5bd1e995;
        int h = length;
        int p = offset;
        int end = offset + length;
        for (; p + 4 <= end; p += 4) {
            int k = (int) fetch32(data, p);
            k *= m;
            k ^= k >>> 24;
            k *= m;
            h *= m;
            h ^= k;
        }
        switch (end - p) {
            case 3:
                h ^= (data[p + 2] & 0xFF) << 16;
            case 2:
                h ^= (data[p + 1] & 0xFF) << 8;
            case 1:
                h ^= data[p] & 0xFF;
                h *= m;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h & 0xFFFFFFFFL;
    }

    /** MurmurHash64A. */
    public static long hash2x64(byte[] data, int offset, int length) {
        final long m = 0xc6a4a7935bd1e995L;
        long h = length * m;
        int p = offset;
        int end = offset + length;
        for (; p + 8 <= end; p += 8) {
            long k = fetch64(data, p);
            k *= m;
            k ^= k >>> 47;
            k *= m;
            h ^= k;
            h *= m;
        }
        int tail = end - p;
        if (tail > 0) {
            for (int i = tail - 1; i >= 0; i--) {
                h ^= (data[p + i] & 0xFFL) << (8 * i);
            }
            h *= m;
        }
        h ^= h >>> 47;
        h *= m;
        h ^= h >>> 47;
        return h;
    }

    /** MurmurHash3_x86_32; the result in the low 32 bits. */
    public static long hash3x32(byte[] data, int offset, int length) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = 0;
        int p = offset;
        int end = offset + length;
        for (; p + 4 <= end; p += 4) {
            int k = (int) fetch32(data, p);
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        for (int i = end - p - 1; i >= 0; i--) {
            k ^= (data[p + i] & 0xFF) << (8 * i);
        }
        if (end > p) {
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
        }
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & 0xFFFFFFFFL;
    }

    /** MurmurHash3_x64_128 into {@code out[0]} (h1) and {@code out[1]} (h2). */
    public static void hash3x128(byte[] data, int offset, int length, long[] out) {
        long h1 = 0;
        long h2 = 0;
        int p = offset;
        int end = offset + length;
        for (; p + 16 <= end; p += 16) {
            long k1 = fetch64(data, p);
            long k2 = fetch64(data, p + 8);
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = end - p;
        long k1 = 0;
        long k2 = 0;
        for (int i = tail - 1; i >= 8; i--) {
            k2 ^= (data[p + i] & 0xFFL) << (8 * (i - 8));
        }
        if (tail > 8) {
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
        }
        for (int i = Math.min(tail, 8) - 1; i >= 0; i--) {
            k1 ^= (data[p + i] & 0xFFL) << (8 * i);
        }
        if (tail > 0) {
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        h2 += h1;
        out[0] = h1;
        out[1] = h2;
    }

    /** MurmurHash3's 64-bit finaliser. */
    public static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** ClickHouse's {@code intHash64}: MurmurHash3's finaliser over the value xor-ed with a fixed salt. */
    public static long intHash64(long value) {
        return fmix64(value ^ 0x4CF2D2BAAE6DA887L);
    }

    /** ClickHouse's {@code intHash32}: Thomas Wang's 64-to-32 bit hash over the value xor-ed with a fixed salt. */
    public static long intHash32(long value) {
        return wang32(value ^ 0x75D9543DE018BF45L);
    }

    /** Thomas Wang's 64-to-32 bit integer hash. Result in the low 32 bits. */
    public static long wang32(long key) {
        key = ~key + (key << 18);
        key = key ^ ((key >>> 31) | (key << 33));
        key = key * 21;
        key = key ^ ((key >>> 11) | (key << 53));
        key = key + (key << 6);
        key = key ^ ((key >>> 22) | (key << 42));
        return key & 0xFFFFFFFFL;
    }
}
