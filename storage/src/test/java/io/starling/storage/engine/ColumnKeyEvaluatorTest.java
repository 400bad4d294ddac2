package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.error.StarlingException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnKeyEvaluatorTest {
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("d Date", "n Int32", "u UInt64",
            "s String", "lc LowCardinality(String)", "dt DateTime", "ns Nullable(Int64)");

    private static ColumnKeyEvaluator evaluator(List<String> sortingKey, String partitionKey) {
        return new ColumnKeyEvaluator(new TableDefinition(COLUMNS, "MergeTree", sortingKey, partitionKey, Map.of()));
    }

    private static Block sample() {
        return TestBlocks.block(COLUMNS, List.of(
                row(19737L, -5L, -1L, "hello", "hello", 1_700_000_000L, null),
                row(19738L, 7L, 3L, "world", "world", 1_700_000_001L, 42L)));
    }

    @Test
    void partitionIdsFollowTheValueType() {
        Block block = sample();
        assertThat(evaluator(List.of(), "d").partitionIds(block)).containsExactly("20240115", "20240116");
        assertThat(evaluator(List.of(), "n").partitionIds(block)).containsExactly("-5", "7");
        assertThat(evaluator(List.of(), "u").partitionIds(block)).containsExactly("18446744073709551615", "3");
        assertThat(evaluator(List.of(), "dt").partitionIds(block)).containsExactly("1700000000", "1700000001");
        assertThat(evaluator(List.of(), "ns").partitionIds(block)).containsExactly("null", "42");
        assertThat(evaluator(List.of(), "").partitionIds(block)).containsExactly("all", "all");
        assertThat(evaluator(List.of(), "tuple()").partitionIds(block)).containsExactly("all", "all");
    }

    @Test
    void stringPartitionIdsAreHashesEqualForStringAndLowCardinality() {
        String[] strings = evaluator(List.of(), "s").partitionIds(sample());
        String[] dictionary = evaluator(List.of(), "`lc`").partitionIds(sample());
        assertThat(strings).containsExactly(dictionary);
        assertThat(strings[0]).matches("[0-9a-f]{16}").isNotEqualTo(strings[1]);
    }

    @Test
    void sortingKeyAcceptsNamesTuplesAndQuotes() {
        Block block = sample();
        assertThat(evaluator(List.of("n", "`s`"), "").sortingKey(block))
                .containsExactly(block.column(1), block.column(3));
        assertThat(evaluator(List.of("(u, d)"), "").sortingKey(block)).containsExactly(block.column(2), block.column(0));
        assertThat(evaluator(List.of("tuple()"), "").sortingKey(block)).isEmpty();
        assertThat(evaluator(List.of(), "").sortingKey(block)).isEmpty();
    }

    @Test
    void expressionsAreRefusedWithAHint() {
        assertThatThrownBy(() -> evaluator(List.of("toDate(dt)"), ""))
                .isInstanceOf(StarlingException.class).hasMessageContaining("[toDate(dt)]");
        assertThatThrownBy(() -> evaluator(List.of(), "toYYYYMM(d)"))
                .isInstanceOf(StarlingException.class).hasMessageContaining("SQL module");
    }
}
