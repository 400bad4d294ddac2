package io.starling.sql.parser;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.List;

/**
 * Builds ClickHouse-style syntax errors (code 62): {@code Syntax error: failed at position 1 ('SELEC') (line 1, col 1):
 * SELEC 1. Unexpected word SELEC. Expected one of: SELECT, WITH} — the 1-based position, the token there, line and
 * column, the text from there and what was expected.
 */
public final class SyntaxErrors {
    private static final int EXCERPT = 60;

    private SyntaxErrors() {
    }

    public static StarlingException at(String sql, int offset, String what, List<String> expected) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        String rest = offset >= sql.length() ? "" : sql.substring(offset, Math.min(sql.length(), offset + EXCERPT));
        String token = rest.isEmpty() ? "end of query" : firstWord(rest);
        StringBuilder message = new StringBuilder("Syntax error: failed at position ")
                .append(offset + 1).append(" ('").append(token).append("')")
                .append(" (line ").append(line).append(", col ").append(column).append("): ").append(rest.isEmpty() ? "end of query" : rest.strip())
                .append(". ").append(capitalize(what));
        if (!expected.isEmpty()) {
            message.append(". Expected one of: ").append(String.join(", ", expected));
        }
        return new StarlingException(ErrorCode.SYNTAX_ERROR, message.toString());
    }

    private static String firstWord(String rest) {
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
            end++;
        }
        return rest.substring(0, Math.max(1, end));
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
