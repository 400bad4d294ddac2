package io.starling.node.ingest;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.block.Block;
import java.util.List;

/**
 * What runs around every block appended to a data source. For one append, on the ingesting thread (blocking IO):
 * {@link #keepsRows} (before anything is written; a data source may discard its own rows: ENGINE Null, it only
 * feeds its views), then {@link #derive} (the rows the data source's materialized views derive from the block,
 * cascades included, computed before anything is written: a failure fails the append with nothing written), then
 * the block and the derived rows are written together, then {@link #afterInsert}. Implementations must be
 * thread-safe.
 */
public interface InsertHook {
    InsertHook NONE = new InsertHook() {
        @Override
        public boolean keepsRows(DataSourceSpec dataSource) {
            return true;
        }

        @Override
        public void afterInsert(DataSourceSpec dataSource, Block block) {
        }
    };

    /** False when the data source's own rows are discarded (Null engine). */
    boolean keepsRows(DataSourceSpec dataSource);

    /**
     * The rows {@code block} makes the data source's materialized views write (in every target, cascades included),
     * in the order they were derived; computed without writing anything. Empty by default.
     */
    default List<DerivedRows> derive(DataSourceSpec dataSource, Block block) {
        return List.of();
    }

    /** Runs after {@code block} (and its derived rows) were written to (or, for a Null engine, offered to) {@code dataSource}. */
    void afterInsert(DataSourceSpec dataSource, Block block);
}
