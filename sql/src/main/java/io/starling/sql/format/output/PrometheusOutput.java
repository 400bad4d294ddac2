package io.starling.sql.format.output;

import io.starling.sql.QueryResult;
import io.starling.sql.format.ByteSink;
import io.starling.sql.format.ValueWriter;
import io.starling.sql.format.ValueWriter.Style;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.MapColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prometheus text exposition format (version 0.0.4), Tinybird's {@code .prometheus} endpoints: columns {@code name}
 * and {@code value} are required; {@code help}, {@code timestamp}, {@code type} and {@code labels}
 * ({@code Map(String, String)}) are optional. Each time the metric name changes (rows should be ordered by name) its
 * {@code # HELP} and {@code # TYPE} lines are written, then one {@code name{k="v",...} value [timestamp]} line per row.
 */
final class PrometheusOutput {
    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusOutput() {
    }

    static void write(QueryResult result, ByteSink out) {
        List<ColumnDefinition> columns = result.columns();
        int name = index(columns, "name");
        int value = index(columns, "value");
        if (name < 0 || value < 0) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The .prometheus format needs a String column [name] "
                    + "and a numeric column [value] (optional: help, timestamp, type, labels Map(String, String)); "
                    + "the result has " + columns.stream().map(ColumnDefinition::name).toList()
                    + ". Alias your columns, e.g. SELECT 'requests_total' AS name, count() AS value");
        }
        int help = index(columns, "help");
        int timestamp = index(columns, "timestamp");
        int type = index(columns, "type");
        int labels = index(columns, "labels");
        ByteSink scratch = new ByteSink();
        byte[] previous = null;
        for (Block block : result.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                byte[] metric = text(block.column(name), row, scratch);
                if (metric.length == 0) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "A .prometheus row has an empty [name]; "
                            + "every row needs a metric name");
                }
                if (previous == null || !Arrays.equals(previous, metric)) {
                    previous = metric;
                    writeHeaders(block, row, metric, help, type, scratch, out);
                }
                out.write(metric, 0, metric.length);
                if (labels >= 0) {
                    writeLabels(block.column(labels), row, scratch, out);
                }
                out.write(' ');
                writeNumber(text(block.column(value), row, scratch), out);
                if (timestamp >= 0 && !isNull(block.column(timestamp), row)) {
                    byte[] time = text(block.column(timestamp), row, scratch);
                    if (time.length > 0) {
                        out.write(' ');
                        out.write(time, 0, time.length);
                    }
                }
                out.write('\n');
            }
        }
    }

    private static void writeHeaders(Block block, int row, byte[] metric, int help, int type, ByteSink scratch,
                                     ByteSink out) {
        if (help >= 0 && !isNull(block.column(help), row)) {
            byte[] text = text(block.column(help), row, scratch);
            if (text.length > 0) {
                out.writeAscii("# HELP ");
                out.write(metric, 0, metric.length);
                out.write(' ');
                for (byte b : text) {
                    if (b == '\\') {
                        out.writeAscii("\\\\");
                    } else if (b == '\n') {
                        out.writeAscii("\\n");
                    } else {
                        out.write(b);
                    }
                }
                out.write('\n');
            }
        }
        if (type >= 0 && !isNull(block.column(type), row)) {
            String kind = new String(text(block.column(type), row, scratch), java.nio.charset.StandardCharsets.UTF_8)
                    .strip().toLowerCase(Locale.ROOT);
            if (!kind.isEmpty()) {
                if (!TYPES.contains(kind)) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Unknown Prometheus metric type [" + kind
                            + "]; use one of " + String.join(", ", TYPES) + " or ''");
                }
                out.writeAscii("# TYPE ");
                out.write(metric, 0, metric.length);
                out.write(' ');
                out.writeAscii(kind);
                out.write('\n');
            }
        }
    }

    private static void writeLabels(Column column, int row, ByteSink scratch, ByteSink out) {
        Column labels = unwrap(column);
        if (isNull(column, row) || !(labels instanceof MapColumn map)) {
            return;
        }
        int start = map.entryStart(row);
        int count = map.entryCount(row);
        if (count == 0) {
            return;
        }
        out.write('{');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            byte[] key = text(map.keys(), start + i, scratch);
            out.write(key, 0, key.length);
            out.writeAscii("=\"");
            for (byte b : text(map.values(), start + i, scratch)) {
                switch (b) {
                    case '\\' -> out.writeAscii("\\\\");
                    case '"' -> out.writeAscii("\\\"");
                    case '\n' -> out.writeAscii("\\n");
                    default -> out.write(b);
                }
            }
            out.write('"');
        }
        out.write('}');
    }

    /** Prometheus spells non-finite values +Inf, -Inf and NaN; NULL values are NaN. */
    private static void writeNumber(byte[] text, ByteSink out) {
        String special = switch (new String(text, java.nio.charset.StandardCharsets.US_ASCII)) {
            case "inf", "+inf" -> "+Inf";
            case "-inf" -> "-Inf";
            case "nan", "-nan", "\\N", "" -> "NaN";
            default -> null;
        };
        if (special != null) {
            out.writeAscii(special);
        } else {
            out.write(text, 0, text.length);
        }
    }

    private static Column unwrap(Column column) {
        return column instanceof NullableColumn nullable ? nullable.values() : column;
    }

    private static boolean isNull(Column column, int row) {
        return column instanceof NullableColumn nullable && nullable.isNull(row);
    }

    /** The value as ClickHouse's plain text (strings raw). */
    private static byte[] text(Column column, int row, ByteSink scratch) {
        scratch.reset();
        ValueWriter.write(column, row, Style.TEXT, scratch);
        return Arrays.copyOf(scratch.rawBytes(), scratch.size());
    }

    private static int index(List<ColumnDefinition> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
