package io.starling.datafiles.datasource;

import io.starling.sql.format.input.ColumnDefaults;
import io.starling.sql.format.input.IngestColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses schema text as written in .datasource files and the {@code schema=} API parameter:
 * {@code `name` Type `json:$.path` DEFAULT expr CODEC(...)} separated by commas. Names may be backticked,
 * bare, or (tolerated) single or double quoted; types may hold nested parentheses and quoted arguments;
 * DEFAULT expressions may hold commas inside parentheses, brackets and quotes; a trailing comma is allowed.
 * The variant {@code `json:$.status DEFAULT 'pending'`} (DEFAULT inside the backticks) is tolerated.
 * {@code MATERIALIZED expr} and {@code ALIAS expr} (ClickHouse) take the place of DEFAULT for computed columns.
 * Expressions are compiled against the schema's columns ({@link ColumnDefaults}), so a bad one fails here.
 */
public final class SchemaParser {
    private static final int MAX_COLUMNS = 500;

    private SchemaParser() {
    }

    /** Errors are StarlingExceptions (code 62 or 50) naming the column and what to fix. */
    public static List<SchemaColumn> parse(String schema) {
        return parse(schema, 1);
    }

    /** Like {@link #parse(String)}; error messages count lines from {@code firstLine}. */
    static List<SchemaColumn> parse(String schema, int firstLine) {
        if (schema == null || schema.isBlank()) {
            throw new StarlingException(ErrorCode.SYNTAX_ERROR, "The schema is empty; define columns as "
                    + "`name` Type, for example `timestamp` DateTime, `event` String");
        }
        List<SchemaColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int start = 0;
        while (start < schema.length()) {
            int end = definitionEnd(schema, start);
            String definition = schema.substring(start, end);
            if (!definition.isBlank()) {
                int line = firstLine + lineOf(schema, start + leadingWhitespace(definition));
                SchemaColumn column = new ColumnReader(definition.strip(), columns.size() + 1, line).read();
                if (!names.add(column.name())) {
                    throw new StarlingException(ErrorCode.SYNTAX_ERROR, "Column [" + column.name() + "] (line "
                            + line + ") is defined twice; give each column a unique name");
                }
                columns.add(column);
            }
            start = end + 1;
        }
        if (columns.isEmpty()) {
            throw new StarlingException(ErrorCode.SYNTAX_ERROR, "The schema has no columns; define at least one as `name` Type");
        }
        if (columns.size() > MAX_COLUMNS) {
            throw new StarlingException(ErrorCode.SYNTAX_ERROR, "The schema has [" + columns.size()
                    + "] columns; a data source holds at most " + MAX_COLUMNS);
        }
        checkExpressions(columns);
        return List.copyOf(columns);
    }

