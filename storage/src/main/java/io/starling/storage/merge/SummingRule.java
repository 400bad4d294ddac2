package io.starling.storage.merge;

import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.PhysicalKind;
import io.starling.storage.engine.ColumnDefinition;
import java.util.List;

/**
 * SummingMergeTree: one row per sorting key whose summed columns hold the sums of the group (integers wrap like
 * ClickHouse's) and whose other columns hold the first row's values. A row whose sums are all zero is dropped.
 */
final class SummingRule implements MergeRule {
    private final int columnCount;
    private final int[] summed;
    private final boolean[] isDouble;
    private final long[] longSums;
    private final double[] doubleSums;

    SummingRule(List<ColumnDefinition> columns, int[] summed) {
        this.columnCount = columns.size();
        this.summed = summed.clone();
        this.isDouble = new boolean[summed.length];
        for (int i = 0; i < summed.length; i++) {
            isDouble[i] = columns.get(summed[i]).type().physical() == PhysicalKind.DOUBLE;
        }
        this.longSums = new long[summed.length];
        this.doubleSums = new double[summed.length];
    }

    @Override
    public void merge(RowGroup group, boolean finalPass, RowOutput output) {
        boolean allZero = true;
        for (int s = 0; s < summed.length; s++) {
            int column = summed[s];
            if (isDouble[s]) {
                double sum = 0;
                for (int i = 0; i < group.size(); i++) {
                    sum += ((DoubleColumn) group.block(i).column(column)).getDouble(group.row(i));
                }
                doubleSums[s] = sum;
                allZero &= sum == 0;
            } else {
                long sum = 0;
                for (int i = 0; i < group.size(); i++) {
                    sum += ((LongColumn) group.block(i).column(column)).getLong(group.row(i));
                }
                longSums[s] = sum;
                allZero &= sum == 0;
            }
        }
        if (allZero && summed.length > 0) {
            return;
        }
        if (group.size() == 1) {
            output.copyRow(group.block(0), group.row(0));
            return;
        }
        int next = 0;
        for (int column = 0; column < columnCount; column++) {
            if (next < summed.length && summed[next] == column) {
                if (isDouble[next]) {
                    output.column(column).appendDouble(doubleSums[next]);
                } else {
                    output.column(column).appendLong(longSums[next]);
                }
                next++;
            } else {
                output.column(column).appendFrom(group.block(0).column(column), group.row(0));
            }
        }
        output.finishRow();
    }
}
