package io.starling.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import org.junit.jupiter.api.Test;

class DataSourceAlterationsTest {
    private static DataSourceSpec dataSource(String sortingKey, String... columns) {
        DataSourceSpec.Builder spec = DataSourceSpec.newBuilder().setId("t_1").setName("events");
        for (int i = 0; i < columns.length; i += 2) {
            spec.addColumns(ColumnSpec.newBuilder().setName(columns[i]).setType(columns[i + 1]));
        }
        if (sortingKey != null) {
            spec.addSortingKey(sortingKey);
        }
        return spec.build();
    }

    @Test
    void falseOrEmptyRemovesTheTtl() {
        DataSourceSpec events = dataSource("ts", "ts", "DateTime");
        assertThat(DataSourceAlterations.ttlExpression(events, "false")).isEmpty();
        assertThat(DataSourceAlterations.ttlExpression(events, " FALSE ")).isEmpty();
        assertThat(DataSourceAlterations.ttlExpression(events, "")).isEmpty();
        assertThat(DataSourceAlterations.ttlOperation("")).isEqualTo("REMOVE TTL");
    }

    @Test
    void anExpressionIsKeptAsGiven() {
        DataSourceSpec events = dataSource("ts", "ts", "DateTime");
        assertThat(DataSourceAlterations.ttlExpression(events, " toDate(ts) + INTERVAL 3 DAY "))
                .isEqualTo("toDate(ts) + INTERVAL 3 DAY");
        assertThat(DataSourceAlterations.ttlOperation("ts + toIntervalDay(1)")).isEqualTo("MODIFY TTL ts + toIntervalDay(1)");
    }

    @Test
    void theShorthandCountsFromTheSortingKeysTimeColumn() {
        DataSourceSpec events = dataSource("day", "created", "DateTime64(3)", "day", "Date", "id", "Int64");
        assertThat(DataSourceAlterations.ttlExpression(events, "12 hours")).isEqualTo("day + toIntervalHour(12)");
        assertThat(DataSourceAlterations.ttlExpression(events, "1 Day")).isEqualTo("day + toIntervalDay(1)");
        assertThat(DataSourceAlterations.ttlExpression(events, "3 months")).isEqualTo("day + toIntervalMonth(3)");
    }

    @Test
    void theShorthandUsesTheOnlyTimeColumnWhenTheSortingKeyHasNone() {
        DataSourceSpec events = dataSource("id", "id", "Int64", "seen at", "Nullable(DateTime)");
        assertThat(DataSourceAlterations.ttlExpression(events, "7 days")).isEqualTo("`seen at` + toIntervalDay(7)");
    }

    @Test
    void theShorthandWithoutASingleTimeColumnAsksForTheExpression() {
        DataSourceSpec none = dataSource("id", "id", "Int64");
        assertThatThrownBy(() -> DataSourceAlterations.ttlExpression(none, "7 days"))
                .isInstanceOfSatisfying(StarlingException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENTS))
                .hasMessageContaining("has none").hasMessageContaining("ttl=timestamp + toIntervalDay(7)");
        DataSourceSpec two = dataSource("id", "id", "Int64", "a", "Date", "b", "DateTime");
        assertThatThrownBy(() -> DataSourceAlterations.ttlExpression(two, "7 days"))
                .hasMessageContaining("several [a, b]");
    }

    @Test
    void kafkaStoreRawValueIsABooleanSetting() {
        assertThat(DataSourceAlterations.parseBoolean("kafka_store_raw_value", "True")).isTrue();
        assertThat(DataSourceAlterations.parseBoolean("kafka_store_raw_value", "0")).isFalse();
        assertThatThrownBy(() -> DataSourceAlterations.parseBoolean("kafka_store_raw_value", "yes"))
                .hasMessageContaining("kafka_store_raw_value").hasMessageContaining("[yes]");
        DataSourceSpec events = dataSource(null, "id", "Int64");
        assertThat(DataSourceAlterations.kafkaStoreRawValue(events)).isFalse();
        assertThat(DataSourceAlterations.kafkaStoreRawValue(events.toBuilder()
                .putSettings(DataSourceAlterations.KAFKA_STORE_RAW_VALUE, "true").build())).isTrue();
    }
}
