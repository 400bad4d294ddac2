package io.starling.storage.engine;

import io.starling.storage.index.IndexDefinition;
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
 * @param codecs       per column name, the text inside its {@code CODEC(...)} (e.g. {@code DoubleDelta, ZSTD(1)});
 *                     columns not listed use the table's {@code compression_codec} setting (LZ4 by default)
 * @param indexes      data-skipping indexes ({@code INDEXES >}), built into every new part
 */
public record TableDefinition(
        List<ColumnDefinition> columns,
        String engine,
        List<String> sortingKey,
        String partitionKey,
        Map<String, String> settings,
        Map<String, String> codecs,
        List<IndexDefinition> indexes) {

    public TableDefinition {
        columns = List.copyOf(columns);
        sortingKey = List.copyOf(sortingKey);
        partitionKey = partitionKey == null ? "" : partitionKey;
        settings = Map.copyOf(settings);
        codecs = codecs == null ? Map.of() : Map.copyOf(codecs);
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
    }

    /** A table without column codecs or skip indexes. */
    public TableDefinition(List<ColumnDefinition> columns, String engine, List<String> sortingKey, String partitionKey,
                           Map<String, String> settings) {
        this(columns, engine, sortingKey, partitionKey, settings, Map.of(), List.of());
    }

    /** This definition with the given column codecs (column name to {@code CODEC(...)} text). */
    public TableDefinition withCodecs(Map<String, String> columnCodecs) {
        return new TableDefinition(columns, engine, sortingKey, partitionKey, settings, columnCodecs, indexes);
    }

    /** This definition with the given skip indexes. */
    public TableDefinition withIndexes(List<IndexDefinition> skipIndexes) {
        return new TableDefinition(columns, engine, sortingKey, partitionKey, settings, codecs, skipIndexes);
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
