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
import io.starling.storage.part.PartFiles;
import io.starling.storage.type.IntegerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes 1M rows (Int64 id, Int64 value; ORDER BY id, unsorted input) into a MergeTree table, and scans and sums
 * the value column of a 1M-row table. Run from the repository root:
 * <pre>
 * JAVA_HOME=$(bin/find-java) ./mvnw -q -B -Dbuild.folder=target-storage -pl storage test-compile \
 *     dependency:build-classpath -Dmdep.outputFile=target-storage/cp.txt -Dmdep.includeScope=test
 * $(bin/find-java)/bin/java -cp storage/target-storage/test-classes:storage/target-storage/classes:$(cat storage/target-storage/cp.txt) \
 *     org.openjdk.jmh.Main MergeTreeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MergeTreeBenchmark {
    private static final int ROWS = 1 << 20;
    private static final int BLOCK_ROWS = Block.MAX_ROWS;
    private static final List<ColumnDefinition> COLUMNS = List.of(new ColumnDefinition("id", IntegerType.INT64),
            new ColumnDefinition("value", IntegerType.INT64));
    private static final TableDefinition DEFINITION = new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "", Map.of());

    private Path root;
    private List<Block> blocks;
    private MergeTreeTable scanTable;
    private int writeRound;
    private Path writeDirectory;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("starling-bench");
        Random random = new Random(1);
        blocks = new ArrayList<>();
        for (int start = 0; start < ROWS; start += BLOCK_ROWS) {
            long[] ids = new long[BLOCK_ROWS];
            long[] values = new long[BLOCK_ROWS];
            for (int i = 0; i < BLOCK_ROWS; i++) {
                ids[i] = random.nextInt(1_000_000);
                values[i] = random.nextInt(1000);
            }
            blocks.add(new Block(List.<Column>of(new LongColumn(IntegerType.INT64, ids),
                    new LongColumn(IntegerType.INT64, values)), BLOCK_ROWS));
        }
        scanTable = MergeTreeTable.open(root.resolve("scan"), DEFINITION, new ColumnKeyEvaluator(DEFINITION));
        for (Block block : blocks) {
            scanTable.insert(block);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scanTable.close();
        PartFiles.deleteRecursively(root);
    }

    @TearDown(Level.Invocation)
    public void removeWrittenTable() {
        if (writeDirectory != null) {
            PartFiles.deleteRecursively(writeDirectory);
            writeDirectory = null;
        }
    }

    @Benchmark
    public long insertMillionRows() {
        writeDirectory = root.resolve("write-" + writeRound++);
        try (MergeTreeTable table = MergeTreeTable.open(writeDirectory, DEFINITION, new ColumnKeyEvaluator(DEFINITION))) {
            for (Block block : blocks) {
                table.insert(block);
            }
            return table.statistics().rowCount();
        }
    }

    @Benchmark
    public long scanAndSumMillionRows() {
        long sum = 0;
        try (TableSnapshot snapshot = scanTable.snapshot();
             BlockStream stream = snapshot.scan(List.of("value"), new ScanStatistics())) {
            Block block;
            while ((block = stream.next()) != null) {
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
}
