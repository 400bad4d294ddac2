package io.starling.storage.merge;

import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.IntegerType;
import java.util.List;

/**
 * Stable sort of a block's rows by its sorting-key columns, as a permutation of row numbers. Works on
 * {@code int[]} with a merge sort (insertion sort for short runs); a single signed integer key is compared on
 * the raw {@code long[]} without virtual calls.
 */
public final class SortPermutation {
    private static final int INSERTION_SORT_THRESHOLD = 24;

    private SortPermutation() {
    }

    /** The row order that sorts {@code keys}, or null when the rows are already in order (nothing to do). */
    public static int[] of(List<Column> keys, int rows) {
        if (keys.isEmpty() || rows < 2) {
            return null;
        }
        Column[] columns = keys.toArray(new Column[0]);
        RowOrder order = rowOrder(columns);
        if (isSorted(order, rows)) {
            return null;
        }
        int[] permutation = new int[rows];
        for (int i = 0; i < rows; i++) {
            permutation[i] = i;
        }
        int[] scratch = permutation.clone();
        mergeSort(scratch, permutation, 0, rows, order);
        return permutation;
    }

    /** Compares two rows of the same block. */
    private interface RowOrder {
        int compare(int left, int right);
    }

    private static RowOrder rowOrder(Column[] columns) {
        if (columns.length == 1 && columns[0] instanceof LongColumn longs
                && !(longs.type() instanceof IntegerType integer && integer.bits() == 64 && !integer.signed())) {
            long[] values = longs.rawValues();
            int offset = longs.rawOffset();
            return (left, right) -> Long.compare(values[offset + left], values[offset + right]);
        }
        KeyComparator comparator = KeyComparator.forColumns(List.of(columns));
        return (left, right) -> comparator.compare(columns, left, columns, right);
    }

    private static boolean isSorted(RowOrder order, int rows) {
        for (int i = 1; i < rows; i++) {
            if (order.compare(i - 1, i) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Sorts {@code target[from, to)} using {@code source} (same content on entry) as the other buffer. */
    private static void mergeSort(int[] source, int[] target, int from, int to, RowOrder order) {
        int length = to - from;
        if (length <= INSERTION_SORT_THRESHOLD) {
            for (int i = from + 1; i < to; i++) {
                int value = target[i];
                int j = i - 1;
                while (j >= from && order.compare(target[j], value) > 0) {
                    target[j + 1] = target[j];
                    j--;
                }
                target[j + 1] = value;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(target, source, from, middle, order);
        mergeSort(target, source, middle, to, order);
        if (order.compare(source[middle - 1], source[middle]) <= 0) {
            System.arraycopy(source, from, target, from, length);
            return;
        }
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || (left < middle && order.compare(source[left], source[right]) <= 0)) {
                target[i] = source[left++];
            } else {
                target[i] = source[right++];
            }
        }
    }
}
