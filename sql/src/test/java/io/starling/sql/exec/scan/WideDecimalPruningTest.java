package io.starling.sql.exec.scan;

import static io.starling.sql.testing.PruningTables.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.testing.PruningTables;
import io.starling.storage.block.Block;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.Int256;
import io.starling.storage.column.LongColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.index.IndexDefinition;
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
 * The same rows in four MergeTree tables: sorted by a Decimal128 column (with a minmax index on a Decimal256
 * column), sorted by the Decimal256 column, sorted by an unrelated column with minmax and bloom_filter indexes
 * on the Decimal256 column, and sorted by the unrelated column without indexes. Comparisons and IN with integer,
 * Decimal and Float constants read fewer rows from the first three and all give the same answers (skip indexes on
 * Decimal128 columns: {@link Decimal128SkipIndexTest}). Row {@code i} holds {@code d128 = i / 100} and
 * {@code d256 = i * 1.5}.
 */
class WideDecimalPruningTest {
    private static final int ROWS = 20_000;
    private static final int GRANULE = 256;
    private static final int LAST_GRANULE = ROWS % GRANULE;
    private static final DataType D128 = DataTypes.parse("Decimal(38, 2)");
    private static final DataType D256 = DataTypes.parse("Decimal(76, 3)");

    @TempDir
    Path directory;

    private PruningTables tables;

    @BeforeEach
    void load() {
        tables = new PruningTables(directory, "plain", ROWS);
        List<ColumnDefinition> columns = List.of(
                new ColumnDefinition("d128", D128),
                new ColumnDefinition("d256", D256),
                new ColumnDefinition("n", DataTypes.parse("UInt64")));
        Map<String, String> settings = Map.of("index_granularity", String.valueOf(GRANULE));
        TableDefinition by128 = new TableDefinition(columns, "MergeTree", List.of("d128"), "", settings)
                .withIndexes(List.of(IndexDefinition.parse("INDEX idx_d256 d256 TYPE minmax GRANULARITY 1")));
        TableDefinition by256 = new TableDefinition(columns, "MergeTree", List.of("d256"), "", settings);
        TableDefinition byN = new TableDefinition(columns, "MergeTree", List.of("n"), "", settings)
                .withIndexes(List.of(IndexDefinition.parse("INDEX idx_d256 d256 TYPE minmax GRANULARITY 1"),
                        IndexDefinition.parse("INDEX idx_bloom d256 TYPE bloom_filter GRANULARITY 1")));
        TableDefinition plain = new TableDefinition(columns, "MergeTree", List.of("n"), "", settings);
        ColumnBuilder d128 = ColumnBuilder.forType(D128, ROWS);
        ColumnBuilder d256 = ColumnBuilder.forType(D256, ROWS);
        long[] n = new long[ROWS];
        Int256 register = new Int256();
        for (int i = 0; i < ROWS; i++) {
            d128.appendInt128(0, i);
            register.set(i * 1500L).appendTo(d256);
            n[i] = (i * 7919L) % ROWS;
        }
        Block block = new Block(List.of(d128.build(), d256.build(), new LongColumn(DataTypes.parse("UInt64"), n)), ROWS);
        tables.open("by128", by128, block);
        tables.open("by256", by256, block);
        tables.open("byN", byN, block);
        tables.open("plain", plain, block);
    }

    @AfterEach
    void close() {
        tables.close();
    }

    /** Runs {@code sql} on {@code table} and the plain table: same answer, and {@code table} reads at most {@code maxRows}. */
    private List<List<Object>> pruned(String table, String sql, long maxRows) {
        return tables.pruned(table, sql, maxRows);
    }

