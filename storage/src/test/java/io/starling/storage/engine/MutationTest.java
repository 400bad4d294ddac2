package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static io.starling.storage.engine.Tables.insert;
import static io.starling.storage.engine.Tables.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.mutation.ColumnPredicate;
import io.starling.storage.part.DataPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutationTest {
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("kind String", "id UInt32");
    private static final TableDefinition DEFINITION =
            Tables.definition(COLUMNS, "MergeTree", List.of("id"), "kind", Map.of("index_granularity", "4"));

    @TempDir
    Path directory;

    private MergeTreeTable open() {
        return Tables.open(directory, DEFINITION, EngineServices.DEFAULT);
    }

    private static List<List<Object>> sorted(MergeTreeTable table) {
        List<List<Object>> rows = scan(table);
        rows.sort(Comparator.comparing((List<Object> row) -> (Long) row.get(1)));
        return rows;
    }

    @Test
    void deleteWhereRewritesOnlyTheAffectedPartsAndSurvivesReopen() throws Exception {
        try (MergeTreeTable table = open()) {
            insert(table, row("a", 1L), row("a", 2L), row("b", 3L));
            insert(table, row("a", 4L), row("c", 5L));
            List<String> before = table.activeParts().stream().map(DataPart::name).toList();
            assertThat(table.deleteWhere(ColumnPredicate.in(DEFINITION, "id", 2L, 5L, 99L))).isEqualTo(2);
            assertThat(sorted(table)).containsExactly(row("a", 1L), row("b", 3L), row("a", 4L));
            List<String> after = table.activeParts().stream().map(DataPart::name).toList();
            // The part holding only id 5 is gone; the "a" part of block 1 moved a level up; the others are untouched.
            assertThat(after).hasSize(3).containsAll(before.stream().filter(name -> !name.endsWith("_1_1_0")
                    || !after.contains(name.replace("_1_1_0", "_1_1_1"))).filter(after::contains).toList());
            assertThat(table.deleteWhere(ColumnPredicate.in(DEFINITION, "id", 42L))).isZero();
        }
        try (MergeTreeTable reopened = open()) {
            assertThat(sorted(reopened)).containsExactly(row("a", 1L), row("b", 3L), row("a", 4L));
        }
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("commit_")
                    || name.startsWith("tmp_"));
        }
    }

    @Test
    void replacePartitionsReplacesMatchingRowsInTheTouchedPartitionsOnly() {
        try (MergeTreeTable table = open()) {
            insert(table, row("a", 1L), row("a", 2L), row("b", 3L));
            insert(table, row("a", 4L));
            // Condition id < 10: the incoming row 11 is dropped; in partition "a" rows 1, 2, 4 go; "b" is untouched.
            InsertResult result = table.replacePartitions(List.of(TestBlocks.block(COLUMNS,
                    List.of(row("a", 7L), row("a", 11L)))), block -> {
                boolean[] matches = new boolean[block.rowCount()];
                for (int i = 0; i < matches.length; i++) {
                    matches[i] = ((io.starling.storage.column.LongColumn) block.column(1)).getLong(i) < 10;
                }
                return matches;
            });
            assertThat(result.rows()).isEqualTo(1);
            assertThat(sorted(table)).containsExactly(row("b", 3L), row("a", 7L));
            table.replacePartitions(List.of(TestBlocks.block(COLUMNS, List.of(row("b", 8L)))), null);
            assertThat(sorted(table)).containsExactly(row("a", 7L), row("b", 8L));
        }
    }

    @Test
    void replacePartitionsKeepsOldRowsThatDoNotMatchTheCondition() {
        try (MergeTreeTable table = open()) {
            insert(table, row("a", 1L), row("a", 2L));
            table.replacePartitions(List.of(TestBlocks.block(COLUMNS, List.of(row("a", 2L)))),
                    ColumnPredicate.in(DEFINITION, "id", 2L));
            assertThat(sorted(table)).containsExactly(row("a", 1L), row("a", 2L));
            assertThat(table.statistics().rowCount()).isEqualTo(2);
        }
    }

    @Test
    void concurrentReadersSeeTheRowsBeforeOrAfterAMutationNeverAMix() throws Exception {
        try (MergeTreeTable table = open()) {
            for (long i = 0; i < 6; i++) {
                insert(table, row("a", i), row("b", 100 + i), row("c", 200 + i));
            }
            Set<Long> seen = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> failures = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        seen.add((long) scan(table).size());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            reader.start();
            // 18 rows; delete 12 of them (every "a" and "b" row, in 12 parts), then replace partition "c".
            assertThat(table.deleteWhere(ColumnPredicate.in(DEFINITION, "kind", "a", "b"))).isEqualTo(12);
            table.replacePartitions(List.of(TestBlocks.block(COLUMNS, List.of(row("c", 1L), row("c", 2L)))), null);
            stop.set(true);
            reader.join();
            assertThat(failures).isEmpty();
            assertThat(seen).isSubsetOf(18L, 6L, 2L);
            assertThat(scan(table)).hasSize(2);
        }
    }
}
