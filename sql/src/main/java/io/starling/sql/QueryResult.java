package io.starling.sql;

import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import java.util.List;

/**
 * A finished query's answer.
 *
 * @param columns         names and types of the result columns ({@code meta})
 * @param blocks          the rows, in order
 * @param rowsBeforeLimit rows before LIMIT was applied, or -1 when the query has no LIMIT
 * @param rowsRead        rows read from tables
 * @param bytesRead       uncompressed bytes read from tables
 * @param format          the FORMAT clause's format name, or null when the query has none
 * @param totals          the one-row block of {@code GROUP BY ... WITH TOTALS} (same columns), or null without it
 */
public record QueryResult(
        List<ColumnDefinition> columns,
        List<Block> blocks,
        long rowsBeforeLimit,
        long rowsRead,
        long bytesRead,
        String format,
        Block totals) {

    public QueryResult {
        columns = List.copyOf(columns);
        blocks = List.copyOf(blocks);
    }

    public QueryResult(List<ColumnDefinition> columns, List<Block> blocks, long rowsBeforeLimit, long rowsRead,
                       long bytesRead, String format) {
        this(columns, blocks, rowsBeforeLimit, rowsRead, bytesRead, format, null);
    }

    public long rowCount() {
        long total = 0;
        for (Block block : blocks) {
            total += block.rowCount();
        }
        return total;
    }
}
