package io.starling.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MergeTreeTable#withDefinition}: an altered table shares its parts with the instance it replaces. */
class TableRedefinitionTest {
    private static final TableDefinition BEFORE = Tables.definition(TestBlocks.columns("id Int64"), "MergeTree",
            List.of("id"), "", Map.of());
    private static final TableDefinition AFTER = Tables.definition(TestBlocks.columns("id Int64", "w Int64"),
            "MergeTree", List.of("id"), "", Map.of());

    @TempDir
    Path directory;

    @Test
    void writesStillRunningOnTheOldInstanceAreVisibleThroughTheNewOne() {
        MergeTreeTable before = Tables.open(directory, BEFORE, EngineServices.DEFAULT);
        Tables.insert(before, List.of(1L), List.of(2L));

        MergeTreeTable after = before.withDefinition(AFTER, new ColumnKeyEvaluator(AFTER), EngineServices.DEFAULT);
        assertThat(Tables.names(after)).containsExactly("id", "w");
        Tables.insert(before, List.of(3L));          // began before the alteration: old columns, same parts
        Tables.insert(after, List.of(4L, 40L));

        assertThat(Tables.scan(after)).containsExactlyInAnyOrder(
                List.of(1L, 0L), List.of(2L, 0L), List.of(3L, 0L), List.of(4L, 40L));
        assertThat(after.optimizeFinal()).isPositive();
        assertThat(Tables.scan(after)).containsExactly(
                List.of(1L, 0L), List.of(2L, 0L), List.of(3L, 0L), List.of(4L, 40L));
        after.close();

        // Everything is on disk: a restart under the new definition reads the same rows.
        MergeTreeTable reopened = Tables.open(directory, AFTER, EngineServices.DEFAULT);
        assertThat(Tables.scan(reopened)).containsExactly(
                List.of(1L, 0L), List.of(2L, 0L), List.of(3L, 0L), List.of(4L, 40L));
        reopened.close();
    }
}
