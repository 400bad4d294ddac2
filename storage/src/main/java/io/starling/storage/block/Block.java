package io.starling.storage.block;

import io.starling.storage.column.Column;
import java.util.List;

/**
 * Columns of equal length (at most {@link #MAX_ROWS} rows): the unit that flows through operators,
 * over the wire and into parts. Column order follows the schema of whoever produced the block.
 */
public record Block(List<Column> columns, int rowCount) {
    public static final int MAX_ROWS = 65_536;

    public Block {
        columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).size() != rowCount) {
                throw new IllegalArgumentException("Column " + i + " has " + columns.get(i).size()
                        + " rows but the block has " + rowCount);
            }
        }
    }

    public static Block of(List<Column> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A block without columns needs an explicit row count");
        }
        return new Block(columns, columns.get(0).size());
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public int columnCount() {
        return columns.size();
    }

    public long sizeInBytes() {
        long total = 0;
        for (Column column : columns) {
            total += column.sizeInBytes();
        }
        return total;
    }

    public Block region(int offset, int length) {
        return new Block(columns.stream().map(column -> column.region(offset, length)).toList(), length);
    }

    public Block select(int[] positions, int count) {
        return new Block(columns.stream().map(column -> column.select(positions, count)).toList(), count);
    }
}
