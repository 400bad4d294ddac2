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
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.DataTypes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries over a real MergeTree table with small granules: primary-key and partition pruning must read fewer
 * rows and still give exact answers; parallel scans, PREWHERE, column pruning through joins and the
 * specialised aggregates must agree with answers computed here in plain Java.
 */
class MergeTreeScanTest {
    private static final long JAN_1 = 1704067200L; // 2024-01-01 00:00:00 UTC
    private static final int ROWS = 20_000;

    @TempDir
    Path directory;

    private MergeTreeTable events;
    private MergeTreeTable tenants;
    private final QueryEngine engine = new QueryEngine();
    private final List<String> tenantOf = new ArrayList<>();
    private final List<Long> timeOf = new ArrayList<>();
    private final List<Long> userOf = new ArrayList<>();
    private final List<String> pathOf = new ArrayList<>();

    @BeforeEach
    void load() {
        List<ColumnDefinition> columns = List.of(
                new ColumnDefinition("timestamp", DataTypes.parse("DateTime")),
                new ColumnDefinition("tenant_id", DataTypes.parse("String")),
                new ColumnDefinition("action", DataTypes.parse("LowCardinality(String)")),
                new ColumnDefinition("user_id", DataTypes.parse("UInt64")),
                new ColumnDefinition("payload", DataTypes.parse("String")),
                new ColumnDefinition("revenue", DataTypes.parse("Float64")));
        TableDefinition definition = new TableDefinition(columns, "MergeTree", List.of("tenant_id", "timestamp"),
                "toYYYYMM(timestamp)", Map.of("index_granularity", "256"));
        events = MergeTreeTable.open(directory.resolve("events"), definition, SqlKeyEvaluator.forTable(definition));
        long[] times = new long[ROWS];
        long[] users = new long[ROWS];
        double[] revenue = new double[ROWS];
        String[] tenantValues = new String[ROWS];
        String[] actions = new String[ROWS];
        String[] payloads = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            String tenant = String.format("tenant_%02d", (i * 7919) % 40 < 20 ? 0 : (i * 31) % 40);
            long time = JAN_1 + (long) i * 300; // ~69 days: January, February, March
            long user = (i * 2654435761L) % 997;
            String path = "/page/" + (i % 13);
            tenantValues[i] = tenant;
            times[i] = time;
            users[i] = user;
            actions[i] = i % 5 == 0 ? "click" : "page_hit";
            payloads[i] = "{\"user-agent\":\"Mozilla " + (i % 3) + "\",\"pathname\":\"" + path + "\"}";
            revenue[i] = i % 10 == 0 ? 1.5 : 0;
            tenantOf.add(tenant);
            timeOf.add(time);
            userOf.add(user);
            pathOf.add(path);
        }
        Column action = StringColumn.of(actions);
        Block block = new Block(List.of(new LongColumn(DataTypes.parse("DateTime"), times), StringColumn.of(tenantValues),
                lowCardinality(actions), new LongColumn(DataTypes.parse("UInt64"), users), StringColumn.of(payloads),
                new DoubleColumn(DataTypes.parse("Float64"), revenue)), ROWS);
        assertThat(action.size()).isEqualTo(ROWS);
        events.insert(block);
        List<ColumnDefinition> tenantColumns = List.of(new ColumnDefinition("tenant_id", DataTypes.parse("String")),
                new ColumnDefinition("plan", DataTypes.parse("String")));
        TableDefinition tenantDefinition = new TableDefinition(tenantColumns, "MergeTree", List.of("tenant_id"), "", Map.of());
        tenants = MergeTreeTable.open(directory.resolve("tenants"), tenantDefinition, SqlKeyEvaluator.forTable(tenantDefinition));
        String[] ids = new String[40];
        String[] plans = new String[40];
        for (int t = 0; t < 40; t++) {
            ids[t] = String.format("tenant_%02d", t);
            plans[t] = t % 2 == 0 ? "pro" : "free";
        }
        tenants.insert(new Block(List.of(StringColumn.of(ids), StringColumn.of(plans)), 40));
    }

    private static Column lowCardinality(String[] values) {
        var builder = io.starling.storage.column.ColumnBuilder.forType(DataTypes.parse("LowCardinality(String)"), values.length);
        for (String value : values) {
            builder.appendString(value);
        }
        return builder.build();
    }

    @AfterEach
    void close() {
        events.close();
        tenants.close();
    }

    private QueryResult run(String sql) {
        Map<String, TableSource> tables = Map.of("events", new MergeTreeTableSource("events", events),
                "tenants", new MergeTreeTableSource("tenants", tenants));
        return engine.execute(sql, new QueryContext((database, name) -> Optional.ofNullable(tables.get(name)),
                Instant.now().plusSeconds(60), Map.of()));
    }

    private static List<List<Object>> rows(QueryResult result) {
        return PruningTables.rows(result);
    }

    private static long single(QueryResult result) {
        return ((Number) rows(result).get(0).get(0)).longValue();
    }

    @Test
    void countWithoutFilterComesFromPartRowCounts() {
        QueryResult result = run("SELECT count() FROM events");
        assertThat(single(result)).isEqualTo(ROWS);
        assertThat(result.rowsRead()).isZero();
    }

    @Test
    void constantFiltersKeepOrDropEveryGranule() {
        // A predicate that reads no column (Tinybird templates start with WHERE 1) still knows each granule's rows.
        assertThat(single(run("SELECT count() FROM events WHERE 1"))).isEqualTo(ROWS);
        assertThat(single(run("SELECT count() FROM events WHERE true"))).isEqualTo(ROWS);
        assertThat(single(run("SELECT count() FROM events WHERE 0"))).isZero();
        assertThat(single(run("SELECT count() FROM events WHERE NULL"))).isZero();
        assertThat(single(run("SELECT count() FROM events WHERE 1 AND tenant_id = 'tenant_07'")))
                .isEqualTo(tenantOf.stream().filter("tenant_07"::equals).count());
        assertThat(single(run("SELECT count() FROM events WHERE 1 AND action = 'click'"))).isEqualTo(ROWS / 5);
        assertThat(rows(run("SELECT user_id FROM events WHERE 1 ORDER BY timestamp LIMIT 2")))
                .containsExactly(List.of(userOf.get(0)), List.of(userOf.get(1)));
    }

    @Test
    void sortingKeyPrefixReadsOnlyTheTenantsGranules() {
        long expected = tenantOf.stream().filter("tenant_07"::equals).count();
        QueryResult result = run("SELECT count() FROM events WHERE tenant_id = 'tenant_07'");
        assertThat(single(result)).isEqualTo(expected);
        assertThat(result.rowsRead()).isGreaterThanOrEqualTo(expected).isLessThan(ROWS / 4);
    }

    @Test
    void tenantAndTimeRangeNarrowTheGranulesFurther() {
        long from = JAN_1 + 7 * 86400;
        long to = JAN_1 + 14 * 86400;
        long expected = 0;
        for (int i = 0; i < ROWS; i++) {
            if (tenantOf.get(i).equals("tenant_00") && timeOf.get(i) >= from && timeOf.get(i) < to) {
                expected++;
            }
        }
        QueryResult result = run("SELECT count() FROM events WHERE tenant_id = 'tenant_00' AND timestamp >= "
                + "toDateTime('2024-01-08 00:00:00') AND timestamp < toDateTime('2024-01-15 00:00:00')");
        assertThat(single(result)).isEqualTo(expected);
        assertThat(result.rowsRead()).isLessThan(ROWS / 5);
    }

    @Test
    void partitionMinMaxSkipsWholeMonthsAndInListsPrune() {
        long expected = timeOf.stream().filter(t -> t >= JAN_1 + 60L * 86400).count();
        QueryResult march = run("SELECT count() FROM events WHERE timestamp >= toDateTime('2024-03-01 00:00:00')");
        assertThat(single(march)).isEqualTo(expected);
        assertThat(march.rowsRead()).isLessThan(ROWS);
        long inList = tenantOf.stream().filter(t -> t.equals("tenant_03") || t.equals("tenant_05")).count();
        QueryResult in = run("SELECT count() FROM events WHERE tenant_id IN ('tenant_03', 'tenant_05')");
        assertThat(single(in)).isEqualTo(inList);
        assertThat(in.rowsRead()).isLessThan(ROWS / 2);
        QueryResult between = run("SELECT count() FROM events WHERE tenant_id BETWEEN 'tenant_03' AND 'tenant_05'");
        assertThat(single(between)).isEqualTo(tenantOf.stream().filter(t -> t.compareTo("tenant_03") >= 0
                && t.compareTo("tenant_05") <= 0).count());
    }

    @Test
    void parallelAggregationMatchesPlainJava() {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Set<Long>> users = new HashMap<>();
        for (int i = 0; i < ROWS; i++) {
            counts.merge(tenantOf.get(i), 1L, Long::sum);
            users.computeIfAbsent(tenantOf.get(i), k -> new HashSet<>()).add(userOf.get(i));
        }
        List<List<Object>> rows = rows(run("SELECT tenant_id, count(), uniq(user_id), uniqExact(tenant_id) FROM events "
                + "GROUP BY tenant_id ORDER BY tenant_id"));
        assertThat(rows).hasSize(counts.size());
        for (List<Object> row : rows) {
            assertThat(row.get(1)).isEqualTo(counts.get((String) row.get(0)));
            assertThat(((Number) row.get(2)).longValue()).isEqualTo(users.get((String) row.get(0)).size());
            assertThat(((Number) row.get(3)).longValue()).isEqualTo(1L);
        }
    }

    @Test
    void prewhereFiltersAndJsonKeysAgreeWithPlainJava() {
        Map<String, Long> hits = new HashMap<>();
        for (int i = 0; i < ROWS; i++) {
            if (i % 5 != 0 && tenantOf.get(i).equals("tenant_00")) {
                hits.merge(pathOf.get(i), 1L, Long::sum);
            }
        }
        List<List<Object>> rows = rows(run("SELECT JSONExtractString(payload, 'pathname') AS path, count() AS n FROM events "
                + "WHERE action = 'page_hit' AND tenant_id = 'tenant_00' GROUP BY path ORDER BY path"));
        assertThat(rows).hasSize(hits.size());
        for (List<Object> row : rows) {
            assertThat(row.get(1)).isEqualTo(hits.get((String) row.get(0)));
        }
        long like = 0;
        for (int i = 0; i < ROWS; i++) {
            like += pathOf.get(i).equals("/page/12") ? 1 : 0;
        }
        assertThat(single(run("SELECT count() FROM events WHERE payload LIKE '%/page/12%'"))).isEqualTo(like);
    }

    @Test
    void joinsReadOnlyTheColumnsTheyNeed() {
        Map<String, Long> byPlan = new HashMap<>();
        for (String tenant : tenantOf) {
            int number = Integer.parseInt(tenant.substring(7));
            byPlan.merge(number % 2 == 0 ? "pro" : "free", 1L, Long::sum);
        }
        QueryResult result = run("SELECT plan, count() FROM events ANY LEFT JOIN tenants USING (tenant_id) "
                + "GROUP BY plan ORDER BY plan");
        List<List<Object>> rows = rows(result);
        assertThat(rows).containsExactly(List.of("free", byPlan.get("free")), List.of("pro", byPlan.get("pro")));
        QueryResult all = run("SELECT count() FROM events WHERE payload != ''");
        assertThat(result.bytesRead()).isLessThan(all.bytesRead());
    }

    @Test
    void topNAndQuantilesStayExactOnSmallGroups() {
        List<List<Object>> latest = rows(run("SELECT timestamp FROM events WHERE tenant_id = 'tenant_00' "
                + "ORDER BY timestamp DESC LIMIT 3"));
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            if (tenantOf.get(i).equals("tenant_00")) {
                expected.add(timeOf.get(i));
            }
        }
        expected.sort(java.util.Comparator.reverseOrder());
        assertThat(latest.stream().map(row -> row.get(0)).toList()).isEqualTo(expected.subList(0, 3));
        double median = ((Number) rows(run("SELECT quantile(0.5)(user_id) FROM events WHERE tenant_id = 'tenant_07'"))
                .get(0).get(0)).doubleValue();
        List<Long> sorted = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            if (tenantOf.get(i).equals("tenant_07")) {
                sorted.add(userOf.get(i));
            }
        }
        sorted.sort(null);
        double position = 0.5 * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        double exact = sorted.get(lower) + (position - lower) * (sorted.get(Math.min(lower + 1, sorted.size() - 1)) - sorted.get(lower));
        assertThat(median).isEqualTo(exact);
    }
}
