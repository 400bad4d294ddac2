package io.starling.sql.format.input;

import io.starling.sql.format.ByteSink;
import io.starling.sql.format.DateTimeText;
import io.starling.sql.format.ValueText;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.LowCardinalityType;
import java.util.Locale;

/**
 * Evaluates a column's DEFAULT expression once per ingestion, when it is a literal: numbers, {@code 'text'},
 * {@code true}/{@code false}, {@code NULL}, {@code []} or an array literal, {@code now()}, {@code now64()},
 * {@code today()}, and one conversion call around a literal ({@code toDateTime('2024-01-01')}). Other
 * expressions (those reading other columns, e.g. {@code JSONExtractString(__value, 'id')}) are evaluated over
 * the parsed block by {@link ColumnDefaults}.
 */
final class DefaultValues {
    private DefaultValues() {
    }

    /** True when {@link #evaluate} handles {@code expression} (a literal, or NULL): no per-block evaluation needed. */
    static boolean isLiteral(String expression, DataType type) {
        if (expression == null || expression.isBlank()) {
            return true;
        }
        String trimmed = expression.trim();
        return trimmed.equalsIgnoreCase("null") || literalText(trimmed, type, 0) != null;
    }

    /** False when the literal is not a value of {@code type} ({@code 'abc'} for Int64); an empty string is let through. */
    static boolean fits(String expression, DataType type) {
        if (expression == null || expression.isBlank()) {
            return true;
        }
        String text = literalText(expression.trim(), type, 0);
        return text == null || text.isEmpty() || ValueText.parseSingle(type, text) != null;
    }

    /** A one-row column with the default value, or null when the type's own default (0, '', []) applies. */
    static Column evaluate(String expression, DataType type, long nowEpochSeconds) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        String text = literalText(expression.trim(), type, nowEpochSeconds);
        if (text == null) {
            return null;
        }
        return ValueText.parseSingle(type, text);
    }

    private static String literalText(String expression, DataType type, long now) {
        String lower = expression.toLowerCase(Locale.ROOT);
        if (lower.equals("now()") || lower.equals("current_timestamp()") || lower.equals("current_timestamp")
                || lower.startsWith("now64(")) {
            return isDate(type) ? dateText(Math.floorDiv(now, 86_400)) : Long.toString(now);
        }
        if (lower.equals("today()") || lower.equals("current_date()") || lower.equals("current_date")) {
            long days = Math.floorDiv(now, 86_400);
            return isDate(type) ? dateText(days) : Long.toString(days * 86_400);
        }
        if (lower.equals("null")) {
            return type.isNullable() ? "\\N" : null;
        }
        if (expression.startsWith("'") && expression.endsWith("'") && expression.length() >= 2) {
            return unquote(expression.substring(1, expression.length() - 1));
        }
        if (expression.startsWith("[") || lower.equals("true") || lower.equals("false")
                || lower.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?|[-+]?(inf|nan)")) {
            return expression;
        }
        int open = expression.indexOf('(');
        if (open > 0 && expression.endsWith(")") && lower.startsWith("to")
                && lower.substring(0, open).matches("[a-z0-9_]+")) {
            String argument = expression.substring(open + 1, expression.length() - 1).trim();
            int comma = topLevelComma(argument);
            return literalText(comma < 0 ? argument : argument.substring(0, comma).trim(), type, now);
        }
        return null;
    }

    private static boolean isDate(DataType type) {
        DataType base = type.unwrapNullable();
        if (base instanceof LowCardinalityType lowCardinality) {
            base = lowCardinality.inner().unwrapNullable();
        }
        return base instanceof DateType;
    }

    private static String dateText(long days) {
        ByteSink sink = new ByteSink();
        DateTimeText.writeDate(days, sink);
        return sink.toString();
    }

    private static String unquote(String body) {
        StringBuilder result = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if ((ch == '\\' || ch == '\'') && i + 1 < body.length()) {
                char next = body.charAt(++i);
                if (ch == '\'' && next != '\'') {
                    result.append(ch);
                    i--;
                    continue;
                }
                result.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> next;
                });
            } else {
                result.append(ch);
            }
        }
        return result.toString();
    }

    private static int topLevelComma(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (ch == '(' || ch == '[')) {
                depth++;
            } else if (!quoted && (ch == ')' || ch == ']')) {
                depth--;
            } else if (!quoted && ch == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Appends {@code value} (a one-row column from {@link #evaluate}) or the type default when null. */
    static void append(Column value, ColumnBuilder builder) {
        if (value == null) {
            builder.appendDefault();
        } else {
            builder.appendFrom(value, 0);
        }
    }
}
