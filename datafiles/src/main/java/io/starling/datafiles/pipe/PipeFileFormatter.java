package io.starling.datafiles.pipe;

import io.starling.datafiles.datasource.DatasourceFile.TokenGrant;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link PipeFile} back as .pipe text in a canonical layout: pipe-level instructions first (TOKEN,
 * DESCRIPTION, TAGS, INCLUDE, others), then each node separated by a blank line, blocks indented by four spaces
 * and values bare unless quoting is needed to read them back. {@code PipeFile.parse(format(pipe), name)} equals
 * {@code pipe} for any parsed pipe.
 */
public final class PipeFileFormatter {
    private static final String INDENT = "    ";

    private PipeFileFormatter() {
    }

    public static String format(PipeFile pipe) {
        StringBuilder out = new StringBuilder();
        for (TokenGrant token : pipe.tokens()) {
            out.append("TOKEN ").append(token.name()).append(' ').append(token.scope()).append('\n');
        }
        if (pipe.description() != null) {
            description(out, pipe.description());
        }
        if (!pipe.tags().isEmpty()) {
            out.append("TAGS ").append(String.join(", ", pipe.tags())).append('\n');
        }
        for (String include : pipe.includes()) {
            out.append("INCLUDE ").append(include).append('\n');
        }
        settings(out, pipe.settings());
        for (PipeNode node : pipe.nodes()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            node(out, node);
        }
        return out.toString();
    }

    private static void node(StringBuilder out, PipeNode node) {
        out.append("NODE ").append(node.name()).append('\n');
        if (node.description() != null) {
            description(out, node.description());
        }
        block(out, "SQL", node.sql());
        if (node.type() != null) {
            out.append("TYPE ").append(node.type().name().toLowerCase(Locale.ROOT)).append('\n');
        }
        instruction(out, "DATASOURCE", node.datasource());
        instruction(out, "TARGET_DATASOURCE", node.targetDatasource());
        instruction(out, "COPY_SCHEDULE", node.copySchedule());
        instruction(out, "COPY_MODE", node.copyMode());
        settings(out, node.settings());
    }

    private static void settings(StringBuilder out, Map<String, String> settings) {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            instruction(out, setting.getKey(), setting.getValue());
        }
    }

    private static void description(StringBuilder out, String text) {
        if (text.isBlank()) {
            out.append("DESCRIPTION ").append(quoted(text)).append('\n');
        } else {
            block(out, "DESCRIPTION", text);
        }
    }

    private static void instruction(StringBuilder out, String keyword, String value) {
        if (value == null) {
            return;
        }
        if (value.contains("\n")) {
            block(out, keyword, value);
            return;
        }
        out.append(keyword).append(' ').append(needsQuotes(value) ? quoted(value) : value).append('\n');
    }

    private static void block(StringBuilder out, String keyword, String text) {
        out.append(keyword).append(" >\n");
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank()) {
                out.append(INDENT).append(line);
            }
            out.append('\n');
        }
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

    private static String quoted(String value) {
        return value.indexOf('"') < 0 ? '"' + value + '"' : '\'' + value + '\'';
    }
}
