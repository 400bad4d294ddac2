package io.starling.storage.merge;

import io.starling.storage.block.Block;
import java.util.Arrays;

/**
 * Rows that share one sorting key, in merge order: rows of older parts (lower block numbers) first, and within a
 * part in their stored order. Holds references to the (immutable) source blocks, no copies. Reused from group to
 * group; not thread-safe.
 */
public final class RowGroup {
    private Block[] blocks = new Block[8];
    private int[] rows = new int[8];
    private int size;

    public int size() {
        return size;
    }

    public Block block(int index) {
        return blocks[index];
    }

    public int row(int index) {
        return rows[index];
    }

    void add(Block block, int row) {
        if (size == rows.length) {
            blocks = Arrays.copyOf(blocks, size * 2);
            rows = Arrays.copyOf(rows, size * 2);
        }
        blocks[size] = block;
        rows[size] = row;
        size++;
    }

    void clear() {
        Arrays.fill(blocks, 0, size, null);
        size = 0;
    }
}
