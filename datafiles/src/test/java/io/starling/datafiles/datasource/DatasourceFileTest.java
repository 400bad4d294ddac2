package io.starling.datafiles.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.datafiles.datasource.DatasourceFile.IndexDefinition;
import io.starling.datafiles.datasource.DatasourceFile.TokenGrant;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import org.junit.jupiter.api.Test;

class DatasourceFileTest {

    @Test
    void parsesTheCanonicalExample() {
        DatasourceFile file = DatasourceFile.parse("""
                # A comment
                TOKEN tracker APPEND
                DESCRIPTION >
                    Analytics events **landing data source**

                    Second paragraph.
                TAGS stock, recommendations
                SCHEMA >
                    `timestamp` DateTime `json:$.timestamp`,
                    `session_id` String `json:$.session_id`,
                    `action` LowCardinality(String) `json:$.action`,
                    `version` LowCardinality(String) `json:$.version`,
                    `payload` String `json:$.payload`

                ENGINE "MergeTree"
                ENGINE_PARTITION_KEY "toYYYYMM(timestamp)"
                ENGINE_SORTING_KEY "timestamp"
                ENGINE_TTL "timestamp + toIntervalDay(60)"
                ENGINE_SETTINGS "index_granularity=8192"
                INDEXES >
                    INDEX idx1 action TYPE bloom_filter GRANULARITY 3
                SHARED_WITH >
                    analytics_production,
                    analytics_staging
                """, "datasources/analytics_events.datasource");
        assertThat(file.name()).isEqualTo("analytics_events");
        assertThat(file.description()).isEqualTo("Analytics events **landing data source**\n\nSecond paragraph.");
        assertThat(file.tokens()).containsExactly(new TokenGrant("tracker", "APPEND"));
        assertThat(file.tags()).containsExactly("stock", "recommendations");
        assertThat(file.schema()).hasSize(5);
        assertThat(file.engine()).isEqualTo("MergeTree");
        assertThat(file.partitionKey()).isEqualTo("toYYYYMM(timestamp)");
        assertThat(file.sortingKey()).isEqualTo("timestamp");
        assertThat(file.ttl()).isEqualTo("timestamp + toIntervalDay(60)");
        assertThat(file.settings()).isEqualTo("index_granularity=8192");
        assertThat(file.indexes()).containsExactly(new IndexDefinition("idx1", "action", "bloom_filter", 3));
        assertThat(file.sharedWith()).containsExactly("analytics_production", "analytics_staging");
        assertThat(file.primaryKey()).isNull();
    }

    @Test
    void acceptsBareAndSingleQuotedValuesTrailingCommentsAndConnectorSettings() {
        DatasourceFile file = DatasourceFile.parse("""
                SCHEMA >
                \t`__value` String,
                \t`timestamp` DateTime DEFAULT now(),
                \t`id` String DEFAULT JSONExtractString(__value, '_id._id'),
                \t`version` UInt64,
                \t`deleted` UInt8

                ENGINE ReplacingMergeTree
                ENGINE_SORTING_KEY start_time, organization, project
                ENGINE_PARTITION_KEY ""
                ENGINE_VER version
                ENGINE_IS_DELETED deleted
                KAFKA_CONNECTION_NAME kafka_connection # The name of the .connection file
                KAFKA_TOPIC 'events'
                KAFKA_STORE_RAW_VALUE 'True'
                KAFKA_KEY_AVRO_DESERIALIZATION ''
                IMPORT_SCHEDULE '@auto'
                TOKEN "reader" read
                FORWARD_QUERY >
                    SELECT __value, timestamp, id,
                        version, deleted
                """, "kafka_events.datasource");
        assertThat(file.engine()).isEqualTo("ReplacingMergeTree");
        assertThat(file.sortingKey()).isEqualTo("start_time, organization, project");
        assertThat(file.partitionKey()).isEmpty();
        assertThat(file.ver()).isEqualTo("version");
        assertThat(file.isDeleted()).isEqualTo("deleted");
        assertThat(file.schema().get(2).defaultExpression()).isEqualTo("JSONExtractString(__value, '_id._id')");
        assertThat(file.connectorSettings()).containsExactly(
                java.util.Map.entry("KAFKA_CONNECTION_NAME", "kafka_connection"),
                java.util.Map.entry("KAFKA_TOPIC", "events"),
                java.util.Map.entry("KAFKA_STORE_RAW_VALUE", "True"),
                java.util.Map.entry("KAFKA_KEY_AVRO_DESERIALIZATION", ""),
                java.util.Map.entry("IMPORT_SCHEDULE", "@auto"));
        assertThat(file.tokens()).containsExactly(new TokenGrant("reader", "READ"));
        assertThat(file.forwardQuery()).isEqualTo("SELECT __value, timestamp, id,\n    version, deleted");
    }

    @Test
    void acceptsTheCreateScopeOfClassicProjects() {
        DatasourceFile file = DatasourceFile.parse("TOKEN app APPEND\nTOKEN app CREATE\n\nSCHEMA >\n    `a` Int32\n",
                "logs.datasource");
        assertThat(file.tokens()).containsExactly(new TokenGrant("app", "APPEND"), new TokenGrant("app", "CREATE"));
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertThatThrownBy(() -> DatasourceFile.parse("SCHEMA >\n    `a` Int32,\n    `b` Nope\n", "x.datasource"))
                .isInstanceOf(StarlingException.class)
                .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.UNKNOWN_TYPE))
                .hasMessageStartingWith("x.datasource:3: Column [b] (line 3)");
        assertThatThrownBy(() -> DatasourceFile.parse("SCHEMA >\n    `a` Int32\nENGIN MergeTree\n", "y.datasource"))
                .hasMessageStartingWith("y.datasource:3: unknown instruction [ENGIN]");
        assertThatThrownBy(() -> DatasourceFile.parse("ENGINE MergeTree\n", "z.datasource"))
                .hasMessageContaining("has no SCHEMA");
        assertThatThrownBy(() -> DatasourceFile.parse("SCHEMA >\n    `a` Int32\nTOKEN t WRITE\n", "t.datasource"))
                .hasMessageStartingWith("t.datasource:3: TOKEN scope [WRITE] is not READ, APPEND or CREATE");
        assertThatThrownBy(() -> DatasourceFile.parse("SCHEMA >\n    `a` Int32\nINDEXES >\n    INDEX broken\n", "i.datasource"))
                .hasMessageStartingWith("i.datasource:4: index [INDEX broken]");
    }
}
