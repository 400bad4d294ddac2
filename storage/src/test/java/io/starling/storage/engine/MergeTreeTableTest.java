package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.AllTypes;
import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTreeTableTest {
    private static final List<ColumnDefinition> EVENTS = TestBlocks.columns("day Date", "user String", "value Int64");

    @TempDir
    Path directory;

    @TempDir
    Path scratch;

    private static TableDefinition definition(List<ColumnDefinition> columns, List<String> sortingKey,
                                              String partitionKey, int granularity) {
        return new TableDefinition(columns, "MergeTree", sortingKey, partitionKey,
                Map.of("index_granularity", Integer.toString(granularity)));
    }

    private static TableDefinition events() {
        return definition(EVENTS, List.of("user", "value"), "day", 4);
    }

    private MergeTreeTable open(TableDefinition definition) {
        return MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition));
    }

    private static List<List<Object>> scanAll(MergeTreeTable table, List<String> columns) {
        try (TableSnapshot snapshot = table.snapshot()) {
            return TestBlocks.drain(snapshot.scan(columns, new ScanStatistics()));
        }
    }

    private static Comparator<List<Object>> byUserThenValue() {
        return Comparator.comparing((List<Object> row) -> (String) row.get(1)).thenComparing(row -> (Long) row.get(2));
    }

    @Test
    void everyTypeRoundTripsThroughAPart() {
        TableDefinition definition = definition(AllTypes.columns(), List.of(), "", 7);
        List<List<Object>> rows = AllTypes.rows(100);
        try (MergeTreeTable table = open(definition)) {
            table.insert(TestBlocks.block(AllTypes.columns(), rows));
            List<String> names = AllTypes.columns().stream().map(ColumnDefinition::name).toList();
            assertThat(scanAll(table, names)).isEqualTo(rows);
        }
        try (MergeTreeTable reopened = open(definition)) {
            List<String> names = AllTypes.columns().stream().map(ColumnDefinition::name).toList();
            assertThat(scanAll(reopened, names)).isEqualTo(rows);
        }
    }

    @Test
    void everyTypeRoundTripsWithZstdToo() {
        TableDefinition definition = new TableDefinition(AllTypes.columns(), "MergeTree", List.of("i64"), "",
                Map.of("index_granularity", "16", "compression_codec", "ZSTD"));
        List<List<Object>> rows = AllTypes.rows(40);
        try (MergeTreeTable table = open(definition)) {
            table.insert(TestBlocks.block(AllTypes.columns(), rows));
            List<List<Object>> expected = new ArrayList<>(rows);
            expected.sort(Comparator.comparing(row -> (Long) row.get(3)));
            assertThat(scanAll(table, List.of("i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "b",
                    "s", "d", "dt", "dt64", "lc", "lcn", "ni", "ns", "as", "ai", "ann", "aa"))).isEqualTo(expected);
        }
    }

    @Test
    void manyInsertsReadBackSortedWithinEachPart() {
        TableDefinition definition = definition(EVENTS, List.of("user", "value"), "", 4);
        Random random = new Random(7);
        List<List<Object>> expected = new ArrayList<>();
        try (MergeTreeTable table = open(definition)) {
            for (int insert = 0; insert < 12; insert++) {
                List<List<Object>> rows = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(30); i++) {
                    rows.add(row(19000L, "user" + random.nextInt(5), (long) random.nextInt(100)));
                }
                InsertResult result = table.insert(TestBlocks.block(EVENTS, rows));
                assertThat(result.rows()).isEqualTo(rows.size());
                assertThat(result.partNames()).containsExactly("all_" + (insert + 1) + "_" + (insert + 1) + "_0");
                List<List<Object>> sorted = new ArrayList<>(rows);
                sorted.sort(byUserThenValue());
                expected.addAll(sorted);
            }
            assertThat(scanAll(table, List.of("day", "user", "value"))).isEqualTo(expected);
            assertThat(table.statistics().activeParts()).isEqualTo(12);
            assertThat(table.statistics().rowCount()).isEqualTo(expected.size());
            assertThat(table.statistics().bytesOnDisk()).isPositive();
        }
    }

    @Test
    void sortingIsStableAndPutsNullsLastAndComparesStringsBytewise() {
        List<ColumnDefinition> columns = TestBlocks.columns("k Nullable(String)", "seq Int64");
        TableDefinition definition = definition(columns, List.of("k"), "", 8192);
        try (MergeTreeTable table = open(definition)) {
            table.insert(TestBlocks.block(columns, List.of(row(null, 0L), row("é", 1L), row("b", 2L), row("Z", 3L),
                    row(null, 4L), row("b", 5L), row("", 6L))));
            assertThat(scanAll(table, List.of("k", "seq"))).containsExactly(row("", 6L), row("Z", 3L), row("b", 2L),
                    row("b", 5L), row("é", 1L), row(null, 0L), row(null, 4L));
        }
    }

    /**
     * A string column of more than {@link PartBuilder#SPLIT_SELECT_BYTES} is put in key order in row ranges by
     * several threads: every row keeps its own payload (of every length, empty ones too), in key order.
     */
    @Test
    void aLargeStringColumnSortedInPiecesKeepsEveryRowsValue() {
        List<ColumnDefinition> columns = TestBlocks.columns("k Int64", "payload String", "note String");
        TableDefinition definition = definition(columns, List.of("k"), "", 8192);
        Random random = new Random(11);
        List<List<Object>> rows = new ArrayList<>();
        long bytes = 0;
        for (long k = 0; bytes <= 3 * PartBuilder.SPLIT_SELECT_BYTES; k++) {
            String payload = k % 17 == 0 ? "" : ("{\"k\":" + k + "}").repeat(1 + random.nextInt(60));
            bytes += payload.length();
            rows.add(row(k, payload, "n" + k));
        }
        List<List<Object>> shuffled = new ArrayList<>(rows);
        java.util.Collections.shuffle(shuffled, random);
        try (MergeTreeTable table = open(definition)) {
            table.insert(TestBlocks.block(columns, shuffled));
            assertThat(scanAll(table, List.of("k", "payload", "note"))).isEqualTo(rows);
        }
    }

    @Test
    void unsignedSixtyFourBitKeysSortUnsigned() {
        List<ColumnDefinition> columns = TestBlocks.columns("k UInt64");
        TableDefinition definition = definition(columns, List.of("k"), "", 8192);
        try (MergeTreeTable table = open(definition)) {
            table.insert(TestBlocks.block(columns, List.of(row(-1L), row(5L), row(Long.MIN_VALUE), row(0L))));
            assertThat(scanAll(table, List.of("k"))).containsExactly(row(0L), row(5L), row(Long.MIN_VALUE), row(-1L));
        }
    }

    @Test
    void partitioningWritesOnePartPerPartition() {
        try (MergeTreeTable table = open(events())) {
            InsertResult result = table.insert(TestBlocks.block(EVENTS, List.of(row(19737L, "a", 1L),
                    row(19738L, "b", 2L), row(19737L, "c", 3L), row(19739L, "d", 4L), row(19738L, "e", 5L))));
            assertThat(result.partNames()).containsExactly("20240115_1_1_0", "20240116_1_1_0", "20240117_1_1_0");
            try (MergeTreeSnapshot snapshot = table.snapshot()) {
                assertThat(snapshot.parts()).extracting(DataPart::rowCount).containsExactly(2L, 2L, 1L);
                DataPart first = snapshot.parts().get(0);
                assertThat(first.partitionId()).isEqualTo("20240115");
                assertThat(first.minBlock()).isEqualTo(1);
                assertThat(first.level()).isZero();
                assertThat(TestBlocks.value(first.partitionMinMax().get("day"), 0)).isEqualTo(19737L);
                assertThat(TestBlocks.value(first.partitionMinMax().get("day"), 1)).isEqualTo(19737L);
            }
        }
    }

    @Test
    void primaryIndexHoldsTheFirstKeyOfEveryGranule() {
        try (MergeTreeTable table = open(definition(EVENTS, List.of("value"), "", 3))) {
            List<List<Object>> rows = new ArrayList<>();
            for (long i = 10; i > 0; i--) {
                rows.add(row(19000L, "u", i * 10));
            }
            table.insert(TestBlocks.block(EVENTS, rows));
            try (MergeTreeSnapshot snapshot = table.snapshot()) {
                DataPart part = snapshot.parts().get(0);
                assertThat(part.granuleCount()).isEqualTo(4);
                assertThat(part.granuleRows(3)).isEqualTo(1);
                assertThat(TestBlocks.rows(part.primaryIndex())).containsExactly(row(10L), row(40L), row(70L), row(100L));
            }
        }
    }

    @Test
    void granuleFilterSkipsGranulesAndStatisticsCountWhatWasRead() {
        try (MergeTreeTable table = open(definition(EVENTS, List.of("value"), "", 3))) {
            List<List<Object>> rows = new ArrayList<>();
            for (long i = 0; i < 10; i++) {
                rows.add(row(19000L, "u", i));
            }
            table.insert(TestBlocks.block(EVENTS, rows));
            ScanStatistics statistics = new ScanStatistics();
            try (TableSnapshot snapshot = table.snapshot()) {
                GranuleFilter secondOnly = part -> {
                    java.util.BitSet bits = new java.util.BitSet();
                    bits.set(1);
                    return bits;
                };
                assertThat(TestBlocks.drain(snapshot.scan(List.of("value"), statistics, secondOnly)))
                        .containsExactly(row(3L), row(4L), row(5L));
            }
            assertThat(statistics.rowsRead()).isEqualTo(3);
            assertThat(statistics.bytesRead()).isEqualTo(24);
        }
    }

    @Test
    void countOnlyScanReturnsRowCountsWithoutColumns() {
        try (MergeTreeTable table = open(events())) {
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "a", 1L), row(19001L, "b", 2L))));
            try (TableSnapshot snapshot = table.snapshot()) {
                assertThat(snapshot.rowCount()).isEqualTo(2);
                assertThat(TestBlocks.drain(snapshot.scan(List.of(), new ScanStatistics()))).hasSize(2);
            }
        }
    }

    @Test
    void unknownColumnInScanIsAClearError() {
        try (MergeTreeTable table = open(events()); TableSnapshot snapshot = table.snapshot()) {
            assertThatThrownBy(() -> snapshot.scan(List.of("nope"), new ScanStatistics()))
                    .isInstanceOf(StarlingException.class).hasMessageContaining("[nope]");
        }
    }

    @Test
    void insertRejectsABlockOfTheWrongShape() {
        try (MergeTreeTable table = open(events())) {
            Block wrong = TestBlocks.block(TestBlocks.columns("day Date", "user String", "value Int32"),
                    List.of(row(1L, "a", 1L)));
            assertThatThrownBy(() -> table.insert(wrong)).isInstanceOf(StarlingException.class)
                    .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH));
        }
    }

    @Test
    void leftoverTemporaryDirectoriesAreRemovedAtOpen() throws IOException {
        try (MergeTreeTable table = open(events())) {
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "a", 1L))));
        }
        Path leftover = Files.createDirectories(directory.resolve("tmp_insert_99"));
        Files.writeString(leftover.resolve("value.bin"), "half written");
        try (MergeTreeTable table = open(events())) {
            assertThat(leftover).doesNotExist();
            assertThat(scanAll(table, List.of("user"))).containsExactly(row("a"));
        }
    }

    @Test
    void aCorruptPartIsDetachedAndTheOthersAreServed() throws IOException {
        try (MergeTreeTable table = open(events())) {
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "a", 1L))));
            table.insert(TestBlocks.block(EVENTS, List.of(row(19001L, "b", 2L))));
        }
        Path victim = directory.resolve("20220108_1_1_0").resolve(PartFiles.COMPACT_DATA);
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(victim, bytes);
        try (MergeTreeTable table = open(events())) {
            assertThat(scanAll(table, List.of("user"))).containsExactly(row("b"));
            assertThat(directory.resolve("detached").resolve("broken_20220108_1_1_0")).isDirectory();
            assertThat(directory.resolve("20220108_1_1_0")).doesNotExist();
            InsertResult next = table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "c", 3L))));
            assertThat(next.partNames()).containsExactly("20220108_3_3_0");
        }
    }

    @Test
    void blockNumbersContinueAfterReopen() {
        try (MergeTreeTable table = open(events())) {
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "a", 1L))));
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "b", 1L))));
        }
        try (MergeTreeTable table = open(events())) {
            assertThat(table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "c", 1L)))).partNames())
                    .containsExactly("20220108_3_3_0");
        }
    }

    @Test
    void aSnapshotTakenBeforeTruncateStillReadsTheOldRows() {
        try (MergeTreeTable table = open(events())) {
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "a", 1L), row(19000L, "b", 2L))));
            MergeTreeSnapshot before = table.snapshot();
            Path partDirectory = before.parts().get(0).directory();
            table.truncate();
            assertThat(scanAll(table, List.of("user"))).isEmpty();
            assertThat(table.statistics()).isEqualTo(new TableStatistics(0, 0, 0));
            assertThat(partDirectory).isDirectory();
            assertThat(TestBlocks.drain(before.scan(List.of("user"), new ScanStatistics())))
                    .containsExactly(row("a"), row("b"));
            before.close();
            assertThat(partDirectory).doesNotExist();
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "c", 3L))));
            assertThat(scanAll(table, List.of("user"))).containsExactly(row("c"));
        }
    }

    @Test
    void truncateSurvivesReopenEvenIfPartDirectoriesWereLeftBehind() throws IOException {
        Path copy;
        try (MergeTreeTable table = open(events())) {
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "a", 1L))));
            try (MergeTreeSnapshot snapshot = table.snapshot()) {
                Path part = snapshot.parts().get(0).directory();
                copy = scratch.resolve("saved_" + part.getFileName());
                copyTree(part, copy);
                table.truncate();
            }
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "b", 2L))));
        }
        // Simulate a crash after truncate but before the truncated part was deleted.
        copyTree(copy, directory.resolve(copy.getFileName().toString().substring("saved_".length())));
        try (MergeTreeTable table = open(events())) {
            assertThat(scanAll(table, List.of("user"))).containsExactly(row("b"));
        }
    }

    @Test
    void mergeKeepsEveryRowSortedAndRetiresTheSources() {
        TableDefinition definition = definition(EVENTS, List.of("user", "value"), "", 4);
        Random random = new Random(11);
        List<List<Object>> all = new ArrayList<>();
        try (MergeTreeTable table = open(definition)) {
            for (int insert = 0; insert < 5; insert++) {
                List<List<Object>> rows = new ArrayList<>();
                for (int i = 0; i < 3 + random.nextInt(20); i++) {
                    rows.add(row(19000L, "user" + random.nextInt(4), (long) random.nextInt(50)));
                }
                table.insert(TestBlocks.block(EVENTS, rows));
                all.addAll(rows);
            }
            MergeTreeSnapshot before = table.snapshot();
            List<Path> sourceDirectories = before.parts().stream().map(DataPart::directory).toList();
            assertThat(table.mergeOnce()).contains("all_1_5_1");
            assertThat(table.statistics().activeParts()).isEqualTo(1);
            assertThat(sourceDirectories).allSatisfy(path -> assertThat(path).isDirectory());
            before.close();
            assertThat(sourceDirectories).allSatisfy(path -> assertThat(path).doesNotExist());
            List<List<Object>> expected = new ArrayList<>(all);
            expected.sort(byUserThenValue());
            assertThat(scanAll(table, List.of("day", "user", "value"))).isEqualTo(expected);
            assertThat(table.mergeOnce()).isEmpty();
        }
        try (MergeTreeTable table = open(definition)) {
            assertThat(table.statistics().activeParts()).isEqualTo(1);
            assertThat(table.statistics().rowCount()).isEqualTo(all.size());
        }
    }

    @Test
    void mergeOfEveryTypeKeepsValues() {
        TableDefinition definition = definition(AllTypes.columns(), List.of("i64"), "", 5);
        List<List<Object>> rows = AllTypes.rows(60);
        try (MergeTreeTable table = open(definition)) {
            table.insert(TestBlocks.block(AllTypes.columns(), rows.subList(0, 25)));
            table.insert(TestBlocks.block(AllTypes.columns(), rows.subList(25, 60)));
            assertThat(table.mergeOnce()).isPresent();
            List<List<Object>> expected = new ArrayList<>(rows);
            expected.sort(Comparator.comparing(row -> (Long) row.get(3)));
            List<String> names = AllTypes.columns().stream().map(ColumnDefinition::name).toList();
            assertThat(scanAll(table, names)).isEqualTo(expected);
        }
    }

    @Test
    void sourcesLeftBehindByACrashedMergeAreRemovedAtOpen() throws IOException {
        Path saved = scratch.resolve("saved-source");
        try (MergeTreeTable table = open(events())) {
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "b", 1L))));
            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "a", 2L))));
            copyTree(directory.resolve("20220108_1_1_0"), saved);
            assertThat(table.mergeOnce()).contains("20220108_1_2_1");
        }
        copyTree(saved, directory.resolve("20220108_1_1_0"));
        try (MergeTreeTable table = open(events())) {
            assertThat(directory.resolve("20220108_1_1_0")).doesNotExist();
            assertThat(scanAll(table, List.of("user"))).containsExactly(row("a"), row("b"));
        }
    }

    @Test
    void maybeMergeKeepsThePartCountBounded() {
        try (MergeTreeTable table = open(definition(EVENTS, List.of("value"), "", 16))) {
            long rows = 0;
            for (int insert = 0; insert < 100; insert++) {
                table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "u", (long) insert), row(19000L, "v", 1L))));
                rows += 2;
                table.maybeMerge();
                // tiny parts wait until about 16 can be merged at once (MergeSelector.BASE_SMALL); a merged part
                // weighs a little more than one, so 16 may stay
                assertThat(table.statistics().activeParts()).isLessThanOrEqualTo(17);
            }
            assertThat(table.statistics().rowCount()).isEqualTo(rows);
            assertThat(scanAll(table, List.of("value"))).hasSize((int) rows);
        }
    }

    @Test
    void tooManyPartsIsRefused() {
        TableDefinition definition = new TableDefinition(EVENTS, "MergeTree", List.of(), "",
                Map.of("parts_to_throw_insert", "3"));
        try (MergeTreeTable table = open(definition)) {
            for (int i = 0; i < 3; i++) {
                table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "a", 1L))));
            }
            assertThatThrownBy(() -> table.insert(TestBlocks.block(EVENTS, List.of(row(19000L, "a", 1L)))))
                    .isInstanceOf(StarlingException.class)
                    .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.TOO_MANY_PARTS));
        }
    }

    @Test
    void concurrentInsertsSnapshotsAndMergesLoseNothing() throws Exception {
        try (MergeTreeTable table = open(events())) {
            int threads = 4;
            int insertsPerThread = 25;
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < insertsPerThread; i++) {
                            table.insert(TestBlocks.block(EVENTS, List.of(row(19000L + i % 3, "t" + thread, (long) i),
                                    row(19000L + (i + 1) % 3, "t" + thread, (long) -i))));
                            try (TableSnapshot snapshot = table.snapshot()) {
                                long counted = TestBlocks.drain(snapshot.scan(List.of("value"), new ScanStatistics())).size();
                                if (counted != snapshot.rowCount()) {
                                    throw new AssertionError("snapshot counted " + counted + " of " + snapshot.rowCount());
                                }
                            }
                            table.maybeMerge();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            assertThat(failures).isEmpty();
            while (table.mergeOnce().isPresent()) {
                // merge down to one part per partition
            }
            assertThat(table.statistics().activeParts()).isEqualTo(3);
            assertThat(scanAll(table, List.of("value"))).hasSize(threads * insertsPerThread * 2);
        }
        try (Stream<Path> entries = Files.list(directory)) {
            // no unfinished write is left; merged-away parts wait for deletion under tmp_delete_* (RetiredParts)
            assertThat(entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("tmp_") && !name.startsWith("tmp_delete_"))).isEmpty();
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }
}
