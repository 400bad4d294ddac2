package io.starling.storage.merge;

import io.starling.storage.column.LongColumn;

/**
 * VersionedCollapsingMergeTree: per sorting key and version, state rows (sign 1) and cancel rows (sign -1) cancel
 * in pairs whatever order they arrived in. What is left of a version stays: the last state rows when states
 * outnumber cancels, the first cancel rows otherwise. Output is ordered by version within a key.
 */
final class VersionedCollapsingRule implements MergeRule {
    private final int signColumn;
    private final int versionColumn;
    private final ValueComparator versionComparator;
    private int[] order = new int[16];

    VersionedCollapsingRule(int signColumn, int versionColumn, ValueComparator versionComparator) {
        this.signColumn = signColumn;
        this.versionColumn = versionColumn;
        this.versionComparator = versionComparator;
    }

    @Override
    public void merge(RowGroup group, boolean finalPass, RowOutput output) {
        int size = group.size();
        if (order.length < size) {
            order = new int[Math.max(size, order.length * 2)];
        }
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // Stable insertion sort by version: groups are small, and stability keeps insertion order per version.
        for (int i = 1; i < size; i++) {
            int value = order[i];
            int j = i - 1;
            while (j >= 0 && compareVersions(group, order[j], value) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = value;
        }
        int start = 0;
        while (start < size) {
            int end = start + 1;
            while (end < size && compareVersions(group, order[start], order[end]) == 0) {
                end++;
            }
            emitVersion(group, start, end, output);
            start = end;
        }
    }

    private void emitVersion(RowGroup group, int start, int end, RowOutput output) {
        int states = 0;
        int cancels = 0;
        for (int i = start; i < end; i++) {
            long sign = sign(group, order[i]);
            states += sign == 1 ? 1 : 0;
            cancels += sign == -1 ? 1 : 0;
        }
        if (states > cancels) {
            int skip = cancels;
            for (int i = start; i < end; i++) {
                if (sign(group, order[i]) == 1 && skip-- <= 0) {
                    output.copyRow(group.block(order[i]), group.row(order[i]));
                }
            }
        } else if (cancels > states) {
            int keep = cancels - states;
            for (int i = start; i < end && keep > 0; i++) {
                if (sign(group, order[i]) == -1) {
                    output.copyRow(group.block(order[i]), group.row(order[i]));
                    keep--;
                }
            }
        }
    }

    private long sign(RowGroup group, int index) {
        return ((LongColumn) group.block(index).column(signColumn)).getLong(group.row(index));
    }

    private int compareVersions(RowGroup group, int left, int right) {
        return versionComparator.compare(group.block(left).column(versionColumn), group.row(left),
                group.block(right).column(versionColumn), group.row(right));
    }
}
