package io.starling.sql.testing;

import io.starling.sql.QueryResult;
import io.starling.sql.exec.ValueText;
import io.starling.storage.block.Block;

/**
 * Formats a result as ClickHouse's TabSeparated output: one line per row, values separated by tabs; a WITH TOTALS
 * row follows after an empty line.
 */
public final class Tsv {
    private Tsv() {
    }

    public static String format(QueryResult result) {
        StringBuilder out = new StringBuilder();
        for (Block block : result.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                row(out, block, row);
            }
        }
        if (result.totals() != null) {
            out.append('\n');
            row(out, result.totals(), 0);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, Block block, int row) {
        for (int column = 0; column < block.columnCount(); column++) {
            if (column > 0) {
                out.append('\t');
            }
            ValueText.appendTsv(out, block.column(column), row);
        }
        out.append('\n');
    }
}
