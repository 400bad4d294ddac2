package io.starling.sql.function.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * One of ClickHouse's hash functions that take any number of arguments of any type: how it hashes bytes, how it
 * combines the hashes of several arguments or array elements, and whether plain numbers go through
 * {@code intHash64} instead of their little-endian bytes (only cityHash64 does).
 */
public enum HashAlgorithm {
    CITY_HASH_64("cityHash64", false, true) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            return CityHash102.hash64(data, offset, length);
        }

        @Override
        long combine(long first, long second) {
            return CityHash102.hash128to64(first, second);
        }
    },
    FARM_FINGERPRINT_64("farmFingerprint64", false, false) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            return FarmHash.hash64(data, offset, length);
        }

        @Override
        long combine(long first, long second) {
            return CityHash102.hash128to64(first, second);
        }
    },
    SIP_HASH_64("sipHash64", false, false) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            return SipHash.hash64(data, offset, length);
        }

        @Override
        long combine(long first, long second) {
            return pairHash(this, first, second);
        }
    },
    HALF_MD5("halfMD5", false, false) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            byte[] digest = digest("MD5", data, offset, length);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = value << 8 | (digest[i] & 0xFF);
            }
            return value;
        }

        @Override
        long combine(long first, long second) {
            return pairHash(this, first, second);
        }
    },
    XX_HASH_64("xxHash64", false, false) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            return XX64.hash(data, offset, length, 0);
        }

        @Override
        long combine(long first, long second) {
            return pairHash(this, first, second);
        }
    },
    XX_HASH_32("xxHash32", true, false) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            return XX32.hash(data, offset, length, 0) & 0xFFFFFFFFL;
        }

        @Override
        long combine(long first, long second) {
            byte[] pair = new byte[8];
            Bytes.put64(pair, 0, first & 0xFFFFFFFFL | second << 32);
            return bytes(pair, 0, 8);
        }
    },
    MURMUR2_64("murmurHash2_64", false, false) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            return Murmur.hash2x64(data, offset, length);
        }

        @Override
        long combine(long first, long second) {
            return Murmur.intHash64(first) ^ second;
        }
    },
    MURMUR2_32("murmurHash2_32", true, false) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            return Murmur.hash2x32(data, offset, length);
        }

        @Override
        long combine(long first, long second) {
            return Murmur.intHash32(first) ^ second;
        }
    },
    MURMUR3_64("murmurHash3_64", false, false) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            long[] pair = new long[2];
            Murmur.hash3x128(data, offset, length, pair);
            return pair[0] ^ pair[1];
        }

        @Override
        long combine(long first, long second) {
            return Murmur.intHash64(first) ^ second;
        }
    },
    MURMUR3_32("murmurHash3_32", true, false) {
        @Override
        long bytes(byte[] data, int offset, int length) {
            return Murmur.hash3x32(data, offset, length);
        }

        @Override
        long combine(long first, long second) {
            return Murmur.intHash32(first) ^ second;
        }
    };

    private static final XXHash64 XX64 = XXHashFactory.fastestJavaInstance().hash64();
    private static final XXHash32 XX32 = XXHashFactory.fastestJavaInstance().hash32();

    private final String functionName;
    private final boolean bits32;
    private final boolean intHashForNumbers;

    HashAlgorithm(String functionName, boolean bits32, boolean intHashForNumbers) {
        this.functionName = functionName;
        this.bits32 = bits32;
        this.intHashForNumbers = intHashForNumbers;
    }

    public String functionName() {
        return functionName;
    }

    /** True for the UInt32 results (kept in the low 32 bits of a long). */
    public boolean bits32() {
        return bits32;
    }

    boolean intHashForNumbers() {
        return intHashForNumbers;
    }

    abstract long bytes(byte[] data, int offset, int length);

    /** Folds the hash of the next argument (or array element) into the running hash. */
    abstract long combine(long first, long second);

    /** The hash of an integer used for array lengths. */
    long intHash(long value) {
        return bits32 ? Murmur.intHash32(value) : Murmur.intHash64(value);
    }

    public long hashString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes(bytes, 0, bytes.length);
    }

    private static long pairHash(HashAlgorithm algorithm, long first, long second) {
        byte[] pair = new byte[16];
        Bytes.put64(pair, 0, first);
        Bytes.put64(pair, 8, second);
        return algorithm.bytes(pair, 0, 16);
    }

    static byte[] digest(String algorithm, byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(data, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks " + algorithm, e);
        }
    }
}
