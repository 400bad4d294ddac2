package io.starling.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.starling.cli.OutputFormat;
import java.io.PrintStream;

/** Prints a listing in the chosen format: a table, the server's JSON (pretty), or CSV. */
public final class Output {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {
    }

    public static void print(PrintStream out, OutputFormat format, JsonNode json, Table table) {
        switch (format) {
            case json -> out.println(pretty(json));
            case csv -> table.printCsv(out);
            case human -> {
                if (table.size() == 0) {
                    out.println("** No results");
                } else {
                    table.printHuman(out);
                }
            }
        }
    }

    public static String pretty(JsonNode json) {
        try {
            return PRETTY.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json.toString();
        }
    }

    /** A JSON value as a table cell: text without quotes, null as empty, objects and arrays as JSON. */
    public static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** {@code 1536} → {@code 1.5 KB}. */
    public static String bytes(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return "";
        }
        double size = value.asDouble();
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (size >= 1024 && unit < units.length - 1) {
            size /= 1024;
            unit++;
        }
        return unit == 0 ? (long) size + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", size, units[unit]);
    }

    /** A query or endpoint answer ({@code meta} + {@code data}) as a table of names, types and values; null without meta. */
    public static Table resultTable(JsonNode json) {
        JsonNode meta = json.path("meta");
        if (!meta.isArray() || meta.isEmpty()) {
            return null;
        }
        String[] names = new String[meta.size()];
        String[] types = new String[meta.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = meta.get(i).path("name").asText();
            types[i] = meta.get(i).path("type").asText();
        }
        Table table = new Table(names).subheader(types);
        for (JsonNode row : json.path("data")) {
            Object[] cells = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                cells[i] = cell(row.isArray() ? row.get(i) : row.get(names[i]));
            }
            table.row(cells);
        }
        return table;
    }
}
