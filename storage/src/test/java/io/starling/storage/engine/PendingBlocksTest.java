package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An insert block allocated but not yet published (a transaction's prepared part) is never covered by a merge:
 * otherwise the part, published after the merge, sits inside the merged range and the next open deletes it as
 * covered, losing its rows.
 */
class PendingBlocksTest {
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("id UInt32");
    private static final TableDefinition TABLE = Tables.definition(COLUMNS, "MergeTree", List.of("id"), "", Map.of());

    @TempDir
    Path root;

    private MergeTreeTable open() {
        return Tables.open(root.resolve("table"), TABLE, EngineServices.DEFAULT);
    }

    @Test
    void mergesDoNotCoverABlockWhosePartIsStillBeingWritten() {
        try (MergeTreeTable table = open()) {
            Tables.insert(table, row(1L));
            Tables.insert(table, row(2L));
            TableTransaction transaction = new TableTransaction(root.resolve("transactions"), null);
            transaction.insert(table, TestBlocks.block(COLUMNS, List.of(row(3L))));   // block 3, pending
            Tables.insert(table, row(4L));
            Tables.insert(table, row(5L));

            while (table.mergeOnce().isPresent()) {
                // merge whatever the selector allows
            }
            table.optimizeFinal();
            for (DataPart part : table.activeParts()) {
                PartName name = part.partName();
                assertThat(name.minBlock() <= 3 && 3 <= name.maxBlock()).as("%s covers the pending block", name)
                        .isFalse();
            }
            transaction.commit();
            assertThat(table.statistics().rowCount()).isEqualTo(5);
        }
        try (MergeTreeTable reopened = open()) {
            assertThat(reopened.statistics().rowCount()).as("every row after reopening").isEqualTo(5);
            assertThat(reopened.mergeOnce()).isPresent();   // published, the block no longer holds merges back
        }
    }

    @Test
    void aClosedTransactionReleasesItsPendingBlock() {
        try (MergeTreeTable table = open()) {
            Tables.insert(table, row(1L));
            try (TableTransaction transaction = new TableTransaction(root.resolve("transactions"), null)) {
                transaction.insert(table, TestBlocks.block(COLUMNS, List.of(row(2L))));
            }
            Tables.insert(table, row(3L));
            table.optimizeFinal();
            assertThat(table.activeParts()).hasSize(1);
            assertThat(table.statistics().rowCount()).isEqualTo(2);
        }
    }
}
