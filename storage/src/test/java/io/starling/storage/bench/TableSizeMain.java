package io.starling.storage.bench;

import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the bench's events into a MergeTree table, merges it into one part (like OPTIMIZE FINAL) and prints the
 * on-disk size per column and in total. Arguments: CSV path (GenEvents output), row count, table directory, then
 * optional {@code column=CODEC text} pairs or {@code all=CODEC text}. Example:
 * <pre>
 * java -Xmx8g -cp ... io.starling.storage.bench.TableSizeMain /tmp/bench-10m/events.csv 10000000 /tmp/size-10m
 * </pre>
 */
public final class TableSizeMain {
    private TableSizeMain() {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        Path directory = Path.of(args[2]);
        Map<String, String> codecs = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            String column = args[i].substring(0, equals);
            if (column.equals("all")) {
                for (ColumnDefinition definition : BenchEvents.COLUMNS) {
                    codecs.putIfAbsent(definition.name(), args[i].substring(equals + 1));
                }
            } else {
                codecs.put(column, args[i].substring(equals + 1));
            }
        }
        PartFiles.deleteRecursively(directory);
        TableDefinition definition = BenchEvents.definition(codecs, Map.of());
        long started = System.nanoTime();
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            BenchEvents.readCsv(csv, rows, StorageBenchmark.BLOCK_ROWS, table::insert);
            long inserted = System.nanoTime();
            System.out.printf("inserted %d rows in %.1f s (parse + sort + write), %d parts, %.1f MB%n",
                    table.statistics().rowCount(), (inserted - started) / 1e9, table.statistics().activeParts(),
                    table.statistics().bytesOnDisk() / 1e6);
            while (table.activeParts().size() > 1 && table.mergeOnce().isPresent()) {
                // Merge down to one part.
            }
            System.out.printf("merged in %.1f s: %d part(s), %.1f MB on disk (checksummed files)%n",
                    (System.nanoTime() - inserted) / 1e9, table.statistics().activeParts(),
                    table.statistics().bytesOnDisk() / 1e6);
            for (DataPart part : table.activeParts()) {
                for (ColumnDefinition column : definition.columns()) {
                    long size = Files.size(part.directory().resolve(PartFiles.dataFile(column.name())));
                    System.out.printf("  %-12s %-24s %8.1f MB  %s%n", column.name(), column.type().name(), size / 1e6,
                            codecs.getOrDefault(column.name(), "(default)"));
                }
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            long total = files.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
            System.out.printf("du: %.3f GB (%d bytes) in %s%n", total / 1e9, total, directory);
        }
    }
}
