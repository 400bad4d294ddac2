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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The two speed targets of {@link StorageBenchmark} measured by wall time and by CPU time, for a box shared with
 * other builds (where JMH's wall-clock error bars span 2x): CPU time of the calling thread is what "on one core"
 * means, and the process CPU time adds any helper threads (fsync waits cost no CPU). Prints every round and the
 * medians. Same data as the JMH benchmark:
 * <pre>
 * java -Xmx6g -cp $CP io.starling.storage.bench.StoragePerfMain [rounds=15] [write|scan|both]
 * </pre>
 */
public final class StoragePerfMain {
    private static final int INT64_ROWS = 10_000_000;

    private StoragePerfMain() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String which = args.length > 1 ? args[1] : "both";
        Path root = Files.createTempDirectory("starling-storage-perf");
        try {
            if (!which.equals("scan")) {
                write(root, rounds);
            }
            if (!which.equals("write")) {
                scan(root, rounds);
            }
        } finally {
            PartFiles.deleteRecursively(root);
        }
    }

    private static void write(Path root, int rounds) {
        List<Block> events = new ArrayList<>();
        Path csv = Path.of(System.getProperty("starling.bench.csv", "/tmp/bench-1m/events.csv"));
        if (Files.exists(csv)) {
            BenchEvents.readCsv(csv, 1 << 20, StorageBenchmark.BLOCK_ROWS, events::add);
        } else {
            BenchEvents.generate(1 << 20, StorageBenchmark.BLOCK_ROWS, events::add);
        }
        long rows = events.stream().mapToLong(Block::rowCount).sum();
        TableDefinition definition = BenchEvents.definition(Map.of(), Map.of());
        Sample sample = new Sample(rounds);
        for (int round = 0; round < rounds + 3; round++) {
            Path written = root.resolve("write-" + round);
            Timer timer = Timer.start();
            try (MergeTreeTable table = MergeTreeTable.open(written, definition, new ColumnKeyEvaluator(definition))) {
                for (Block block : events) {
                    table.insert(block);
                }
            }
            timer.stop();
            PartFiles.deleteRecursively(written);
            if (round >= 3) {
                sample.add(timer);
            }
            System.out.printf("write %d rows: wall %.0f ms, thread cpu %.0f ms, process cpu %.0f ms%n", rows,
                    timer.wallMs(), timer.threadCpuMs(), timer.processCpuMs());
        }
        sample.print("write 1M", rows, "rows/s");
    }

    private static void scan(Path root, int rounds) {
        List<ColumnDefinition> columns = List.of(new ColumnDefinition("id", IntegerType.UINT64),
                new ColumnDefinition("value", IntegerType.INT64));
        TableDefinition definition = new TableDefinition(columns, "MergeTree", List.of("id"), "", Map.of());
        try (MergeTreeTable table = MergeTreeTable.open(root.resolve("int64"), definition,
                new ColumnKeyEvaluator(definition))) {
            SplittableRandom random = new SplittableRandom(7);
            long id = 0;
            for (int start = 0; start < INT64_ROWS; start += StorageBenchmark.BLOCK_ROWS) {
                int rows = Math.min(StorageBenchmark.BLOCK_ROWS, INT64_ROWS - start);
                long[] ids = new long[rows];
                long[] values = new long[rows];
                for (int i = 0; i < rows; i++) {
                    ids[i] = id++;
                    values[i] = random.nextLong(1L << 40);
                }
                table.insert(new Block(List.<Column>of(new LongColumn(IntegerType.UINT64, ids),
                        new LongColumn(IntegerType.INT64, values)), rows));
            }
            Sample sample = new Sample(rounds);
            long check = 0;
            for (int round = 0; round < rounds * 3 + 10; round++) {
                Timer timer = Timer.start();
                long sum = 0;
                try (TableSnapshot snapshot = table.snapshot();
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
                timer.stop();
                check ^= sum;
                if (round >= 10) {
                    sample.add(timer);
                }
            }
            System.out.println("(checksum " + check + ")");
            sample.print("scan 10M Int64", INT64_ROWS * 8L, "bytes/s");
        }
    }

    private record Timer(long wall, long threadCpu, long processCpuStart, long[] end) {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        static Timer start() {
            return new Timer(System.nanoTime(), THREADS.getCurrentThreadCpuTime(), processCpu(), new long[3]);
        }

        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        void stop() {
            end[0] = System.nanoTime() - wall;
            end[1] = THREADS.getCurrentThreadCpuTime() - threadCpu;
            end[2] = processCpu() - processCpuStart;
        }

        double wallMs() {
            return end[0] / 1e6;
        }

        double threadCpuMs() {
            return end[1] / 1e6;
        }

        double processCpuMs() {
            return end[2] / 1e6;
        }
    }

    private static final class Sample {
        private final double[] wall;
        private final double[] thread;
        private final double[] process;
        private int count;

        Sample(int rounds) {
            wall = new double[rounds * 3];
            thread = new double[rounds * 3];
            process = new double[rounds * 3];
        }

        void add(Timer timer) {
            wall[count] = timer.wallMs();
            thread[count] = timer.threadCpuMs();
            process[count] = timer.processCpuMs();
            count++;
        }

        void print(String what, long units, String unit) {
            double w = median(wall);
            double t = median(thread);
            double p = median(process);
            System.out.printf("%s, median of %d: wall %.1f ms (%.2fM %s), thread cpu %.1f ms (%.2fM %s), "
                            + "process cpu %.1f ms (%.2fM %s); best wall %.1f ms%n", what, count,
                    w, units / w / 1e3, unit, t, units / t / 1e3, unit, p, units / p / 1e3, unit,
                    Arrays.stream(wall, 0, count).min().orElse(0));
        }

        private double median(double[] values) {
            double[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        }
    }
}
