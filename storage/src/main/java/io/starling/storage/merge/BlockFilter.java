package io.starling.storage.merge;

import io.starling.storage.block.Block;

/**
 * Drops rows from source blocks before they are merged (expired TTL rows, rows a mutation deletes). Blocks are in
 * the table's column order. Thread-safe.
 */
@FunctionalInterface
public interface BlockFilter {
    /** The rows of {@code block} to keep: {@code block} itself when all stay, possibly an empty block. */
    Block apply(Block block);

    /** Keeps the rows whose flag in {@code drop} is false. */
    static Block dropRows(Block block, boolean[] drop) {
        int kept = 0;
        for (int row = 0; row < block.rowCount(); row++) {
            if (!drop[row]) {
                kept++;
            }
        }
        if (kept == block.rowCount()) {
            return block;
        }
        int[] positions = new int[kept];
        int next = 0;
        for (int row = 0; row < block.rowCount(); row++) {
            if (!drop[row]) {
                positions[next++] = row;
            }
        }
        return block.select(positions, kept);
    }
}
