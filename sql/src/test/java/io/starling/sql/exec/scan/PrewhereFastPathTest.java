package io.starling.sql.exec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.MergeTreeTableSource;
import io.starling.sql.catalog.SqlKeyEvaluator;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.function.Values;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.DataTypes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan's fast paths (compiled PREWHERE comparisons, granules the primary key proves fully matching, top-N
 * sorts, filters pushed below joins) must give the answers of the general evaluator. Each query is run as
 * written and with a conjunct no fast path understands ({@code length(s) >= 0}), which forces the general path.
 */
class PrewhereFastPathTest {
    private static final int ROWS = 30_000;

    @TempDir
    Path directory;

    private MergeTreeTable table;
    private MergeTreeTable dimension;
    private final QueryEngine engine = new QueryEngine();

    @BeforeEach
    void load() {
        List<ColumnDefinition> columns = List.of(
                new ColumnDefinition("k", DataTypes.parse("String")),
                new ColumnDefinition("t", DataTypes.parse("DateTime")),
                new ColumnDefinition("a", DataTypes.parse("LowCardinality(String)")),
                new ColumnDefinition("u", DataTypes.parse("UInt64")),
                new ColumnDefinition("i", DataTypes.parse("Int32")),
                new ColumnDefinition("s", DataTypes.parse("String")));
        TableDefinition definition = new TableDefinition(columns, "MergeTree", List.of("k", "t"), "",
                Map.of("index_granularity", "64"));
        table = MergeTreeTable.open(directory.resolve("t"), definition, SqlKeyEvaluator.forTable(definition));
        Random random = new Random(7);
        String[] keys = new String[ROWS];
        long[] times = new long[ROWS];
        long[] unsigned = new long[ROWS];
        long[] signed = new long[ROWS];
        String[] actions = new String[ROWS];
        String[] texts = new String[ROWS];
        String[] actionValues = {"view", "click", "buy", "v"};
        for (int row = 0; row < ROWS; row++) {
            int tenant = (int) Math.min(29, Math.abs(random.nextGaussian() * 8));
            keys[row] = "tenant_" + tenant + (tenant % 5 == 0 ? "x" : "");
            times[row] = 1_704_067_200L + random.nextInt(30 * 86_400);
            unsigned[row] = random.nextInt(10) == 0 ? -1L - random.nextInt(1000) : random.nextInt(1000);
            signed[row] = random.nextInt(2001) - 1000;
            actions[row] = actionValues[random.nextInt(actionValues.length)];
            texts[row] = "p" + random.nextInt(50);
        }
        ColumnBuilder lowCardinality = ColumnBuilder.forType(DataTypes.parse("LowCardinality(String)"), ROWS);
        for (String action : actions) {
            lowCardinality.appendString(action);
        }
        table.insert(new Block(List.of(StringColumn.of(keys), new LongColumn(DataTypes.parse("DateTime"), times),
                lowCardinality.build(), new LongColumn(DataTypes.parse("UInt64"), unsigned),
                new LongColumn(DataTypes.parse("Int32"), signed), StringColumn.of(texts)), ROWS));
        List<ColumnDefinition> dimensionColumns = List.of(new ColumnDefinition("k", DataTypes.parse("String")),
                new ColumnDefinition("region", DataTypes.parse("String")));
        TableDefinition dimensionDefinition = new TableDefinition(dimensionColumns, "MergeTree", List.of("k"), "", Map.of());
        dimension = MergeTreeTable.open(directory.resolve("d"), dimensionDefinition, SqlKeyEvaluator.forTable(dimensionDefinition));
        String[] ids = new String[30];
        String[] regions = new String[30];
        for (int tenant = 0; tenant < 30; tenant++) {
            ids[tenant] = "tenant_" + tenant + (tenant % 5 == 0 ? "x" : "");
            regions[tenant] = tenant % 3 == 0 ? "eu" : "us";
        }
        dimension.insert(new Block(List.of(StringColumn.of(ids), StringColumn.of(regions)), 30));
    }

    @AfterEach
    void close() {
        table.close();
        dimension.close();
    }

