package io.starling.sql.exec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.MergeTreeTableSource;
import io.starling.sql.catalog.SqlKeyEvaluator;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.testing.PruningTables;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.index.IndexDefinition;
import io.starling.storage.type.DataTypes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same rows in two MergeTree tables, one with skip indexes (bloom_filter on user_id, minmax on seq,
 * tokenbf_v1 on message) and one without: filters on indexed columns read fewer rows from the indexed table and
 * both tables give the same answers.
 */
class SkipIndexScanTest {
    private static final int ROWS = 20_000;

    @TempDir
    Path directory;

    private MergeTreeTable indexed;
    private MergeTreeTable plain;
    private final QueryEngine engine = new QueryEngine();

    @BeforeEach
    void load() {
        List<ColumnDefinition> columns = List.of(
                new ColumnDefinition("ts", DataTypes.parse("DateTime")),
                new ColumnDefinition("user_id", DataTypes.parse("String")),
                new ColumnDefinition("seq", DataTypes.parse("UInt64")),
                new ColumnDefinition("message", DataTypes.parse("String")));
        TableDefinition definition = new TableDefinition(columns, "MergeTree", List.of("ts"), "",
                Map.of("index_granularity", "256"));
        TableDefinition withIndexes = definition.withIndexes(List.of(
                IndexDefinition.parse("INDEX idx_user user_id TYPE bloom_filter GRANULARITY 1"),
                IndexDefinition.parse("INDEX idx_seq seq TYPE minmax GRANULARITY 1"),
                IndexDefinition.parse("INDEX idx_message message TYPE tokenbf_v1(4096, 3, 0) GRANULARITY 1")));
        indexed = MergeTreeTable.open(directory.resolve("indexed"), withIndexes, SqlKeyEvaluator.forTable(withIndexes));
        plain = MergeTreeTable.open(directory.resolve("plain"), definition, SqlKeyEvaluator.forTable(definition));
        long[] times = new long[ROWS];
        long[] seqs = new long[ROWS];
        String[] users = new String[ROWS];
        String[] messages = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            times[i] = 1704067200L + i * 60L;
            seqs[i] = i * 3L;
            users[i] = "user_" + ((i * 7919L) % ROWS);
            messages[i] = i % 5000 == 17 ? "disk failure on node " + i : "request served in " + (i % 100) + " ms";
        }
        Block block = new Block(List.of(new LongColumn(DataTypes.parse("DateTime"), times), StringColumn.of(users),
                new LongColumn(DataTypes.parse("UInt64"), seqs), StringColumn.of(messages)), ROWS);
        indexed.insert(block);
        plain.insert(block);
    }

    @AfterEach
    void close() {
        indexed.close();
        plain.close();
    }

    private QueryResult run(String table, String sql) {
        Map<String, TableSource> tables = Map.of("events", new MergeTreeTableSource("events",
                table.equals("indexed") ? indexed : plain));
        return engine.execute(sql, new QueryContext((database, name) -> Optional.ofNullable(tables.get(name)),
                Instant.now().plusSeconds(60), Map.of()));
    }

    private static List<List<Object>> rows(QueryResult result) {
        return PruningTables.rows(result);
    }

    /** Runs {@code sql} on both tables: same answer, and the indexed one reads at most {@code maxRows} rows. */
    private List<List<Object>> pruned(String sql, long maxRows) {
        QueryResult withIndexes = run("indexed", sql);
        QueryResult without = run("plain", sql);
        assertThat(rows(withIndexes)).isEqualTo(rows(without));
        assertThat(without.rowsRead()).isEqualTo(ROWS);
        assertThat(withIndexes.rowsRead()).isLessThanOrEqualTo(maxRows);
        assertThat(withIndexes.bytesRead()).isLessThan(without.bytesRead());
        return rows(withIndexes);
    }

    @Test
    void bloomFilterEqualityReadsOnlyGranulesThatMayHoldTheValue() {
        List<List<Object>> rows = pruned("SELECT seq FROM events WHERE user_id = 'user_7919'", 4 * 256);
        assertThat(rows).containsExactly(List.of(3L));
        pruned("SELECT count() FROM events WHERE user_id IN ('user_0', 'user_15838')", 12 * 256);
    }

    @Test
    void minmaxRangeSkipsGranulesOutsideIt() {
        List<List<Object>> rows = pruned("SELECT count(), max(seq) FROM events WHERE seq >= 59000 AND seq < 59300", 2 * 256);
        assertThat(rows).containsExactly(List.of(100L, 59298L));
        pruned("SELECT count() FROM events WHERE 1500 > seq", 2 * 256);
    }

    @Test
    void tokenBloomFilterAnswersLikeOnWholeTokens() {
        List<List<Object>> rows = pruned("SELECT seq FROM events WHERE message LIKE '% failure %' ORDER BY seq", 6 * 256);
        assertThat(rows).containsExactly(List.of(51L), List.of(15051L), List.of(30051L), List.of(45051L));
    }

    @Test
    void indexesCombineWithEachOtherAndWithThePrimaryKey() {
        List<List<Object>> rows = pruned("SELECT count() FROM events WHERE user_id = 'user_7919' AND seq < 100"
                + " AND ts >= toDateTime('2024-01-01 00:00:00')", 256);
        assertThat(rows).containsExactly(List.of(1L));
    }
}
