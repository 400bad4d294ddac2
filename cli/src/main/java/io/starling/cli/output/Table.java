package io.starling.cli.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows for people ({@code --output human}: aligned, boxed columns as {@code tb} prints them) or scripts
 * ({@code --output csv}). Header lines beyond the first (column types) are shown in human output only.
 */
public final class Table {
    private final List<String[]> headers = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... columns) {
        headers.add(columns);
    }

    /** An extra header line, such as the column types of a query result. */
    public Table subheader(String... values) {
        headers.add(values);
        return this;
    }

    public Table row(Object... values) {
        String[] cells = new String[headers.get(0).length];
        for (int i = 0; i < cells.length; i++) {
            Object value = i < values.length ? values[i] : null;
            cells[i] = value == null ? "" : value.toString();
        }
        rows.add(cells);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void printHuman(PrintStream out) {
        int columns = headers.get(0).length;
        int[] widths = new int[columns];
        for (String[] line : headers) {
            widen(widths, line);
        }
        for (String[] row : rows) {
            widen(widths, row);
        }
        int total = 1;
        for (int width : widths) {
            total += width + 3;
        }
        String rule = "-".repeat(total);
        out.println(rule);
        for (String[] line : headers) {
            out.println(line(line, widths));
        }
        out.println(rule);
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
        if (!rows.isEmpty()) {
            out.println(rule);
        }
    }

    public void printCsv(PrintStream out) {
        out.println(csvLine(headers.get(0)));
        for (String[] row : rows) {
            out.println(csvLine(row));
        }
    }

    private static void widen(int[] widths, String[] cells) {
        for (int i = 0; i < widths.length && i < cells.length; i++) {
            widths[i] = Math.max(widths[i], display(cells[i]).length());
        }
    }

    private static String display(String cell) {
        return cell == null ? "" : cell.replace('\n', ' ');
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.length ? display(cells[i]) : "";
            out.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
        }
        return out.toString();
    }

    private static String csvLine(String[] cells) {
        return String.join(",", Arrays.stream(cells).map(Table::csvCell).toList());
    }

    private static String csvCell(String cell) {
        if (cell == null) {
            return "";
        }
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
