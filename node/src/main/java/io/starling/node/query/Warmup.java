package io.starling.node.query;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.MergeTreeTableSource;
import io.starling.sql.catalog.SqlKeyEvaluator;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the JIT on the query path at node start, so the first real queries run at their warm speed (a fresh JVM
 * answers a 10M-row filtered count in several milliseconds until the scan, filter and aggregation loops are
 * compiled; warm, about one).
 *
 * <p>Runs a few hundred small queries through the real {@link QueryEngine} over a throw-away MergeTree table in a
 * temporary directory (filters on String, LowCardinality and integer columns, count, GROUP BY, ORDER BY ... LIMIT,
 * JSON and CSV formatting) on one daemon thread of minimum priority. It never delays readiness (it starts after
 * the HTTP port is bound, on its own thread) and gets out of the way: it stops as soon as any engine of the process
 * starts a query that is not its own, after {@link #CPU_BUDGET} of CPU, or after {@link #MAX_QUERIES} queries.
 * {@code -Dstarling.warmup=false} turns it off. The table stays below the parallel-scan threshold, so warm-up queries use no worker threads.
 */
public final class Warmup implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    /** CPU time the warm-up may spend in total. */
    static final Duration CPU_BUDGET = Duration.ofSeconds(2);
    static final int MAX_QUERIES = 400;
    /** Two parts of this many rows each: five granules of 8,192 rows together, below the parallel-scan threshold. */
    static final int ROWS_PER_PART = 20_000;

    static final List<String> QUERIES = List.of(
            "SELECT count() FROM events WHERE tenant_id = 'tenant_3'",
            "SELECT count() FROM events WHERE action = 'buy'",
            "SELECT count() FROM events WHERE duration > 500 AND amount < 50",
            "SELECT count() FROM events",
            "SELECT action, count() AS c, sum(amount) FROM events GROUP BY action ORDER BY c DESC",
            "SELECT tenant_id, count() AS c FROM events WHERE timestamp >= '2024-01-01 06:00:00' GROUP BY tenant_id "
                    + "ORDER BY c DESC LIMIT 5",
            "SELECT user_id, amount, timestamp FROM events WHERE tenant_id = 'tenant_1' ORDER BY amount DESC LIMIT 10",
            "SELECT toStartOfHour(timestamp) AS hour, uniq(user_id), avg(duration) FROM events GROUP BY hour "
                    + "ORDER BY hour LIMIT 24",
            "SELECT user_id, count() AS c FROM events WHERE action IN ('view', 'click') GROUP BY user_id "
                    + "ORDER BY c DESC LIMIT 10",
            "SELECT max(amount), min(timestamp), quantile(0.9)(duration) FROM events WHERE tenant_id != 'tenant_0'",
            "SELECT * FROM events WHERE user_id = 'user_42' LIMIT 20");

    private final QueryEngine engine;
    private final Path directory;
    private volatile boolean stopped;
    private int ran;

    Warmup(QueryEngine engine, Path directory) {
        this.engine = engine;
        this.directory = directory;
    }

    /** Starts the warm-up on a background daemon thread and returns at once (null when -Dstarling.warmup=false). */
    public static Thread start(QueryEngine engine) {
        if ("false".equals(System.getProperty("starling.warmup"))) {
            return null;
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("starling-warmup");
        } catch (IOException e) {
            LOG.debug("No warm-up: cannot create a temporary directory: {}", e.toString());
            return null;
        }
        Thread thread = new Thread(new Warmup(engine, directory), "starling-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** Asks the warm-up to stop after its current query. */
    void stop() {
        stopped = true;
    }

    /** Warm-up queries run so far. */
    int queriesRun() {
        return ran;
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        try {
            warm();
            LOG.info("Query warm-up ran {} queries in {} ms", ran, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Query warm-up stopped: {}", e.toString());
        } finally {
            delete(directory);
        }
    }

    private void warm() {
        withTable(source -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported();
            long cpuStart = cpuTimed ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            long seen = QueryEngine.queriesStarted();
            while (!stopped && ran < MAX_QUERIES) {
                if (QueryEngine.queriesStarted() != seen) {
                    LOG.debug("Query warm-up yields to a real query after {} queries", ran);
                    return;
                }
                long spent = (cpuTimed ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - cpuStart;
                if (spent > CPU_BUDGET.toNanos()) {
                    return;
                }
                seen++;
                query(source, QUERIES.get(ran % QUERIES.size()), ran % 5 == 4 ? "CSV" : null);
                ran++;
            }
        });
    }

    /** Runs every warm-up query once on a fresh table, handing each result to {@code check} (for tests). */
    void runEach(java.util.function.Consumer<QueryResult> check) {
        try {
            withTable(source -> {
                for (String sql : QUERIES) {
                    check.accept(query(source, sql, null));
                }
            });
        } finally {
            delete(directory);
        }
    }

    private QueryResult query(TableSource source, String sql, String format) {
        QueryResult result = engine.execute(sql, new QueryContext((database, name) -> "events".equals(name)
                ? Optional.of(source) : Optional.empty(), Instant.now().plusSeconds(10), Map.of()));
        OutputFormats.write(format, result, 0.001, OutputStream.nullOutputStream());
        return result;
    }

    private void withTable(java.util.function.Consumer<TableSource> work) {
        if (stopped) {
            return;
        }
        TableDefinition definition = new TableDefinition(columns(), "MergeTree", List.of("tenant_id", "timestamp"), "",
                Map.of());
        try (MergeTreeTable table = MergeTreeTable.open(directory.resolve("events"), definition,
                SqlKeyEvaluator.forTable(definition))) {
            table.insert(block(0));
            table.insert(block(ROWS_PER_PART));
            work.accept(new MergeTreeTableSource("events", table));
        }
    }

    private static List<ColumnDefinition> columns() {
        return List.of(
                new ColumnDefinition("timestamp", DataTypes.parse("DateTime")),
                new ColumnDefinition("tenant_id", DataTypes.parse("String")),
                new ColumnDefinition("action", DataTypes.parse("LowCardinality(String)")),
                new ColumnDefinition("user_id", DataTypes.parse("String")),
                new ColumnDefinition("amount", DataTypes.parse("Float64")),
                new ColumnDefinition("duration", DataTypes.parse("UInt32")));
    }

    /** {@link #ROWS_PER_PART} synthetic events starting at row {@code first}. */
    static Block block(int first) {
        int rows = ROWS_PER_PART;
        long[] times = new long[rows];
        String[] tenants = new String[rows];
        int[] actions = new int[rows];
        String[] users = new String[rows];
        double[] amounts = new double[rows];
        long[] durations = new long[rows];
        for (int i = 0; i < rows; i++) {
            int row = first + i;
            times[i] = 1704067200L + row * 3L;
            tenants[i] = "tenant_" + (row * 7 % 10);
            actions[i] = row * 13 % 4;
            users[i] = "user_" + (row * 7919L % 5000);
            amounts[i] = (row * 31 % 10_000) / 100.0;
            durations[i] = row * 17L % 1000;
        }
        DataType lowCardinality = DataTypes.parse("LowCardinality(String)");
        Column action = new LowCardinalityColumn(lowCardinality, StringColumn.of("view", "click", "buy", "share"),
                actions, 0, rows);
        return new Block(List.of(new LongColumn(DataTypes.parse("DateTime"), times), StringColumn.of(tenants), action,
                StringColumn.of(users), new DoubleColumn(DataTypes.parse("Float64"), amounts),
                new LongColumn(DataTypes.parse("UInt32"), durations)), rows);
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not remove the warm-up directory {}: {}", directory, e.toString());
        }
    }
}
