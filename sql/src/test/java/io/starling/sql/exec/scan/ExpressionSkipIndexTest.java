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
 * Skip indexes declared on expressions ({@code INDEX idx upper(user_id) TYPE bloom_filter}): they are built at
 * insert, and a WHERE term on the same expression prunes granules (fewer rows read than the same table without the
 * index, same answers); a term on another expression does not use them.
 */
class ExpressionSkipIndexTest {
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
                new ColumnDefinition("seq", DataTypes.parse("UInt64")));
        TableDefinition definition = new TableDefinition(columns, "MergeTree", List.of("ts"), "",
                Map.of("index_granularity", "256"));
        TableDefinition withIndexes = definition.withIndexes(List.of(
                IndexDefinition.parse("INDEX idx_upper upper(user_id) TYPE bloom_filter GRANULARITY 1"),
                IndexDefinition.parse("INDEX idx_bucket intDiv(seq, 1000) TYPE minmax GRANULARITY 1")));
        indexed = MergeTreeTable.open(directory.resolve("indexed"), withIndexes, SqlKeyEvaluator.forTable(withIndexes));
        plain = MergeTreeTable.open(directory.resolve("plain"), definition, SqlKeyEvaluator.forTable(definition));
        long[] times = new long[ROWS];
        long[] seqs = new long[ROWS];
        String[] users = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            times[i] = 1704067200L + i * 60L;
            seqs[i] = i * 3L;
            users[i] = "user_" + ((i * 7919L) % ROWS);
        }
        Block block = new Block(List.of(new LongColumn(DataTypes.parse("DateTime"), times), StringColumn.of(users),
                new LongColumn(DataTypes.parse("UInt64"), seqs)), ROWS);
        indexed.insert(block);
        plain.insert(block);
    }

    @AfterEach
    void close() {
        indexed.close();
        plain.close();
    }

    private QueryResult run(MergeTreeTable table, String sql) {
        TableSource source = new MergeTreeTableSource("events", table);
        return engine.execute(sql, new QueryContext((database, name) -> name.equals("events") ? Optional.of(source)
                : Optional.empty(), Instant.now().plusSeconds(60), Map.of()));
    }

    private static List<List<Object>> rows(QueryResult result) {
        return PruningTables.rows(result);
    }

    /** Same answer on both tables; answers the rows the indexed table read. */
    private long rowsRead(String sql, List<List<Object>> expected) {
        QueryResult withIndexes = run(indexed, sql);
        QueryResult without = run(plain, sql);
        assertThat(rows(withIndexes)).isEqualTo(expected);
        assertThat(rows(without)).isEqualTo(expected);
        assertThat(without.rowsRead()).isEqualTo(ROWS);
        return withIndexes.rowsRead();
    }

    @Test
    void bloomFilterOnAnExpressionAnswersEqualityOnThatExpression() {
        assertThat(rowsRead("SELECT seq FROM events WHERE upper(user_id) = 'USER_7919'", List.of(List.of(3L))))
                .isLessThanOrEqualTo(4 * 256);
        assertThat(rowsRead("SELECT seq FROM events WHERE upper( `user_id` ) IN ('USER_7919') AND seq < 100",
                List.of(List.of(3L)))).as("spacing and quoting do not matter").isLessThanOrEqualTo(4 * 256);
    }

    @Test
    void minmaxOnAnExpressionAnswersRanges() {
        assertThat(rowsRead("SELECT count() FROM events WHERE intDiv(seq, 1000) = 59", List.of(List.of(333L))))
                .isLessThanOrEqualTo(3 * 256);
        assertThat(rowsRead("SELECT count() FROM events WHERE 2 > intDiv(seq, 1000)", List.of(List.of(667L))))
                .isLessThanOrEqualTo(4 * 256);
    }

    @Test
    void otherExpressionsDoNotUseTheIndex() {
        assertThat(rowsRead("SELECT count() FROM events WHERE lower(user_id) = 'user_7919'", List.of(List.of(1L))))
                .isEqualTo(ROWS);
        assertThat(rowsRead("SELECT count() FROM events WHERE intDiv(seq, 100) = 590", List.of(List.of(33L))))
                .isEqualTo(ROWS);
    }
}
