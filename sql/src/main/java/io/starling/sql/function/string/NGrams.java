package io.starling.sql.function.string;

import java.util.HashMap;
import java.util.Map;

/** 4-gram distance of two byte strings: the size of the symmetric multiset difference over the total 4-gram count. */
final class NGrams {
    private static final int N = 4;

    private NGrams() {
    }

    static double distance(byte[] first, byte[] second) {
        Map<Integer, Integer> counts = new HashMap<>();
        int firstCount = count(first, counts, 1);
        int secondCount = count(second, counts, -1);
        int total = firstCount + secondCount;
        if (total == 0) {
            return 0;
        }
        long difference = 0;
        for (int value : counts.values()) {
            difference += Math.abs(value);
        }
        return (double) difference / total;
    }

    private static int count(byte[] bytes, Map<Integer, Integer> counts, int sign) {
        int grams = 0;
        for (int i = 0; i + N <= bytes.length; i++) {
            int gram = (bytes[i] & 0xFF) << 24 | (bytes[i + 1] & 0xFF) << 16 | (bytes[i + 2] & 0xFF) << 8 | bytes[i + 3] & 0xFF;
            counts.merge(gram, sign, Integer::sum);
            grams++;
        }
        return grams;
    }
}
