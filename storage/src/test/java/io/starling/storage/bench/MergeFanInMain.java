package io.starling.storage.bench;

import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.part.PartFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPU cost of one merge by fan-in: the same rows (the bench's events, in time order) are inserted as {@code k}
 * equal parts and merged into one ({@code optimizeFinal}); prints the merging thread's CPU time per row. Used to
 * choose how many parts the merge selector may merge at once.
 *
 * <pre>java -cp (storage test+main classes) io.starling.storage.bench.MergeFanInMain
 *     [rows=300000] [fanIns=3,10,30,100] [repeats=3]</pre>
 */
public final class MergeFanInMain {
    private MergeFanInMain() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        String[] fanIns = (args.length > 1 ? args[1] : "3,10,30,100").split(",");
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Block> blocks = new ArrayList<>();
        BenchEvents.generate(rows, 1_000, blocks::add);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        TableDefinition definition = BenchEvents.definition(Map.of(), Map.of());
        for (int repeat = 0; repeat < repeats; repeat++) {
            for (String fanIn : fanIns) {
                int k = Integer.parseInt(fanIn.trim());
                Path root = Files.createTempDirectory("starling-fanin");
                try (MergeTreeTable table = MergeTreeTable.open(root.resolve("t"), definition,
                        new ColumnKeyEvaluator(definition))) {
                    int perPart = (blocks.size() + k - 1) / k;
                    for (int from = 0; from < blocks.size(); from += perPart) {
                        List<Block> slice = blocks.subList(from, Math.min(blocks.size(), from + perPart));
                        table.insert(concat(slice));
                    }
                    long cpu = threads.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    table.optimizeFinal();
                    cpu = threads.getCurrentThreadCpuTime() - cpu;
                    wall = System.nanoTime() - wall;
                    System.out.printf("fan-in %3d: %d parts -> %d, cpu %.0f ns/row, wall %.0f ns/row%n", k,
                            (blocks.size() + perPart - 1) / perPart, table.activeParts().size(), (double) cpu / rows,
                            (double) wall / rows);
                } finally {
                    PartFiles.deleteRecursively(root);
                }
            }
        }
    }

    private static Block concat(List<Block> blocks) {
        List<io.starling.storage.column.Column> columns = new ArrayList<>();
        int total = blocks.stream().mapToInt(Block::rowCount).sum();
        for (int c = 0; c < blocks.get(0).columnCount(); c++) {
            io.starling.storage.column.ColumnBuilder builder =
                    io.starling.storage.column.ColumnBuilder.forType(blocks.get(0).column(c).type(), total);
            for (Block block : blocks) {
                for (int row = 0; row < block.rowCount(); row++) {
                    builder.appendFrom(block.column(c), row);
                }
            }
            columns.add(builder.build());
        }
        return new Block(columns, total);
    }
}
