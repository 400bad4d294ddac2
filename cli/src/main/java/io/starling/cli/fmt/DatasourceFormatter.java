package io.starling.cli.fmt;

import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.datafiles.datasource.DatasourceFile.IndexDefinition;
import io.starling.datafiles.datasource.DatasourceFile.TokenGrant;
import io.starling.datafiles.datasource.SchemaColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link DatasourceFile} as canonical .datasource text, as {@code tb fmt} does: comments dropped, values
 * unquoted unless needed, sections in a fixed order (DESCRIPTION, TOKEN, TAGS, SCHEMA, INDEXES, ENGINE*,
 * FORWARD_QUERY, BACKFILL, SHARED_WITH, connector settings) separated by blank lines, blocks indented by four
 * spaces and schema columns as {@code `name` Type `json:$.path` DEFAULT expr CODEC(...)}. Parsing the output gives
 * the same DatasourceFile.
 */
public final class DatasourceFormatter {
    private static final String INDENT = "    ";

    private DatasourceFormatter() {
    }

    public static String format(DatasourceFile file) {
        List<String> sections = new ArrayList<>();
        if (file.description() != null) {
            sections.add(block("DESCRIPTION", file.description()));
        }
        if (!file.tokens().isEmpty()) {
            StringBuilder tokens = new StringBuilder();
            for (TokenGrant token : file.tokens()) {
                tokens.append("TOKEN ").append(quoteIfNeeded(token.name())).append(' ').append(token.scope()).append('\n');
            }
            sections.add(tokens.toString());
        }
        if (!file.tags().isEmpty()) {
            sections.add("TAGS " + list(file.tags()) + "\n");
        }
        sections.add(block("SCHEMA", schema(file.schema())));
        if (!file.indexes().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (IndexDefinition index : file.indexes()) {
                lines.add(index.name() + " " + index.expression() + " TYPE " + index.type() + " GRANULARITY "
                        + index.granularity());
            }
            sections.add(block("INDEXES", String.join(",\n", lines)));
        }
        Map<String, String> engine = new LinkedHashMap<>();
        engine.put("ENGINE", file.engine());
        engine.put("ENGINE_PARTITION_KEY", file.partitionKey());
        engine.put("ENGINE_SORTING_KEY", file.sortingKey());
        engine.put("ENGINE_PRIMARY_KEY", file.primaryKey());
        engine.put("ENGINE_SAMPLING_KEY", file.samplingKey());
        engine.put("ENGINE_TTL", file.ttl());
        engine.put("ENGINE_VER", file.ver());
        engine.put("ENGINE_SIGN", file.sign());
        engine.put("ENGINE_VERSION", file.version());
        engine.put("ENGINE_IS_DELETED", file.isDeleted());
        engine.put("ENGINE_SETTINGS", file.settings());
        String engineText = instructions(engine);
        if (!engineText.isEmpty()) {
            sections.add(engineText);
        }
        if (file.forwardQuery() != null) {
            sections.add(block("FORWARD_QUERY", file.forwardQuery()));
        }
        if (file.backfill() != null) {
            sections.add(instructions(Map.of("BACKFILL", file.backfill())));
        }
        if (!file.sharedWith().isEmpty()) {
            sections.add(block("SHARED_WITH", String.join(",\n", file.sharedWith().stream()
                    .map(DatasourceFormatter::quoteIfNeeded).toList())));
        }
        String connectors = instructions(file.connectorSettings());
        if (!connectors.isEmpty()) {
            sections.add(connectors);
        }
        return String.join("\n", sections);
    }

    private static String schema(List<SchemaColumn> columns) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            SchemaColumn column = columns.get(i);
            out.append('`').append(column.name()).append("` ").append(column.type().name());
            if (column.jsonPath() != null) {
                out.append(" `json:").append(column.jsonPath()).append('`');
            }
            if (column.defaultExpression() != null) {
                out.append(' ').append(column.defaultKeyword()).append(' ').append(column.defaultExpression());
            }
            if (column.codec() != null) {
                out.append(" CODEC(").append(column.codec()).append(')');
            }
            if (i + 1 < columns.size()) {
                out.append(",\n");
            }
        }
        return out.toString();
    }

    private static String instructions(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String value = entry.getValue();
            if (value == null) {
                continue;
            }
            if (value.contains("\n")) {
                out.append(block(entry.getKey(), value));
            } else {
                out.append(entry.getKey()).append(' ').append(quoteIfNeeded(value)).append('\n');
            }
        }
        return out.toString();
    }

    private static String list(List<String> items) {
        return String.join(", ", items.stream().map(item -> item.contains(",") ? quote(item) : quoteIfNeeded(item))
                .toList());
    }

    private static String block(String keyword, String text) {
        StringBuilder out = new StringBuilder(keyword).append(" >\n");
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank()) {
                out.append(INDENT).append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String quoteIfNeeded(String value) {
        return needsQuotes(value) ? quote(value) : value;
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty() || !value.equals(value.strip()) || value.equals(">")) {
            return true;
        }
        char first = value.charAt(0);
        char last = value.charAt(value.length() - 1);
        if (first == '"' || first == '\'' || last == '"' || last == '\'') {
            return true;
        }
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == '#' && Character.isWhitespace(value.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String value) {
        return value.indexOf('"') < 0 ? '"' + value + '"' : '\'' + value + '\'';
    }
}
