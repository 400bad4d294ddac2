package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.TestBlocks;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsertThrottleTest {
    @TempDir
    Path directory;

    @Test
    void delayGrowsLinearlyFromTheSoftLimitToTheHardOne() {
        TableSettings settings = TableSettings.of(Map.of());
        assertThat(settings.partsToDelayInsert()).isEqualTo(150);
        assertThat(settings.partsToThrowInsert()).isEqualTo(300);
        assertThat(settings.insertDelayMillis(149)).isZero();
        assertThat(settings.insertDelayMillis(150)).isEqualTo(1000L / 150);
        assertThat(settings.insertDelayMillis(224)).isEqualTo(1000L * 75 / 150);
        assertThat(settings.insertDelayMillis(299)).isEqualTo(1000);
    }

    @Test
    void insertsAreDelayedPastTheSoftLimitAndRefusedAtTheHardOne() {
        List<ColumnDefinition> columns = TestBlocks.columns("id UInt32");
        TableDefinition definition = Tables.definition(columns, "MergeTree", List.of("id"), "",
                Map.of("parts_to_delay_insert", "3", "parts_to_throw_insert", "6", "max_delay_to_insert", "3"));
        List<Long> delays = new ArrayList<>();
        EngineServices services = EngineServices.DEFAULT.withInsertDelay(delays::add);
        try (MergeTreeTable table = Tables.open(directory, definition, services)) {
            for (long i = 0; i < 6; i++) {
                Tables.insert(table, row(i));
            }
            assertThat(delays).containsExactly(1000L, 2000L, 3000L);
            assertThatThrownBy(() -> Tables.insert(table, row(7L))).isInstanceOfSatisfying(StarlingException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_MANY_PARTS));
            table.mergeOnce();
            delays.clear();
            Tables.insert(table, row(8L));
            assertThat(delays).isEmpty();
        }
    }

    @Test
    void rejectsSettingsThatAreNotNumbers() {
        assertThatThrownBy(() -> TableSettings.of(Map.of("parts_to_throw_insert", "many")))
                .isInstanceOfSatisfying(StarlingException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENTS));
    }
}
