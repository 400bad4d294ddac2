package io.starling.datafiles.datasource;

import io.starling.datafiles.DatafileLines;
import io.starling.datafiles.datasource.DatasourceFile.IndexDefinition;
import io.starling.datafiles.datasource.DatasourceFile.TokenGrant;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line-oriented reader of .datasource files: one {@code INSTRUCTION value} per line, {@code INSTRUCTION >}
 * followed by an indented block (blank lines allowed inside), {@code #} comments at line start, trailing
 * {@code # comments} after values, and values bare, "double-quoted" or 'single-quoted'.
 */
final class DatasourceFileParser {
    private static final Pattern INDEX = Pattern.compile(
            "(?is)^(?:INDEX\\s+)?(\\S+)\\s+(.+?)\\s+TYPE\\s+(.+?)\\s+GRANULARITY\\s+(\\d+)$");

    private final String[] lines;
    private final String fileName;
    private final String resourceName;

    private String description;
    private List<SchemaColumn> schema;
    private final Map<String, String> engine = new LinkedHashMap<>();
    private final List<IndexDefinition> indexes = new ArrayList<>();
    private final List<TokenGrant> tokens = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<String> sharedWith = new ArrayList<>();
    private String forwardQuery;
    private String backfill;
    private final Map<String, String> connectorSettings = new LinkedHashMap<>();

    DatasourceFileParser(String text, String fileName) {
        this.lines = DatafileLines.split(text);
        this.fileName = fileName == null ? "<datasource>" : fileName;
        this.resourceName = DatafileLines.resourceName(this.fileName);
    }

    DatasourceFile parse() {
        int index = 0;
        while (index < lines.length) {
            String line = lines[index];
            int lineNumber = index + 1;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                index++;
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                throw error(lineNumber, "indented text [" + line.strip() + "] is outside a block; blocks start with "
                        + "an instruction ending in '>' such as SCHEMA >");
            }
            String keyword = firstWord(line).toUpperCase(Locale.ROOT);
            String rest = line.substring(firstWord(line).length()).strip();
            if (rest.equals(">")) {
                int end = blockEnd(index + 1);
                instructionBlock(keyword, index + 1, end, lineNumber);
                index = end;
            } else {
                instruction(keyword, rest, lineNumber);
                index++;
            }
        }
        if (schema == null) {
            throw error(1, "has no SCHEMA; add SCHEMA > followed by indented column definitions");
        }
        return new DatasourceFile(resourceName, description, schema, engine.get("ENGINE"),
                engine.get("ENGINE_SORTING_KEY"), engine.get("ENGINE_PARTITION_KEY"), engine.get("ENGINE_PRIMARY_KEY"),
                engine.get("ENGINE_SAMPLING_KEY"), engine.get("ENGINE_TTL"), engine.get("ENGINE_VER"),
                engine.get("ENGINE_SIGN"), engine.get("ENGINE_VERSION"), engine.get("ENGINE_IS_DELETED"),
                engine.get("ENGINE_SETTINGS"), indexes, tokens, tags, sharedWith, forwardQuery, backfill,
                connectorSettings);
    }

    private static String firstWord(String line) {
        return DatafileLines.firstWord(line);
    }

    /** First line index after the indented block starting at {@code start} (trailing blank lines excluded). */
    private int blockEnd(int start) {
        return DatafileLines.blockEnd(lines, start);
    }

    private String blockText(int start, int end) {
        return DatafileLines.blockText(lines, start, end);
    }

    private void instructionBlock(String keyword, int start, int end, int lineNumber) {
        String text = blockText(start, end);
        if (text.isBlank()) {
            throw error(lineNumber, keyword + " > has no indented lines after it; indent the block's content");
        }
        switch (keyword) {
            case "SCHEMA" -> schema = parseSchema(text, start + 1);
            case "DESCRIPTION" -> description = text;
            case "FORWARD_QUERY" -> forwardQuery = text;
            case "INDEXES" -> {
                for (int i = start; i < end; i++) {
                    if (!lines[i].isBlank()) {
                        indexes.add(index(lines[i].strip(), i + 1));
                    }
                }
            }
            case "SHARED_WITH" -> {
                for (String line : text.split("\n")) {
                    addListItems(line, sharedWith);
                }
            }
            default -> {
                if (isConnectorKey(keyword)) {
                    connectorSettings.put(keyword, text);
                } else {
                    throw unknown(keyword, lineNumber);
                }
            }
        }
    }

    private void instruction(String keyword, String rest, int lineNumber) {
        String value = unquote(stripTrailingComment(rest));
        switch (keyword) {
            case "SCHEMA" -> schema = parseSchema(value, lineNumber);
            case "DESCRIPTION" -> description = value;
            case "ENGINE", "ENGINE_SORTING_KEY", "ENGINE_PARTITION_KEY", "ENGINE_PRIMARY_KEY", "ENGINE_SAMPLING_KEY",
                    "ENGINE_TTL", "ENGINE_VER", "ENGINE_SIGN", "ENGINE_VERSION", "ENGINE_IS_DELETED", "ENGINE_SETTINGS" ->
                    engine.put(keyword, value);
            case "TOKEN" -> tokens.add(token(value, lineNumber));
            case "TAGS" -> addListItems(value, tags);
            case "SHARED_WITH" -> addListItems(value, sharedWith);
            case "FORWARD_QUERY" -> forwardQuery = value;
            case "BACKFILL" -> backfill = value;
            default -> {
                if (isConnectorKey(keyword)) {
                    connectorSettings.put(keyword, value);
                } else {
                    throw unknown(keyword, lineNumber);
                }
            }
        }
    }

    private List<SchemaColumn> parseSchema(String text, int firstLine) {
        try {
            return SchemaParser.parse(text, firstLine);
        } catch (StarlingException e) {
            throw new StarlingException(e.errorCode(), fileName + ":" + lineFrom(e.getMessage(), firstLine) + ": "
                    + e.getMessage(), e);
        }
    }

    private static int lineFrom(String message, int fallback) {
        Matcher matcher = Pattern.compile("\\(line (\\d+)\\)").matcher(message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : fallback;
    }

    private static boolean isConnectorKey(String keyword) {
        return keyword.startsWith("KAFKA_") || keyword.startsWith("IMPORT_");
    }

    private TokenGrant token(String value, int lineNumber) {
        String[] parts = value.strip().split("\\s+");
        if (parts.length != 2) {
            throw error(lineNumber, "TOKEN needs a name and a scope, as in TOKEN tracker APPEND");
        }
        String scope = parts[1].toUpperCase(Locale.ROOT);
        // CREATE is what classic Tinybird projects (log-analytics-starter-kit) grant beside APPEND; it is kept
        // as written, like the others, for whoever turns grants into tokens.
        if (!scope.equals("READ") && !scope.equals("APPEND") && !scope.equals("CREATE")) {
            throw error(lineNumber, "TOKEN scope [" + parts[1] + "] is not READ, APPEND or CREATE");
        }
        return new TokenGrant(unquote(parts[0]), scope);
    }

    private IndexDefinition index(String line, int lineNumber) {
        String definition = line.endsWith(",") ? line.substring(0, line.length() - 1).strip() : line;
        Matcher matcher = INDEX.matcher(definition);
        if (!matcher.matches()) {
            throw error(lineNumber, "index [" + definition + "] is not INDEX name expression TYPE type GRANULARITY n");
        }
        return new IndexDefinition(matcher.group(1), matcher.group(2).strip(), matcher.group(3).strip(),
                Integer.parseInt(matcher.group(4)));
    }

    private static void addListItems(String text, List<String> target) {
        for (String item : text.split(",")) {
            String value = unquote(item.strip());
            if (!value.isEmpty()) {
                target.add(value);
            }
        }
    }

    /** Drops a {@code # comment} that follows a value (outside quotes). */
    private static String stripTrailingComment(String value) {
        return DatafileLines.stripTrailingComment(value);
    }

    private static String unquote(String value) {
        return DatafileLines.unquote(value);
    }

    private StarlingException unknown(String keyword, int lineNumber) {
        return error(lineNumber, "unknown instruction [" + keyword + "]; .datasource files take SCHEMA, DESCRIPTION, "
                + "ENGINE, ENGINE_*, INDEXES, TOKEN, TAGS, SHARED_WITH, FORWARD_QUERY, BACKFILL, KAFKA_* and IMPORT_*");
    }

    private StarlingException error(int lineNumber, String what) {
        return new StarlingException(ErrorCode.SYNTAX_ERROR, fileName + ":" + lineNumber + ": " + what);
    }
}
