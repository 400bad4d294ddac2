package io.starling.node.ingest;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.block.Block;

/**
 * What runs around every block appended to a data source: materialized views fire after the block is durable, and
 * a data source may discard its own rows (ENGINE Null: it only feeds its views). Called on the ingesting thread
 * (blocking IO); implementations must be thread-safe. A failure fails the append.
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

    /** Runs after {@code block} was written to (or, for a Null engine, offered to) {@code dataSource}. */
    void afterInsert(DataSourceSpec dataSource, Block block);
}
