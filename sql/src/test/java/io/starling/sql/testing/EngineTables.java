package io.starling.sql.testing;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.catalog.MergeTreeTableSource;
import io.starling.sql.catalog.SqlAggregateStateMerger;
import io.starling.sql.catalog.SqlKeyEvaluator;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.function.Values;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.EngineServices;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.DataTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * MergeTree-backed test tables, one per engine, each filled by several inserts (so one part per insert and
 * FINAL has work to do); created once per JVM in a temporary directory:
 * <ul>
 *   <li>{@code engine_replacing}: ReplacingMergeTree(ver), {@code id UInt32, value String, ver UInt32}</li>
 *   <li>{@code engine_replacing_deleted}: ReplacingMergeTree(ver, is_deleted)</li>
 *   <li>{@code engine_summing}: SummingMergeTree, {@code key String, hits UInt64, amount Float64}</li>
 *   <li>{@code engine_aggregating}: AggregatingMergeTree with {@code users AggregateFunction(uniq, String)},
 *       {@code total SimpleAggregateFunction(sum, UInt64)}, {@code rows AggregateFunction(count)},
 *       {@code last AggregateFunction(argMax, String, DateTime)}, filled from {@code events} with -State
 *       queries over even and odd tenants</li>
 *   <li>{@code engine_collapsing}: CollapsingMergeTree(sign); {@code engine_versioned}:
 *       VersionedCollapsingMergeTree(sign, version); {@code engine_null}: Null</li>
 * </ul>
 */
public final class EngineTables {
    private static Map<String, TableSource> tables;

    private EngineTables() {
    }

    public static Optional<TableSource> table(String name) {
        return Optional.ofNullable(all().get(name));
    }

    private static synchronized Map<String, TableSource> all() {
        if (tables == null) {
            tables = create();
        }
        return tables;
    }

