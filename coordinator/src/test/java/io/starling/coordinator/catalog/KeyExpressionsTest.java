package io.starling.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.StarlingException;
import org.junit.jupiter.api.Test;

class KeyExpressionsTest {

    @Test
    void splitsTopLevelCommasOnly() {
        assertThat(KeyExpressions.split("tenant, toDate(ts), substring(name, 1, 2)"))
                .containsExactly("tenant", "toDate(ts)", "substring(name, 1, 2)");
        assertThat(KeyExpressions.split("(a, b)")).containsExactly("a", "b");
        assertThat(KeyExpressions.split("tuple(a, 'x,y')")).containsExactly("a", "'x,y'");
        assertThat(KeyExpressions.split("(a), (b)")).containsExactly("(a)", "(b)");
    }

    @Test
    void emptyKeys() {
        assertThat(KeyExpressions.split(null)).isEmpty();
        assertThat(KeyExpressions.split("  ")).isEmpty();
        assertThat(KeyExpressions.split("tuple()")).isEmpty();
        assertThat(KeyExpressions.split("()")).isEmpty();
    }

    @Test
    void parsesEngineSettings() {
        assertThat(KeyExpressions.settings("index_granularity=1024, storage_policy='hot'"))
                .containsEntry("index_granularity", "1024").containsEntry("storage_policy", "hot");
        assertThat(KeyExpressions.settings(null)).isEmpty();
        assertThatThrownBy(() -> KeyExpressions.settings("nonsense")).isInstanceOf(StarlingException.class);
    }
}
