package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.merge.MergeScheduler;
import io.starling.storage.merge.MergeSchedulerTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundMergeTest {
    @TempDir
    Path directory;

    @Test
    void theSchedulerMergesSmallPartsWithTheEngineRuleWhileInsertsGoOn() throws Exception {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "hits UInt64");
        TableDefinition definition = Tables.definition(columns, "SummingMergeTree", List.of("id"), "", Map.of());
        try (MergeScheduler scheduler = new MergeScheduler("bg", 2, Long.MAX_VALUE, Duration.ofMillis(2));
             MergeTreeTable table = Tables.open(directory, definition, EngineServices.DEFAULT)) {
            table.startBackgroundMerges(scheduler);
            for (long i = 0; i < 40; i++) {
                Tables.insert(table, row(i % 4, 1L));
            }
            // small parts are merged about 16 at a time (MergeSelector.BASE_SMALL); the scheduler counts a merge
            // just after the merge has swapped its parts, so wait for the count too
            MergeSchedulerTest.waitUntil(() -> table.activeParts().size() <= 40 - 15 && scheduler.mergesRun() > 0);
            table.stopBackgroundMerges();
            assertThat(scheduler.mergesRun()).isPositive();
            assertThat(Tables.scanFinal(table)).containsExactly(row(0L, 10L), row(1L, 10L), row(2L, 10L), row(3L, 10L));
            assertThat(table.statistics().rowCount()).isLessThan(40);
        }
    }
}
