package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static io.starling.storage.engine.Tables.insert;
import static io.starling.storage.engine.Tables.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.TestBlocks;
import io.starling.storage.fault.FaultPoints;
import io.starling.storage.mutation.ColumnPredicate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulates a crash at each named fault point (the operation throws there and the table is abandoned), then
 * reopens the table and checks that it holds exactly the old or the new rows, with no leftovers.
 */
class CrashRecoveryTest {
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("kind String", "id UInt32");
    private static final TableDefinition DEFINITION =
            Tables.definition(COLUMNS, "MergeTree", List.of("id"), "kind", Map.of());
    private static final List<List<Object>> BEFORE = List.of(row("a", 1L), row("b", 2L), row("a", 3L), row("b", 4L));

    @TempDir
    Path directory;

    @AfterEach
    void disarm() {
        FaultPoints.disarmAll();
    }

    private MergeTreeTable open() {
        return Tables.open(directory, DEFINITION, EngineServices.DEFAULT);
    }

    private static List<List<Object>> sorted(MergeTreeTable table) {
        List<List<Object>> rows = scan(table);
        rows.sort(Comparator.comparing((List<Object> row) -> (Long) row.get(1)));
        return rows;
    }

    /** Loads BEFORE in two inserts, crashes {@code operation} at {@code point}, reopens; returns the rows. */
    private List<List<Object>> crashAndReopen(String point, Consumer<MergeTreeTable> operation) throws Exception {
        try (MergeTreeTable table = open()) {
            insert(table, row("a", 1L), row("b", 2L));
            insert(table, row("a", 3L), row("b", 4L));
            FaultPoints.arm(point, directory);
            assertThatThrownBy(() -> operation.accept(table)).isInstanceOf(FaultPoints.InjectedFault.class);
            FaultPoints.disarmAll();
        }
        try (MergeTreeTable reopened = open()) {
            try (var files = Files.list(directory)) {
                // parts the reopened table found covered wait for deletion under tmp_delete_* (RetiredParts)
                assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name ->
                        name.startsWith("tmp_") && !name.startsWith("tmp_delete_") || name.startsWith("commit_"));
            }
            List<List<Object>> rows = sorted(reopened);
            insert(reopened, row("c", 9L));
            assertThat(reopened.statistics().rowCount()).isEqualTo(rows.size() + 1);
            return rows;
        }
    }

    @Test
    void insertCrashedBeforeRenameLeavesTheOldRows() throws Exception {
        assertThat(crashAndReopen(FaultPoints.AFTER_PART_WRITE_BEFORE_RENAME,
                table -> insert(table, row("a", 5L)))).isEqualTo(BEFORE);
    }

    @Test
    void mergeCrashedBeforeRenameLeavesTheSourceParts() throws Exception {
        assertThat(crashAndReopen(FaultPoints.AFTER_PART_WRITE_BEFORE_RENAME, MergeTreeTable::mergeOnce))
                .isEqualTo(BEFORE);
    }

    @Test
    void mergeCrashedBeforeSwapKeepsTheMergedPartWhichCoversItsSources() throws Exception {
        assertThat(crashAndReopen(FaultPoints.DURING_MERGE_BEFORE_SWAP, MergeTreeTable::mergeOnce)).isEqualTo(BEFORE);
        try (MergeTreeTable reopened = open()) {
            assertThat(reopened.activeParts().stream().filter(part -> part.partitionId().equals(
                    reopened.activeParts().get(0).partitionId()))).hasSize(1);
        }
    }

    @Test
    void deleteCrashedBeforeItsCommitRecordLeavesTheOldRows() throws Exception {
        assertThat(crashAndReopen(FaultPoints.DURING_MUTATION_BEFORE_COMMIT,
                table -> table.deleteWhere(ColumnPredicate.in(DEFINITION, "id", 1L, 2L, 3L)))).isEqualTo(BEFORE);
    }

    @Test
    void deleteCrashedAfterItsCommitRecordIsFinishedAtOpen() throws Exception {
        assertThat(crashAndReopen(FaultPoints.DURING_MUTATION_BEFORE_SWAP,
                table -> table.deleteWhere(ColumnPredicate.in(DEFINITION, "id", 1L, 2L, 3L))))
                .containsExactly(row("b", 4L));
    }

    @Test
    void replaceCrashedAfterItsCommitRecordIsFinishedAtOpen() throws Exception {
        assertThat(crashAndReopen(FaultPoints.DURING_MUTATION_BEFORE_SWAP,
                table -> table.replacePartitions(List.of(TestBlocks.block(COLUMNS,
                        List.of(row("a", 7L), row("b", 8L)))), null)))
                .containsExactly(row("a", 7L), row("b", 8L));
    }

    @Test
    void replacePartsCrashedBeforeItsCommitRecordLeavesTheOldRows() throws Exception {
        assertThat(crashAndReopen(FaultPoints.DURING_MUTATION_BEFORE_COMMIT,
                table -> table.replaceParts(table.activeParts().stream().map(part -> part.name()).toList(),
                        List.of()))).isEqualTo(BEFORE);
    }
}
