package io.starling.sql.bench;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.MergeTreeTableSource;
import io.starling.sql.catalog.SqlKeyEvaluator;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.format.input.CsvDialect;
import io.starling.sql.format.input.CsvInput;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.DataTypes;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark's 24 queries without the HTTP layer: loads the generated CSV into MergeTree tables (in chunks of
 * 500k rows, then merged to one part per partition like OPTIMIZE FINAL) and runs a query file through
 * {@link QueryEngine}, printing one JSON line per query (median ms, rows read) and writing each result as
 * JSONCompact into a results folder for comparison with ClickHouse.
 *
 * <pre>
 * java -Xmx8g -cp CLASSPATH io.starling.sql.bench.LocalBench DATA_DIR CSV_DIR QUERIES RUNS RESULTS_DIR [ONLY]
 * </pre>
 */
public final class LocalBench {
    private LocalBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path csvDir = Path.of(args[1]);
        Path queries = Path.of(args[2]);
        int runs = Integer.parseInt(args[3]);
        Path results = Path.of(args[4]);
        Set<Integer> only = new HashSet<>();
        if (args.length > 5) {
            for (String q : args[5].split(",")) {
                only.add(Integer.parseInt(q.trim()));
            }
        }
        Files.createDirectories(results);
        MergeTreeTable events = open(dataDir.resolve("events"), eventsColumns(), List.of("tenant_id", "timestamp"),
                "toYYYYMM(timestamp)", csvDir.resolve("events.csv"));
        MergeTreeTable tenants = open(dataDir.resolve("tenants"), tenantsColumns(), List.of("tenant_id"), "",
                csvDir.resolve("tenants.csv"));
        Map<String, TableSource> tables = Map.of("events", new MergeTreeTableSource("events", events),
                "tenants", new MergeTreeTableSource("tenants", tenants));
        QueryEngine engine = new QueryEngine();
        List<String> lines = Files.readAllLines(queries);
        int number = 0;
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("--")) {
                continue;
            }
            number++;
            if (!only.isEmpty() && !only.contains(number)) {
                continue;
            }
            String sql = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
            double[] times = new double[runs];
            QueryResult first = null;
            String error = null;
            for (int r = 0; r < runs && error == null; r++) {
                long start = System.nanoTime();
                try {
                    QueryResult result = engine.execute(sql, new QueryContext(
                            (db, name) -> Optional.ofNullable(tables.get(name)), Instant.now().plusSeconds(600), Map.of()));
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    OutputFormats.write("JSONCompact", result, 0, out);
                    times[r] = (System.nanoTime() - start) / 1e6;
                    if (first == null) {
                        first = result;
                        Files.write(results.resolve(String.format("project-Q%02d.json", number)), out.toByteArray());
                    }
                } catch (RuntimeException e) {
                    error = String.valueOf(e);
                }
            }
            if (error != null) {
                System.out.printf("{\"q\":%d,\"error\":%s}%n", number, quote(error));
                continue;
            }
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            System.out.printf("{\"q\":%d,\"median_ms\":%.1f,\"min_ms\":%.1f,\"rows_read\":%d,\"rows\":%d}%n", number,
                    sorted[runs / 2], sorted[0], first.rowsRead(), first.rowCount());
        }
        events.close();
        tenants.close();
        System.exit(0);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }

    private static MergeTreeTable open(Path directory, List<ColumnDefinition> columns, List<String> sortingKey,
                                       String partitionKey, Path csv) throws Exception {
        boolean fresh = !Files.exists(directory);
        TableDefinition definition = new TableDefinition(columns, "MergeTree", sortingKey, partitionKey, Map.of());
        MergeTreeTable table = MergeTreeTable.open(directory, definition, SqlKeyEvaluator.forTable(definition));
        if (!fresh) {
            return table;
        }
        List<IngestColumn> ingest = columns.stream().map(c -> new IngestColumn(c.name(), c.type(), null, null)).toList();
        long started = System.nanoTime();
        long rows = 0;
        try (InputStream input = new BufferedInputStream(Files.newInputStream(csv), 1 << 20)) {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(64 << 20);
            int lines = 0;
            int b;
            while ((b = input.read()) >= 0) {
                chunk.write(b);
                if (b == '\n' && ++lines == 500_000) {
                    rows += load(table, chunk.toByteArray(), ingest);
                    chunk.reset();
                    lines = 0;
                }
            }
            if (chunk.size() > 0) {
                rows += load(table, chunk.toByteArray(), ingest);
            }
        }
        while (table.mergeOnce().isPresent()) {
            // merge down to one part per partition, like OPTIMIZE FINAL
        }
        System.err.printf("loaded %d rows into %s in %.1f s%n", rows, directory, (System.nanoTime() - started) / 1e9);
        return table;
    }

    private static long load(MergeTreeTable table, byte[] bytes, List<IngestColumn> columns) {
        ParsedRows parsed = CsvInput.parse(new ByteArrayInputStream(bytes), columns, new CsvDialect(',', (char) 0, null));
        if (!parsed.quarantined().isEmpty()) {
            throw new IllegalStateException("quarantined rows: " + parsed.quarantined().get(0));
        }
        List<Block> blocks = parsed.blocks();
        for (Block block : blocks) {
            table.insert(block);
        }
        table.maybeMerge();
        return parsed.goodRows();
    }

    private static List<ColumnDefinition> eventsColumns() {
        List<ColumnDefinition> columns = new ArrayList<>();
        String[][] spec = {{"timestamp", "DateTime"}, {"session_id", "String"}, {"action", "LowCardinality(String)"},
                {"version", "LowCardinality(String)"}, {"payload", "String"}, {"tenant_id", "String"},
                {"user_id", "UInt64"}, {"duration_ms", "UInt32"}, {"revenue", "Float64"}};
        for (String[] column : spec) {
            columns.add(new ColumnDefinition(column[0], DataTypes.parse(column[1])));
        }
        return columns;
    }

    private static List<ColumnDefinition> tenantsColumns() {
        List<ColumnDefinition> columns = new ArrayList<>();
        String[][] spec = {{"tenant_id", "String"}, {"name", "String"}, {"plan", "LowCardinality(String)"},
                {"region", "LowCardinality(String)"}, {"created_at", "DateTime"}, {"seats", "UInt32"}};
        for (String[] column : spec) {
            columns.add(new ColumnDefinition(column[0], DataTypes.parse(column[1])));
        }
        return columns;
    }
}
