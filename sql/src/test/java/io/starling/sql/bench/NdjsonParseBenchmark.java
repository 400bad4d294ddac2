package io.starling.sql.bench;

import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParsedRows;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * NDJSON parse throughput: one 8 MiB Events API body (the benchmark harness's request size) of the web-analytics
 * events table (GenEvents' 9 columns with {@code json:$.col} paths), parsed into column blocks. Time per body;
 * rows/s = rows per body / time. The body is generated here (same shape as GenEvents: escaped JSON payload,
 * UUIDs, dates) or, with {@code -Dndjson.file=PATH}, the first 8 MiB of lines of a real file.
 *
 * <pre>
 * JAVA_HOME=$(bin/find-java) ./mvnw -q -B -Dbuild.folder=target-perf -pl sql -am install -DskipTests
 * JAVA_HOME=$(bin/find-java) ./mvnw -q -B -Dbuild.folder=target-perf -pl sql dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=sql/target-perf/cp.txt
 * CP=sql/target-perf/test-classes:sql/target-perf/classes:$(cat sql/target-perf/cp.txt)
 * $(bin/find-java)/bin/java -cp $CP org.openjdk.jmh.Main NdjsonParseBenchmark       # JMH
 * $(bin/find-java)/bin/java -cp $CP io.starling.sql.bench.NdjsonParseBenchmark 30   # quick: CPU time per body
 * </pre>
 * Benchmarks: {@code stream} (the InputStream path, one thread), {@code bytes} (in-memory body, one thread),
 * {@code bytesParallel2} (in-memory body cut into 2 segments parsed at once, as the Events API does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NdjsonParseBenchmark {
    static final int BODY_BYTES = 8 << 20;

    static final List<IngestColumn> COLUMNS = List.of(
            column("timestamp", "DateTime"),
            column("session_id", "String"),
            column("action", "LowCardinality(String)"),
            column("version", "LowCardinality(String)"),
            column("payload", "String"),
            column("tenant_id", "String"),
            column("user_id", "UInt64"),
            column("duration_ms", "UInt32"),
            column("revenue", "Float64"));

    @Param({"generated"})
    public String source;

    private byte[] body;
    private ExecutorService executor;

    private static IngestColumn column(String name, String type) {
        return new IngestColumn(name, DataTypes.parse(type), "json:$." + name, null);
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        body = body();
        executor = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.shutdownNow();
    }

    @Benchmark
    public ParsedRows stream() {
        return NdjsonInput.parse(new ByteArrayInputStream(body), COLUMNS);
    }

    @Benchmark
    public ParsedRows bytes() {
        return NdjsonInput.parse(body, 0, body.length, COLUMNS, null, 1);
    }

    @Benchmark
    public ParsedRows bytesParallel2() {
        return NdjsonInput.parse(body, 0, body.length, COLUMNS, executor, 2);
    }

    /** The 8 MiB body: whole lines of {@code -Dndjson.file}, else generated GenEvents-like rows. */
    static byte[] body() throws IOException {
        String file = System.getProperty("ndjson.file");
        if (file != null) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                byte[] head = in.readNBytes(BODY_BYTES + (1 << 16));
                int end = BODY_BYTES;
                while (end < head.length && head[end - 1] != '\n') {
                    end++;
                }
                return Arrays.copyOf(head, end);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(BODY_BYTES + 4096);
        long seed = 42;
        String[] actions = {"page_hit", "page_hit", "page_hit", "click", "signup", "purchase"};
        String[] versions = {"1.2.3", "2.0.0", "2.1.0"};
        String[] agents = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
                "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"};
        for (int row = 0; out.size() < BODY_BYTES; row++) {
            seed = mix(seed);
            int tenant = (int) Long.remainderUnsigned(seed, 200);
            String page = "/docs/page-" + Long.remainderUnsigned(seed >>> 8, 50);
            String line = String.format(Locale.ROOT, "{\"timestamp\":\"2024-01-%02d %02d:%02d:%02d\",\"session_id\":\"%s\","
                            + "\"action\":\"%s\",\"version\":\"%s\",\"payload\":\"{\\\"user-agent\\\":\\\"%s\\\",\\\"locale\\\":"
                            + "\\\"en-US\\\",\\\"location\\\":\\\"DE\\\",\\\"referrer\\\":\\\"\\\",\\\"pathname\\\":\\\"%s\\\","
                            + "\\\"href\\\":\\\"https://tenant-%04d.example.com%s\\\"}\",\"tenant_id\":\"tenant_%04d\","
                            + "\"user_id\":%d,\"duration_ms\":%d,\"revenue\":%s}\n",
                    1 + row / 86_400 % 28, row / 3600 % 24, row / 60 % 60, row % 60,
                    new java.util.UUID(seed, mix(seed)), actions[(int) Long.remainderUnsigned(seed >>> 3, actions.length)],
                    versions[(int) Long.remainderUnsigned(seed >>> 5, versions.length)],
                    agents[(int) Long.remainderUnsigned(seed >>> 7, agents.length)], page, tenant, page, tenant,
                    Long.remainderUnsigned(mix(seed + 1), 9_007_199_254_740_991L),
                    Long.remainderUnsigned(seed >>> 11, 60_000),
                    row % 10 == 0 ? Long.remainderUnsigned(seed >>> 13, 10_000) / 100.0 + "" : "0");
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Quick runner without JMH: {@code [rounds]} bodies per variant after a warm-up, printing the median wall and
     * thread-CPU milliseconds per body and rows/s.
     */
    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        NdjsonParseBenchmark bench = new NdjsonParseBenchmark();
        bench.setUp();
        try {
            long rows = bench.bytes().goodRows();
            System.out.printf(Locale.ROOT, "body: %,d bytes, %,d rows%n", bench.body.length, rows);
            run("stream (InputStream, 1 thread)", rounds, rows, bench::stream);
            run("bytes (in memory, 1 thread)", rounds, rows, bench::bytes);
            run("bytesParallel2 (2 segments)", rounds, rows, bench::bytesParallel2);
        } finally {
            bench.tearDown();
        }
    }

    private static void run(String name, int rounds, long rows, java.util.function.Supplier<ParsedRows> parse) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < Math.max(10, rounds / 2); i++) {
            parse.get();
        }
        long[] wall = new long[rounds];
        long[] cpu = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            parse.get();
            wall[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        double wallMs = wall[rounds / 2] / 1e6;
        System.out.printf(Locale.ROOT, "%-32s wall %7.2f ms (%,.0f rows/s)   calling-thread CPU %7.2f ms%n", name, wallMs,
                rows / (wallMs / 1000), cpu[rounds / 2] / 1e6);
    }
}
