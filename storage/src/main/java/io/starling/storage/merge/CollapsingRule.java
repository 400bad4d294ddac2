package io.starling.storage.merge;

import io.starling.storage.column.LongColumn;

/**
 * CollapsingMergeTree, as ClickHouse documents it: per sorting key, with P state rows (sign 1) and C cancel rows
 * (sign -1) in insertion order, keep the first cancel row and the last state row when P = C and the last row is
 * a state row; the last state row when P > C; the first cancel row when P < C; nothing otherwise. Rows with
 * another sign value are dropped.
 */
final class CollapsingRule implements MergeRule {
    private final int signColumn;

    CollapsingRule(int signColumn) {
        this.signColumn = signColumn;
    }

    @Override
    public void merge(RowGroup group, boolean finalPass, RowOutput output) {
        int states = 0;
        int cancels = 0;
        int firstCancel = -1;
        int lastState = -1;
        int last = -1;
        for (int i = 0; i < group.size(); i++) {
            long sign = ((LongColumn) group.block(i).column(signColumn)).getLong(group.row(i));
            if (sign == 1) {
                states++;
                lastState = i;
                last = i;
            } else if (sign == -1) {
                cancels++;
                if (firstCancel < 0) {
                    firstCancel = i;
                }
                last = i;
            }
        }
        if (states == cancels) {
            if (states > 0 && last == lastState) {
                output.copyRow(group.block(firstCancel), group.row(firstCancel));
                output.copyRow(group.block(lastState), group.row(lastState));
            }
        } else if (states > cancels) {
            output.copyRow(group.block(lastState), group.row(lastState));
        } else {
            output.copyRow(group.block(firstCancel), group.row(firstCancel));
        }
    }
}
