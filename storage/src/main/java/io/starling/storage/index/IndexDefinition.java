package io.starling.storage.index;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One data-skipping index of a table: {@code INDEX name expr TYPE type[(args)] GRANULARITY g}.
 *
 * @param name        index name (unique per table; names the file {@code skp_idx_<name>.idx})
 * @param expression  the indexed expression as ClickHouse text; a plain column name for column indexes
 * @param type        one of {@code minmax}, {@code set}, {@code bloom_filter}, {@code tokenbf_v1}, {@code ngrambf_v1}
 * @param arguments   the type's arguments as written ({@code set(100)} gives {@code ["100"]})
 * @param granularity data granules summarised by one index entry
 */
public record IndexDefinition(String name, String expression, String type, List<String> arguments, int granularity) {
    public static final List<String> TYPES = List.of("minmax", "set", "bloom_filter", "tokenbf_v1", "ngrambf_v1");

    public IndexDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        type = type.toLowerCase(Locale.ROOT);
        arguments = List.copyOf(arguments);
        if (!TYPES.contains(type)) {
            throw bad(name, "type [" + type + "] is unknown; use minmax, set(N), bloom_filter, tokenbf_v1 or ngrambf_v1");
        }
        if (granularity < 1) {
            throw bad(name, "GRANULARITY [" + granularity + "] must be at least 1");
        }
        int wanted = switch (type) {
            case "minmax" -> 0;
            case "set" -> 1;
            case "bloom_filter" -> arguments.size() <= 1 ? arguments.size() : -1;
            case "tokenbf_v1" -> 3;
            default -> 4;
        };
        if (wanted != arguments.size()) {
            throw bad(name, "type " + type + " takes " + switch (type) {
                case "minmax" -> "no arguments";
                case "set" -> "one argument, the maximum number of distinct values per entry (0 = unlimited)";
                case "bloom_filter" -> "at most one argument, the false-positive rate, e.g. bloom_filter(0.01)";
                case "tokenbf_v1" -> "three arguments: size in bytes, number of hash functions, seed";
                default -> "four arguments: n-gram size, size in bytes, number of hash functions, seed";
            });
        }
        for (int i = 0; i < arguments.size(); i++) {
            try {
                double value = Double.parseDouble(arguments.get(i));
                boolean ok = type.equals("bloom_filter") ? value > 0 && value < 1 : value >= 0 && value == Math.rint(value);
                if (!ok || (type.endsWith("bf_v1") && value > Integer.MAX_VALUE)) {
                    throw bad(name, "argument [" + arguments.get(i) + "] of " + type + " is out of range");
                }
            } catch (NumberFormatException e) {
                throw bad(name, "argument [" + arguments.get(i) + "] of " + type + " is not a number");
            }
        }
        if (type.equals("ngrambf_v1") && (intArgument(arguments, 0) < 1 || intArgument(arguments, 0) > 8)) {
            throw bad(name, "the n-gram size of ngrambf_v1 must be between 1 and 8");
        }
        if (type.endsWith("bf_v1") && (intArgument(arguments, arguments.size() - 3) < 1
                || intArgument(arguments, arguments.size() - 2) < 1)) {
            throw bad(name, "the size in bytes and the number of hash functions must be at least 1");
        }
    }

    /**
     * Parses one line of an {@code INDEXES >} block: {@code INDEX idx1 action TYPE bloom_filter GRANULARITY 3}
     * (the leading {@code INDEX} keyword and the {@code GRANULARITY} clause are optional; granularity 1 by default).
     */
    public static IndexDefinition parse(String line) {
        String text = line.trim();
        if (text.endsWith(",")) {
            text = text.substring(0, text.length() - 1).trim();
        }
        if (startsWithWord(text, "INDEX")) {
            text = text.substring(5).trim();
        }
        int nameEnd = 0;
        String name;
        if (text.startsWith("`")) {
            nameEnd = text.indexOf('`', 1);
            if (nameEnd < 0) {
                throw syntax(line, "the index name has no closing backquote");
            }
            name = text.substring(1, nameEnd);
            nameEnd++;
        } else {
            while (nameEnd < text.length() && !Character.isWhitespace(text.charAt(nameEnd))) {
                nameEnd++;
            }
            name = text.substring(0, nameEnd);
        }
        if (name.isEmpty()) {
            throw syntax(line, "the index has no name");
        }
        String rest = text.substring(nameEnd).trim();
        int typeAt = findKeyword(rest, "TYPE");
        if (typeAt < 0) {
            throw syntax(line, "TYPE is missing");
        }
        String expression = rest.substring(0, typeAt).trim();
        if (expression.isEmpty()) {
            throw syntax(line, "the indexed expression is missing");
        }
        String typeText = rest.substring(typeAt + 4).trim();
        int granularity = 1;
        int granularityAt = findKeyword(typeText, "GRANULARITY");
        if (granularityAt >= 0) {
            String number = typeText.substring(granularityAt + "GRANULARITY".length()).trim();
            try {
                granularity = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw syntax(line, "GRANULARITY [" + number + "] is not a number");
            }
            typeText = typeText.substring(0, granularityAt).trim();
        }
        String type = typeText;
        List<String> arguments = new ArrayList<>();
        int open = typeText.indexOf('(');
        if (open >= 0) {
            if (!typeText.endsWith(")")) {
                throw syntax(line, "the type's argument list is not closed");
            }
            type = typeText.substring(0, open).trim();
            String inner = typeText.substring(open + 1, typeText.length() - 1).trim();
            if (!inner.isEmpty()) {
                for (String argument : inner.split(",")) {
                    arguments.add(argument.trim());
                }
            }
        }
        return new IndexDefinition(name, expression, type, arguments, granularity);
    }

    /** The plain column this index covers, or null when the expression is not a bare (possibly backquoted) name. */
    public String column() {
        String text = expression.trim();
        if (text.length() > 1 && text.startsWith("`") && text.endsWith("`") && text.indexOf('`', 1) == text.length() - 1) {
            return text.substring(1, text.length() - 1);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_') || (i == 0 && Character.isDigit(c))) {
                return null;
            }
        }
        return text.isEmpty() ? null : text;
    }

    /** Canonical text: {@code INDEX name expr TYPE type(args) GRANULARITY g}. */
    public String text() {
        return "INDEX " + name + " " + expression + " TYPE " + type
                + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")") + " GRANULARITY " + granularity;
    }

    static int intArgument(List<String> arguments, int index) {
        return (int) Double.parseDouble(arguments.get(index));
    }

    private static boolean startsWithWord(String text, String word) {
        return text.regionMatches(true, 0, word, 0, word.length())
                && (text.length() == word.length() || Character.isWhitespace(text.charAt(word.length())));
    }

    /** Position of a whole-word keyword outside parentheses and quotes, or -1. */
    private static int findKeyword(String text, String keyword) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '`' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && text.regionMatches(true, i, keyword, 0, keyword.length())
                    && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                    && (i + keyword.length() == text.length() || Character.isWhitespace(text.charAt(i + keyword.length())))) {
                return i;
            }
        }
        return -1;
    }

    private static StarlingException bad(String name, String why) {
        return new StarlingException(ErrorCode.BAD_ARGUMENTS, "Index [" + name + "] is invalid: " + why);
    }

    private static StarlingException syntax(String line, String why) {
        return new StarlingException(ErrorCode.SYNTAX_ERROR, "Cannot parse index [" + line.trim() + "]: " + why
                + ". Write it as INDEX name expr TYPE bloom_filter GRANULARITY 3");
    }
}