    @Test
    void decimal128SortingKeyPrunesFloatConstantRanges() {
        assertThat(pruned("by128", "SELECT count(), toString(min(d128)), toString(max(d128)) FROM events"
                + " WHERE d128 >= 150.5 AND d128 < 151", 2 * GRANULE)).containsExactly(row(50L, "150.5", "150.99"));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d128 > 199.5", 2 * GRANULE))
                .containsExactly(row(49L));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE 12.5 > d128", 5 * GRANULE))
                .containsExactly(row(1250L));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d128 = 12.25", GRANULE)).containsExactly(row(1L));
    }

    @Test
    void decimal128SortingKeyPrunesExactConstants() {
        assertThat(pruned("by128", "SELECT toString(d128), toString(d256) FROM events WHERE d128 = toDecimal128('1.5', 2)",
                GRANULE)).containsExactly(row("1.5", "225"));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d128 >= 190 AND d128 <= toDecimal64('190.4', 1)",
                2 * GRANULE)).containsExactly(row(41L));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d128 IN (5, 77.77, 120)", 3 * GRANULE))
                .containsExactly(row(3L));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d128 BETWEEN toDecimal256('3', 0) AND 3",
                GRANULE)).containsExactly(row(1L));
    }

    @Test
    void constantsNoValueCanEqualOrReachReadNothing() {
        // 1.555 has no exact form at scale 2; 1e40 lies beyond every Decimal(38, 2)
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d128 = toDecimal128('1.555', 3)", 0))
                .containsExactly(row(0L));
        // (the last granule has no upper key in the primary index, so a lower bound alone always reads it)
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d128 > 1e40", LAST_GRANULE))
                .containsExactly(row(0L));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d128 IN (1.555, 2.001)", 0))
                .containsExactly(row(0L));
        assertThat(pruned("by256", "SELECT count() FROM events WHERE d256 < -0.001", 0)).containsExactly(row(0L));
        // and constants that every value satisfies prune nothing
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d128 < 1e40 AND d128 > -1e40", ROWS))
                .containsExactly(row((long) ROWS));
    }

    @Test
    void decimal256SortingKeyPrunes() {
        assertThat(pruned("by256", "SELECT count(), toString(min(d256)) FROM events WHERE d256 > 4500 AND d256 <= 4530",
                2 * GRANULE)).containsExactly(row(20L, "4501.5"));
        assertThat(pruned("by256", "SELECT toString(d128) FROM events WHERE d256 = toDecimal256('29998.5', 1)", GRANULE))
                .containsExactly(row("199.99"));
        assertThat(pruned("by256", "SELECT count() FROM events WHERE d256 IN (1.5, 3000, 3000.75)", 2 * GRANULE))
                .containsExactly(row(2L));
        assertThat(pruned("by256", "SELECT count() FROM events WHERE d256 >= 29990.25", GRANULE))
                .containsExactly(row(6L));
    }

    @Test
    void minmaxSkipIndexOnDecimal256Prunes() {
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d256 >= 1500 AND d256 < 1510.5", 2 * GRANULE))
                .containsExactly(row(7L));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d256 = 15000.0015", 0)).containsExactly(row(0L));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d256 > toDecimal128('28000.0001', 4)"
                + " AND d256 < 28003", GRANULE)).containsExactly(row(2L));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d256 IN (7, 7.5, 9)", 2 * GRANULE))
                .containsExactly(row(2L));
        assertThat(pruned("by128", "SELECT count() FROM events WHERE d256 > 1e80", 0)).containsExactly(row(0L));
    }

    @Test
    void bloomFilterOnDecimal256AnswersEquality() {
        // in the table sorted by n the values are scattered: only the indexes can prune
        assertThat(pruned("byN", "SELECT n FROM events WHERE d256 = toDecimal256('1851', 3)", 8 * GRANULE))
                .containsExactly(row(1234L * 7919 % ROWS));
        assertThat(pruned("byN", "SELECT count() FROM events WHERE d256 IN (toDecimal256('1.5', 1), toDecimal256('3', 1))", 12 * GRANULE))
                .containsExactly(row(2L));
    }
}
