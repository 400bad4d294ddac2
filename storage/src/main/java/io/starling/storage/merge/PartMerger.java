package io.starling.storage.merge;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartSchema;
import io.starling.storage.part.PartWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * K-way merge of sorted parts into one sorted part (plain MergeTree: every row is kept). Rows with equal keys keep
 * the order of their source parts (older blocks first). The caller holds references to the sources.
 */
public final class PartMerger {
    private PartMerger() {
    }

    /** Streams every row of {@code sources} (in block order) into {@code writer}, sorted; returns the row count. */
    public static long merge(List<DataPart> sources, PartSchema schema, PartWriter writer) {
        List<Cursor> cursors = new ArrayList<>(sources.size());
        try {
            for (DataPart source : sources) {
                Cursor cursor = new Cursor(source.scan(schema.columns(), null, null), schema);
                if (cursor.advanceBlock()) {
                    cursors.add(cursor);
                } else {
                    cursor.close();
                }
            }
            return mergeCursors(cursors, schema, writer);
        } finally {
            for (Cursor cursor : cursors) {
                cursor.close();
            }
        }
    }

    private static long mergeCursors(List<Cursor> cursors, PartSchema schema, PartWriter writer) {
        List<ColumnDefinition> columns = schema.columns();
        Output output = new Output(columns, schema.granularity(), writer);
        KeyComparator comparator = null;
        Cursor[] live = cursors.toArray(new Cursor[0]);
        int liveCount = live.length;
        while (liveCount > 0) {
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
            // Copy rows from the smallest cursor while they sort before the runner-up (ties go to the older part).
            boolean exhausted = false;
            while (true) {
                output.copyRow(current.block, current.row);
                current.row++;
                if (current.row == current.block.rowCount() && !current.advanceBlock()) {
                    exhausted = true;
                    break;
                }
                if (runnerUp >= 0) {
                    Cursor other = live[runnerUp];
                    int order = comparator.compare(current.keys, current.row, other.keys, other.row);
                    if (order > 0 || (order == 0 && runnerUp < smallest)) {
                        break;
                    }
                }
            }
            if (exhausted) {
                current.close();
                System.arraycopy(live, smallest + 1, live, smallest, liveCount - smallest - 1);
                live[--liveCount] = null;
            }
        }
        return output.finish();
    }

    /** Position in one source part. */
    private static final class Cursor {
        private final BlockStream stream;
        private final PartSchema schema;
        Block block;
        Column[] keys;
        int row;

        Cursor(BlockStream stream, PartSchema schema) {
            this.stream = stream;
            this.schema = schema;
        }

        boolean advanceBlock() {
            do {
                block = stream.next();
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

    /** Accumulates merged rows and hands the writer one granule-sized block at a time. */
    private static final class Output {
        private final List<ColumnDefinition> columns;
        private final int granularity;
        private final PartWriter writer;
        private ColumnBuilder[] builders;
        private int pending;
        private long total;

        Output(List<ColumnDefinition> columns, int granularity, PartWriter writer) {
            this.columns = columns;
            this.granularity = granularity;
            this.writer = writer;
            this.builders = newBuilders();
        }

        private ColumnBuilder[] newBuilders() {
            ColumnBuilder[] result = new ColumnBuilder[columns.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = ColumnBuilder.forType(columns.get(i).type(), granularity);
            }
            return result;
        }

        void copyRow(Block block, int row) {
            for (int i = 0; i < builders.length; i++) {
                builders[i].appendFrom(block.column(i), row);
            }
            pending++;
            total++;
            if (pending == granularity) {
                flush();
            }
        }

        private void flush() {
            if (pending == 0) {
                return;
            }
            List<Column> built = new ArrayList<>(builders.length);
            for (ColumnBuilder builder : builders) {
                built.add(builder.build());
            }
            writer.append(new Block(built, pending));
            builders = newBuilders();
            pending = 0;
        }

        long finish() {
            flush();
            return total;
        }
    }
}