    @Test
    void compiledComparisonsAndExactGranulesAgreeWithTheGeneralEvaluator() {
        List<String> predicates = List.of(
                "k = 'tenant_3'", "k = 'tenant_5x'", "k != 'tenant_1'", "'tenant_2' = k", "k = 'nobody'",
                "k = 'tenant_4' AND t >= toDateTime('2024-01-08 00:00:00') AND t < toDateTime('2024-01-15 00:00:00')",
                "t > toDateTime('2024-01-20 00:00:00')", "toDateTime('2024-01-03 00:00:00') >= t",
                "a = 'click'", "a != 'view'", "a = 'missing'", "'buy' = a AND k = 'tenant_0x'",
                "u = 5", "u > 500", "u <= 999", "u >= 18446744073709551000", "i < 0", "i >= -10 AND i <= 10", "i != 3",
                "k >= 'tenant_2' AND k < 'tenant_3'", "k IN ('tenant_1', 'tenant_10x')", "s = 'p7' AND a = 'v'");
        for (String predicate : predicates) {
            String fast = "SELECT count(), sum(u), sum(i), max(t), min(k) FROM t WHERE " + predicate;
            String general = fast + " AND length(s) >= 0";
            assertThat(rows(fast)).as(predicate).isEqualTo(rows(general));
        }
        assertThat(rows("SELECT count() FROM t WHERE k = 'tenant_3'").get(0).get(0)).isNotEqualTo(0L);
    }

    @Test
    void onlyTheSelectedColumnsLeaveAFilteredScan() {
        String fast = "SELECT s, count() AS n FROM t WHERE k = 'tenant_2' AND a = 'click' GROUP BY s ORDER BY s";
        assertThat(rows(fast)).isEqualTo(rows(fast.replace("GROUP BY", "AND length(s) >= 0 GROUP BY")));
        assertThat(rows(fast)).isNotEmpty();
    }

    @Test
    void topNKeepsTheFirstRowsOfTheStableOrder() {
        String sorted = "SELECT k, t, i, s FROM t WHERE i > 900 ORDER BY k DESC, i, t, s";
        List<List<Object>> all = rows(sorted);
        assertThat(all.size()).isGreaterThan(1_000);
        assertThat(rows(sorted + " LIMIT 1")).isEqualTo(all.subList(0, 1));
        assertThat(rows(sorted + " LIMIT 7")).isEqualTo(all.subList(0, 7));
        assertThat(rows(sorted + " LIMIT 5 OFFSET 3")).isEqualTo(all.subList(3, 8));
        assertThat(rows(sorted + " LIMIT 100000")).isEqualTo(all);
        assertThat(rows("SELECT * FROM (" + sorted + ") LIMIT 4")).isEqualTo(all.subList(0, 4));
        QueryResult result = run("SELECT i FROM t ORDER BY i DESC LIMIT 3");
        assertThat(result.rowsBeforeLimit()).isEqualTo(ROWS);
    }

    @Test
    void filtersBelowJoinsKeepJoinAnswers() {
        String inner = "SELECT region, count(), sum(i) FROM t ALL INNER JOIN d USING (k) "
                + "WHERE t >= toDateTime('2024-01-08 00:00:00') AND region = 'eu' AND i > 0 GROUP BY region ORDER BY region";
        assertThat(rows(inner)).isEqualTo(rows(inner.replace("AND i > 0", "AND i > 0 AND length(s) + length(region) >= 0")));
        String left = "SELECT region, count() FROM t ANY LEFT JOIN (SELECT k, region FROM d WHERE region = 'us') USING (k) "
                + "WHERE a = 'buy' GROUP BY region ORDER BY region";
        assertThat(rows(left)).isEqualTo(rows(left.replace("WHERE a = 'buy'", "WHERE a = 'buy' AND length(region) + length(s) >= 0")));
        assertThat(rows(left)).hasSize(2);
    }

    private QueryResult run(String sql) {
        Map<String, TableSource> tables = Map.of("t", new MergeTreeTableSource("t", table),
                "d", new MergeTreeTableSource("d", dimension));
        return engine.execute(sql, new QueryContext((database, name) -> Optional.ofNullable(tables.get(name)),
                Instant.now().plusSeconds(60), Map.of()));
    }

    private List<List<Object>> rows(String sql) {
        QueryResult result = run(sql);
        List<List<Object>> rows = new ArrayList<>();
        for (Block block : result.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                List<Object> values = new ArrayList<>();
                for (Column column : block.columns()) {
                    values.add(Values.get(column, row));
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
