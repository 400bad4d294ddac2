package io.starling.node.ingest;

import io.starling.storage.block.Block;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableTransaction;
import java.util.List;

/**
 * One large append written piece by piece while its body still arrives: each parsed segment's rows are sorted and
 * written as temporary parts at once ({@link #write}, from the parsing threads), and the request's end only
 * publishes them, all together, in one {@link TableTransaction} (visible and durable all at once, or not at all,
 * even across a crash). So the sort, the encoding and the fsync of most of the body overlap its receive and parse
 * instead of following them. For plain data sources only ({@link InsertHook#isPlain}: no view derives rows from
 * the append and no deployment receives it); see {@link IngestService#startBulk} and {@link IngestService#commitBulk}.
 * Closing an uncommitted bulk insert deletes what it wrote.
 */
public final class BulkInsert implements AutoCloseable {
    private final MergeTreeTable table;
    private final TableTransaction transaction;

    BulkInsert(MergeTreeTable table, TableTransaction transaction) {
        this.table = table;
        this.transaction = transaction;
    }

    /** Writes the blocks (table column order) as temporary parts; thread-safe. */
    public void write(List<Block> blocks) {
        for (Block block : blocks) {
            if (block.rowCount() > 0) {
                transaction.insert(table, block);
            }
        }
    }

    /** Publishes every part written (call once, after every {@link #write} returned). */
    void commit() {
        transaction.commit();
    }

    @Override
    public void close() {
        transaction.close();
    }
}
