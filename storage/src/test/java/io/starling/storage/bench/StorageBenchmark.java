package io.starling.storage.bench;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.engine.TableSnapshot;
import io.starling.storage.index.PrimaryKeyRanges;
import io.starling.storage.part.PartFiles;
import io.starling.storage.type.IntegerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Storage targets of issue 3 on the bench's web-analytics table (see {@link BenchEvents}), one thread:
 * <ul>
 *   <li>{@code write1MEventRows}: sort and write 1M rows (16 inserts of 65,536-row Blocks) as compressed parts
 *       (target: at most 1,000 ms, i.e. 1M rows/s).</li>
 *   <li>{@code scan10MInt64}: decompress and sum one 10M-row Int64 column, 80 MB decompressed (target: at most
 *       40 ms, i.e. 2 GB/s).</li>
 *   <li>{@code primaryKeyRange1Percent}: read the rows of one mid-sized tenant through a primary-key range; the
 *       setup prints the share of rows read (target ~1 %).</li>
 * </ul>
 * Data: the CSV named by {@code -Dstarling.bench.csv} (default {@code /tmp/bench-1m/events.csv} when present, made
 * by {@code java shared/bench/gen/GenEvents.java --rows 1m --out /tmp/bench-1m --formats csv}), else generated.
 * On-disk size of the 10M-row table: {@link TableSizeMain}. On a box shared with other builds, where wall time
 * swings 2x, {@link StoragePerfMain} measures the same two targets by CPU time of the calling thread ("one core").
 * Run from the repository root:
 * <pre>
 * JAVA_HOME=$(bin/find-java) ./mvnw -q -B -Dbuild.folder=target-codecs -pl storage -am install -DskipTests
 * JAVA_HOME=$(bin/find-java) ./mvnw -q -B -Dbuild.folder=target-codecs -pl storage dependency:build-classpath \
 *     -Dmdep.outputFile=target-codecs/cp.txt -Dmdep.includeScope=test
 * $(bin/find-java)/bin/java -Djmh.ignoreLock=true -cp storage/target-codecs/test-classes:storage/target-codecs/classes:$(cat storage/target-codecs/cp.txt) \
 *     org.openjdk.jmh.Main StorageBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class StorageBenchmark {
    static final int BLOCK_ROWS = Block.MAX_ROWS;
    private static final int INT64_ROWS = 10_000_000;
    private static final List<ColumnDefinition> INT64_COLUMNS = List.of(new ColumnDefinition("id", IntegerType.UINT64),
            new ColumnDefinition("value", IntegerType.INT64));

    /** Table codecs: "default" (LZ4 / automatic) or a CODEC text applied to every column. */
    @Param({"default"})
    public String codec;

    private Path root;
    private List<Block> events;
    private MergeTreeTable eventsTable;
    private MergeTreeTable int64Table;
    private TableDefinition eventsDefinition;
    private int round;
    private Path written;
    private String rangeTenant;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("starling-storage-bench");
        events = new ArrayList<>();
        Path csv = Path.of(System.getProperty("starling.bench.csv", "/tmp/bench-1m/events.csv"));
        if (Files.exists(csv)) {
            BenchEvents.readCsv(csv, 1 << 20, BLOCK_ROWS, events::add);
        } else {
            BenchEvents.generate(1 << 20, BLOCK_ROWS, events::add);
        }
        Map<String, String> codecs = new java.util.HashMap<>();
        if (!codec.equals("default")) {
            for (ColumnDefinition column : BenchEvents.COLUMNS) {
                codecs.put(column.name(), codec);
            }
        }
        eventsDefinition = BenchEvents.definition(codecs, Map.of());
        eventsTable = MergeTreeTable.open(root.resolve("events"), eventsDefinition, new ColumnKeyEvaluator(eventsDefinition));
        for (Block block : events) {
            eventsTable.insert(block);
        }
        while (eventsTable.activeParts().size() > 1 && eventsTable.mergeOnce().isPresent()) {
            // Merge into one part, like OPTIMIZE FINAL before the peers' queries.
        }
        rangeTenant = "tenant_0042";
        ScanStatistics statistics = new ScanStatistics();
        long matched = scanRange(statistics);
        System.out.printf("%nprimary-key range tenant_id = %s: %d matching rows, %d of %d rows read (%.2f %%)%n",
                rangeTenant, matched, statistics.rowsRead(), eventsTable.statistics().rowCount(),
                100.0 * statistics.rowsRead() / eventsTable.statistics().rowCount());

        TableDefinition int64Definition = new TableDefinition(INT64_COLUMNS, "MergeTree", List.of("id"), "", Map.of());
        int64Table = MergeTreeTable.open(root.resolve("int64"), int64Definition, new ColumnKeyEvaluator(int64Definition));
        SplittableRandom random = new SplittableRandom(7);
        long id = 0;
        for (int start = 0; start < INT64_ROWS; start += BLOCK_ROWS) {
            int rows = Math.min(BLOCK_ROWS, INT64_ROWS - start);
            long[] ids = new long[rows];
            long[] values = new long[rows];
            for (int i = 0; i < rows; i++) {
                ids[i] = id++;
                values[i] = random.nextLong(1L << 40);
            }
            int64Table.insert(new Block(List.<Column>of(new LongColumn(IntegerType.UINT64, ids),
                    new LongColumn(IntegerType.INT64, values)), rows));
        }
    }

    private long scanRange(ScanStatistics statistics) {
        long matched = 0;
        try (TableSnapshot snapshot = eventsTable.snapshot();
             BlockStream stream = snapshot.scan(List.of("tenant_id", "duration_ms"), statistics,
                     PrimaryKeyRanges.filter(PrimaryKeyRanges.KeyRange.equal(List.of(rangeTenant))))) {
            for (Block block = stream.next(); block != null; block = stream.next()) {
                io.starling.storage.column.StringColumn tenants = (io.starling.storage.column.StringColumn) block.column(0);
                for (int i = 0; i < block.rowCount(); i++) {
                    if (tenants.getString(i).equals(rangeTenant)) {
                        matched++;
                    }
                }
            }
        }
        return matched;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        eventsTable.close();
        int64Table.close();
        PartFiles.deleteRecursively(root);
    }

    @TearDown(Level.Invocation)
    public void removeWritten() {
        if (written != null) {
            PartFiles.deleteRecursively(written);
            written = null;
        }
    }

    @Benchmark
    public long write1MEventRows() {
        written = root.resolve("write-" + round++);
        try (MergeTreeTable table = MergeTreeTable.open(written, eventsDefinition, new ColumnKeyEvaluator(eventsDefinition))) {
            for (Block block : events) {
                table.insert(block);
            }
            return table.statistics().bytesOnDisk();
        }
    }

    @Benchmark
    public long scan10MInt64() {
        long sum = 0;
        try (TableSnapshot snapshot = int64Table.snapshot();
             BlockStream stream = snapshot.scan(List.of("value"), new ScanStatistics())) {
            for (Block block = stream.next(); block != null; block = stream.next()) {
                LongColumn values = (LongColumn) block.column(0);
                long[] raw = values.rawValues();
                int offset = values.rawOffset();
                for (int i = 0; i < values.size(); i++) {
                    sum += raw[offset + i];
                }
            }
        }
        return sum;
    }

    @Benchmark
    public long primaryKeyRange1Percent() {
        return scanRange(new ScanStatistics());
    }
}
