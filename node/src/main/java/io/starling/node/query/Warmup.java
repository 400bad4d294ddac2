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
 *
 * <p>Nothing is left in the temporary directory: the table lives in {@code <tmp>/starling-warmup-<user>/<pid>-<n>},
 * a JVM shutdown hook stops a running warm-up after its current step and removes its directory, and each start
 * removes the directories of processes that no longer run (killed without their hooks) and those of older versions
 * ({@code <tmp>/starling-warmup<n>}, unchanged for {@link #LEGACY_AGE}).
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

    /** How long the shutdown hook waits for running warm-ups to finish their current step. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    /** A directory of an older version ({@code <tmp>/starling-warmup<n>}) unchanged this long is left over. */
    static final Duration LEGACY_AGE = Duration.ofMinutes(10);
    private static final Duration PID_REUSE_MARGIN = Duration.ofMinutes(1);

    /** Warm-ups started and not finished, stopped and cleaned by the shutdown hook. */
    private static final java.util.Set<Warmup> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean HOOKED = new java.util.concurrent.atomic.AtomicBoolean();

    private final QueryEngine engine;
    private final Path directory;
    private volatile boolean stopped;
    private volatile Thread thread;
    /** Runs on the warm-up thread once the table is written, before the first query (a hook for tests). */
    private volatile Runnable onTableReady = () -> { };
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
        Path parent = Path.of(System.getProperty("java.io.tmpdir"), "starling-warmup-"
                + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_"));
        Warmup warmup = start(engine, parent, () -> { });
        return warmup == null ? null : warmup.thread;
    }

    /**
     * Starts a warm-up whose table lives in a new {@code <pid>-<n>} directory under {@code parent}, first removing
     * stale directories there; {@code onTableReady} runs on its thread once the table is written (for tests).
     */
    static Warmup start(QueryEngine engine, Path parent, Runnable onTableReady) {
        Path directory;
        try {
            Files.createDirectories(parent);
            directory = Files.createTempDirectory(parent, ProcessHandle.current().pid() + "-");
        } catch (IOException | RuntimeException e) {
            LOG.debug("No warm-up: cannot create a temporary directory under {}: {}", parent, e.toString());
            return null;
        }
        Warmup warmup = new Warmup(engine, directory);
        warmup.onTableReady = onTableReady;
        RUNNING.add(warmup);
        if (HOOKED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(SHUTDOWN_WAIT), "starling-warmup-cleanup"));
            } catch (IllegalStateException shuttingDown) {
                RUNNING.remove(warmup);
                delete(directory);
                return null;
            }
        }
        Thread thread = new Thread(() -> {
            removeStale(parent);
            warmup.run();
        }, "starling-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        warmup.thread = thread;
        thread.start();
        return warmup;
    }

    /** Asks the warm-up to stop after its current query. */
    void stop() {
        stopped = true;
    }

    boolean stopRequested() {
        return stopped;
    }

    /**
     * Stops the warm-up, waits up to {@code wait} for its thread to finish the current step, and removes its
     * directory (what the shutdown hook does for every running warm-up).
     */
    void shutdown(Duration wait) {
        stopped = true;
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Files.exists(directory)) {
            delete(directory);
        }
        RUNNING.remove(this);
    }

    Path directory() {
        return directory;
    }

    private static void stopAll(Duration wait) {
        List<Warmup> running = List.copyOf(RUNNING);
        running.forEach(Warmup::stop);
        long deadline = System.nanoTime() + wait.toNanos();
        for (Warmup warmup : running) {
            warmup.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /**
     * Removes what earlier warm-ups left under {@code parent} (directories {@code <pid>-<n>} of processes that no
     * longer run, or whose pid a later process reused) and, beside {@code parent}, the directories of older versions
     * ({@code starling-warmup<digits>}) unchanged for {@link #LEGACY_AGE}.
     */
    static void removeStale(Path parent) {
        try (Stream<Path> children = Files.list(parent)) {
            children.filter(Warmup::ownerIsGone).forEach(Warmup::delete);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not look for stale warm-up directories in {}: {}", parent, e.toString());
        }
        Path tmp = parent.toAbsolutePath().getParent();
        if (tmp == null) {
            return;
        }
        Instant legacyBefore = Instant.now().minus(LEGACY_AGE);
        try (Stream<Path> siblings = Files.list(tmp)) {
            siblings.filter(path -> path.getFileName().toString().matches("starling-warmup\\d+"))
                    .filter(path -> modified(path).isBefore(legacyBefore)).forEach(Warmup::delete);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not look for old warm-up directories in {}: {}", tmp, e.toString());
        }
    }

    private static boolean ownerIsGone(Path directory) {
        String name = directory.getFileName().toString();
        int dash = name.indexOf('-');
        if (dash <= 0 || !name.substring(0, dash).chars().allMatch(Character::isDigit)) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(name.substring(0, dash));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return true;
        }
        // a process that started after the directory last changed reuses the pid of the one that made it (with a
        // minute's margin: the kernel's start times are only as precise as its boot time, one second)
        Instant changed = modified(directory);
        return !changed.equals(Instant.MAX) && owner.get().info().startInstant()
                .map(start -> start.isAfter(changed.plus(PID_REUSE_MARGIN))).orElse(false);
    }

    /** When {@code path} last changed, or Instant.MAX when that cannot be read (so it never looks old). */
    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
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
            RUNNING.remove(this);
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
            onTableReady.run();
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
