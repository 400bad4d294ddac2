package io.starling.sql.exec.window;

import io.starling.storage.column.Column;

/**
 * Partitions, peer groups and frames over rows in window order (positions into the sorted order). Frame ends
 * are exclusive. A RANGE frame bound at CURRENT ROW takes the whole peer group, as in ClickHouse; a RANGE bound
 * of n PRECEDING / FOLLOWING takes the rows whose (single, numeric) ORDER BY value lies within n of the current
 * row's, found by binary search in the partition.
 */
final class WindowFrames {
    private final int[] partitionStart;
    private final int[] partitionEnd;
    private final int[] peerStart;
    private final int[] peerEnd;
    private final boolean rows;
    private final long start;
    private final long end;
    private final double[] rangeKeys;

    WindowFrames(Column[] partition, Column[] order, int[] sorted, boolean rows, long start, long end) {
        this(partition, order, sorted, rows, start, end, false);
    }

    WindowFrames(Column[] partition, Column[] order, int[] sorted, boolean rows, long start, long end,
                 boolean descending) {
        int count = sorted.length;
        this.partitionStart = new int[count];
        this.partitionEnd = new int[count];
        this.peerStart = new int[count];
        this.peerEnd = new int[count];
        this.rows = rows;
        this.start = start;
        this.end = end;
        for (int i = 0; i < count; i++) {
            boolean newPartition = i == 0 || WindowOrder.compareKeys(partition, null, sorted[i - 1], sorted[i]) != 0;
            partitionStart[i] = newPartition ? i : partitionStart[i - 1];
            boolean newPeers = newPartition || WindowOrder.compareKeys(order, null, sorted[i - 1], sorted[i]) != 0;
            peerStart[i] = newPeers ? i : peerStart[i - 1];
        }
        for (int i = count - 1; i >= 0; i--) {
            boolean lastOfPartition = i == count - 1 || partitionStart[i + 1] != partitionStart[i];
            partitionEnd[i] = lastOfPartition ? i + 1 : partitionEnd[i + 1];
            boolean lastOfPeers = i == count - 1 || peerStart[i + 1] != peerStart[i];
            peerEnd[i] = lastOfPeers ? i + 1 : peerEnd[i + 1];
        }
        boolean offsets = !rows && ((start != 0 && start != Long.MIN_VALUE) || (end != 0 && end != Long.MAX_VALUE));
        this.rangeKeys = offsets ? rangeKeys(order[0], sorted, descending) : null;
    }

    /** The ORDER BY value of each sorted position, negated for DESC so that keys ascend within a partition. */
    private static double[] rangeKeys(Column order, int[] sorted, boolean descending) {
        Column values = order instanceof io.starling.storage.column.NullableColumn nullable ? nullable.values() : order;
        double[] keys = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            double value = values instanceof io.starling.storage.column.DoubleColumn doubles
                    ? doubles.getDouble(sorted[i])
                    : ((io.starling.storage.column.LongColumn) values).getLong(sorted[i]);
            keys[i] = descending ? -value : value;
        }
        return keys;
    }

    /** The first position of row i's partition whose key is at least {@code bound} (or above it, when strict). */
    private int search(int i, double bound, boolean strict) {
        int low = partitionStart[i];
        int high = partitionEnd[i];
        while (low < high) {
            int middle = (low + high) >>> 1;
            boolean before = strict ? rangeKeys[middle] <= bound : rangeKeys[middle] < bound;
            if (before) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    int partitionStart(int i) {
        return partitionStart[i];
    }

    int partitionEnd(int i) {
        return partitionEnd[i];
    }

    int peerStart(int i) {
        return peerStart[i];
    }

    /** True when every row's frame is its whole partition. */
    boolean wholePartition() {
        return start == Long.MIN_VALUE && end == Long.MAX_VALUE;
    }

    int frameStart(int i) {
        if (start == Long.MIN_VALUE) {
            return partitionStart[i];
        }
        if (!rows) {
            return start == 0 ? peerStart[i] : search(i, rangeKeys[i] + start, false);
        }
        return (int) Math.min(partitionEnd[i], Math.max(partitionStart[i], i + start));
    }

    int frameEnd(int i) {
        if (end == Long.MAX_VALUE) {
            return partitionEnd[i];
        }
        if (!rows) {
            return end == 0 ? peerEnd[i] : search(i, rangeKeys[i] + end, true);
        }
        return (int) Math.max(partitionStart[i], Math.min(partitionEnd[i], i + end + 1));
    }
}
