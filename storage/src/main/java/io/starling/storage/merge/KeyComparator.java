package io.starling.storage.merge;

import io.starling.storage.column.Column;
import java.util.List;

/** Lexicographic comparison of rows of sorting-key columns (one {@link ValueComparator} per key column). */
public final class KeyComparator {
    private final ValueComparator[] comparators;

    private KeyComparator(ValueComparator[] comparators) {
        this.comparators = comparators;
    }

    /** A comparator for key columns shaped like {@code sample} (their types). */
    public static KeyComparator forColumns(List<Column> sample) {
        ValueComparator[] comparators = new ValueComparator[sample.size()];
        for (int i = 0; i < comparators.length; i++) {
            comparators[i] = ValueComparator.forType(sample.get(i).type());
        }
        return new KeyComparator(comparators);
    }

    public int keyCount() {
        return comparators.length;
    }

    public int compare(Column[] left, int leftRow, Column[] right, int rightRow) {
        for (int i = 0; i < comparators.length; i++) {
            int result = comparators[i].compare(left[i], leftRow, right[i], rightRow);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }
}
