package io.starling.node.ingest;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.block.Block;
import java.util.List;

/**
 * Rows a materialized view derived from an appended block, shaped as rows of its target data source (table column
 * order and types), to be written together with the block ({@link InsertHook#derive}).
 */
public record DerivedRows(DataSourceSpec target, List<Block> blocks) {
    public DerivedRows {
        blocks = List.copyOf(blocks);
    }
}
