package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static io.starling.storage.engine.Tables.insert;
import static io.starling.storage.engine.Tables.scan;
import static io.starling.storage.engine.Tables.scanFinal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.TestBlocks;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.merge.AggregateStateMerger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineRulesTest {
    @TempDir
    Path directory;

    private MergeTreeTable open(String engine, List<ColumnDefinition> columns, EngineServices services) {
        return Tables.open(directory, Tables.definition(columns, engine, List.of("id"), "",
                Map.of("index_granularity", "2")), services);
    }

    private MergeTreeTable open(String engine, List<ColumnDefinition> columns) {
        return open(engine, columns, EngineServices.DEFAULT);
    }

    @Test
    void replacingKeepsTheHighestVersionAcrossPartsAndTheLastOneAmongEqualVersions() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "name String", "ver UInt64");
        try (MergeTreeTable table = open("ReplacingMergeTree(ver)", columns)) {
            insert(table, row(1L, "a", 1L), row(2L, "b", 1L), row(3L, "x", 5L));
            insert(table, row(1L, "c", 3L), row(3L, "y", 5L));
            insert(table, row(1L, "d", 2L));
            assertThat(scan(table)).hasSize(6);
            List<List<Object>> expected = List.of(row(1L, "c", 3L), row(2L, "b", 1L), row(3L, "y", 5L));
            assertThat(scanFinal(table)).containsExactlyElementsOf(expected);
            assertThat(table.optimizeFinal()).isEqualTo(1);
            assertThat(scan(table)).containsExactlyElementsOf(expected);
            assertThat(table.activeParts()).hasSize(1);
        }
    }

    @Test
    void replacingWithoutVersionKeepsTheLastInsertedRowEvenWithinOneInsert() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "name String");
        try (MergeTreeTable table = open("ReplacingMergeTree", columns)) {
            insert(table, row(1L, "a"), row(2L, "b"), row(1L, "b"));
            assertThat(scan(table)).containsExactly(row(1L, "b"), row(2L, "b"));
            insert(table, row(2L, "z"));
            assertThat(scanFinal(table)).containsExactly(row(1L, "b"), row(2L, "z"));
            table.mergeOnce();
            assertThat(scan(table)).containsExactly(row(1L, "b"), row(2L, "z"));
        }
    }

    @Test
    void replacingRemovesDeletedRowsOnFinalButKeepsThemInPartialMerges() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "name String", "ver UInt64", "deleted UInt8");
        try (MergeTreeTable table = open("ReplacingMergeTree(ver, deleted)", columns)) {
            insert(table, row(1L, "a", 1L, 0L), row(2L, "b", 1L, 0L));
            insert(table, row(1L, "a", 2L, 1L));
            assertThat(scan(table)).hasSize(3);
            assertThat(scanFinal(table)).containsExactly(row(2L, "b", 1L, 0L));
            insert(table, row(5L, "e", 1L, 0L));
            table.optimizeFinal();
            assertThat(scan(table)).containsExactly(row(2L, "b", 1L, 0L), row(5L, "e", 1L, 0L));
        }
    }

    @Test
    void summingAddsNumericColumnsKeepsTheFirstOtherValueAndDropsAllZeroRows() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "hits Int64", "amount Float64", "label String");
        try (MergeTreeTable table = open("SummingMergeTree", columns)) {
            insert(table, row(1L, 1L, 1.5, "x"), row(2L, 5L, 0.0, "y"));
            insert(table, row(1L, 2L, 2.5, "z"), row(2L, -5L, 0.0, "w"), row(3L, 7L, 0.0, "q"));
            List<List<Object>> expected = List.of(row(1L, 3L, 4.0, "x"), row(3L, 7L, 0.0, "q"));
            assertThat(scanFinal(table)).containsExactlyElementsOf(expected);
            table.mergeOnce();
            assertThat(scan(table)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void summingOnlyTheListedColumns() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "hits Int64", "other Int64");
        try (MergeTreeTable table = open("SummingMergeTree(hits)", columns)) {
            insert(table, row(1L, 1L, 10L));
            insert(table, row(1L, 2L, 20L));
            assertThat(scanFinal(table)).containsExactly(row(1L, 3L, 10L));
        }
    }

    @Test
    void aggregatingMergesSimpleAggregateColumnsAndStatesThroughTheMerger() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "total SimpleAggregateFunction(sum, UInt64)",
                "low SimpleAggregateFunction(min, Int64)", "high SimpleAggregateFunction(max, Int64)",
                "latest SimpleAggregateFunction(anyLast, String)", "state AggregateFunction(sum, UInt64)");
        // A fake state format: the decimal text of a running sum.
        AggregateStateMerger merger = (type, states, rows, count, output) -> {
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += Long.parseLong(((StringColumn) states[i]).getString(rows[i]));
            }
            output.appendString(Long.toString(sum));
        };
        try (MergeTreeTable table = open("AggregatingMergeTree", columns, EngineServices.DEFAULT.withAggregates(merger))) {
            insert(table, row(1L, 2L, 5L, 5L, "a", "10"), row(2L, 1L, 1L, 1L, "b", "1"));
            insert(table, row(1L, 3L, -1L, 9L, "c", "32"));
            List<List<Object>> expected = List.of(row(1L, 5L, -1L, 9L, "c", "42"), row(2L, 1L, 1L, 1L, "b", "1"));
            assertThat(scanFinal(table)).containsExactlyElementsOf(expected);
            table.mergeOnce();
            assertThat(scan(table)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aggregatingWithoutAMergerFailsClearlyWhenStatesMeet() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "state AggregateFunction(sum, UInt64)");
        try (MergeTreeTable table = open("AggregatingMergeTree", columns)) {
            insert(table, row(1L, "1"));
            insert(table, row(1L, "2"));
            assertThatThrownBy(() -> scanFinal(table)).isInstanceOfSatisfying(StarlingException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_IMPLEMENTED));
        }
    }

    @Test
    void collapsingCancelsAStateFollowedByItsCancelRow() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "views UInt32", "sign Int8");
        try (MergeTreeTable table = open("CollapsingMergeTree(sign)", columns)) {
            insert(table, row(1L, 5L, 1L), row(2L, 7L, 1L));
            insert(table, row(1L, 5L, -1L), row(1L, 6L, 1L));
            insert(table, row(2L, 7L, -1L));
            List<List<Object>> expected = List.of(row(1L, 6L, 1L));
            assertThat(scanFinal(table)).containsExactlyElementsOf(expected);
            table.optimizeFinal();
            assertThat(scan(table)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void collapsingKeepsACancelRowThatArrivedBeforeItsStateAsClickHouseDoes() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "views UInt32", "sign Int8");
        try (MergeTreeTable table = open("CollapsingMergeTree(sign)", columns)) {
            insert(table, row(1L, 5L, -1L));
            insert(table, row(1L, 5L, 1L));
            assertThat(scanFinal(table)).containsExactly(row(1L, 5L, -1L), row(1L, 5L, 1L));
            insert(table, row(2L, 1L, 1L), row(2L, 1L, -1L));
            assertThat(scan(table)).filteredOn(r -> r.get(0).equals(2L)).isEmpty();
        }
    }

    @Test
    void versionedCollapsingCancelsPairsInEitherOrder() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "views UInt32", "sign Int8", "ver UInt32");
        try (MergeTreeTable table = open("VersionedCollapsingMergeTree(sign, ver)", columns)) {
            insert(table, row(1L, 5L, 1L, 1L), row(2L, 3L, -1L, 1L));
            insert(table, row(1L, 5L, -1L, 1L), row(1L, 6L, 1L, 2L), row(2L, 3L, 1L, 1L));
            List<List<Object>> expected = List.of(row(1L, 6L, 1L, 2L));
            assertThat(scanFinal(table)).containsExactlyElementsOf(expected);
            table.optimizeFinal();
            assertThat(scan(table)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void finalMergesEachPartitionSeparately() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "kind String", "ver UInt64");
        TableDefinition definition = Tables.definition(columns, "ReplacingMergeTree(ver)", List.of("id"), "kind", Map.of());
        try (MergeTreeTable table = Tables.open(directory, definition, EngineServices.DEFAULT)) {
            insert(table, row(1L, "a", 1L), row(1L, "b", 1L));
            insert(table, row(1L, "a", 2L));
            assertThat(scanFinal(table)).containsExactlyInAnyOrder(row(1L, "a", 2L), row(1L, "b", 1L));
        }
    }

    @Test
    void nullEngineAcceptsAndDiscardsInserts() throws Exception {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32");
        try (MergeTreeTable table = open("Null", columns)) {
            InsertResult result = table.insert(TestBlocks.block(columns, List.of(row(1L), row(2L))));
            assertThat(result.rows()).isEqualTo(2);
            assertThat(result.partNames()).isEmpty();
            assertThat(scan(table)).isEmpty();
        }
        try (var entries = Files.list(directory)) {
            assertThat(entries.filter(Files::isDirectory)).isEmpty();
        }
    }

    @Test
    void optimizeOnInsertCanBeSwitchedOff() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "name String");
        TableDefinition definition = Tables.definition(columns, "ReplacingMergeTree", List.of("id"), "",
                Map.of("optimize_on_insert", "0"));
        try (MergeTreeTable table = Tables.open(directory, definition, EngineServices.DEFAULT)) {
            insert(table, row(1L, "a"), row(1L, "b"));
            assertThat(scan(table)).hasSize(2);
            assertThat(scanFinal(table)).containsExactly(row(1L, "b"));
        }
    }

    @Test
    void rejectsEngineParametersThatDoNotFitTheColumns() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32", "sign Int32");
        assertThatThrownBy(() -> open("CollapsingMergeTree(sign)", columns))
                .isInstanceOfSatisfying(StarlingException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT));
        assertThatThrownBy(() -> open("ReplacingMergeTree(missing)", columns))
                .isInstanceOfSatisfying(StarlingException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_IDENTIFIER));
    }
}
