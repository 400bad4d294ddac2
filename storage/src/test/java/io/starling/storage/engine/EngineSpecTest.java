package io.starling.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.StarlingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineSpecTest {
    @Test
    void parsesClickHouseEngineClauses() {
        assertThat(EngineSpec.parse(null)).isEqualTo(EngineSpec.MERGE_TREE);
        assertThat(EngineSpec.parse("MergeTree()")).isEqualTo(EngineSpec.MERGE_TREE);
        EngineSpec replacing = EngineSpec.parse("ReplacingMergeTree(`ver`, is_deleted)");
        assertThat(replacing.kind()).isEqualTo(EngineSpec.Kind.REPLACING);
        assertThat(replacing.versionColumn()).isEqualTo("ver");
        assertThat(replacing.isDeletedColumn()).isEqualTo("is_deleted");
        assertThat(EngineSpec.parse("SummingMergeTree((a, b))").summingColumns()).containsExactly("a", "b");
        assertThat(EngineSpec.parse("ReplicatedCollapsingMergeTree(sign)").signColumn()).isEqualTo("sign");
        EngineSpec versioned = EngineSpec.parse("VersionedCollapsingMergeTree(sign, v)");
        assertThat(versioned.signColumn()).isEqualTo("sign");
        assertThat(versioned.versionColumn()).isEqualTo("v");
        assertThat(EngineSpec.parse("Null").kind()).isEqualTo(EngineSpec.Kind.NULL);
    }

    @Test
    void rejectsUnknownEnginesAndWrongArity() {
        assertThatThrownBy(() -> EngineSpec.parse("Log")).isInstanceOf(StarlingException.class)
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> EngineSpec.parse("CollapsingMergeTree")).isInstanceOf(StarlingException.class)
                .hasMessageContaining("(sign)");
        assertThatThrownBy(() -> EngineSpec.parse("VersionedCollapsingMergeTree(sign)"))
                .isInstanceOf(StarlingException.class);
    }

    @Test
    void buildsClausesFromTinybirdInstructions() {
        assertThat(EngineSpec.clause("ReplacingMergeTree", "updated_at", "deleted", null, null, null))
                .isEqualTo("ReplacingMergeTree(updated_at, deleted)");
        assertThat(EngineSpec.clause("ReplacingMergeTree", null, "deleted", null, null, null))
                .isEqualTo("ReplacingMergeTree");
        assertThat(EngineSpec.clause("VersionedCollapsingMergeTree", null, null, "sign", "v", null))
                .isEqualTo("VersionedCollapsingMergeTree(sign, v)");
        assertThat(EngineSpec.clause("SummingMergeTree", null, null, null, null, "a, b"))
                .isEqualTo("SummingMergeTree((a, b))");
        assertThat(EngineSpec.parse(EngineSpec.clause("SummingMergeTree", null, null, null, null, "a, b"))
                .summingColumns()).isEqualTo(List.of("a", "b"));
    }
}
