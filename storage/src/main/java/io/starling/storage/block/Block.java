package io.starling.storage.block;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
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

    /** All rows of {@code blocks}, in order, as columns of {@code types} (empty columns when there are none). */
    public static List<Column> concatColumns(List<Block> blocks, List<DataType> types) {
        if (blocks.size() == 1) {
            return blocks.get(0).columns();
        }
        long total = 0;
        for (Block block : blocks) {
            total += block.rowCount();
        }
        List<Column> columns = new ArrayList<>(types.size());
        for (int c = 0; c < types.size(); c++) {
            ColumnBuilder builder = ColumnBuilder.forType(types.get(c), (int) Math.min(total, Integer.MAX_VALUE));
            long bytes = 0;
            for (Block block : blocks) {
                bytes += block.column(c).sizeInBytes();
            }
            builder.reserve(0, bytes);
            for (Block block : blocks) {
                builder.appendRange(block.column(c), 0, block.rowCount());
            }
            columns.add(builder.build());
        }
        return columns;
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
