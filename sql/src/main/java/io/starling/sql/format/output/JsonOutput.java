package io.starling.sql.format.output;

import io.starling.sql.QueryResult;
import io.starling.sql.format.ByteSink;
import io.starling.sql.format.FloatText;
import io.starling.sql.format.ValueWriter;
import io.starling.sql.format.ValueWriter.Style;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ClickHouse's FORMAT JSON / JSONCompact layout (tab-indented, a blank line between sections), which is the
 * shape of Tinybird's responses: {@code meta}, {@code data}, {@code rows}, {@code rows_before_limit_at_least}
 * (only when the query had a LIMIT) and {@code statistics}; WITH TOTALS adds {@code totals} (one row, an object or
 * for JSONCompact an array) after {@code data}. 64-bit integers are JSON numbers
 * ({@code output_format_json_quote_64bit_integers=0}); nan and inf are {@code null}.
 */
final class JsonOutput {
    private JsonOutput() {
    }

    static void write(QueryResult result, double elapsedSeconds, boolean compact, ByteSink out) {
        List<ColumnDefinition> columns = result.columns();
        byte[][] names = encodedNames(columns);
        out.writeAscii("{\n\t\"meta\":\n\t[");
        for (int i = 0; i < columns.size(); i++) {
            out.writeAscii(i == 0 ? "\n\t\t{\n\t\t\t\"name\": " : ",\n\t\t{\n\t\t\t\"name\": ");
            ValueWriter.writeJsonString(names[i], 0, names[i].length, out);
            out.writeAscii(",\n\t\t\t\"type\": ");
            byte[] type = columns.get(i).type().name().getBytes(StandardCharsets.UTF_8);
            ValueWriter.writeJsonString(type, 0, type.length, out);
            out.writeAscii("\n\t\t}");
        }
        out.writeAscii("\n\t],\n\n\t\"data\":\n\t[\n");
        boolean first = true;
        for (Block block : result.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                if (!first) {
                    out.writeAscii(",\n");
                }
                first = false;
                if (compact) {
                    writeCompactRow(block, row, out);
                } else {
                    writeRow(block, row, names, out);
                }
            }
        }
        out.writeAscii("\n\t],\n\n");
        if (result.totals() != null && result.totals().rowCount() > 0) {
            writeTotals(result.totals(), names, compact, out);
            out.writeAscii(",\n\n");
        }
        out.writeAscii("\t\"rows\": ");
        out.writeLong(result.rowCount());
        if (result.rowsBeforeLimit() >= 0) {
            out.writeAscii(",\n\n\t\"rows_before_limit_at_least\": ");
            out.writeLong(result.rowsBeforeLimit());
        }
        out.writeAscii(",\n\n\t\"statistics\":\n\t{\n\t\t\"elapsed\": ");
        FloatText.write(elapsedSeconds, false, out);
        out.writeAscii(",\n\t\t\"rows_read\": ");
        out.writeLong(result.rowsRead());
        out.writeAscii(",\n\t\t\"bytes_read\": ");
        out.writeLong(result.bytesRead());
        out.writeAscii("\n\t}\n}\n");
    }

    private static void writeRow(Block block, int row, byte[][] names, ByteSink out) {
        out.writeAscii("\t\t{\n");
        for (int column = 0; column < block.columnCount(); column++) {
            out.writeAscii(column == 0 ? "\t\t\t" : ",\n\t\t\t");
            ValueWriter.writeJsonString(names[column], 0, names[column].length, out);
            out.writeAscii(": ");
            ValueWriter.write(block.column(column), row, Style.JSON, out);
        }
        out.writeAscii("\n\t\t}");
    }

    /** {@code "totals"}: an object one level less indented than data rows, or for JSONCompact an inline array. */
    private static void writeTotals(Block totals, byte[][] names, boolean compact, ByteSink out) {
        if (compact) {
            out.writeAscii("\t\"totals\": [");
            for (int column = 0; column < totals.columnCount(); column++) {
                if (column > 0) {
                    out.write(',');
                }
                ValueWriter.write(totals.column(column), 0, Style.JSON, out);
            }
            out.write(']');
            return;
        }
        out.writeAscii("\t\"totals\":\n\t{\n");
        for (int column = 0; column < totals.columnCount(); column++) {
            out.writeAscii(column == 0 ? "\t\t" : ",\n\t\t");
            ValueWriter.writeJsonString(names[column], 0, names[column].length, out);
            out.writeAscii(": ");
            ValueWriter.write(totals.column(column), 0, Style.JSON, out);
        }
        out.writeAscii("\n\t}");
    }

    private static void writeCompactRow(Block block, int row, ByteSink out) {
        out.writeAscii("\t\t[");
        for (int column = 0; column < block.columnCount(); column++) {
            if (column > 0) {
                out.writeAscii(", ");
            }
            ValueWriter.write(block.column(column), row, Style.JSON, out);
        }
        out.write(']');
    }

    /** JSONEachRow: one compact object per line. */
    static void writeEachRow(QueryResult result, ByteSink out) {
        byte[][] names = encodedNames(result.columns());
        for (Block block : result.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                out.write('{');
                for (int column = 0; column < block.columnCount(); column++) {
                    if (column > 0) {
                        out.write(',');
                    }
                    ValueWriter.writeJsonString(names[column], 0, names[column].length, out);
                    out.write(':');
                    ValueWriter.write(block.column(column), row, Style.JSON, out);
                }
                out.writeAscii("}\n");
            }
        }
    }

    static byte[][] encodedNames(List<ColumnDefinition> columns) {
        byte[][] names = new byte[columns.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = columns.get(i).name().getBytes(StandardCharsets.UTF_8);
        }
        return names;
    }
}
