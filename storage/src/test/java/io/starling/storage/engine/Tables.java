package io.starling.storage.engine;

import io.starling.storage.TestBlocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers for engine tests: open a table, insert rows, read it plainly or with FINAL. */
final class Tables {
    private Tables() {
    }

    static TableDefinition definition(List<ColumnDefinition> columns, String engine, List<String> sortingKey,
                                      String partitionKey, Map<String, String> settings) {
        return new TableDefinition(columns, engine, sortingKey, partitionKey, settings);
    }

    static MergeTreeTable open(Path directory, TableDefinition definition, EngineServices services) {
        return MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition), services);
    }

    static void insert(MergeTreeTable table, List<Object>... rows) {
        table.insert(TestBlocks.block(table.definition().columns(), List.of(rows)));
    }

    static List<String> names(MergeTreeTable table) {
        return table.definition().columns().stream().map(ColumnDefinition::name).toList();
    }

    static List<List<Object>> scan(MergeTreeTable table) {
        try (MergeTreeSnapshot snapshot = table.snapshot()) {
            return new ArrayList<>(TestBlocks.drain(snapshot.scan(names(table), new ScanStatistics())));
        }
    }

    static List<List<Object>> scanFinal(MergeTreeTable table) {
        try (MergeTreeSnapshot snapshot = table.snapshot()) {
            return new ArrayList<>(TestBlocks.drain(snapshot.scanFinal(names(table), new ScanStatistics())));
        }
    }
}
