package io.starling.storage.merge;

import static io.starling.storage.TestBlocks.columns;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.part.PartSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain merges move rows in runs; the result must be the stable sort of all sources, older sources first on ties. */
class MergeStreamTest {
    private static final List<ColumnDefinition> COLUMNS = columns("tenant String", "ts Int64",
            "action LowCardinality(String)", "note Nullable(String)", "amount Float64", "seq Int64");

    @ParameterizedTest
    @CsvSource({"1, 3, 7, 5", "2, 5, 100, 3", "3, 12, 8192, 40", "4, 2, 1, 1", "5, 9, 33, 200", "6, 17, 8192, 1", "7, 4, 8192, 2"})
    void mergesRandomSourcesIntoTheStableSortOfAllRows(long seed, int sourceCount, int blockRows, int tenants) {
        Random random = new Random(seed);
        TableDefinition definition = new TableDefinition(COLUMNS, "MergeTree", List.of("tenant", "ts"), "", Map.of());
        PartSchema schema = PartSchema.of(definition, new ColumnKeyEvaluator(definition));
        List<List<Object>> all = new ArrayList<>();
        List<BlockStream> sources = new ArrayList<>();
        long seq = 0;
        for (int s = 0; s < sourceCount; s++) {
            List<List<Object>> rows = new ArrayList<>();
            int count = random.nextInt(400);
            for (int i = 0; i < count; i++) {
                rows.add(TestBlocks.row("t" + random.nextInt(tenants), (long) random.nextInt(50),
                        random.nextBoolean() ? "view" : "click" + random.nextInt(3),
                        random.nextInt(4) == 0 ? null : "n" + random.nextInt(1000), random.nextDouble(), seq++));
            }
            rows.sort(KEY);
            all.addAll(rows);
            sources.add(stream(split(rows, 1 + random.nextInt(60))));
        }
        List<List<Object>> expected = new ArrayList<>(all);
        expected.sort(KEY); // stable: ties keep source order, then stored order

        List<List<Object>> merged = new ArrayList<>();
        int blocks = 0;
        try (MergeStream stream = new MergeStream(sources, schema, null, false, null, blockRows)) {
            for (Block block = stream.next(); block != null; block = stream.next()) {
                assertThat(block.rowCount()).isBetween(1, blockRows);
                merged.addAll(TestBlocks.rows(block));
                blocks++;
            }
        }
        assertThat(merged).isEqualTo(expected);
        assertThat(blocks).isEqualTo((expected.size() + blockRows - 1) / blockRows);
    }

    private static final Comparator<List<Object>> KEY = Comparator
            .comparing((List<Object> row) -> (String) row.get(0))
            .thenComparing(row -> (Long) row.get(1));

    private static List<Block> split(List<List<Object>> rows, int size) {
        List<Block> blocks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            blocks.add(TestBlocks.block(COLUMNS, rows.subList(from, Math.min(rows.size(), from + size))));
        }
        return blocks;
    }

    private static BlockStream stream(List<Block> blocks) {
        return new BlockStream() {
            private int next;

            @Override
            public Block next() {
                return next < blocks.size() ? blocks.get(next++) : null;
            }

            @Override
            public void close() {
            }
        };
    }
}
