package io.starling.node.cluster.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.protocol.shardlog.Holding;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableProvider;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.IntegerType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shapes the fragment planner used to leave to a plain column scan (FROM subqueries, DISTINCT, window functions,
 * aggregates without partial states...) now run their WHERE and projection on the shards, and answer what the same
 * query answers over one table holding every row. Two shards are two MergeTree tables in this process; the fake
 * reader runs each fragment as a replica would.
 */
class DistributedPushdownTest {
    private static final QueryEngine ENGINE = new QueryEngine();
    private static final String[] AGENTS = {"Mozilla/5.0 Chrome/120", "Mozilla/5.0 Firefox/121", "curl/8.1",
        "Mozilla/5.0 Safari/17", "Mozilla/5.0 Edg/120 Chrome/120"};

    @TempDir
    Path root;

    private final List<MergeTreeTable> opened = new ArrayList<>();
    private final List<String> fragments = new ArrayList<>();
    private TableSpec spec;
    private MergeTreeTable single;
    private MergeTreeTable[] shards;

    @BeforeEach
    void load() {
        spec = TableSpec.newBuilder().setTableId("t_events").setEngine("MergeTree").addSortingKey("k")
                .addSortingKey("id").addColumns(column("id", "Int64")).addColumns(column("k", "String"))
                .addColumns(column("v", "Int64")).addColumns(column("payload", "String")).build();
        single = open("single", spec);
        shards = new MergeTreeTable[] {open("shard0", spec), open("shard1", spec), open("shard2", spec)};
        for (int batch = 0; batch < 3; batch++) {
            int rows = 500;
            long[] ids = new long[rows];
            long[] values = new long[rows];
            String[] keys = new String[rows];
            String[] payloads = new String[rows];
            for (int i = 0; i < rows; i++) {
                ids[i] = batch * rows + i;
                values[i] = (ids[i] * 37) % 101;
                keys[i] = String.valueOf((char) ('a' + (int) (ids[i] % 4)));
                payloads[i] = "{\"user-agent\":\"" + AGENTS[(int) ((ids[i] * 7) % AGENTS.length)] + "\",\"n\":" + i
                        + "}";
            }
            Block block = new Block(List.of(new LongColumn(IntegerType.INT64, ids), StringColumn.of(keys),
                    new LongColumn(IntegerType.INT64, values), StringColumn.of(payloads)), rows);
            single.insert(block);
            shards[batch].insert(block.region(0, 200));
            shards[(batch + 1) % 3].insert(block.region(200, rows - 200));
        }
    }

    @AfterEach
    void close() {
        opened.forEach(MergeTreeTable::close);
    }

    @Test
    void pushedDownShapesAnswerAsOneTable() {
        List<String> queries = List.of(
                // harness Q10's shape: an outer aggregation over a filtered projection
                "SELECT multiIf(ua LIKE '%Edg/%', 'Edge', ua LIKE '%Chrome/%', 'Chrome', ua LIKE '%Firefox/%',"
                        + " 'Firefox', ua LIKE '%Safari/%', 'Safari', 'Other') AS browser, count() AS hits"
                        + " FROM (SELECT JSONExtractString(payload, 'user-agent') AS ua FROM ev WHERE k = 'a')"
                        + " GROUP BY browser ORDER BY hits DESC, browser",
                "SELECT count() FROM ev",
                "SELECT count(), count(*) AS star, countIf(v > 50) AS big FROM ev WHERE id > 10",
                "SELECT count() FROM ev WHERE id < 0",
                "SELECT k, count() AS c FROM ev WHERE id < 0 GROUP BY k",
                "SELECT k, count() AS c FROM ev GROUP BY k HAVING count() > 300 ORDER BY k",
                "SELECT x, count() AS c, sum(id) FROM (SELECT v % 3 AS x, id FROM ev) GROUP BY x ORDER BY x",
                "SELECT t.i FROM (SELECT id AS i, v FROM ev WHERE v > 95) AS t WHERE t.v < 100 ORDER BY t.i LIMIT 5",
                "SELECT count() FROM (SELECT * FROM (SELECT id, k FROM ev WHERE k = 'b') WHERE id > 500)",
                "SELECT DISTINCT k FROM ev WHERE v > 50 ORDER BY k",
                "SELECT id, row_number() OVER (PARTITION BY k ORDER BY id) AS rn FROM ev WHERE v < 10 ORDER BY id",
                "SELECT k, quantileExact(v) AS q FROM ev WHERE id % 2 = 0 GROUP BY k ORDER BY k",
                "SELECT k, id FROM ev WHERE v = 7 ORDER BY k, id LIMIT 2 BY k",
                "SELECT k, count() AS c FROM ev GROUP BY k WITH TOTALS ORDER BY k",
                "SELECT sum(s) FROM (SELECT k, sum(v) AS s FROM ev GROUP BY k)",
                "SELECT max(c) FROM (SELECT DISTINCT k, v % 5 AS c FROM ev WHERE id > 100)",
                "SELECT k, v FROM ev WHERE id IN (SELECT id FROM ev WHERE v = 0) ORDER BY k, v",
                "SELECT * FROM ev WHERE v = 3 ORDER BY id LIMIT 1 BY k");
        for (String query : queries) {
            QueryResult expected = ENGINE.execute(query, context(false));
            QueryResult actual = ENGINE.execute(query, context(true));
            assertThat(actual.columns()).as(query).isEqualTo(expected.columns());
            assertThat(rows(actual)).as(query).isEqualTo(rows(expected));
            if (!query.contains("GROUP BY k") || !query.contains("id < 0")) {
                assertThat(rows(actual)).as(query).isNotEmpty();   // the comparison compared something
            }
        }
    }

