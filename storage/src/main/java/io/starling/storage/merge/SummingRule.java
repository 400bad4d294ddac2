package io.starling.storage.merge;

import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.Int256;
import io.starling.storage.column.StringColumn;
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
    private final boolean[] isWide;
    /** Decimal256 sums, one register per summed column (null for the other kinds). */
    private final Int256[] hugeSums;
    private final Int256 hugeValue = new Int256();
    private final long[] wideHighSums;
    private final Int128 wideSum = new Int128();
    private final long[] longSums;
    private final double[] doubleSums;

    SummingRule(List<ColumnDefinition> columns, int[] summed) {
        this.columnCount = columns.size();
        this.summed = summed.clone();
        this.isDouble = new boolean[summed.length];
        this.isWide = new boolean[summed.length];
        this.wideHighSums = new long[summed.length];
        this.hugeSums = new Int256[summed.length];
        for (int i = 0; i < summed.length; i++) {
            if (columns.get(summed[i]).type().behavesAs() instanceof io.starling.storage.type.DecimalType decimal
                    && decimal.is256()) {
                hugeSums[i] = new Int256();
            }
            isDouble[i] = columns.get(summed[i]).type().physical() == PhysicalKind.DOUBLE;
            isWide[i] = columns.get(summed[i]).type().physical() == PhysicalKind.INT128;
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
            } else if (hugeSums[s] != null) {
                // Decimal256 sums wrap on overflow too
                Int256 sum = hugeSums[s].set(0);
                Int256 value = hugeValue;
                for (int i = 0; i < group.size(); i++) {
                    sum.add(value.read((StringColumn) group.block(i).column(column), group.row(i)));
                }
                allZero &= sum.isZero();
            } else if (isWide[s]) {
                // Decimal128 sums wrap on overflow, as integer sums do
                wideSum.set(0, 0);
                for (int i = 0; i < group.size(); i++) {
                    Int128Column values = (Int128Column) group.block(i).column(column);
                    wideSum.add(values.high(group.row(i)), values.low(group.row(i)));
                }
                wideHighSums[s] = wideSum.high;
                longSums[s] = wideSum.low;
                allZero &= wideSum.isZero();
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
                } else if (hugeSums[next] != null) {
                    hugeSums[next].appendTo(output.column(column));
                } else if (isWide[next]) {
                    output.column(column).appendInt128(wideHighSums[next], longSums[next]);
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
