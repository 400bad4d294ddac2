package io.starling.storage.engine;

import java.util.List;
import java.util.Map;

/**
 * What the storage needs to know about a table. Keys are ClickHouse expressions (text); the
 * {@link KeyEvaluator} given to {@link MergeTreeTable#open} computes them, so storage stays free of SQL.
 *
 * @param engine       engine name, {@code MergeTree} for now
 * @param sortingKey   ORDER BY expressions, e.g. {@code ["tenant_id", "toDate(timestamp)"]}; empty = tuple()
 * @param partitionKey PARTITION BY expression, or empty string for a single partition ("all")
 * @param settings     engine settings such as {@code index_granularity}
 */
public record TableDefinition(
        List<ColumnDefinition> columns,
        String engine,
        List<String> sortingKey,
        String partitionKey,
        Map<String, String> settings) {

    public TableDefinition {
        columns = List.copyOf(columns);
        sortingKey = List.copyOf(sortingKey);
        partitionKey = partitionKey == null ? "" : partitionKey;
        settings = Map.copyOf(settings);
    }

    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public int indexGranularity() {
        return Integer.parseInt(settings.getOrDefault("index_granularity", "8192"));
    }
}
