package io.starling.storage.merge;

import io.starling.storage.block.Block;
import io.starling.storage.column.ColumnBuilder;

/** Where a {@link MergeRule} writes the rows a group becomes. Rows are in the table's column order. */
public interface RowOutput {
    /** Appends row {@code row} of {@code block} unchanged. */
    void copyRow(Block block, int row);

    /**
     * The builder of column {@code index} for a row assembled value by value: append exactly one value to every
     * column's builder, then call {@link #finishRow()}.
     */
    ColumnBuilder column(int index);

    /** Ends a row assembled through {@link #column(int)}. */
    void finishRow();
}
