package io.starling.storage.engine;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.Column;
import io.starling.storage.column.StringColumn;
import io.starling.storage.merge.MergeRule;
import io.starling.storage.merge.MergeStream;
import io.starling.storage.merge.SortPermutation;
import io.starling.storage.part.ParallelTasks;
import io.starling.storage.part.PartSchema;
import io.starling.storage.part.PartWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Turns rows into complete parts in {@code tmp_*} directories of the table directory: splits blocks by
 * partition, sorts them by the sorting key, applies the engine's rule within the block (optimize_on_insert), and
 * writes. Renaming into place is the caller's. Thread-safe.
 */
final class PartBuilder {
    /** String columns from this size are selected in row ranges on several threads ({@link #sort}). */
    static final long SPLIT_SELECT_BYTES = 1L << 20;
    private static final int MAX_SELECT_PIECES = 8;
    private final Path directory;
    private final PartSchema schema;
    private final Supplier<MergeRule> rules;
    private final boolean optimizeOnInsert;
    /** Process-wide: two instances of one table (MergeTreeTable#withDefinition) never pick the same name. */
    private static final AtomicLong TEMPORARY_COUNTER = new AtomicLong();

    PartBuilder(Path directory, PartSchema schema, Supplier<MergeRule> rules, boolean optimizeOnInsert) {
        this.directory = directory;
        this.schema = schema;
        this.rules = rules;
        this.optimizeOnInsert = optimizeOnInsert;
    }

    PartSchema schema() {
        return schema;
    }

    Path temporary(String kind) {
        return directory.resolve("tmp_" + kind + "_" + TEMPORARY_COUNTER.incrementAndGet());
    }

    /** The rows of {@code block} per partition id, in the block's row order. */
    Map<String, Block> splitByPartition(Block block) {
        String[] ids = schema.keys().partitionIds(block);
        String first = ids[0];
        boolean single = true;
        for (String id : ids) {
            if (!id.equals(first)) {
                single = false;
                break;
            }
        }
        Map<String, Block> result = new LinkedHashMap<>();
        if (single) {
            result.put(first, block);
            return result;
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (String id : ids) {
            counts.computeIfAbsent(id, key -> new int[1])[0]++;
        }
        Map<String, int[]> positions = new LinkedHashMap<>();
        Map<String, int[]> filled = new LinkedHashMap<>();
        counts.forEach((id, count) -> {
            positions.put(id, new int[count[0]]);
            filled.put(id, new int[1]);
        });
        for (int row = 0; row < ids.length; row++) {
            int[] fill = filled.get(ids[row]);
            positions.get(ids[row])[fill[0]++] = row;
        }
        positions.forEach((id, rows) -> result.put(id, block.select(rows, rows.length)));
        return result;
    }

    /**
     * The block in sorting-key order. Its columns are selected by the key's permutation on all cores; a large
     * string column (an insert's JSON payload is most of its bytes) is copied in row ranges by several threads,
     * biggest first, so one column does not keep one core busy while the others idle.
     */
    Block sort(Block block) {
        List<Column> key = schema.keys().sortingKey(block);
        int[] permutation = SortPermutation.of(key, block.rowCount());
        if (permutation == null) {
            return block;
        }
        int rows = permutation.length;
        Column[] sorted = new Column[block.columnCount()];
        List<Runnable> pieces = new ArrayList<>();
        List<Runnable> wholeColumns = new ArrayList<>();
        StringColumn.Gather[] gathers = new StringColumn.Gather[sorted.length];
        for (int c = 0; c < sorted.length; c++) {
            Column column = block.column(c);
            if (column instanceof StringColumn strings && strings.gatherable()
                    && strings.sizeInBytes() >= SPLIT_SELECT_BYTES) {
                StringColumn.Gather gather = strings.gather(permutation, rows);
                gathers[c] = gather;
                int count = (int) Math.min(MAX_SELECT_PIECES, strings.sizeInBytes() / (SPLIT_SELECT_BYTES / 2));
                for (int piece = 0; piece < count; piece++) {
                    int from = (int) ((long) rows * piece / count);
                    int to = (int) ((long) rows * (piece + 1) / count);
                    pieces.add(() -> gather.copy(from, to));
                }
            } else {
                int index = c;
                wholeColumns.add(() -> sorted[index] = column.select(permutation, rows));
            }
        }
        pieces.addAll(wholeColumns);
        ParallelTasks.run(pieces.size(), task -> pieces.get(task).run());
        for (int c = 0; c < sorted.length; c++) {
            if (gathers[c] != null) {
                sorted[c] = gathers[c].result();
            }
        }
        return new Block(List.of(sorted), rows);
    }

    Block concat(List<Block> blocks) {
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        List<Column> columns = Block.concatColumns(blocks,
                schema.columns().stream().map(column -> column.type()).toList());
        return new Block(columns, columns.isEmpty() ? 0 : columns.get(0).size());
    }

    /**
     * Sorts the rows of one partition, applies the engine rule when optimize_on_insert is on, and writes them into
     * a new temporary directory. Returns it, or null when no row is left (nothing written).
     */
    Path writeRows(String kind, String partitionId, Block rows) {
        Block sorted = sort(rows);
        MergeRule rule = optimizeOnInsert ? rules.get() : null;
        if (rule == null) {
            return write(kind, partitionId, new SingleBlock(sorted));
        }
        return write(kind, partitionId, new MergeStream(List.of(new SingleBlock(sorted)), schema, rule, false, null,
                schema.granularity()));
    }

    /** Writes a sorted stream (closed here) into a new temporary directory; null when it has no rows. */
    Path write(String kind, String partitionId, BlockStream sorted) {
        Path temporary = temporary(kind);
        try (BlockStream stream = sorted; PartWriter writer = new PartWriter(temporary, schema, partitionId)) {
            long rows = 0;
            for (Block block = stream.next(); block != null; block = stream.next()) {
                writer.append(block);
                rows += block.rowCount();
            }
            if (rows == 0) {
                return null;
            }
            writer.finish();
        }
        return temporary;
    }

    /** One in-memory block as a stream. */
    static final class SingleBlock implements BlockStream {
        private Block block;

        SingleBlock(Block block) {
            this.block = block;
        }

        @Override
        public Block next() {
            Block result = block;
            block = null;
            return result;
        }

        @Override
        public void close() {
            block = null;
        }
    }
}