    private static Map<String, TableSource> create() {
        try {
            Path root = Files.createTempDirectory("starling-engine-tables");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            Map<String, TableSource> created = new java.util.HashMap<>();
            MergeTreeTable replacing = open(root, "engine_replacing", "id UInt32, value String, ver UInt32",
                    "ReplacingMergeTree(ver)", "id");
            insert(replacing, List.of(List.of(1L, "a", 1L), List.of(2L, "b", 1L)));
            insert(replacing, List.of(List.of(1L, "a2", 2L), List.of(3L, "c", 1L)));
            insert(replacing, List.of(List.of(2L, "b-old", 0L), List.of(1L, "a-old", 1L)));
            created.put("engine_replacing", new MergeTreeTableSource("engine_replacing", replacing));

            MergeTreeTable deleted = open(root, "engine_replacing_deleted", "id UInt32, value String, ver UInt32, "
                    + "is_deleted UInt8", "ReplacingMergeTree(ver, is_deleted)", "id");
            insert(deleted, List.of(List.of(1L, "a", 1L, 0L), List.of(2L, "b", 1L, 0L), List.of(3L, "c", 1L, 0L)));
            insert(deleted, List.of(List.of(2L, "b", 2L, 1L), List.of(3L, "c2", 2L, 0L)));
            created.put("engine_replacing_deleted", new MergeTreeTableSource("engine_replacing_deleted", deleted));

            MergeTreeTable summing = open(root, "engine_summing", "key String, hits UInt64, amount Float64",
                    "SummingMergeTree", "key");
            insert(summing, List.of(List.of("x", 1L, 1.5), List.of("y", 2L, 0.25)));
            insert(summing, List.of(List.of("x", 10L, 1.0), List.of("z", 5L, 2.0)));
            insert(summing, List.of(List.of("y", 3L, 0.5)));
            created.put("engine_summing", new MergeTreeTableSource("engine_summing", summing));

            MergeTreeTable collapsing = open(root, "engine_collapsing", "id UInt32, views UInt32, sign Int8",
                    "CollapsingMergeTree(sign)", "id");
            insert(collapsing, List.of(List.of(1L, 5L, 1L), List.of(2L, 7L, 1L)));
            insert(collapsing, List.of(List.of(1L, 5L, -1L), List.of(1L, 6L, 1L)));
            created.put("engine_collapsing", new MergeTreeTableSource("engine_collapsing", collapsing));

            MergeTreeTable versioned = open(root, "engine_versioned", "id UInt32, views UInt32, sign Int8, "
                    + "version UInt32", "VersionedCollapsingMergeTree(sign, version)", "id");
            insert(versioned, List.of(List.of(1L, 6L, 1L, 2L), List.of(2L, 7L, 1L, 1L)));
            insert(versioned, List.of(List.of(1L, 5L, 1L, 1L)));
            insert(versioned, List.of(List.of(1L, 5L, -1L, 1L)));
            created.put("engine_versioned", new MergeTreeTableSource("engine_versioned", versioned));

            MergeTreeTable nothing = open(root, "engine_null", "id UInt32", "Null", "id");
            insert(nothing, List.of(List.of(1L)));
            created.put("engine_null", new MergeTreeTableSource("engine_null", nothing));

            MergeTreeTable aggregating = open(root, "engine_aggregating", "key String, "
                    + "users AggregateFunction(uniq, String), total SimpleAggregateFunction(sum, UInt64), "
                    + "rows AggregateFunction(count), last AggregateFunction(argMax, String, DateTime)",
                    "AggregatingMergeTree", "key");
            for (int parity = 0; parity < 2; parity++) {
                insertQuery(aggregating, "SELECT action AS key, uniqState(user_id) AS users, toUInt64(count()) AS total,"
                        + " countState() AS rows, argMaxState(user_id, timestamp) AS last FROM events"
                        + " WHERE tenant_id % 2 = " + parity + " GROUP BY action");
            }
            created.put("engine_aggregating", new MergeTreeTableSource("engine_aggregating", aggregating));
            return Map.copyOf(created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MergeTreeTable open(Path root, String name, String schema, String engine, String sortingKey) {
        List<ColumnDefinition> columns = new ArrayList<>();
        for (String column : splitTopLevel(schema)) {
            int space = column.indexOf(' ');
            columns.add(new ColumnDefinition(column.substring(0, space), DataTypes.parse(column.substring(space + 1))));
        }
        TableDefinition definition = new TableDefinition(columns, engine, List.of(sortingKey), "", Map.of());
        EngineServices services = EngineServices.DEFAULT.withAggregates(SqlAggregateStateMerger.INSTANCE);
        return MergeTreeTable.open(root.resolve(name), definition, SqlKeyEvaluator.forTable(definition), services);
    }

    private static List<String> splitTopLevel(String schema) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < schema.length(); i++) {
            char c = schema.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(schema.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(schema.substring(start).strip());
        return parts;
    }

    private static void insert(MergeTreeTable table, List<List<Object>> rows) {
        List<ColumnDefinition> columns = table.definition().columns();
        List<Column> built = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnBuilder builder = ColumnBuilder.forType(columns.get(c).type(), rows.size());
            for (List<Object> row : rows) {
                Values.append(builder, row.get(c));
            }
            built.add(builder.build());
        }
        table.insert(Block.of(built));
    }

    /** Inserts a query's result over the fixtures, with its columns retyped to the table's types. */
    private static void insertQuery(MergeTreeTable table, String sql) {
        List<ColumnDefinition> columns = table.definition().columns();
        var result = new QueryEngine().execute(sql, QueryContext.of(Fixtures.provider()));
        for (Block block : result.blocks()) {
            List<Column> retyped = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                ColumnBuilder builder = ColumnBuilder.forType(columns.get(c).type(), block.rowCount());
                Column source = block.column(c) instanceof io.starling.storage.column.LowCardinalityColumn low
                        ? low.decode() : block.column(c);
                for (int row = 0; row < block.rowCount(); row++) {
                    builder.appendFrom(source, row);
                }
                retyped.add(builder.build());
            }
            table.insert(Block.of(retyped));
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
