package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static io.starling.storage.engine.Tables.insert;
import static io.starling.storage.engine.Tables.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.merge.MergeScheduler;
import io.starling.storage.merge.MergeSchedulerTest;
import io.starling.storage.part.DataPart;
import io.starling.storage.ttl.ColumnTtlEvaluator;
import io.starling.storage.ttl.TtlEvaluator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtlTest {
    private static final long DAY = 86_400;
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("day Date", "id UInt32", "bucket UInt8");

    @TempDir
    Path directory;

    private final AtomicLong clock = new AtomicLong(100 * DAY);

    private MergeTreeTable open(Map<String, String> settings) {
        TableDefinition definition = Tables.definition(COLUMNS, "MergeTree", List.of("id"), "bucket", settings);
        TtlEvaluator ttl = ColumnTtlEvaluator.parse(definition, "day + INTERVAL 1 DAY").orElseThrow();
        return Tables.open(directory, definition, EngineServices.DEFAULT.withTtl(ttl).withClock(clock::get));
    }

    private static List<String> partNames(MergeTreeTable table) {
        return table.activeParts().stream().map(DataPart::name).toList();
    }

    @Test
    void parsesThePlainTtlForms() {
        TableDefinition definition = Tables.definition(COLUMNS, "MergeTree", List.of("id"), "", Map.of());
        assertThat(ColumnTtlEvaluator.parse(definition, "day + toIntervalDay(60)")).isPresent();
        assertThat(ColumnTtlEvaluator.parse(definition, "`day` + INTERVAL 3 MONTH")).isPresent();
        assertThat(ColumnTtlEvaluator.parse(definition, "toDate(day) + INTERVAL 1 DAY")).isEmpty();
        assertThat(ColumnTtlEvaluator.parse(definition, "missing + INTERVAL 1 DAY")).isEmpty();
        TtlEvaluator months = ColumnTtlEvaluator.parse(definition, "day + INTERVAL 1 MONTH").orElseThrow();
        // 1970-01-31 + 1 month = 1970-02-28 (day 58)
        long[] expiry = months.expiresAt(TestBlocks.block(TestBlocks.columns("day Date"), List.of(row(30L))));
        assertThat(expiry).containsExactly(58 * DAY);
    }

    @Test
    void dropsAnExpiredPartitionWholeAndRewritesPartsWithSomeExpiredRows() {
        try (MergeTreeTable table = open(Map.of())) {
            insert(table, row(90L, 1L, 1L), row(90L, 2L, 1L));
            insert(table, row(90L, 3L, 1L));
            insert(table, row(99L, 4L, 2L), row(100L, 5L, 2L));
            List<String> before = partNames(table);
            assertThat(before).hasSize(3);
            assertThat(table.applyTtl()).isEqualTo(3);
            // Bucket 1: both parts expired, dropped, nothing written for it. Bucket 2: one row expired
            // (99 + 1 day <= now), its part rewritten one level up.
            assertThat(scan(table)).containsExactly(row(100L, 5L, 2L));
            assertThat(partNames(table)).hasSize(1).allMatch(name -> name.endsWith("_3_3_1"));
            assertThat(table.applyTtl()).isZero();
        }
        try (MergeTreeTable reopened = open(Map.of())) {
            assertThat(scan(reopened)).containsExactly(row(100L, 5L, 2L));
        }
    }

    @Test
    void ttlOnlyDropPartsNeverRewrites() {
        try (MergeTreeTable table = open(Map.of("ttl_only_drop_parts", "1"))) {
            insert(table, row(90L, 1L, 1L));
            insert(table, row(99L, 4L, 2L), row(100L, 5L, 2L));
            assertThat(table.applyTtl()).isEqualTo(1);
            assertThat(scan(table)).containsExactly(row(99L, 4L, 2L), row(100L, 5L, 2L));
        }
    }

    @Test
    void mergesDropExpiredRows() {
        try (MergeTreeTable table = open(Map.of())) {
            insert(table, row(99L, 1L, 1L));
            insert(table, row(100L, 2L, 1L));
            clock.set(0);
            insert(table, row(99L, 3L, 1L));
            clock.set(100 * DAY);
            table.mergeOnce();
            assertThat(scan(table)).containsExactly(row(100L, 2L, 1L));
            insert(table, row(100L, 4L, 1L));
            assertThat(table.mergeOnce()).isPresent();
            assertThat(scan(table)).containsExactly(row(100L, 2L, 1L), row(100L, 4L, 1L));
        }
    }

    @Test
    void theBackgroundTimerAppliesTtl() throws Exception {
        try (MergeScheduler scheduler = new MergeScheduler("ttl", 1, Long.MAX_VALUE, Duration.ofMillis(5));
             MergeTreeTable table = open(Map.of("merge_with_ttl_timeout", "0"))) {
            insert(table, row(90L, 1L, 1L));
            insert(table, row(100L, 2L, 1L));
            table.startBackgroundMerges(scheduler);
            MergeSchedulerTest.waitUntil(() -> table.statistics().rowCount() == 1);
            table.stopBackgroundMerges();
            assertThat(scan(table)).containsExactly(row(100L, 2L, 1L));
        }
    }
}
