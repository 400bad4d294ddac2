package io.starling.datafiles.pipe;

import io.starling.datafiles.DatafileLines;
import io.starling.datafiles.datasource.DatasourceFile.TokenGrant;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Line-oriented reader of .pipe files. Pipe-level instructions come before the first {@code NODE}; after it every
 * instruction belongs to the current node until the next {@code NODE}. TOKEN, TAGS and INCLUDE are pipe-level
 * wherever they appear. Uses {@link DatafileLines} for blocks, comments and quoting, like the .datasource reader.
 */
final class PipeFileParser {
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> SQL_WORDS = Set.of("SELECT", "FROM", "WHERE", "GROUP", "ORDER", "LIMIT", "WITH",
            "UNION", "HAVING", "JOIN", "LEFT", "INNER", "AND", "OR", "PREWHERE", "SETTINGS", "FORMAT", "OFFSET");

    private final String[] lines;
    private final String fileName;

    private String description;
    private final List<String> tags = new ArrayList<>();
    private final List<TokenGrant> tokens = new ArrayList<>();
    private final List<String> includes = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<NodeBuilder> nodes = new ArrayList<>();
    private NodeBuilder current;

    PipeFileParser(String text, String fileName) {
        this.lines = DatafileLines.split(text);
        this.fileName = fileName == null ? "<pipe>" : fileName;
    }

    PipeFile parse() {
        int index = 0;
        while (index < lines.length) {
            String line = lines[index];
            int lineNumber = index + 1;
            if (line.isBlank() || (!DatafileLines.isIndented(line) && line.startsWith("#"))) {
                index++;
                continue;
            }
            if (DatafileLines.isIndented(line)) {
                throw error(lineNumber, "indented text [" + abbreviate(line.strip()) + "] is outside a block; blocks "
                        + "start with an instruction ending in '>' such as SQL >");
            }
            String word = DatafileLines.firstWord(line);
            String keyword = keyword(word, lineNumber);
            String rest = line.substring(word.length()).strip();
            if (rest.equals(">")) {
                // Tinybird accepts the template marker % unindented as the first line of an SQL block.
                boolean marker = keyword.equals("SQL") && index + 1 < lines.length
                        && lines[index + 1].stripTrailing().equals("%");
                int start = marker ? index + 2 : index + 1;
                int end = DatafileLines.blockEnd(lines, start);
                String text = DatafileLines.blockText(lines, start, end);
                if (marker && !text.isBlank()) {
                    text = "%\n" + text;
                }
                if (text.isBlank()) {
                    int next = nextContentLine(end);
                    if (next < lines.length) {
                        keyword(DatafileLines.firstWord(lines[next]), next + 1);
                    }
                    throw error(lineNumber, keyword + " > has no indented lines after it; indent the block's content");
                }
                instruction(keyword, text, lineNumber, true);
                index = end;
            } else {
                instruction(keyword, rest, lineNumber, false);
                index++;
            }
        }
        return build();
    }

    private int nextContentLine(int from) {
        int next = from;
        while (next < lines.length && lines[next].isBlank()) {
            next++;
        }
        return next;
    }

    private String keyword(String word, int lineNumber) {
        if (!KEYWORD.matcher(word).matches()) {
            throw error(lineNumber, "[" + abbreviate(word) + "] is not an instruction; lines start with an upper case "
                    + "instruction such as NODE, SQL >, TYPE or DESCRIPTION");
        }
        String keyword = word.toUpperCase(Locale.ROOT);
        if (SQL_WORDS.contains(keyword)) {
            throw error(lineNumber, "SQL [" + word + "] is outside the SQL > block; indent every line of the query");
        }
        return keyword;
    }

    private void instruction(String keyword, String rest, int lineNumber, boolean block) {
        switch (keyword) {
            case "NODE" -> startNode(value(rest), lineNumber);
            case "TOKEN" -> tokens.add(token(value(rest), lineNumber));
            case "TAGS" -> addListItems(block ? rest.replace('\n', ',') : value(rest));
            case "INCLUDE" -> includes.add(rest);
            case "DESCRIPTION" -> {
                String text = block ? rest : value(rest);
                if (current == null) {
                    description = text;
                } else {
                    current.description = text;
                }
            }
            default -> {
                if (current == null) {
                    pipeLevel(keyword, rest, lineNumber, block);
                } else {
                    if (NodeBuilder.NODE_KEYWORDS.contains(keyword) && !current.seen.add(keyword)) {
                        throw error(lineNumber, "node [" + current.name + "] has a second " + keyword
                                + "; each node takes one " + keyword);
                    }
                    current.instruction(keyword, block ? rest : value(rest), block ? rest : rest.strip(), lineNumber);
                }
            }
        }
    }

    private void pipeLevel(String keyword, String rest, int lineNumber, boolean block) {
        if (NodeBuilder.NODE_KEYWORDS.contains(keyword)) {
            throw error(lineNumber, keyword + " appears before the first NODE; start a node with NODE <name> first");
        }
        settings.put(keyword, block ? rest : value(rest));
    }

