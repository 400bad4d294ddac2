package io.starling.storage.merge;

import io.starling.storage.column.LongColumn;

/**
 * ReplacingMergeTree: one row per sorting key, the one with the highest version (the last one among equal
 * versions); without a version column the last inserted. With an is_deleted column, a surviving row whose flag
 * is 1 is removed on a final pass only (elsewhere it must stay to mask older rows in parts not merged yet).
 */
final class ReplacingRule implements MergeRule {
    private final int versionColumn;
    private final ValueComparator versionComparator;
    private final int isDeletedColumn;

    /** @param versionColumn -1 for none; @param isDeletedColumn -1 for none */
    ReplacingRule(int versionColumn, ValueComparator versionComparator, int isDeletedColumn) {
        this.versionColumn = versionColumn;
        this.versionComparator = versionComparator;
        this.isDeletedColumn = isDeletedColumn;
    }

    @Override
    public void merge(RowGroup group, boolean finalPass, RowOutput output) {
        int best = group.size() - 1;
        if (versionColumn >= 0) {
            best = 0;
            for (int i = 1; i < group.size(); i++) {
                if (versionComparator.compare(group.block(i).column(versionColumn), group.row(i),
                        group.block(best).column(versionColumn), group.row(best)) >= 0) {
                    best = i;
                }
            }
        }
        if (finalPass && isDeletedColumn >= 0
                && ((LongColumn) group.block(best).column(isDeletedColumn)).getLong(group.row(best)) != 0) {
            return;
        }
        output.copyRow(group.block(best), group.row(best));
    }
}
