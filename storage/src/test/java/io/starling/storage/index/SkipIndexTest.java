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
