package io.starling.storage.index;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.TestBlocks;

import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeSnapshot;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.error.StarlingException;
import io.starling.storage.index.IndexPredicate.Op;
import io.starling.storage.part.DataPart;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds a part with every index type and checks that pruning is sound (never drops a match) and effective. */
class SkipIndexTest {
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("id UInt32", "action LowCardinality(String)",
            "message String", "score Nullable(Float64)", "tags Array(String)");
    private static final int GRANULARITY = 4;
    private static final int ROWS = 64;

    @TempDir
    Path directory;

    @Test
    void parsesIndexLinesAndRejectsBadOnes() {
        IndexDefinition bloom = IndexDefinition.parse("INDEX idx1 action TYPE bloom_filter GRANULARITY 3");
        assertThat(bloom).isEqualTo(new IndexDefinition("idx1", "action", "bloom_filter", List.of(), 3));
        assertThat(bloom.column()).isEqualTo("action");
        IndexDefinition ngram = IndexDefinition.parse("idx2 lower(message) TYPE ngrambf_v1(3, 256, 2, 0) GRANULARITY 1");
        assertThat(ngram.expression()).isEqualTo("lower(message)");
        assertThat(ngram.column()).isNull();
        assertThat(ngram.arguments()).containsExactly("3", "256", "2", "0");
        assertThat(IndexDefinition.parse("INDEX s `my col` TYPE set(10)").granularity()).isEqualTo(1);
        assertThatThrownBy(() -> IndexDefinition.parse("INDEX x a TYPE hash")).isInstanceOf(StarlingException.class)
                .hasMessageContaining("unknown");
        assertThatThrownBy(() -> IndexDefinition.parse("INDEX x a TYPE set")).hasMessageContaining("one argument");
        assertThatThrownBy(() -> IndexDefinition.parse("INDEX x a")).hasMessageContaining("TYPE is missing");
    }

