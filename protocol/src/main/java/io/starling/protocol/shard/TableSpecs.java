package io.starling.protocol.shard;

import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.index.IndexDefinition;
import io.starling.storage.type.DataTypes;
import java.util.ArrayList;
import java.util.List;

/** Converts between the wire form of a table ({@link TableSpec}) and the storage's {@link TableDefinition}. */
public final class TableSpecs {
    private TableSpecs() {
    }

    public static TableDefinition toDefinition(TableSpec spec) {
        List<ColumnDefinition> columns = new ArrayList<>(spec.getColumnsCount());
        java.util.Map<String, String> codecs = new java.util.LinkedHashMap<>();
        for (TableColumn column : spec.getColumnsList()) {
            columns.add(new ColumnDefinition(column.getName(), DataTypes.parseStored(column.getType())));
            if (!column.getCodec().isBlank()) {
                codecs.put(column.getName(), column.getCodec());
            }
        }
        TableDefinition definition = new TableDefinition(columns, spec.getEngine(), spec.getSortingKeyList(),
                spec.getPartitionKey(), spec.getSettingsMap());
        if (!codecs.isEmpty()) {
            definition = definition.withCodecs(codecs);
        }
        if (spec.getIndexesCount() > 0) {
            List<IndexDefinition> indexes = new ArrayList<>(spec.getIndexesCount());
            for (String index : spec.getIndexesList()) {
                indexes.add(IndexDefinition.parse(index));
            }
            definition = definition.withIndexes(indexes);
        }
        return definition;
    }

    /** Column name to DEFAULT (MATERIALIZED, ALIAS) expression, for the columns that have one. */
    public static java.util.Map<String, String> defaults(TableSpec spec) {
        java.util.Map<String, String> defaults = new java.util.LinkedHashMap<>();
        for (TableColumn column : spec.getColumnsList()) {
            if (!column.getDefaultExpression().isBlank()) {
                defaults.put(column.getName(), column.getDefaultExpression());
            }
        }
        return defaults;
    }

    public static TableSpec toSpec(String tableId, TableDefinition definition) {
        TableSpec.Builder builder = TableSpec.newBuilder()
                .setTableId(tableId)
                .setEngine(definition.engine())
                .addAllSortingKey(definition.sortingKey())
                .setPartitionKey(definition.partitionKey())
                .putAllSettings(definition.settings());
        for (ColumnDefinition column : definition.columns()) {
            builder.addColumns(TableColumn.newBuilder().setName(column.name()).setType(column.type().name()));
        }
        for (IndexDefinition index : definition.indexes()) {
            builder.addIndexes(index.text());
        }
        return builder.build();
    }
}
