package io.starling.storage.merge;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.part.PartSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * K-way merge of sorted sources (each a stream of blocks in the table's column order, sorted by the sorting key)
 * into sorted blocks of at most {@code blockRows} rows, pulled one at a time. Rows with equal keys come out in
 * source order (older parts first), then in their stored order. With a {@link MergeRule}, each run of rows with
 * equal keys is replaced by what the rule makes of it; a {@link BlockFilter} drops rows from the sources first.
 * Memory: one block per source, the current key group and at most one output block. Closing the stream closes
 * the sources. Not thread-safe (one consumer).
 */
public final class MergeStream implements BlockStream {
    private final PartSchema schema;
    private final MergeRule rule;
    private final boolean finalPass;
    private final BlockFilter filter;
    private final int blockRows;
    /** The sources not yet exhausted, as a binary min-heap by (current row's key, age). */
    private final Cursor[] heap;
    private int heapSize;
    private KeyComparator comparator;
    private final Output output;
    private final RowGroup group = new RowGroup();
    private Column[] groupKeys;
    private int groupRow;
    private boolean finished;

    /**
     * @param sources   in age order (oldest first); the merge owns and closes them
     * @param rule      null keeps every row (plain MergeTree)
     * @param filter    null keeps every source row
     */
    public MergeStream(List<BlockStream> sources, PartSchema schema, MergeRule rule, boolean finalPass,
                       BlockFilter filter, int blockRows) {
        this.schema = schema;
        this.rule = rule;
        this.finalPass = finalPass;
        this.filter = filter;
        this.blockRows = blockRows;
        this.output = new Output(schema.columns(), blockRows);
        this.heap = new Cursor[sources.size()];
        try {
            for (BlockStream source : sources) {
                Cursor cursor = new Cursor(source, heapSize);
                heap[heapSize++] = cursor;
                if (!cursor.advanceBlock()) {
                    cursor.close();
                    heap[--heapSize] = null;
                }
            }
        } catch (RuntimeException e) {
            close();
            for (BlockStream source : sources) {
                source.close();
            }
            throw e;
        }
    }

    @Override
    public Block next() {
        while (output.ready.isEmpty() && !finished) {
            step();
        }
        return output.ready.poll();
    }

    /**
     * Moves rows from the smallest source until it passes the runner-up or an output block is full. The heap
     * answers both in a few comparisons (the root, and the smaller of its children) instead of a scan of every
     * source per run.
     */
    private void step() {
        if (heapSize == 0) {
            flushGroup();
            output.flush();
            finished = true;
            return;
        }
        if (comparator == null) {
            comparator = KeyComparator.forColumns(List.of(heap[0].keys));
            for (int i = heapSize / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }
        Cursor current = heap[0];
        Cursor runnerUp = heapSize == 1 ? null : heapSize == 2 || before(heap[1], heap[2]) ? heap[1] : heap[2];
        boolean exhausted = rule == null ? copyRuns(current, runnerUp) : emitRuns(current, runnerUp);
        if (exhausted) {
            current.close();
            heap[0] = heap[--heapSize];
            heap[heapSize] = null;
        }
        if (heapSize > 1) {
            siftDown(0);
        }
    }

    /** True when {@code a}'s current row comes out before {@code b}'s: a smaller key, or an equal key in an older source. */
    private boolean before(Cursor a, Cursor b) {
        int order = comparator.compare(a.keys, a.row, b.keys, b.row);
        return order < 0 || order == 0 && a.age < b.age;
    }

    private void siftDown(int index) {
        Cursor moving = heap[index];
        int i = index;
        while (true) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], moving)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = moving;
    }

    /** With a merge rule: hands the smallest source's rows to the rule one by one; true when it is exhausted. */
    private boolean emitRuns(Cursor current, Cursor other) {
        boolean takesTies = other != null && current.age < other.age;
        while (true) {
            emit(current.block, current.keys, current.row);
            current.row++;
            if (current.row == current.block.rowCount() && !current.advanceBlock()) {
                return true;
            }
            if (other != null && !precedes(current, current.row, other, takesTies)) {
                return false;
            }
            if (!output.ready.isEmpty()) {
                return false;
            }
        }
    }

    /**
     * Plain merge: copies the smallest source's rows in runs, as long as they sort before the runner-up's current
     * row (equal keys go first when the smallest source is older), each run moved column by column in bulk; true
     * when the source is exhausted.
     */
    private boolean copyRuns(Cursor current, Cursor other) {
        boolean takesTies = other != null && current.age < other.age;
        int end = current.row + 1;
        while (true) {
            int limit = Math.min(current.block.rowCount(), current.row + output.room());
            end = other == null ? limit : runEnd(current, end, limit, other, takesTies);
            output.copyRange(current.block, current.row, end - current.row);
            current.row = end;
            if (end < current.block.rowCount()) {
                return false;
            }
            if (!current.advanceBlock()) {
                return true;
            }
            if (!output.ready.isEmpty() || other != null && !precedes(current, current.row, other, takesTies)) {
                return false;
            }
            end = current.row + 1;
        }
    }

    /**
     * The first row in {@code [from, limit)} of {@code current} that does not precede {@code other}'s current row
     * ({@code limit} when all do), rows before {@code from} being known to precede it: galloping (probes 1, 2, 4...
     * rows ahead), then a binary search, so a run of n rows costs about 2 log n comparisons instead of n.
     */
    private int runEnd(Cursor current, int from, int limit, Cursor other, boolean takesTies) {
        int low = from;
        int high = limit;
        int step = 1;
        while (low < limit) {
            int probe = Math.min(low + step - 1, limit - 1);
            if (!precedes(current, probe, other, takesTies)) {
                high = probe;
                break;
            }
            low = probe + 1;
            step <<= 1;
        }
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (precedes(current, middle, other, takesTies)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private boolean precedes(Cursor current, int row, Cursor other, boolean takesTies) {
        int order = comparator.compare(current.keys, row, other.keys, other.row);
        return order < 0 || order == 0 && takesTies;
    }

    private void emit(Block block, Column[] keys, int row) {
        if (rule == null) {
            output.copyRow(block, row);
            return;
        }
        if (group.size() > 0 && comparator.compare(keys, row, groupKeys, groupRow) != 0) {
            flushGroup();
        }
        group.add(block, row);
        groupKeys = keys;
        groupRow = row;
    }

    private void flushGroup() {
        if (group.size() > 0) {
            rule.merge(group, finalPass, output);
            group.clear();
            groupKeys = null;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < heapSize; i++) {
            heap[i].close();
            heap[i] = null;
        }
        heapSize = 0;
        finished = true;
        output.ready.clear();
    }

    /** Position in one source. */
    private final class Cursor {
        private final BlockStream stream;
        /** The source's position in the sources (0 = oldest): equal keys come out oldest first. */
        final int age;
        Block block;
        Column[] keys;
        int row;

        Cursor(BlockStream stream, int age) {
            this.stream = stream;
            this.age = age;
        }

        boolean advanceBlock() {
            do {
                block = stream.next();
                if (block != null && filter != null) {
                    block = filter.apply(block);
                }
            } while (block != null && block.rowCount() == 0);
            if (block == null) {
                return false;
            }
            keys = schema.keys().sortingKey(block).toArray(new Column[0]);
            row = 0;
            return true;
        }

        void close() {
            stream.close();
        }
    }

    /** Accumulates output rows into blocks of {@code blockRows}. */
    private static final class Output implements RowOutput {
        private final List<ColumnDefinition> columns;
        private final int blockRows;
        final ArrayDeque<Block> ready = new ArrayDeque<>(2);
        private ColumnBuilder[] builders;
        private int pending;
        /** Per column, the variable-width bytes of the last block built: the next block is sized like it. */
        private final long[] lastDataBytes;

        Output(List<ColumnDefinition> columns, int blockRows) {
            this.columns = columns;
            this.blockRows = blockRows;
            this.lastDataBytes = new long[columns.size()];
            this.builders = newBuilders();
        }

        private ColumnBuilder[] newBuilders() {
            ColumnBuilder[] result = new ColumnBuilder[columns.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = ColumnBuilder.forType(columns.get(i).type(), blockRows);
                if (lastDataBytes[i] > 0) {
                    // consecutive blocks of a merge hold about as many bytes: grow once, not by doubling
                    result[i].reserve(0, lastDataBytes[i] + lastDataBytes[i] / 8);
                }
            }
            return result;
        }

        @Override
        public void copyRow(Block block, int row) {
            for (int i = 0; i < builders.length; i++) {
                builders[i].appendFrom(block.column(i), row);
            }
            finishRow();
        }

        int room() {
            return blockRows - pending;
        }

        void copyRange(Block block, int from, int count) {
            for (int i = 0; i < builders.length; i++) {
                builders[i].appendRange(block.column(i), from, count);
            }
            pending += count;
            if (pending == blockRows) {
                flush();
            }
        }

        @Override
        public ColumnBuilder column(int index) {
            return builders[index];
        }

        @Override
        public void finishRow() {
            pending++;
            if (pending == blockRows) {
                flush();
            }
        }

        void flush() {
            if (pending == 0) {
                return;
            }
            List<Column> built = new ArrayList<>(builders.length);
            for (int i = 0; i < builders.length; i++) {
                lastDataBytes[i] = builders[i].dataBytes() * blockRows / pending;
                built.add(builders[i].build());
            }
            ready.add(new Block(built, pending));
            builders = newBuilders();
            pending = 0;
        }
    }
}
