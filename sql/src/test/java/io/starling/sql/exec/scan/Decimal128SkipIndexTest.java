package io.starling.sql.exec.scan;

import static io.starling.sql.testing.PruningTables.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.testing.PruningTables;
import io.starling.storage.block.Block;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeSnapshot;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.index.IndexDefinition;
import io.starling.storage.part.DataPart;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skip indexes on Decimal(30, 4) columns (Decimal128): the same rows, inserted as {@value #INSERTS} parts, in tables
 * sorted by {@code id} with a minmax, a set or a bloom_filter index on {@code amount} (and on the Nullable
 * {@code maybe}), and in a table without indexes. The key never helps a condition on the decimals, so every row
 * skipped is skipped by an index. Row {@code i} holds {@code id = i}, {@code amount = (i - 4096) * 1.25} (negative
 * values in the first half) and {@code maybe = amount}, NULL when {@code i % 10 = 0}.
 */
class Decimal128SkipIndexTest {
    private static final int GRANULE = 256;
    private static final int BLOCK = 2048;
    private static final int INSERTS = 4;
    private static final int ROWS = BLOCK * INSERTS;
    private static final DataType DECIMAL = DataTypes.parse("Decimal(30, 4)");
    private static final DataType NULLABLE = DataTypes.parse("Nullable(Decimal(30, 4))");
    private static final List<ColumnDefinition> COLUMNS = List.of(
            new ColumnDefinition("id", DataTypes.parse("UInt32")),
            new ColumnDefinition("amount", DECIMAL),
            new ColumnDefinition("maybe", NULLABLE));
    private static final Map<String, String> SETTINGS = Map.of("index_granularity", String.valueOf(GRANULE));

    @TempDir
    Path directory;

    private PruningTables tables;

    @BeforeEach
    void load() {
        tables = new PruningTables(directory, "plain", ROWS);
        Block[] blocks = new Block[INSERTS];
        for (int b = 0; b < INSERTS; b++) {
            blocks[b] = block(b * BLOCK, BLOCK);
        }
        tables.open("plain", plain(), blocks);
        tables.open("minmax", indexed("minmax"), blocks);
        tables.open("set", indexed("set(0)"), blocks);
        tables.open("bloom", indexed("bloom_filter(0.001)"), blocks);
    }

    @AfterEach
    void close() {
        tables.close();
    }

    private static TableDefinition plain() {
        return new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "", SETTINGS);
    }

    private static TableDefinition indexed(String type) {
        return plain().withIndexes(List.of(
                IndexDefinition.parse("INDEX idx_amount amount TYPE " + type + " GRANULARITY 1"),
                IndexDefinition.parse("INDEX idx_maybe maybe TYPE " + type + " GRANULARITY 1")));
    }

    /** Rows {@code from .. from + count - 1}. */
    private static Block block(int from, int count) {
        long[] ids = new long[count];
        ColumnBuilder amount = ColumnBuilder.forType(DECIMAL, count);
        ColumnBuilder maybe = ColumnBuilder.forType(NULLABLE, count);
        for (int r = 0; r < count; r++) {
            int i = from + r;
            long unscaled = (i - 4096) * 12_500L;
            ids[r] = i;
            amount.appendInt128(unscaled >> 63, unscaled);
            if (i % 10 == 0) {
                maybe.appendNull();
            } else {
                maybe.appendInt128(unscaled >> 63, unscaled);
            }
        }
        return new Block(List.of(new LongColumn(DataTypes.parse("UInt32"), ids), amount.build(), maybe.build()), count);
    }

    @Test
    void minmaxPrunesComparisonsWithIntegerDecimalAndFloatConstants() {
        // amount in [100, 110): rows 4176..4183
        assertThat(tables.pruned("minmax", "SELECT count(), min(id), max(id) FROM events WHERE amount >= 100"
                + " AND amount < 110", GRANULE)).containsExactly(row(8L, 4176L, 4183L));
        assertThat(tables.pruned("minmax", "SELECT count() FROM events WHERE amount BETWEEN toDecimal64('2000', 2)"
                + " AND 2001.25", GRANULE)).containsExactly(row(2L));
        assertThat(tables.pruned("minmax", "SELECT count() FROM events WHERE amount > 5100", GRANULE))
                .containsExactly(row(15L));
        assertThat(tables.pruned("minmax", "SELECT count() FROM events WHERE 5100.0 < amount", GRANULE))
                .containsExactly(row(15L));
        assertThat(tables.pruned("minmax", "SELECT count() FROM events WHERE amount <= -5000", GRANULE))
                .containsExactly(row(97L));
        assertThat(tables.pruned("minmax", "SELECT toString(amount) FROM events WHERE amount = -3.75", GRANULE))
                .containsExactly(row("-3.75"));
        assertThat(tables.pruned("minmax", "SELECT id FROM events WHERE amount = toDecimal128('1.25', 4)", GRANULE))
                .containsExactly(row(4097L));
        // a constant beyond every row, and one with no exact form at scale 4, read nothing
        assertThat(tables.pruned("minmax", "SELECT count() FROM events WHERE amount > 1e30", 0)).containsExactly(row(0L));
        assertThat(tables.pruned("minmax", "SELECT count() FROM events WHERE amount = toDecimal128('1.00001', 5)", 0))
                .containsExactly(row(0L));
        // the Nullable column: NULLs are in no index entry
        assertThat(tables.pruned("minmax", "SELECT count() FROM events WHERE maybe >= 100 AND maybe < 110", GRANULE))
                .containsExactly(row(7L));
    }

    @Test
    void minmaxPrunesInLists() {
        // 1.3 lies in the range of granule 16 but no row holds it
        assertThat(tables.pruned("minmax", "SELECT id FROM events WHERE amount IN (-5120, 2500, 1.3) ORDER BY id",
                3 * GRANULE)).containsExactly(row(0L), row(6096L));
        assertThat(tables.pruned("minmax", "SELECT count() FROM events WHERE amount IN (1.00001, 99999)", 0))
                .containsExactly(row(0L));
    }

    @Test
    void setAnswersEqualityInListsAndRanges() {
        assertThat(tables.pruned("set", "SELECT id FROM events WHERE amount = 2500", GRANULE)).containsExactly(row(6096L));
        assertThat(tables.pruned("set", "SELECT id FROM events WHERE amount IN (toDecimal32('-3.75', 2), toDecimal64('5118.75', 2))"
                + " ORDER BY id", 2 * GRANULE)).containsExactly(row(4093L), row(8191L));
        assertThat(tables.pruned("set", "SELECT count() FROM events WHERE amount > 5100 AND amount <= 5110", GRANULE))
                .containsExactly(row(8L));
        // row 4100 holds amount 5 and a NULL maybe
        assertThat(tables.pruned("set", "SELECT count() FROM events WHERE maybe = 5", 0)).containsExactly(row(0L));
    }

    @Test
    void bloomFilterAnswersEqualityAndInLists() {
        // a bloom filter may keep a granule by a false positive (1 in 1000 here): allow one beyond those holding the values
        assertThat(tables.pruned("bloom", "SELECT id FROM events WHERE amount = toDecimal128('2500', 0)", 2 * GRANULE))
                .containsExactly(row(6096L));
        assertThat(tables.pruned("bloom", "SELECT id FROM events WHERE amount = -3.75", 2 * GRANULE))
                .containsExactly(row(4093L));
        assertThat(tables.pruned("bloom", "SELECT id FROM events WHERE amount IN (-5120, 1250, 3) ORDER BY id",
                3 * GRANULE)).containsExactly(row(0L), row(5096L));
        assertThat(tables.pruned("bloom", "SELECT id FROM events WHERE maybe = 1.25", 2 * GRANULE))
                .containsExactly(row(4097L));
    }

    @Test
    void partsWrittenWithoutTheIndexFileStillAnswer() {
        // two parts written while Decimal128 indexes were not built, then the table reopened by a build that builds them
        Block[] old = {block(0, BLOCK), block(BLOCK, BLOCK)};
        tables.open("upgraded", plain(), old);
        tables.close("upgraded");
        MergeTreeTable table = tables.open("upgraded", indexed("minmax"), block(2 * BLOCK, BLOCK), block(3 * BLOCK, BLOCK));
        try (MergeTreeSnapshot snapshot = table.snapshot()) {
            assertThat(snapshot.parts()).hasSize(INSERTS);
            assertThat(snapshot.parts().stream().mapToInt(part -> part.skipIndexes().size()).sorted().toArray())
                    .containsExactly(0, 0, 2, 2);
            assertThat(snapshot.parts().stream().filter(part -> part.skipIndexes().isEmpty())
                    .mapToLong(DataPart::rowCount).sum()).isEqualTo(2L * BLOCK);
        }
        // a value in a new part: the old parts are read in full, the new ones pruned
        assertThat(tables.pruned("upgraded", "SELECT id FROM events WHERE amount = 2500", 2 * BLOCK + GRANULE))
                .containsExactly(row(6096L));
        // a value in an old part
        assertThat(tables.pruned("upgraded", "SELECT id FROM events WHERE amount = -2500", 2 * BLOCK))
                .containsExactly(row(2096L));
        assertThat(tables.pruned("upgraded", "SELECT count() FROM events WHERE amount >= -10 AND amount < 10",
                2 * BLOCK + GRANULE)).containsExactly(row(16L));
    }
}
