package io.starling.node.deploy;

import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A table over blocks of known columns (a just-inserted block, or the parts of one partition read by a supplier of
 * streams): what a forward query runs over.
 */
final class BlocksSource implements TableSource {
    private final String name;
    private final List<ColumnDefinition> columns;
    private final Supplier<Iterator<Block>> blocks;

    BlocksSource(String name, List<ColumnDefinition> columns, Supplier<Iterator<Block>> blocks) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.blocks = blocks;
    }

    static BlocksSource of(String name, List<ColumnDefinition> columns, List<Block> blocks) {
        return new BlocksSource(name, columns, blocks::iterator);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnDefinition> columns() {
        return columns;
    }

    @Override
    public BlockStream scan(List<String> wanted, ScanStatistics statistics) {
        int[] positions = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            positions[i] = position(wanted.get(i));
        }
        Iterator<Block> source = blocks.get();
        return new BlockStream() {
            @Override
            public Block next() {
                while (source.hasNext()) {
                    Block block = source.next();
                    if (block.rowCount() == 0) {
                        continue;
                    }
                    List<Column> picked = new ArrayList<>(positions.length);
                    for (int position : positions) {
                        picked.add(block.column(position));
                    }
                    return new Block(picked, block.rowCount());
                }
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    private int position(String wanted) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(wanted)) {
                return i;
            }
        }
        throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "Column [" + wanted + "] is not in the live data "
                + "source; it has " + columns.stream().map(ColumnDefinition::name).toList());
    }
}
