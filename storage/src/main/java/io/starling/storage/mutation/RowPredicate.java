package io.starling.storage.mutation;

import io.starling.storage.block.Block;

/**
 * A row condition (a DELETE's WHERE, a replace_condition) evaluated over blocks in the table's column order. The
 * SQL module implements it for any expression; {@link ColumnPredicate} matches plain column values.
 * Stateless and thread-safe.
 */
@FunctionalInterface
public interface RowPredicate {
    /** One flag per row of {@code block}: true when the row matches. */
    boolean[] matches(Block block);

    /** Matches every row. */
    RowPredicate ALL = block -> {
        boolean[] all = new boolean[block.rowCount()];
        java.util.Arrays.fill(all, true);
        return all;
    };

    default RowPredicate negate() {
        return block -> {
            boolean[] flags = matches(block);
            boolean[] negated = new boolean[flags.length];
            for (int i = 0; i < flags.length; i++) {
                negated[i] = !flags[i];
            }
            return negated;
        };
    }
}
