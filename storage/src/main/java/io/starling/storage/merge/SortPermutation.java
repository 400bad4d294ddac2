package io.starling.storage.merge;

import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.IntegerType;
import java.util.Arrays;
import java.util.List;

/**
 * Stable sort of a block's rows by its sorting-key columns, as a permutation of row numbers.
 *
 * <p>Fast path: when every key column is an integer, a String or a LowCardinality(String), each is first turned
 * into one order-preserving {@code long} per row (integers as they are, UInt64 with the sign bit flipped, strings
 * as the dense rank of their value among the block's distinct values). When the keys' value ranges and the row
 * number fit one 63-bit word together, the rows are sorted as packed primitive longs (row number in the low bits,
 * which also makes the sort stable); otherwise by a merge sort comparing the per-column longs. Any other key type
 * uses the generic merge sort over {@link KeyComparator} (insertion sort for short runs).
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
        long[][] orderKeys = orderKeys(columns, rows);
        if (orderKeys != null) {
            int[] packed = packedSort(orderKeys, rows);
            if (packed != null) {
                return packed.length == 0 ? null : packed;
            }
            RowOrder order = (left, right) -> {
                for (long[] key : orderKeys) {
                    int result = Long.compare(key[left], key[right]);
                    if (result != 0) {
                        return result;
                    }
                }
                return 0;
            };
            return sortWith(order, rows);
        }
        return sortWith(rowOrder(columns), rows);
    }

    private static int[] sortWith(RowOrder order, int rows) {
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

    /**
     * One order-preserving long per row for every key column, or null when a column's type has no such form
     * (floats, Nullable, arrays, tuples...).
     */
    private static long[][] orderKeys(Column[] columns, int rows) {
        long[][] result = new long[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            long[] keys = switch (columns[c]) {
                case LongColumn longs -> integerKeys(longs, rows);
                case StringColumn strings -> stringRanks(strings, rows);
                case LowCardinalityColumn dictionary when dictionary.dictionary() instanceof StringColumn values -> {
                    int[] ranks = denseRanks(values, values.size(), false);
                    if (ranks == null) {
                        yield null;
                    }
                    long[] mapped = new long[rows];
                    for (int row = 0; row < rows; row++) {
                        mapped[row] = ranks[dictionary.code(row)];
                    }
                    yield mapped;
                }
                default -> null;
            };
            if (keys == null) {
                return null;
            }
            result[c] = keys;
        }
        return result;
    }

    private static long[] integerKeys(LongColumn column, int rows) {
        long[] values = column.rawValues();
        int offset = column.rawOffset();
        long[] keys = new long[rows];
        if (column.type().behavesAs() instanceof IntegerType integer && integer.bits() == 64 && !integer.signed()) {
            for (int row = 0; row < rows; row++) {
                keys[row] = values[offset + row] ^ Long.MIN_VALUE;
            }
        } else {
            System.arraycopy(values, offset, keys, 0, rows);
        }
        return keys;
    }

    private static long[] stringRanks(StringColumn column, int rows) {
        int[] ranks = denseRanks(column, rows, true);
        if (ranks == null) {
            return null;
        }
        long[] keys = new long[rows];
        for (int row = 0; row < rows; row++) {
            keys[row] = ranks[row];
        }
        return keys;
    }

    /**
     * The rank of every row's value among the distinct values of {@code column[0, rows)} in byte order (equal
     * values, equal ranks), or null when more than half the values are distinct (the generic sort is as cheap).
     */
    private static int[] denseRanks(StringColumn column, int rows, boolean giveUpWhenMostlyDistinct) {
        byte[] bytes = column.rawBytes();
        int capacity = Integer.highestOneBit(Math.max(16, rows * 2 - 1)) << 1;
        int mask = capacity - 1;
        int[] slots = new int[capacity];
        Arrays.fill(slots, -1);
        int[] distinctOf = new int[rows];
        int[] firstRows = new int[rows];
        int distinct = 0;
        for (int row = 0; row < rows; row++) {
            int start = column.valueOffset(row);
            int end = start + column.valueLength(row);
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + bytes[i];
            }
            int slot = (hash ^ (hash >>> 16)) * 0x9E3779B9 >>> 7 & mask;
            while (true) {
                int id = slots[slot];
                if (id < 0) {
                    if (giveUpWhenMostlyDistinct && distinct > rows / 2 && distinct > 64) {
                        return null;
                    }
                    slots[slot] = distinct;
                    firstRows[distinct] = row;
                    distinctOf[row] = distinct++;
                    break;
                }
                int other = firstRows[id];
                int otherStart = column.valueOffset(other);
                if (Arrays.equals(bytes, start, end, bytes, otherStart, otherStart + column.valueLength(other))) {
                    distinctOf[row] = id;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        // Sort the distinct values (by their first rows) and turn positions into ranks.
        int[] order = new int[distinct];
        for (int i = 0; i < distinct; i++) {
            order[i] = firstRows[i];
        }
        int[] scratch = order.clone();
        mergeSort(scratch, order, 0, distinct, (left, right) -> StringColumn.compare(column, left, column, right));
        int[] rankOfDistinct = new int[distinct];
        for (int position = 0; position < distinct; position++) {
            rankOfDistinct[distinctOf[order[position]]] = position;
        }
        int[] ranks = new int[rows];
        for (int row = 0; row < rows; row++) {
            ranks[row] = rankOfDistinct[distinctOf[row]];
        }
        return ranks;
    }

    /**
     * Sorts rows packed as {@code (key_0 - min_0) ... (key_n - min_n) row} in one long each: an empty array when the
     * rows are already in order, null when the keys do not fit 63 bits.
     */
    private static int[] packedSort(long[][] keys, int rows) {
        int rowBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, rows - 1));
        int[] bits = new int[keys.length];
        long[] minimums = new long[keys.length];
        int total = rowBits;
        for (int c = 0; c < keys.length; c++) {
            long[] values = keys[c];
            long min = values[0];
            long max = values[0];
            for (int row = 1; row < rows; row++) {
                long value = values[row];
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            long range = max - min;
            if (range < 0) {
                return null;
            }
            bits[c] = 64 - Long.numberOfLeadingZeros(range);
            minimums[c] = min;
            total += bits[c];
            if (total > 63) {
                return null;
            }
        }
        long[] packed = new long[rows];
        boolean sorted = true;
        long previous = -1;
        for (int row = 0; row < rows; row++) {
            long word = 0;
            for (int c = 0; c < keys.length; c++) {
                word = (word << bits[c]) | (keys[c][row] - minimums[c]);
            }
            word = (word << rowBits) | row;
            packed[row] = word;
            sorted &= word > previous;
            previous = word;
        }
        if (sorted) {
            return new int[0];
        }
        Arrays.sort(packed);
        long rowMask = (1L << rowBits) - 1;
        int[] permutation = new int[rows];
        for (int i = 0; i < rows; i++) {
            permutation[i] = (int) (packed[i] & rowMask);
        }
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
