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
    private final Cursor[] live;
    private int liveCount;
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
        this.live = new Cursor[sources.size()];
        try {
            for (BlockStream source : sources) {
                Cursor cursor = new Cursor(source);
                live[liveCount++] = cursor;
                if (!cursor.advanceBlock()) {
                    removeLive(liveCount - 1);
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

    /** Moves rows from the smallest source until it passes the runner-up or an output block is full. */
    private void step() {
        if (liveCount == 0) {
            flushGroup();
            output.flush();
            finished = true;
            return;
        }
        if (comparator == null) {
            comparator = KeyComparator.forColumns(List.of(live[0].keys));
        }
        int smallest = 0;
        for (int i = 1; i < liveCount; i++) {
            if (comparator.compare(live[i].keys, live[i].row, live[smallest].keys, live[smallest].row) < 0) {
                smallest = i;
            }
        }
        int runnerUp = -1;
        for (int i = 0; i < liveCount; i++) {
            if (i != smallest && (runnerUp < 0
                    || comparator.compare(live[i].keys, live[i].row, live[runnerUp].keys, live[runnerUp].row) < 0)) {
                runnerUp = i;
            }
        }
        Cursor current = live[smallest];
        if (rule == null) {
            copyRuns(current, smallest, runnerUp);
            return;
        }
        while (true) {
            emit(current.block, current.keys, current.row);
            current.row++;
            if (current.row == current.block.rowCount() && !current.advanceBlock()) {
                current.close();
                removeLive(smallest);
                return;
            }
            if (runnerUp >= 0) {
                Cursor other = live[runnerUp];
                int order = comparator.compare(current.keys, current.row, other.keys, other.row);
                if (order > 0 || (order == 0 && runnerUp < smallest)) {
                    return;
                }
            }
            if (!output.ready.isEmpty()) {
                return;
            }
        }
    }

    /**
     * Plain merge: copies the smallest source's rows in runs, as long as they sort before the runner-up's current
     * row (equal keys go first when the smallest source is older), each run moved column by column in bulk.
     */
    private void copyRuns(Cursor current, int smallest, int runnerUp) {
        Cursor other = runnerUp >= 0 ? live[runnerUp] : null;
        boolean takesTies = runnerUp > smallest;
        int end = current.row + 1;
        while (true) {
            int limit = Math.min(current.block.rowCount(), current.row + output.room());
            if (other == null) {
                end = limit;
            } else {
                while (end < limit && precedes(current, end, other, takesTies)) {
                    end++;
                }
            }
            output.copyRange(current.block, current.row, end - current.row);
            current.row = end;
            if (end < current.block.rowCount()) {
                return;
            }
            if (!current.advanceBlock()) {
                current.close();
                removeLive(smallest);
                return;
            }
            if (!output.ready.isEmpty() || other != null && !precedes(current, current.row, other, takesTies)) {
                return;
            }
            end = current.row + 1;
        }
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

    private void removeLive(int index) {
        System.arraycopy(live, index + 1, live, index, liveCount - index - 1);
        live[--liveCount] = null;
    }

    @Override
    public void close() {
        for (int i = 0; i < liveCount; i++) {
            live[i].close();
        }
        liveCount = 0;
        finished = true;
        output.ready.clear();
    }

    /** Position in one source. */
    private final class Cursor {
        private final BlockStream stream;
        Block block;
        Column[] keys;
        int row;

        Cursor(BlockStream stream) {
            this.stream = stream;
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
