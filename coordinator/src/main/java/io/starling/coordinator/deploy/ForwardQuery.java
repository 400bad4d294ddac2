package io.starling.coordinator.deploy;

import io.starling.coordinator.catalog.TopLevelText;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A FORWARD_QUERY (spec lifecycle §2.5) turned into a plain select list over the live table's columns, so the SQL
 * engine runs it as {@code SELECT <list> FROM <live rows>}. Accepted forms: an explicit column list, {@code *},
 * {@code * EXCEPT 'a'}, {@code * EXCEPT (a, 'b')}, {@code * REPLACE (expr AS a, ...)} (modifiers may be combined),
 * and {@code *, expr AS a} where the explicit {@code a} wins over the one {@code *} would give. A leading
 * {@code SELECT} is optional; {@code FROM}/{@code WHERE} are not supported and a trailing {@code FROM x} is ignored
 * (one documented example has it).
 */
public final class ForwardQuery {
    private ForwardQuery() {
    }

    /** The select list with every {@code *} expanded against {@code liveColumns}. */
    public static String expand(String forwardQuery, List<String> liveColumns) {
        String body = stripSelect(forwardQuery);
        List<String> items = splitTopLevel(body, ',');
        if (items.isEmpty() || items.stream().allMatch(String::isBlank)) {
            throw bad("FORWARD_QUERY is empty; write the column list, e.g. SELECT * EXCEPT 'a', toInt64(a) AS a");
        }
        Set<String> explicit = new HashSet<>();
        for (String item : items) {
            String alias = alias(item);
            if (alias != null && !item.strip().startsWith("*")) {
                explicit.add(alias);
            }
        }
        List<String> out = new ArrayList<>();
        for (String raw : items) {
            String item = raw.strip();
            if (item.isEmpty()) {
                throw bad("FORWARD_QUERY has an empty column between commas: " + forwardQuery.strip());
            }
            if (!item.startsWith("*")) {
                out.add(item);
                continue;
            }
            Star star = parseStar(item.substring(1).strip());
            for (String column : liveColumns) {
                if (star.except.contains(column) || explicit.contains(column)) {
                    continue;
                }
                String replacement = star.replace.get(column);
                out.add(replacement != null ? "(" + replacement + ") AS " + quote(column) : quote(column));
            }
            for (String replaced : star.replace.keySet()) {
                if (!liveColumns.contains(replaced)) {
                    throw bad("FORWARD_QUERY replaces column '" + replaced + "', which the live data source does not "
                            + "have (it has " + liveColumns + ")");
                }
            }
        }
        return String.join(", ", out);
    }

    private record Star(Set<String> except, Map<String, String> replace) {
    }

    private static Star parseStar(String modifiers) {
        Set<String> except = new HashSet<>();
        Map<String, String> replace = new LinkedHashMap<>();
        String rest = modifiers;
        while (!rest.isEmpty()) {
            String upper = rest.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EXCEPT")) {
                rest = rest.substring("EXCEPT".length()).strip();
                String list;
                if (rest.startsWith("(")) {
                    int close = matching(rest, 0);
                    list = rest.substring(1, close);
                    rest = rest.substring(close + 1).strip();
                } else {
                    int end = tokenEnd(rest);
                    list = rest.substring(0, end);
                    rest = rest.substring(end).strip();
                }
                for (String name : splitTopLevel(list, ',')) {
                    except.add(unquoteName(name.strip()));
                }
            } else if (upper.startsWith("REPLACE")) {
                rest = rest.substring("REPLACE".length()).strip();
                if (!rest.startsWith("(")) {
                    throw bad("FORWARD_QUERY: write * REPLACE (expr AS column, ...) with parentheses");
                }
                int close = matching(rest, 0);
                for (String entry : splitTopLevel(rest.substring(1, close), ',')) {
                    String alias = alias(entry);
                    if (alias == null) {
                        throw bad("FORWARD_QUERY: each * REPLACE entry needs 'expr AS column', got: " + entry.strip());
                    }
                    replace.put(alias, entry.strip().substring(0, aliasStart(entry.strip())).strip());
                }
                rest = rest.substring(close + 1).strip();
            } else {
                throw bad("FORWARD_QUERY: after * only EXCEPT and REPLACE are supported, got: " + rest);
            }
        }
        return new Star(except, replace);
    }

    static String stripSelect(String query) {
        String text = query.strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.length() >= 6 && text.substring(0, 6).equalsIgnoreCase("SELECT")
                && (text.length() == 6 || !Character.isLetterOrDigit(text.charAt(6)) && text.charAt(6) != '_')) {
            text = text.substring(6).strip();
        }
        int from = topLevelKeyword(text, "FROM");
        if (from >= 0) {
            String tail = text.substring(from + 4).strip();
            if (topLevelKeyword(tail, "WHERE") >= 0 || splitTopLevel(tail, ' ').stream().filter(s -> !s.isBlank())
                    .count() > 1) {
                throw bad("FORWARD_QUERY supports only the column list (SELECT a, b, c); FROM and WHERE are not "
                        + "supported, the rows always come from the live data source");
            }
            text = text.substring(0, from).strip();
        }
        return text;
    }

    /** The alias of {@code expr AS name} at top level, unquoted; null when there is none. */
    public static String alias(String item) {
        String text = item.strip();
        int start = aliasStart(text);
        if (start < 0) {
            return null;
        }
        return unquoteName(text.substring(start + 2 + 1).strip());
    }

    /** Where the top-level " AS " of {@code expr AS name} starts (index of the space before AS), or -1. */
    private static int aliasStart(String text) {
        int[] found = {-1};
        TopLevelText.scan(text, (i, c) -> {
            if (Character.isWhitespace(c) && i + 3 < text.length() && text.substring(i + 1, i + 3).equalsIgnoreCase("AS")
                    && Character.isWhitespace(text.charAt(i + 3))) {
                found[0] = i;
            }
            return true;
        });
        if (found[0] < 0) {
            return -1;
        }
        String name = text.substring(found[0] + 4).strip();
        return name.isEmpty() || splitTopLevel(name, ' ').stream().filter(s -> !s.isBlank()).count() != 1 ? -1 : found[0];
    }

    private static int topLevelKeyword(String text, String keyword) {
        return TopLevelText.scan(text, (i, c) -> !((i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                && text.regionMatches(true, i, keyword, 0, keyword.length())
                && (i + keyword.length() == text.length() || Character.isWhitespace(text.charAt(i + keyword.length())))));
    }

    static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = TopLevelText.split(text, separator);
        return parts.size() == 1 && parts.getFirst().isBlank() ? List.of() : parts;
    }

    private static int matching(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw bad("FORWARD_QUERY has an unclosed parenthesis: " + text);
    }

    private static int tokenEnd(String text) {
        if (!text.isEmpty() && (text.charAt(0) == '\'' || text.charAt(0) == '`' || text.charAt(0) == '"')) {
            int close = text.indexOf(text.charAt(0), 1);
            return close < 0 ? text.length() : close + 1;
        }
        int i = 0;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String unquoteName(String name) {
        if (name.length() >= 2 && (name.startsWith("'") && name.endsWith("'") || name.startsWith("`") && name.endsWith("`")
                || name.startsWith("\"") && name.endsWith("\""))) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    public static String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    private static StarlingException bad(String message) {
        return new StarlingException(ErrorCode.SYNTAX_ERROR, message);
    }

}
