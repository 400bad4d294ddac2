package io.starling.node.pipe;

import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A table whose rows are another query's result: a pipe node read by a later node, another pipe's endpoint, the
 * block a materialized view runs over, {@code _} of an endpoint's {@code q=}. The result is computed on first use
 * (columns or scan) and kept, so a node read twice runs once. Thread-safe.
 */
public final class ResultSource implements TableSource {
    private final String name;
    private final Supplier<QueryResult> compute;
    private volatile QueryResult result;

    ResultSource(String name, Supplier<QueryResult> compute) {
        this.name = name;
        this.compute = compute;
    }

    static ResultSource of(String name, QueryResult result) {
        ResultSource source = new ResultSource(name, () -> result);
        source.result = result;
        return source;
    }

    /** A table of fixed columns and blocks (a just-inserted block, or nothing). */
    static ResultSource ofBlocks(String name, List<ColumnDefinition> columns, List<Block> blocks) {
        return of(name, new QueryResult(columns, blocks, -1, 0, 0, null));
    }

    QueryResult result() {
        QueryResult current = result;
        if (current == null) {
            synchronized (this) {
                current = result;
                if (current == null) {
                    current = compute.get();
                    result = current;
                }
            }
        }
        return current;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnDefinition> columns() {
        return result().columns();
    }

    @Override
    public BlockStream scan(List<String> wanted, io.starling.storage.engine.ScanStatistics statistics) {
        // Rows of a node's result are not counted again: its own query counted its table reads.
        return columnsOf(result(), wanted, "[" + name + "]");
    }

    /**
     * The {@code wanted} columns of a query result's blocks, as a stream (empty blocks skipped); an unknown column
     * fails with UNKNOWN_IDENTIFIER naming {@code source}.
     */
    public static BlockStream columnsOf(QueryResult rows, List<String> wanted, String source) {
        int[] positions = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            positions[i] = position(rows.columns(), wanted.get(i), source);
        }
        Iterator<Block> blocks = rows.blocks().iterator();
        return new BlockStream() {
            @Override
            public Block next() {
                while (blocks.hasNext()) {
                    Block block = blocks.next();
                    if (block.rowCount() == 0) {
                        continue;
                    }
                    List<Column> columns = new ArrayList<>(positions.length);
                    for (int position : positions) {
                        columns.add(block.column(position));
                    }
                    return new Block(columns, block.rowCount());
                }
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    private static int position(List<ColumnDefinition> columns, String wanted, String source) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(wanted)) {
                return i;
            }
        }
        throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "Column [" + wanted + "] is not in " + source
                + "; it has " + columns.stream().map(ColumnDefinition::name).toList());
    }
}