    @Test
    void everyIndexTypePrunesWithoutLosingMatches() {
        TableDefinition definition = new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "",
                Map.of("index_granularity", Integer.toString(GRANULARITY))).withIndexes(List.of(
                IndexDefinition.parse("INDEX mm score TYPE minmax GRANULARITY 1"),
                IndexDefinition.parse("INDEX st action TYPE set(2) GRANULARITY 1"),
                IndexDefinition.parse("INDEX bf tags TYPE bloom_filter(0.01) GRANULARITY 2"),
                IndexDefinition.parse("INDEX tk message TYPE tokenbf_v1(256, 3, 0) GRANULARITY 1"),
                IndexDefinition.parse("INDEX ng message TYPE ngrambf_v1(3, 256, 2, 7) GRANULARITY 1"),
                IndexDefinition.parse("INDEX ex lower(message) TYPE minmax GRANULARITY 1")));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String action = i < 40 ? (i % 8 < 4 ? "view" : "click") : "buy";
            String message = "user " + (i / 4) + " did " + action + (i == 50 ? " special-token here" : "");
            Double score = i % 16 == 0 ? null : (double) i;
            rows.add(row((long) i, action, message, score, List.of("t" + (i / 4), "all")));
        }
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            table.insert(TestBlocks.block(COLUMNS, rows));
            try (MergeTreeSnapshot snapshot = table.snapshot()) {
                DataPart part = snapshot.parts().get(0);
                assertThat(part.skipIndexes()).extracting(index -> index.definition().name())
                        .containsExactlyInAnyOrder("mm", "st", "bf", "tk", "ng");
                assertThat(Files.exists(part.directory().resolve("skp_idx_bf.idx"))).isTrue();

                check(part, rows, IndexPredicate.of("score", Op.GREATER, 60), row -> score(row) > 60, 2);
                check(part, rows, IndexPredicate.of("score", Op.LESS_OR_EQUAL, 3L), row -> score(row) <= 3, 1);
                check(part, rows, IndexPredicate.of("score", Op.EQUALS, 17.0), row -> score(row) == 17, 1);
                check(part, rows, IndexPredicate.of("action", Op.EQUALS, "buy"), row -> row.get(1).equals("buy"), 6);
                check(part, rows, IndexPredicate.of("action", Op.IN, "nope", "view"), row -> row.get(1).equals("view"), 5);
                check(part, rows, IndexPredicate.of("tags", Op.HAS, "t9"), row -> ((List<?>) row.get(4)).contains("t9"), 2);
                check(part, rows, IndexPredicate.of("message", Op.HAS_TOKEN, "special"),
                        row -> row.get(2).toString().contains("special"), 1);
                check(part, rows, IndexPredicate.of("message", Op.LIKE, "%did buy special%"),
                        row -> row.get(2).toString().contains("did buy special"), 1);
                check(part, rows, IndexPredicate.of("message", Op.EQUALS, "user 3 did view"),
                        row -> row.get(2).equals("user 3 did view"), 1);
                // Predicates no index can judge keep every granule.
                assertThat(SkipIndexes.granules(part, IndexPredicate.of("id", Op.EQUALS, 3L)).cardinality())
                        .isEqualTo(ROWS / GRANULARITY);
                assertThat(SkipIndexes.granules(part, IndexPredicate.of("score", Op.EQUALS, "not a number"))
                        .cardinality()).isEqualTo(ROWS / GRANULARITY);

                BitSet both = SkipIndexes.granules(part, List.of(IndexPredicate.of("action", Op.EQUALS, "buy"),
                        IndexPredicate.of("score", Op.GREATER, 60)));
                assertThat(both.stream().toArray()).containsExactly(15);
                List<List<Object>> read = TestBlocks.drain(snapshot.scan(List.of("id"), new ScanStatistics(),
                        SkipIndexes.filter(List.of(IndexPredicate.of("message", Op.HAS_TOKEN, "special")))));
                assertThat(read).hasSize(GRANULARITY).contains(row(50L));
            }
        }
    }

    @Test
    void indexesAreRebuiltByMerges() {
        TableDefinition definition = new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "",
                Map.of("index_granularity", "2")).withIndexes(List.of(IndexDefinition.parse("INDEX st action TYPE set(0)")));
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            table.insert(TestBlocks.block(COLUMNS, List.of(row(1L, "a", "m", 1.0, List.of()), row(2L, "a", "m", 1.0, List.of()))));
            table.insert(TestBlocks.block(COLUMNS, List.of(row(3L, "b", "m", 1.0, List.of()), row(4L, "b", "m", 1.0, List.of()))));
            assertThat(table.mergeOnce()).isPresent();
            try (MergeTreeSnapshot snapshot = table.snapshot()) {
                DataPart merged = snapshot.parts().get(0);
                assertThat(merged.level()).isEqualTo(1);
                assertThat(SkipIndexes.granules(merged, IndexPredicate.of("action", Op.EQUALS, "b")).stream().toArray())
                        .containsExactly(1);
            }
        }
    }

    @Test
    void decimal128ColumnsGetMinmaxSetAndBloomFilterIndexes() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "amount Nullable(Decimal(30, 4))",
                "amounts Array(Decimal(30, 4))");
        TableDefinition definition = new TableDefinition(columns, "MergeTree", List.of("id"), "",
                Map.of("index_granularity", Integer.toString(GRANULARITY))).withIndexes(List.of(
                IndexDefinition.parse("INDEX mm amount TYPE minmax GRANULARITY 1"),
                IndexDefinition.parse("INDEX st amount TYPE set(8) GRANULARITY 1"),
                IndexDefinition.parse("INDEX bf amount TYPE bloom_filter(0.01) GRANULARITY 1"),
                IndexDefinition.parse("INDEX bfa amounts TYPE bloom_filter GRANULARITY 2")));
        // unscaled amounts straddle zero and use both 64-bit words: (i - 32) * 10^20 + i, NULL every 16th row
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            BigInteger unscaled = unscaled(i);
            rows.add(row((long) i, i % 16 == 5 ? null : new BigDecimal(unscaled, 4),
                    List.of(new BigDecimal(unscaled, 4), new BigDecimal(BigInteger.valueOf(i / 4), 4))));
        }
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            table.insert(TestBlocks.block(columns, rows));
            try (MergeTreeSnapshot snapshot = table.snapshot()) {
                DataPart part = snapshot.parts().get(0);
                assertThat(part.skipIndexes()).extracting(index -> index.definition().name())
                        .containsExactlyInAnyOrder("mm", "st", "bf", "bfa");
                BigInteger highWordApart = unscaled(40).add(BigInteger.ONE.shiftLeft(64));
                for (String name : List.of("mm", "st", "bf")) {
                    assertThat(singleIndex(part, name, IndexPredicate.of("amount", Op.EQUALS, unscaled(40))).stream()
                            .toArray()).as(name).containsExactly(10);
                    // same low word as row 40's value, another high word: inside granule 10's range, in no set or filter
                    assertThat(singleIndex(part, name, IndexPredicate.of("amount", Op.EQUALS, highWordApart)).stream()
                            .toArray()).as(name).isEqualTo(name.equals("mm") ? new int[] {10} : new int[0]);
                }
                check(part, rows, IndexPredicate.of("amount", Op.IN, unscaled(3), unscaled(63), 7L),
                        row -> row.get(1) != null && List.of(unscaled(3), unscaled(63), BigInteger.valueOf(7))
                                .contains(((BigDecimal) row.get(1)).unscaledValue()), 2);
                check(part, rows, IndexPredicate.of("amount", Op.GREATER, unscaled(55)), row -> amount(row) > 55, 2);
                check(part, rows, IndexPredicate.of("amount", Op.LESS_OR_EQUAL, unscaled(2)), row -> amount(row) <= 2, 1);
                check(part, rows, IndexPredicate.of("amount", Op.LESS, unscaled(0)), row -> amount(row) < 0, 8);
                // row 5 is NULL: granule 1's range covers its value but the set and the bloom filter do not hold it
                check(part, rows, IndexPredicate.of("amount", Op.EQUALS, unscaled(5)), row -> false, 0);
                check(part, rows, IndexPredicate.of("amounts", Op.HAS, BigInteger.valueOf(9)),
                        row -> ((List<?>) row.get(2)).contains(new BigDecimal(BigInteger.valueOf(9), 4)), 2);
                // constants an Int128 cannot hold, or that are not unscaled integers, keep every granule
                int all = ROWS / GRANULARITY;
                assertThat(SkipIndexes.granules(part, IndexPredicate.of("amount", Op.EQUALS, BigInteger.ONE.shiftLeft(127)))
                        .cardinality()).isEqualTo(all);
                assertThat(SkipIndexes.granules(part, IndexPredicate.of("amount", Op.EQUALS, 1.5)).cardinality())
                        .isEqualTo(all);
            }
        }
    }

    /** The granules one index of the part keeps (the others on the same column are left out). */
    private static BitSet singleIndex(DataPart part, String name, IndexPredicate predicate) {
        SkipIndex index = part.skipIndexes().stream().filter(candidate -> candidate.definition().name().equals(name))
                .findFirst().orElseThrow();
        return index.granules(predicate, part.granuleCount());
    }

    private static BigInteger unscaled(int i) {
        return BigInteger.valueOf(i - 32).multiply(BigInteger.TEN.pow(20)).add(BigInteger.valueOf(i));
    }

    /** The row index whose amount the row holds, compared in that order (amounts grow with the row); NaN for NULL. */
    private static double amount(List<Object> row) {
        return row.get(1) == null ? Double.NaN : ((Long) row.get(0)).doubleValue();
    }

    private static double score(List<Object> row) {
        return row.get(3) == null ? Double.NaN : (Double) row.get(3);
    }

    /** Every granule with a matching row is kept; at most {@code expectedKept} granules are. */
    private static void check(DataPart part, List<List<Object>> rows, IndexPredicate predicate,
                              Predicate<List<Object>> matches, int expectedKept) {
        BitSet kept = SkipIndexes.granules(part, predicate);
        BitSet needed = new BitSet();
        for (int i = 0; i < rows.size(); i++) {
            if (matches.test(rows.get(i))) {
                needed.set(i / GRANULARITY);
            }
        }
        BitSet missing = (BitSet) needed.clone();
        missing.andNot(kept);
        assertThat(missing.isEmpty()).as(predicate + " dropped granules " + missing).isTrue();
        assertThat(kept.cardinality()).as(predicate + " keeps " + kept).isLessThanOrEqualTo(expectedKept);
    }

}
