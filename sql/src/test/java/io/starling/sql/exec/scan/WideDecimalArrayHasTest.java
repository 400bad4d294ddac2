package io.starling.sql.exec.scan;

import static io.starling.sql.testing.PruningTables.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.testing.PruningTables;
import io.starling.storage.block.Block;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.index.IndexDefinition;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code has(array, constant)} over an Array(Decimal(30, 4)) column with a bloom_filter or set index prunes granules.
 * Row {@code i} holds {@code [i * 1.25, -i]}; the key ({@code id}) never helps a condition on the array.
 */
class WideDecimalArrayHasTest {
    private static final int GRANULE = 256;
    private static final int ROWS = 4096;
    private static final ArrayType AMOUNTS = (ArrayType) DataTypes.parse("Array(Decimal(30, 4))");
    private static final List<ColumnDefinition> COLUMNS = List.of(
            new ColumnDefinition("id", DataTypes.parse("UInt32")), new ColumnDefinition("amounts", AMOUNTS));

    @TempDir
    Path directory;

    private PruningTables tables;

    @BeforeEach
    void load() {
        tables = new PruningTables(directory, "plain", ROWS);
        TableDefinition plain = new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "",
                Map.of("index_granularity", String.valueOf(GRANULE)));
        tables.open("plain", plain, block(0, ROWS / 2), block(ROWS / 2, ROWS / 2));
        for (String type : List.of("bloom_filter(0.001)", "set(0)")) {
            tables.open(type.substring(0, type.indexOf('(')), plain.withIndexes(List.of(
                            IndexDefinition.parse("INDEX idx amounts TYPE " + type + " GRANULARITY 1"))),
                    block(0, ROWS / 2), block(ROWS / 2, ROWS / 2));
        }
    }

    @AfterEach
    void close() {
        tables.close();
    }

    private static Block block(int from, int count) {
        long[] ids = new long[count];
        ArrayColumnBuilder amounts = new ArrayColumnBuilder(AMOUNTS, count);
        for (int r = 0; r < count; r++) {
            int i = from + r;
            ids[r] = i;
            long unscaled = i * 12_500L;
            amounts.elements().appendInt128(0, unscaled);
            amounts.elements().appendInt128(-1, -i * 10_000L);
            amounts.closeArray();
        }
        return new Block(List.of(new LongColumn(DataTypes.parse("UInt32"), ids), amounts.build()), count);
    }

    @Test
    void hasOnADecimal128ArrayReadsOnlyTheGranulesThatMayHoldTheValue() {
        for (String table : List.of("bloom_filter", "set")) {
            // a bloom filter may keep one granule by a false positive
            assertThat(tables.pruned(table, "SELECT id FROM events WHERE has(amounts, 2500)", 2 * GRANULE))
                    .as(table).containsExactly(row(2000L));
            assertThat(tables.pruned(table, "SELECT id FROM events WHERE has(amounts, toDecimal64('-3000', 2))",
                    2 * GRANULE)).as(table).containsExactly(row(3000L));
            assertThat(tables.pruned(table, "SELECT id FROM events WHERE has(amounts, 3.75)", 2 * GRANULE))
                    .as(table).containsExactly(row(3L));
        }
    }
}
