package io.starling.coordinator.catalog;

import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import java.util.List;

/**
 * The tables behind a data source: the data source itself, and its quarantine {@code X_quarantine}
 * (spec data-plane §4.5): every original column as {@code Nullable(String)}, then {@code c__error_column
 * Array(String)}, {@code c__error Array(String)}, {@code c__import_id Nullable(String)} and
 * {@code insertion_date DateTime}.
 */
public final class DataSourceTables {
    public static final String QUARANTINE_ID_SUFFIX = "_quarantine";
    public static final List<String> QUARANTINE_EXTRA_COLUMNS =
            List.of("c__error_column", "c__error", "c__import_id", "insertion_date");

    private DataSourceTables() {
    }

    public static TableSpec table(DataSourceSpec dataSource) {
        TableSpec.Builder table = TableSpec.newBuilder()
                .setTableId(dataSource.getId())
                .setEngine(dataSource.getEngine())
                .addAllSortingKey(dataSource.getSortingKeyList())
                .setPartitionKey(dataSource.getPartitionKey())
                .putAllSettings(dataSource.getEngineSettingsMap())
                .setTtl(dataSource.getEngineTtl())
                .addAllIndexes(dataSource.getIndexesList())
                .setSchemaVersion(dataSource.getSchemaVersion());
        for (ColumnSpec column : dataSource.getColumnsList()) {
            table.addColumns(TableColumn.newBuilder().setName(column.getName()).setType(column.getType())
                    .setCodec(column.hasCodec() ? column.getCodec() : "")
                    .setDefaultExpression(column.hasDefaultExpression() ? column.getDefaultExpression() : ""));
        }
        return table.build();
    }

    public static TableSpec quarantine(DataSourceSpec dataSource) {
        TableSpec.Builder table = TableSpec.newBuilder()
                .setTableId(dataSource.getId() + QUARANTINE_ID_SUFFIX)
                .setEngine("MergeTree")
                .addSortingKey("insertion_date")
                .setPartitionKey("")
                .setSchemaVersion(dataSource.getSchemaVersion());
        for (ColumnSpec column : dataSource.getColumnsList()) {
            table.addColumns(column(column.getName(), "Nullable(String)"));
        }
        table.addColumns(column("c__error_column", "Array(String)"));
        table.addColumns(column("c__error", "Array(String)"));
        table.addColumns(column("c__import_id", "Nullable(String)"));
        table.addColumns(column("insertion_date", "DateTime"));
        return table.build();
    }

    private static TableColumn column(String name, String type) {
        return TableColumn.newBuilder().setName(name).setType(type).build();
    }
}
