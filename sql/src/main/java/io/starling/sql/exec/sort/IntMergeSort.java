package io.starling.sql.exec.sort;

/** A stable merge sort of an int array by a primitive comparator (no boxing). */
final class IntMergeSort {
    private static final int INSERTION_THRESHOLD = 16;

    /** Compares two ints. */
    @FunctionalInterface
    interface IntComparator {
        int compare(int left, int right);
    }

    private IntMergeSort() {
    }

    static void sort(int[] values, IntComparator comparator) {
        int[] buffer = values.clone();
        sort(buffer, values, 0, values.length, comparator);
    }

    /** Sorts {@code source[from, to)} into {@code target[from, to)}; both start with the same contents. */
    private static void sort(int[] source, int[] target, int from, int to, IntComparator comparator) {
        if (to - from <= INSERTION_THRESHOLD) {
            for (int i = from + 1; i < to; i++) {
                int value = target[i];
                int j = i - 1;
                while (j >= from && comparator.compare(target[j], value) > 0) {
                    target[j + 1] = target[j];
                    j--;
                }
                target[j + 1] = value;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        sort(target, source, from, middle, comparator);
        sort(target, source, middle, to, comparator);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || (left < middle && comparator.compare(source[left], source[right]) <= 0)) {
                target[i] = source[left++];
            } else {
                target[i] = source[right++];
            }
        }
    }
}
