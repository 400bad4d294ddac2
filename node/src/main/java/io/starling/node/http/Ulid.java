package io.starling.node.http;

import java.security.SecureRandom;

/** ULIDs (26 Crockford base-32 characters: 48-bit milliseconds, 80 random bits) for request and import ids. */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ulid() {
    }

    public static String next() {
        return of(System.currentTimeMillis(), RANDOM.nextLong(), RANDOM.nextInt(1 << 16));
    }

    static String of(long millis, long random64, int random16) {
        char[] text = new char[26];
        long time = millis & 0xFFFF_FFFF_FFFFL;
        for (int i = 9; i >= 0; i--) {
            text[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits: 16 from random16, 64 from random64, written as 16 characters of 5 bits.
        long high = random16 & 0xFFFF;
        long low = random64;
        for (int i = 25; i >= 10; i--) {
            text[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(text);
    }
}
