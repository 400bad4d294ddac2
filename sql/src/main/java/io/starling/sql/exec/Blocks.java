package io.starling.sql.exec;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.List;

/** Helpers over lists of blocks. */
public final class Blocks {
    private Blocks() {
    }

    /** All rows of {@code blocks} as one set of columns (empty columns when there are none). */
    public static List<Column> concat(List<Block> blocks, List<DataType> types) {
        return Block.concatColumns(blocks, types);
    }

    /** Splits columns of {@code rows} rows into blocks of at most {@link Block#MAX_ROWS}. */
    public static List<Block> split(List<Column> columns, int rows) {
        List<Block> blocks = new ArrayList<>();
        for (int start = 0; start < rows; start += Block.MAX_ROWS) {
            int length = Math.min(Block.MAX_ROWS, rows - start);
            List<Column> slice = new ArrayList<>(columns.size());
            for (Column column : columns) {
                slice.add(start == 0 && length == rows ? column : column.region(start, length));
            }
            blocks.add(new Block(slice, length));
        }
        return blocks;
    }
}
