package io.starling.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.part.MissingColumns;
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

    @Test
    void partsWrittenBeforeAColumnWasAddedReadItsDefaultExpressionUntilAMergeStoresIt() {
        MergeTreeTable before = Tables.open(directory, BEFORE, EngineServices.DEFAULT);
        Tables.insert(before, List.of(1L), List.of(2L));
        Tables.insert(before, List.of(3L));

        MergeTreeTable after = before.withDefinition(AFTER, new ColumnKeyEvaluator(AFTER),
                EngineServices.DEFAULT.withMissingColumns(times(10)));
        Tables.insert(after, List.of(4L, 7L));
        // old parts compute w = id * 10 for their rows; the new part reads what was written
        assertThat(Tables.scan(after)).containsExactlyInAnyOrder(
                List.of(1L, 10L), List.of(2L, 20L), List.of(3L, 30L), List.of(4L, 7L));

        // a merge stores the computed values: a later change of the expression no longer reaches those rows
        assertThat(after.optimizeFinal()).isPositive();
        MergeTreeTable changed = after.withDefinition(AFTER, new ColumnKeyEvaluator(AFTER),
                EngineServices.DEFAULT.withMissingColumns(times(100)));
        assertThat(Tables.scan(changed)).containsExactly(
                List.of(1L, 10L), List.of(2L, 20L), List.of(3L, 30L), List.of(4L, 7L));
        changed.close();
    }

    /** {@code w = id * factor} for parts without {@code w}. */
    private static MissingColumns times(long factor) {
        List<io.starling.storage.engine.ColumnDefinition> inputs = List.of(BEFORE.columns().get(0));
        MissingColumns.Filler filler = new MissingColumns.Filler() {
            @Override
            public List<io.starling.storage.engine.ColumnDefinition> inputs() {
                return inputs;
            }

            @Override
            public Column values(Block block) {
                Column ids = block.column(0);
                long[] values = new long[block.rowCount()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = ((LongColumn) ids).getLong(row) * factor;
                }
                return new LongColumn(AFTER.columns().get(1).type(), values);
            }
        };
        return column -> column.equals("w") ? filler : null;
    }
}