    private void startNode(String name, int lineNumber) {
        if (name.isEmpty() || name.contains(" ")) {
            throw error(lineNumber, "NODE needs one name, as in NODE daily_sales");
        }
        for (NodeBuilder node : nodes) {
            if (node.name.equals(name)) {
                throw error(lineNumber, "node [" + name + "] is defined twice (first on line " + node.line
                        + "); node names must be unique within a pipe");
            }
        }
        current = new NodeBuilder(name, lineNumber);
        nodes.add(current);
    }

    private PipeFile build() {
        if (nodes.isEmpty()) {
            throw error(1, "has no NODE; a pipe needs at least one NODE <name> with an SQL > block");
        }
        List<PipeNode> built = new ArrayList<>();
        NodeBuilder output = null;
        for (NodeBuilder node : nodes) {
            if (node.type != null) {
                if (output != null) {
                    throw error(node.typeLine, "node [" + node.name + "] has TYPE " + node.type + " but node ["
                            + output.name + "] is already the pipe's output; a pipe has exactly one output node");
                }
                output = node;
            }
            built.add(node.build(this));
        }
        return new PipeFile(DatafileLines.resourceName(fileName), description, tags, tokens, includes, settings,
                built);
    }

    private TokenGrant token(String value, int lineNumber) {
        String[] parts = value.strip().split("\\s+");
        if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2) {
            throw error(lineNumber, "TOKEN needs a name and a scope, as in TOKEN dashboard READ");
        }
        String scope = parts.length == 2 ? parts[1].toUpperCase(Locale.ROOT) : "READ";
        if (!scope.equals("READ")) {
            throw error(lineNumber, "TOKEN scope [" + parts[1] + "] is not READ; pipes grant only READ tokens");
        }
        return new TokenGrant(DatafileLines.unquote(parts[0]), scope);
    }

    private void addListItems(String text) {
        for (String item : text.split(",")) {
            String value = DatafileLines.unquote(item.strip());
            if (!value.isEmpty()) {
                tags.add(value);
            }
        }
    }

    /**
     * A single-line value: trailing {@code # comment} dropped, a leading quoted string taken whole (so
     * {@code "0 * * * *"  -- Every hour} gives the cron), otherwise one pair of quotes removed.
     */
    static String value(String rest) {
        String value = DatafileLines.stripTrailingComment(rest);
        if (!value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            int close = value.indexOf(value.charAt(0), 1);
            if (close > 0 && value.substring(close + 1).strip().startsWith("--")) {
                return value.substring(1, close);
            }
        }
        return DatafileLines.unquote(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    StarlingException error(int lineNumber, String what) {
        return new StarlingException(ErrorCode.SYNTAX_ERROR, fileName + ":" + lineNumber + ": " + what);
    }

    /** Collects one node's instructions and checks them when the file ends. */
    private static final class NodeBuilder {
        static final Set<String> NODE_KEYWORDS = Set.of("SQL", "TYPE", "DATASOURCE", "TARGET_DATASOURCE",
                "COPY_SCHEDULE", "COPY_MODE");

        final String name;
        final int line;
        final Set<String> seen = new HashSet<>();
        String description;
        String sql;
        String typeText;
        PipeType type;
        int typeLine;
        String datasource;
        String targetDatasource;
        String copySchedule;
        String copyMode;
        int copyModeLine;
        final Map<String, String> settings = new LinkedHashMap<>();

        NodeBuilder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        void instruction(String keyword, String value, String raw, int lineNumber) {
            switch (keyword) {
                case "SQL" -> sql = raw;
                case "TYPE" -> {
                    typeText = value;
                    type = PipeType.fromText(value);
                    typeLine = lineNumber;
                }
                case "DATASOURCE" -> datasource = value;
                case "TARGET_DATASOURCE" -> targetDatasource = value;
                case "COPY_SCHEDULE" -> copySchedule = value;
                case "COPY_MODE" -> {
                    copyMode = value.toLowerCase(Locale.ROOT);
                    copyModeLine = lineNumber;
                }
                default -> settings.put(keyword, value);
            }
        }

        PipeNode build(PipeFileParser parser) {
            if (sql == null || sql.isBlank()) {
                throw parser.error(line, "node [" + name + "] has no SQL; add SQL > followed by the indented query");
            }
            if (typeText != null && type == null) {
                throw parser.error(typeLine, "TYPE [" + typeText + "] of node [" + name + "] is not one of "
                        + "ENDPOINT, MATERIALIZED, COPY, SINK");
            }
            if (type == PipeType.MATERIALIZED && (datasource == null || datasource.isEmpty())) {
                throw parser.error(typeLine, "materialized node [" + name + "] has no DATASOURCE; add DATASOURCE "
                        + "<target data source>");
            }
            if (type == PipeType.COPY && (targetDatasource == null || targetDatasource.isEmpty())) {
                throw parser.error(typeLine, "copy node [" + name + "] has no TARGET_DATASOURCE; add "
                        + "TARGET_DATASOURCE <target data source>");
            }
            if (copyMode != null && !copyMode.equals("append") && !copyMode.equals("replace")) {
                throw parser.error(copyModeLine, "COPY_MODE [" + copyMode + "] is not append or replace");
            }
            return new PipeNode(name, description, sql, type, datasource, targetDatasource, copySchedule, copyMode,
                    settings);
        }
    }
}
