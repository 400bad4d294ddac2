package io.starling.storage.index;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.engine.GranuleFilter;
import io.starling.storage.merge.ValueComparator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Primary-key granule selection: which granules may hold rows whose sorting-key prefix lies in a range, judged
 * from {@code primary.idx} (the key of each granule's first row) alone. Rows of granule g lie between the index
 * entries of g and g + 1 (both inclusive), so g is skipped when entry g + 1 sorts below the range or entry g above
 * it. Pure functions; thread-safe.
 */
public final class PrimaryKeyRanges {
    private PrimaryKeyRanges() {
    }

    /**
     * A range over the first key columns. {@code low}/{@code high} hold constants for a prefix of the key (their
     * lengths may differ; null or empty = unbounded), as {@link IndexPredicate} constants. {@code tenant_id = 'x'} is
     * {@code new KeyRange(List.of("x"), true, List.of("x"), true)}.
     */
    public record KeyRange(List<Object> low, boolean lowInclusive, List<Object> high, boolean highInclusive) {
        public KeyRange {
            low = low == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(low));
            high = high == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(high));
        }

        /** key prefix = values (every component equal). */
        public static KeyRange equal(List<?> values) {
            List<Object> copy = new ArrayList<>(values);
            return new KeyRange(copy, true, copy, true);
        }
    }

    /** Granules (of {@code primaryIndex.rowCount()}) that may hold keys in {@code range}. */
    public static BitSet select(Block primaryIndex, KeyRange range) {
        int granules = primaryIndex.rowCount();
        BitSet result = new BitSet(granules);
        result.set(0, granules);
        if (granules == 0) {
            return result;
        }
        Bound low = bound(primaryIndex, range.low());
        Bound high = bound(primaryIndex, range.high());
        if (low == null && high == null) {
            return result;
        }
        for (int g = 0; g < granules; g++) {
            boolean skip = false;
            if (high != null) {
                int order = high.compareEntry(primaryIndex, g);
                // Entry g is the granule's smallest key: above the range (or equal to an exclusive high) skips it.
                skip = order > 0 || (order == 0 && !range.highInclusive() && high.complete);
            }
            if (!skip && low != null && g + 1 < granules) {
                int order = low.compareEntry(primaryIndex, g + 1);
                // Entry g + 1 bounds the granule from above: below the range (or equal to an exclusive low) skips it.
                skip = order < 0 || (order == 0 && !range.lowInclusive() && low.complete);
            }
            if (skip) {
                result.clear(g);
            }
        }
        return result;
    }

    /** A scan filter selecting each part's granules by {@link #select}. */
    public static GranuleFilter filter(KeyRange range) {
        return part -> select(part.primaryIndex(), range);
    }

    /**
     * Constants converted to the key columns' types; null when a constant cannot be represented (no pruning).
     * {@code complete} is false when the bound had to be cut short (a constant beyond the key or not representable):
     * exclusivity then cannot apply at the boundary.
     */
    private record Bound(Column[] values, ValueComparator[] comparators, boolean complete) {
        /** Compares the entry's key prefix with this bound: &lt; 0 when the entry sorts before the bound. */
        int compareEntry(Block index, int row) {
            for (int i = 0; i < values.length; i++) {
                int order = comparators[i].compare(index.column(i), row, values[i], 0);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }
    }

    private static Bound bound(Block index, List<Object> constants) {
        if (constants.isEmpty()) {
            return null;
        }
        int length = Math.min(constants.size(), index.columnCount());
        Column[] values = new Column[length];
        ValueComparator[] comparators = new ValueComparator[length];
        for (int i = 0; i < length; i++) {
            Column keyColumn = index.column(i);
            Column constant = IndexValues.keyConstant(keyColumn.type(), constants.get(i));
            if (constant == null) {
                if (i == 0) {
                    return null;
                }
                Column[] shorter = java.util.Arrays.copyOf(values, i);
                return new Bound(shorter, java.util.Arrays.copyOf(comparators, i), false);
            }
            values[i] = constant;
            comparators[i] = ValueComparator.forType(keyColumn.type());
        }
        return new Bound(values, comparators, length == constants.size());
    }
}
