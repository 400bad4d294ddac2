package io.starling.sql.exec.sort;

/**
 * The first {@code n} rows of a stable sort without sorting everything: a bounded max-heap of row numbers
 * ordered by the comparator, ties by row number (so equal keys keep input order, as {@link IntMergeSort} does).
 * O(rows log n) comparisons; the result is in sorted order.
 */
final class TopN {
    private TopN() {
    }

    /** Row numbers {@code [0, rows)} of the first {@code n} (0 < n < rows) rows in order. */
    static int[] select(int rows, int n, IntMergeSort.IntComparator comparator) {
        int[] heap = new int[n];
        int size = 0;
        for (int row = 0; row < rows; row++) {
            if (size < n) {
                heap[size] = row;
                siftUp(heap, size++, comparator);
            } else if (comparator.compare(row, heap[0]) < 0) {
                // a later row only displaces the largest kept row when strictly smaller (ties keep the earlier row)
                heap[0] = row;
                siftDown(heap, size, comparator);
            }
        }
        // pop the largest repeatedly into the tail: ascending order
        for (int end = size - 1; end > 0; end--) {
            int largest = heap[0];
            heap[0] = heap[end];
            heap[end] = largest;
            siftDown(heap, end, comparator);
        }
        return heap;
    }

    /** Total order: the comparator, then the row number. */
    private static boolean greater(int left, int right, IntMergeSort.IntComparator comparator) {
        int comparison = comparator.compare(left, right);
        return comparison > 0 || (comparison == 0 && left > right);
    }

    private static void siftUp(int[] heap, int index, IntMergeSort.IntComparator comparator) {
        int value = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!greater(value, heap[parent], comparator)) {
                break;
            }
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = value;
    }

    private static void siftDown(int[] heap, int size, IntMergeSort.IntComparator comparator) {
        int index = 0;
        int value = heap[0];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && greater(heap[child + 1], heap[child], comparator)) {
                child++;
            }
            if (!greater(heap[child], value, comparator)) {
                break;
            }
            heap[index] = heap[child];
            index = child;
        }
        heap[index] = value;
    }
}
