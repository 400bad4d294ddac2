package io.starling.storage.engine;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import java.util.List;

/**
 * Computes a table's partition and sorting keys for a block in the table's column order. The SQL module
 * supplies an implementation for arbitrary expressions; {@link ColumnKeyEvaluator} handles plain column names.
 * Implementations are stateless and thread-safe.
 */
public interface KeyEvaluator {
    /** One partition id per row ({@code "all"} when the table has no partition key), e.g. {@code "202401"}. */
    String[] partitionIds(Block block);

    /** The sorting-key columns for the block, in key order (empty when the key is empty). */
    List<Column> sortingKey(Block block);
}
