package io.starling.node.cluster.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
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
 * The split of a query into shard fragments and a merge answers what the same query answers over one table holding
 * every row. Two shards are two real MergeTree tables in this process; the fake reader runs each fragment's SQL on
 * them as a replica would (no actors).
 */
class DistributedQueryEquivalenceTest {
    private static final QueryEngine ENGINE = new QueryEngine();

    @TempDir
    Path root;

    private final List<MergeTreeTable> opened = new ArrayList<>();
    private TableSpec spec;
    private MergeTreeTable single;
    private MergeTreeTable[] shards;
    private MergeTreeTable small;
    private final List<String> fragments = new ArrayList<>();

    @BeforeEach
    void load() {
        spec = TableSpec.newBuilder().setTableId("t_events").setEngine("MergeTree").addSortingKey("id")
                .addColumns(column("id", "Int64")).addColumns(column("k", "String"))
                .addColumns(column("v", "Int64")).build();
        single = open("single", spec);
        shards = new MergeTreeTable[] {open("shard0", spec), open("shard1", spec)};
        TableSpec smallSpec = TableSpec.newBuilder().setTableId("t_small").setEngine("MergeTree").addSortingKey("k")
                .addColumns(column("k", "String")).addColumns(column("label", "String")).build();
        small = open("small", smallSpec);
        small.insert(new Block(List.of(StringColumn.of("a", "b", "c"), StringColumn.of("alpha", "beta", "gamma")), 3));
        for (int batch = 0; batch < 3; batch++) {
            int rows = 400;
            long[] ids = new long[rows];
            long[] values = new long[rows];
            String[] keys = new String[rows];
            for (int i = 0; i < rows; i++) {
                ids[i] = batch * rows + i;
                values[i] = (ids[i] * 37) % 101;
                keys[i] = String.valueOf((char) ('a' + (int) (ids[i] % 5)));
            }
            Block block = new Block(List.of(new LongColumn(IntegerType.INT64, ids), StringColumn.of(keys),
                    new LongColumn(IntegerType.INT64, values)), rows);
            single.insert(block);
            // Batch-wise to one shard or the other, plus a row-wise split for the last batch.
            if (batch < 2) {
                shards[batch].insert(block);
            } else {
                shards[0].insert(block.region(0, 150));
                shards[1].insert(block.region(150, rows - 150));
            }
        }
    }

    @AfterEach
    void close() {
        opened.forEach(MergeTreeTable::close);
    }

    @Test
    void splitQueriesAnswerAsOneTable() {
        List<String> queries = List.of(
                "SELECT count() FROM ev",
                "SELECT count() AS c, sum(v) AS s, avg(v), min(v), max(id) FROM ev",
                "SELECT k, count() AS c, sum(v) FROM ev GROUP BY k ORDER BY k",
                "SELECT k, uniqExact(v) AS u, countIf(v > 50) FROM ev WHERE id >= 100 GROUP BY k ORDER BY u DESC, k",
                "SELECT toString(id % 3) AS bucket, count() FROM ev GROUP BY bucket HAVING count() > 10 ORDER BY bucket",
                "SELECT k, count(DISTINCT v) AS d, argMax(v, id) AS a FROM ev GROUP BY k ORDER BY k",
                "SELECT id, v FROM ev WHERE v > 90 ORDER BY v DESC, id LIMIT 5",
                "SELECT id FROM ev ORDER BY id DESC LIMIT 3 OFFSET 2",
                "SELECT * FROM ev WHERE id IN (5, 700, 1100) ORDER BY id",
                "SELECT ev.id + 1 AS next FROM ev WHERE ev.k = 'c' ORDER BY next LIMIT 4",
                "SELECT s.label, count() AS c FROM ev JOIN small AS s ON ev.k = s.k GROUP BY s.label ORDER BY s.label",
                "SELECT k FROM ev WHERE id IN (SELECT id FROM ev WHERE v = 0) ORDER BY k, id",
                "SELECT count() FROM (SELECT DISTINCT k FROM ev)");
        for (String query : queries) {
            QueryResult expected = ENGINE.execute(query, context(false));
            QueryResult actual = ENGINE.execute(query, context(true));
            assertThat(actual.columns()).as(query).isEqualTo(expected.columns());
            assertThat(rows(actual)).as(query).isEqualTo(rows(expected));
        }
    }

    @Test
    void aggregatesAndTopNRunOnTheShards() {
        ENGINE.execute("SELECT k, sum(v) FROM ev WHERE v > 3 GROUP BY k", context(true));
        assertThat(fragments).hasSize(1);
        assertThat(fragments.get(0)).isEqualTo(
                "SELECT k AS __k0, sumState(v) AS __a0 FROM __shard AS ev WHERE greater(v, 3) GROUP BY k");

        fragments.clear();
        ENGINE.execute("SELECT id FROM ev WHERE k = 'a' ORDER BY v DESC LIMIT 2 OFFSET 1", context(true));
        assertThat(fragments).containsExactly(
                "SELECT id, v FROM __shard AS ev WHERE equals(k, 'a') ORDER BY v DESC LIMIT 3");

        fragments.clear();
        ENGINE.execute("SELECT count() FROM ev AS e JOIN small ON e.k = small.k", context(true));
        assertThat(fragments).containsExactly("SELECT k FROM __shard");
    }

    @Test
    void shapesThePlannerDeclinesReadThroughTheScan() {
        List<String> columns = List.of("id", "k", "v");
        for (String declined : List.of(
                "SELECT DISTINCT k FROM ev",
                "SELECT quantileExact(v) FROM ev",
                "SELECT k, row_number() OVER (ORDER BY id) FROM ev",
                "SELECT sum(v) FROM ev WHERE id IN (SELECT id FROM ev)",
                "SELECT arrayMap(x -> x + 1, [v]) FROM ev",
                "SELECT id FROM ev FINAL")) {
            var parsed = io.starling.sql.parser.Parser.parse(declined).query();
            assertThat(FragmentPlanner.plan((io.starling.sql.parser.ast.SelectQuery) parsed, columns))
                    .as(declined).isEmpty();
        }
    }

    private QueryContext context(boolean distributed) {
        TableProvider tables = (database, name) -> switch (name) {
            case "ev" -> Optional.of(distributed ? new DistributedTableSource("ev", spec, new InProcessShards(() -> shards, fragments, ENGINE))
                    : EngineContracts.tableSource("ev", single));
            case "small" -> Optional.of(EngineContracts.tableSource("small", small));
            default -> Optional.empty();
        };
        return new QueryContext(tables, Instant.now().plusSeconds(30), Map.of());
    }

    private static List<String> rows(QueryResult result) {
        return InProcessShards.rows(result);
    }

    private MergeTreeTable open(String directory, TableSpec table) {
        TableDefinition definition = TableSpecs.toDefinition(table);
        MergeTreeTable opened = MergeTreeTable.open(root.resolve(directory), definition,
                EngineContracts.keyEvaluator(definition), EngineContracts.engineServices(definition, ""));
        this.opened.add(opened);
        return opened;
    }

    private static TableColumn column(String name, String type) {
        return TableColumn.newBuilder().setName(name).setType(type).build();
    }
}
