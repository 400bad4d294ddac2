package io.starling.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.TestBlocks;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.DataPart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTreeTableReplaceTest {
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("kind String", "id Int64");
    private static final TableDefinition DEFINITION =
            new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "kind", Map.of());

    @TempDir
    Path directory;

    private MergeTreeTable open() {
        return MergeTreeTable.open(directory, DEFINITION, new ColumnKeyEvaluator(DEFINITION));
    }

    private static List<List<Object>> rows(MergeTreeTable table) {
        try (TableSnapshot snapshot = table.snapshot()) {
            List<List<Object>> rows = new ArrayList<>(TestBlocks.drain(snapshot.scan(List.of("kind", "id"), new ScanStatistics())));
            rows.sort(Comparator.comparing((List<Object> row) -> (Long) row.get(1)));
            return rows;
        }
    }

    private static List<String> names(MergeTreeTable table, String partitionId) {
        return table.activeParts().stream().filter(part -> part.partitionId().equals(partitionId))
                .map(DataPart::name).toList();
    }

    @Test
    void replacesTheNamedPartsInOneSwapAndSurvivesReopen() {
        try (MergeTreeTable table = open()) {
            table.insert(TestBlocks.block(COLUMNS, List.of(List.of("a", 1L), List.of("b", 2L))));
            table.insert(TestBlocks.block(COLUMNS, List.of(List.of("a", 3L))));
            List<String> retire = names(table, table.partitionIds(TestBlocks.block(COLUMNS, List.of(List.of("a", 0L))))
                    .iterator().next());
            assertThat(retire).hasSize(2);
            InsertResult result = table.replaceParts(retire, List.of(TestBlocks.block(COLUMNS,
                    List.of(List.of("a", 10L))), TestBlocks.block(COLUMNS, List.of(List.of("a", 11L)))));
            assertThat(result.rows()).isEqualTo(2);
            assertThat(rows(table)).containsExactly(List.of("b", 2L), List.of("a", 10L), List.of("a", 11L));
        }
        try (MergeTreeTable reopened = open()) {
            assertThat(rows(reopened)).containsExactly(List.of("b", 2L), List.of("a", 10L), List.of("a", 11L));
            table_insertStillWorks(reopened);
        }
    }

    private static void table_insertStillWorks(MergeTreeTable table) {
        table.insert(TestBlocks.block(COLUMNS, List.of(List.of("a", 12L))));
        assertThat(rows(table)).hasSize(4);
    }

    @Test
    void aNewPartCoversTheRetiredOnesSoLeftoversAreRemovedAtOpen() {
        try (MergeTreeTable table = open()) {
            table.insert(TestBlocks.block(COLUMNS, List.of(List.of("a", 1L))));
            table.insert(TestBlocks.block(COLUMNS, List.of(List.of("a", 2L))));
            List<String> retire = table.activeParts().stream().map(DataPart::name).toList();
            InsertResult result = table.replaceParts(retire, List.of(TestBlocks.block(COLUMNS, List.of(List.of("a", 5L)))));
            String newPart = result.partNames().get(0);
            for (String old : retire) {
                assertThat(io.starling.storage.part.PartName.tryParse(newPart).orElseThrow()
                        .covers(io.starling.storage.part.PartName.tryParse(old).orElseThrow())).isTrue();
            }
        }
    }

    @Test
    void refusesWhenARetiredPartIsGone() {
        try (MergeTreeTable table = open()) {
            table.insert(TestBlocks.block(COLUMNS, List.of(List.of("a", 1L))));
            assertThatThrownBy(() -> table.replaceParts(List.of("nope_1_1_0"), List.of()))
                    .isInstanceOfSatisfying(StarlingException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ABORTED));
            assertThat(rows(table)).containsExactly(List.of("a", 1L));
            table.replaceParts(table.activeParts().stream().map(DataPart::name).toList(), List.of());
            assertThat(rows(table)).isEmpty();
        }
    }
}
