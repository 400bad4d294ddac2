package io.starling.sql.function.aggregate;

import java.util.Arrays;

/** Growth of per-group state arrays. */
final class Grow {
    private Grow() {
    }

    static int capacity(int current, int needed) {
        return current >= needed ? current : Math.max(needed, Math.max(16, current * 2));
    }

    static long[] longs(long[] array, int needed) {
        return array.length >= needed ? array : Arrays.copyOf(array, capacity(array.length, needed));
    }

    static double[] doubles(double[] array, int needed) {
        return array.length >= needed ? array : Arrays.copyOf(array, capacity(array.length, needed));
    }

    static boolean[] booleans(boolean[] array, int needed) {
        return array.length >= needed ? array : Arrays.copyOf(array, capacity(array.length, needed));
    }

    static <T> T[] objects(T[] array, int needed) {
        return array.length >= needed ? array : Arrays.copyOf(array, capacity(array.length, needed));
    }
}
