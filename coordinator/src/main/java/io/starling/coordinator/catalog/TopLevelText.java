package io.starling.coordinator.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks SQL-ish text (keys, schemas, forward queries) at the top level: outside quotes ({@code ' " `} with
 * backslash escapes) and outside {@code ()}/{@code []} nesting. The one place that knows those rules.
 */
public final class TopLevelText {
    private TopLevelText() {
    }

    /** Sees each top-level character that is not a quote or bracket; answers false to stop the walk. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(int index, char character);
    }

    /** Visits the top-level characters in order; answers the index where the visitor stopped, or -1. */
    public static int scan(String text, Visitor visitor) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"', '`' -> quote = c;
                case '(', '[' -> depth++;
                case ')', ']' -> depth--;
                default -> {
                    if (depth == 0 && !visitor.visit(i, c)) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * The pieces between top-level {@code separator}s (any whitespace when it is a space), unstripped; a text
     * without separators is one piece.
     */
    public static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int[] start = {0};
        scan(text, (index, c) -> {
            if (c == separator || separator == ' ' && Character.isWhitespace(c)) {
                parts.add(text.substring(start[0], index));
                start[0] = index + 1;
            }
            return true;
        });
        parts.add(text.substring(start[0]));
        return parts;
    }
}
