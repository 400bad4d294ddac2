package io.starling.node.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.error.StarlingException;
import io.starling.storage.index.IndexDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INDEXES of a .datasource file travel through the catalog spec and the shard table spec into the table. */
class DatasourceSpecsIndexesTest {
    private static final String FILE = """
            SCHEMA >
                `ts` DateTime,
                `action` String,
                `message` String,
                `amount` Int64

            ENGINE "MergeTree"
            ENGINE_SORTING_KEY "ts"

            INDEXES >
                INDEX idx_action action TYPE bloom_filter GRANULARITY 3
                INDEX idx_message message TYPE tokenbf_v1(512, 3, 0) GRANULARITY 1
                INDEX idx_amount amount TYPE set(100) GRANULARITY 2
            """;

    @Test
    void indexesReachTheTableDefinition() {
        List<String> warnings = new ArrayList<>();
        DataSourceSpec spec = DatasourceSpecs.fromFile(DatasourceFile.parse(FILE, "events.datasource"), "events",
                Instant.EPOCH, warnings::add);
        assertThat(spec.getIndexesList()).containsExactly(
                "INDEX idx_action action TYPE bloom_filter GRANULARITY 3",
                "INDEX idx_message message TYPE tokenbf_v1(512, 3, 0) GRANULARITY 1",
                "INDEX idx_amount amount TYPE set(100) GRANULARITY 2");
        TableDefinition definition = TableSpecs.toDefinition(DataSourceTables.table(spec));
        assertThat(definition.indexes()).extracting(IndexDefinition::name)
                .containsExactly("idx_action", "idx_message", "idx_amount");
        assertThat(definition.indexes().get(1).arguments()).containsExactly("512", "3", "0");
        assertThat(definition.indexes().get(2).granularity()).isEqualTo(2);
        assertThat(TableSpecs.toDefinition(TableSpecs.toSpec("t", definition)).indexes()).isEqualTo(definition.indexes());
        assertThat(TableSpecs.toDefinition(DataSourceTables.quarantine(spec)).indexes()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void indexOnAColumnOutsideTheSchemaIsRejected() {
        String file = FILE.replace("idx_amount amount", "idx_amount price");
        assertThatThrownBy(() -> DatasourceSpecs.fromFile(DatasourceFile.parse(file, "events.datasource"), "events",
                Instant.EPOCH, warning -> { }))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("price");
    }
}
