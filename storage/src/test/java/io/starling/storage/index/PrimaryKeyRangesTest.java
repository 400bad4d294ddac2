package io.starling.storage.index;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.index.PrimaryKeyRanges.KeyRange;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure checks of primary-key granule selection against a brute-force answer. */
class PrimaryKeyRangesTest {
    private static final List<ColumnDefinition> KEY = TestBlocks.columns("tenant LowCardinality(String)", "ts DateTime");
    private static final int GRANULARITY = 3;

    /** Sorted keys: tenants a..e, each with timestamps 0..9. */
    private static List<List<Object>> keys() {
        List<List<Object>> keys = new ArrayList<>();
        for (String tenant : List.of("a", "b", "c", "d", "e")) {
            for (long ts = 0; ts < 10; ts++) {
                keys.add(row(tenant, ts));
            }
        }
        return keys;
    }

    private static Block index(List<List<Object>> keys) {
        List<List<Object>> firsts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += GRANULARITY) {
            firsts.add(keys.get(i));
        }
        return TestBlocks.block(KEY, firsts);
    }

    @Test
    void selectsEveryGranuleThatHoldsAKeyInTheRangeAndFewOthers() {
        List<List<Object>> keys = keys();
        Block index = index(keys);
        List<KeyRange> ranges = List.of(
                KeyRange.equal(List.of("c")),
                KeyRange.equal(List.of("c", 4L)),
                new KeyRange(List.of("b", 8L), true, List.of("c", 2L), false),
                new KeyRange(List.of("d"), false, null, true),
                new KeyRange(null, true, List.of("a", 5L), true),
                new KeyRange(List.of("zz"), true, null, true),
                new KeyRange(List.of("c", 3L), false, List.of("c", 3L), true));
        for (KeyRange range : ranges) {
            BitSet selected = PrimaryKeyRanges.select(index, range);
            BitSet needed = new BitSet();
            for (int i = 0; i < keys.size(); i++) {
                if (inRange(keys.get(i), range)) {
                    needed.set(i / GRANULARITY);
                }
            }
            BitSet missing = (BitSet) needed.clone();
            missing.andNot(selected);
            assertThat(missing.isEmpty()).as(range + " lost granules " + missing).isTrue();
            // Only boundary granules may be extra.
            assertThat(selected.cardinality()).as(range.toString()).isLessThanOrEqualTo(needed.cardinality() + 2);
        }
        assertThat(PrimaryKeyRanges.select(index, KeyRange.equal(List.of("c"))).stream().toArray())
                .containsExactly(6, 7, 8, 9);
        assertThat(PrimaryKeyRanges.select(index, new KeyRange(List.of("zz"), true, null, true)).stream().toArray())
                .containsExactly(16);
    }

    @Test
    void unrepresentableConstantsDoNotPrune() {
        Block index = index(keys());
        assertThat(PrimaryKeyRanges.select(index, KeyRange.equal(List.of(42L))).cardinality())
                .isEqualTo(index.rowCount());
    }

    private static boolean inRange(List<Object> key, KeyRange range) {
        if (!range.low().isEmpty()) {
            int order = comparePrefix(key, range.low());
            if (order < 0 || (order == 0 && !range.lowInclusive())) {
                return false;
            }
        }
        if (!range.high().isEmpty()) {
            int order = comparePrefix(key, range.high());
            return order < 0 || (order == 0 && range.highInclusive());
        }
        return true;
    }

    private static int comparePrefix(List<Object> key, List<Object> bound) {
        for (int i = 0; i < bound.size(); i++) {
            int order = i == 0 ? ((String) key.get(0)).compareTo((String) bound.get(0))
                    : Long.compare((Long) key.get(1), (Long) bound.get(1));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
