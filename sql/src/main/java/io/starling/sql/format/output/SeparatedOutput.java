package io.starling.sql.format.output;

import io.starling.sql.QueryResult;
import io.starling.sql.format.ByteSink;
import io.starling.sql.format.ValueWriter;
import io.starling.sql.format.ValueWriter.Style;
import io.starling.storage.block.Block;

/**
 * CSV and TabSeparated output, optionally with a header row of column names; rows end with {@code \n}. As in
 * ClickHouse, the WITH TOTALS row follows the data after an empty line.
 */
final class SeparatedOutput {
    private SeparatedOutput() {
    }

    static void write(QueryResult result, char delimiter, Style style, boolean withNames, ByteSink out) {
        if (withNames) {
            byte[][] names = JsonOutput.encodedNames(result.columns());
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    out.write(delimiter);
                }
                ValueWriter.writeString(names[i], 0, names[i].length, style, out);
            }
            out.write('\n');
        }
        for (Block block : result.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                writeRow(block, row, delimiter, style, out);
            }
        }
        if (result.totals() != null && result.totals().rowCount() > 0) {
            out.write('\n');
            writeRow(result.totals(), 0, delimiter, style, out);
        }
    }

    private static void writeRow(Block block, int row, char delimiter, Style style, ByteSink out) {
        for (int column = 0; column < block.columnCount(); column++) {
            if (column > 0) {
                out.write(delimiter);
            }
            ValueWriter.write(block.column(column), row, style, out);
        }
        out.write('\n');
    }
}
