package io.starling.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
import org.junit.jupiter.api.Test;

class DataSourceTablesTest {

    @Test
    void quarantineHasEveryColumnAsNullableStringPlusErrorColumns() {
        DataSourceSpec dataSource = CatalogDecisionsTest.dataSource("events", "t_0123");
        TableSpec quarantine = DataSourceTables.quarantine(dataSource);
        assertThat(quarantine.getTableId()).isEqualTo("t_0123_quarantine");
        assertThat(quarantine.getColumnsList()).extracting(TableColumn::getName)
                .containsExactly("id", "name", "c__error_column", "c__error", "c__import_id", "insertion_date");
        assertThat(quarantine.getColumnsList()).extracting(TableColumn::getType)
                .containsExactly("Nullable(String)", "Nullable(String)", "Array(String)", "Array(String)",
                        "Nullable(String)", "DateTime");
        // Every type parses in storage.
        assertThat(TableSpecs.toDefinition(quarantine).columns()).hasSize(6);
    }

    @Test
    void mainTableKeepsTypesAndKeys() {
        DataSourceSpec dataSource = CatalogDecisionsTest.dataSource("events", "t_9").toBuilder()
                .addSortingKey("id").setPartitionKey("").putEngineSettings("index_granularity", "256").build();
        TableSpec table = DataSourceTables.table(dataSource);
        assertThat(table.getTableId()).isEqualTo("t_9");
        assertThat(table.getSortingKeyList()).containsExactly("id");
        assertThat(TableSpecs.toDefinition(table).indexGranularity()).isEqualTo(256);
    }
}