    @Test
    void onlyProjectedFilteredRowsTravel() {
        ENGINE.execute("SELECT multiIf(ua LIKE '%Chrome/%', 'Chrome', 'Other') AS browser, count() FROM"
                + " (SELECT JSONExtractString(payload, 'user-agent') AS ua FROM ev WHERE k = 'a') GROUP BY browser",
                context(true));
        assertThat(fragments).containsExactly("SELECT multiIf(like(ua, '%Chrome/%'), 'Chrome', 'Other') AS __k0,"
                + " count() AS __a0 FROM (SELECT JSONExtractString(payload, 'user-agent') AS ua FROM __shard AS ev"
                + " WHERE equals(k, 'a')) GROUP BY multiIf(like(ua, '%Chrome/%'), 'Chrome', 'Other')");

        fragments.clear();
        ENGINE.execute("SELECT count() FROM ev", context(true));
        assertThat(fragments).containsExactly("SELECT count() AS __a0 FROM __shard AS ev");

        fragments.clear();
        ENGINE.execute("SELECT DISTINCT k FROM ev WHERE v > 50", context(true));
        assertThat(fragments).containsExactly("SELECT k FROM __shard AS ev WHERE greater(v, 50)");

        fragments.clear();
        ENGINE.execute("SELECT id, row_number() OVER (PARTITION BY k ORDER BY id) FROM ev WHERE v < 10",
                context(true));
        assertThat(fragments).containsExactly("SELECT id, k FROM __shard AS ev WHERE less(v, 10)");

        fragments.clear();
        ENGINE.execute("SELECT sum(s) FROM (SELECT k, sum(v) AS s FROM ev GROUP BY k)", context(true));
        assertThat(fragments).containsExactly("SELECT k AS __k0, sumState(v) AS __a0 FROM __shard AS ev GROUP BY k");
    }

    @Test
    void aWhereAShardCannotRunStaysInTheMerge() {
        ENGINE.execute("SELECT DISTINCT k FROM ev WHERE id IN (SELECT id FROM ev WHERE v = 0)", context(true));
        assertThat(fragments).contains("SELECT id, k FROM __shard AS ev");
    }

    @Test
    void anEarlyFragmentIsKeptOnlyWhenItsPartsCoverTheLiveOnes() {
        ShardLogReply log = ShardLogReply.newBuilder()
                .addHoldings(Holding.newBuilder().setPartName("202401_1_1_0").addReplicas(0))
                .addHoldings(Holding.newBuilder().setPartName("202401_2_2_0").addReplicas(0))
                .addHoldings(Holding.newBuilder().setPartName("202402_3_3_0").addReplicas(0)).build();
        assertThat(DistributedReads.covers(List.of("202401_1_1_0", "202401_2_2_0", "202402_3_3_0"), log)).isTrue();
        // merged on the replica ahead of the log, plus a part committed after the log was read
        assertThat(DistributedReads.covers(List.of("202401_1_2_1", "202402_3_3_0", "202402_4_4_0"), log)).isTrue();
        assertThat(DistributedReads.covers(List.of("202401_1_1_0", "202402_3_3_0"), log)).isFalse();
        assertThat(DistributedReads.covers(List.of("202401_1_2_1"), log)).isFalse();
        assertThat(DistributedReads.covers(List.of(), log)).isFalse();
        assertThat(DistributedReads.covers(List.of(), ShardLogReply.getDefaultInstance())).isTrue();
    }

    private QueryContext context(boolean distributed) {
        TableProvider tables = (database, name) -> name.equals("ev")
                ? Optional.of(distributed ? new DistributedTableSource("ev", spec, new InProcessShards(() -> shards, fragments, ENGINE))
                : EngineContracts.tableSource("ev", single)) : Optional.empty();
        return new QueryContext(tables, Instant.now().plusSeconds(30), Map.of());
    }

    private static List<String> rows(QueryResult result) {
        return InProcessShards.rows(result);
    }

    private MergeTreeTable open(String directory, TableSpec table) {
        TableDefinition definition = TableSpecs.toDefinition(table);
        MergeTreeTable table1 = MergeTreeTable.open(root.resolve(directory), definition,
                EngineContracts.keyEvaluator(definition), EngineContracts.engineServices(definition, ""));
        opened.add(table1);
        return table1;
    }

    private static TableColumn column(String name, String type) {
        return TableColumn.newBuilder().setName(name).setType(type).build();
    }
}