    /**
     * Compiles the DEFAULT / MATERIALIZED / ALIAS expressions against the schema's columns, so a data source with
     * an expression that cannot run is refused when it is defined (4xx naming the column), not at its first append.
     */
    private static void checkExpressions(List<SchemaColumn> columns) {
        boolean any = false;
        boolean plain = false;
        List<IngestColumn> ingest = new ArrayList<>(columns.size());
        for (SchemaColumn column : columns) {
            any |= column.defaultExpression() != null;
            plain |= column.defaultKind().fromInput();
            ingest.add(new IngestColumn(column.name(), column.type(), column.jsonPath(), column.defaultExpression(),
                    column.defaultKind()));
        }
        if (!plain) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Every column of the schema is MATERIALIZED or ALIAS;"
                    + " declare at least one column that rows supply");
        }
        if (any) {
            ColumnDefaults.of(ingest);
        }
    }

    /** Index of the comma ending the definition at {@code start} (outside quotes and brackets), or the length. */
    private static int definitionEnd(String text, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == '\\' && quote != '`') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '(' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == ']') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private static int leadingWhitespace(String text) {
        int count = 0;
        while (count < text.length() && Character.isWhitespace(text.charAt(count))) {
            count++;
        }
        return count;
    }

    private static int lineOf(String text, int offset) {
        int line = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Reads one column definition. */
    private static final class ColumnReader {
        private final String text;
        private final int index;
        private final int line;
        private int position;

        ColumnReader(String text, int index, int line) {
            this.text = text;
            this.index = index;
            this.line = line;
        }

        SchemaColumn read() {
            String name = name();
            skipSpaces();
            String typeText = typeText();
            if (typeText.isEmpty()) {
                throw error(name, "has no type; write it after the name, for example `" + name + "` String");
            }
            DataType type;
            try {
                type = DataTypes.parse(typeText);
            } catch (StarlingException e) {
                throw new StarlingException(e.errorCode(), where(name) + ": " + e.getMessage(), e);
            }
            String jsonPath = null;
            String defaultExpression = null;
            IngestColumn.Kind kind = IngestColumn.Kind.DEFAULT;
            String codec = null;
            while (true) {
                skipSpaces();
                if (atEnd()) {
                    break;
                }
                char ch = text.charAt(position);
                if (ch == '`' || (ch == '\'' && text.startsWith("json:", position + 1))) {
                    String token = quoted(name);
                    if (!token.startsWith("json:")) {
                        throw error(name, "has an unexpected quoted token [" + token + "]; jsonpaths are written `json:$.field`");
                    }
                    String path = token.substring(5).strip();
                    int inlineDefault = indexOfKeyword(path, "DEFAULT");
                    if (inlineDefault > 0) {
                        defaultExpression = path.substring(inlineDefault + 7).strip();
                        path = path.substring(0, inlineDefault).strip();
                    }
                    jsonPath = path;
                } else if (keywordAt("DEFAULT") || keywordAt("MATERIALIZED") || keywordAt("ALIAS")) {
                    String keyword = keywordAt("DEFAULT") ? "DEFAULT" : keywordAt("ALIAS") ? "ALIAS" : "MATERIALIZED";
                    if (defaultExpression != null) {
                        throw error(name, "has two of DEFAULT, MATERIALIZED and ALIAS; keep one");
                    }
                    position += keyword.length();
                    kind = IngestColumn.Kind.of(keyword);
                    defaultExpression = expression(name, keyword);
                } else if (keywordAt("CODEC")) {
                    position += 5;
                    skipSpaces();
                    codec = parenthesised(name);
                } else if (keywordAt("EPHEMERAL")) {
                    throw error(name, "uses EPHEMERAL, which data sources do not support; use DEFAULT or MATERIALIZED");
                } else {
                    throw error(name, "has unexpected text [" + text.substring(position)
                            + "]; after the type come `json:$.path`, DEFAULT expr and CODEC(...)");
                }
            }
            if (!kind.fromInput() && jsonPath != null) {
                throw error(name, "is " + kind + " and has a jsonpath; " + kind + " columns are computed, never read "
                        + "from the input: remove `json:" + jsonPath + "` or use DEFAULT");
            }
            return new SchemaColumn(name, type, jsonPath, defaultExpression, codec, kind);
        }

        private String name() {
            skipSpaces();
            if (atEnd()) {
                throw error(null, "is empty");
            }
            char ch = text.charAt(position);
            if (ch == '`' || ch == '\'' || ch == '"') {
                String name = quoted(null);
                if (name.isEmpty()) {
                    throw error(null, "has an empty name");
                }
                return name;
            }
            int start = position;
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_'
                    || text.charAt(position) == '.')) {
                position++;
            }
            if (start == position) {
                throw error(null, "does not start with a name: [" + text + "]; write `name` Type");
            }
            return text.substring(start, position);
        }

        /** The type: a name plus an optional balanced argument list, e.g. DateTime64(3, 'UTC'). */
        private String typeText() {
            int start = position;
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            int afterName = position;
            skipSpaces();
            if (atEnd() || text.charAt(position) != '(') {
                position = afterName;
                return text.substring(start, afterName);
            }
            int depth = 0;
            for (; position < text.length(); position++) {
                char ch = text.charAt(position);
                if (ch == '\'') {
                    int close = text.indexOf('\'', position + 1);
                    position = close < 0 ? text.length() - 1 : close;
                } else if (ch == '(') {
                    depth++;
                } else if (ch == ')' && --depth == 0) {
                    position++;
                    return text.substring(start, position);
                }
            }
            throw error(null, "has an unclosed parenthesis in its type [" + text.substring(start) + "]");
        }

        /** A DEFAULT expression: up to a top-level CODEC keyword or jsonpath, or the end. */
        private String expression(String name, String keyword) {
            skipSpaces();
            int start = position;
            int depth = 0;
            while (!atEnd()) {
                char ch = text.charAt(position);
                if (ch == '\'' || ch == '"') {
                    int close = closingQuote(ch, position + 1);
                    if (close < 0) {
                        throw error(name, "has an unclosed " + ch + " in its DEFAULT expression");
                    }
                    position = close + 1;
                    continue;
                }
                if (ch == '(' || ch == '[') {
                    depth++;
                } else if (ch == ')' || ch == ']') {
                    depth--;
                } else if (ch == '`' && !text.startsWith("json:", position + 1)) {
                    int close = text.indexOf('`', position + 1);
                    if (close < 0) {
                        throw error(name, "has an unclosed ` in its " + keyword + " expression");
                    }
                    position = close + 1;
                    continue;
                } else if (depth == 0 && (ch == '`' || (Character.isWhitespace(text.charAt(position - 1)) && keywordAt("CODEC")))) {
                    break;
                }
                position++;
            }
            String expression = text.substring(start, position).strip();
            if (expression.isEmpty()) {
                throw error(name, "has " + keyword + " without an expression; write " + keyword + " 0, " + keyword
                        + " '' or " + keyword + " now()");
            }
            return expression;
        }

        private int closingQuote(char quote, int from) {
            for (int i = from; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    return i;
                }
            }
            return -1;
        }

        private String parenthesised(String name) {
            if (atEnd() || text.charAt(position) != '(') {
                throw error(name, "has CODEC without arguments; write CODEC(ZSTD(1))");
            }
            int depth = 0;
            int start = position + 1;
            for (; position < text.length(); position++) {
                char ch = text.charAt(position);
                if (ch == '(') {
                    depth++;
                } else if (ch == ')' && --depth == 0) {
                    position++;
                    return text.substring(start, position - 1).strip();
                }
            }
            throw error(name, "has an unclosed CODEC(...)");
        }

        private String quoted(String name) {
            char quote = text.charAt(position);
            int close = text.indexOf(quote, position + 1);
            if (close < 0) {
                throw error(name, "has an unclosed " + quote);
            }
            String value = text.substring(position + 1, close);
            position = close + 1;
            return value;
        }

        private boolean keywordAt(String keyword) {
            int end = position + keyword.length();
            if (end > text.length() || !text.regionMatches(true, position, keyword, 0, keyword.length())) {
                return false;
            }
            return end == text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_');
        }

        private static int indexOfKeyword(String text, String keyword) {
            int found = text.toUpperCase(Locale.ROOT).indexOf(" " + keyword + " ");
            return found < 0 ? -1 : found + 1;
        }

        private void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private boolean atEnd() {
            return position >= text.length();
        }

        private String where(String name) {
            return (name == null ? "Column " + index : "Column [" + name + "]") + " (line " + line + ")";
        }

        private StarlingException error(String name, String what) {
            return new StarlingException(ErrorCode.SYNTAX_ERROR, where(name) + " " + what);
        }
    }
}
