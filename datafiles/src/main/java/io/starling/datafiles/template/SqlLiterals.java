package io.starling.datafiles.template;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns template values into ClickHouse SQL text. This is the single place where request input meets SQL:
 * strings become quoted literals with backslash escapes, numbers are written from parsed numeric values, and
 * identifiers are validated and backtick-quoted. Nothing else reaches the output unquoted.
 */
final class SqlLiterals {
    private static final Pattern BARE_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_IDENTIFIER_LENGTH = 512;

    private SqlLiterals() {
    }

    /** The SQL text for the value of a {@code {{ expr }}}. */
    static String render(Object value, int line) {
        return switch (value) {
            case null -> "NULL";
            case SqlFragment fragment -> fragment.sql();
            case String text -> quote(text);
            case Boolean bool -> bool ? "1" : "0";
            case Long number -> number.toString();
            case BigInteger number -> number.toString();
            case Double number -> number.isNaN() ? "nan" : number.isInfinite() ? (number > 0 ? "inf" : "-inf")
                    : Values.formatDouble(number);
            case List<?> list -> array(list, line);
            default -> throw TemplateException.render("cannot write a " + Values.typeName(value)
                    + " into SQL; pick a field of it, as in item.get('name')", line);
        };
    }

    private static String array(List<?> items, int line) {
        StringBuilder sql = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sql.append(',');
            }
            sql.append(render(items.get(i), line));
        }
        return sql.append(']').toString();
    }

    /** A single-quoted ClickHouse string literal; backslash, quote and control characters are escaped. */
    static String quote(String text) {
        StringBuilder sql = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sql.append("\\\\");
                case '\'' -> sql.append("\\'");
                case '\n' -> sql.append("\\n");
                case '\r' -> sql.append("\\r");
                case '\t' -> sql.append("\\t");
                case '\0' -> sql.append("\\0");
                default -> sql.append(c);
            }
        }
        return sql.append('\'').toString();
    }

    /**
     * A quoted identifier for a column or symbol name. Names with a backtick, backslash or control character are
     * rejected rather than escaped, so a parameter can never close the quotes.
     *
     * @param quote the quote character ({@code `} or {@code "}), or empty for a bare identifier
     */
    static String identifier(String name, String quote, String parameter) {
        if (name.isEmpty()) {
            throw TemplateException.parameter(parameter, "Column name for parameter [" + parameter + "] is empty; "
                    + "pass a column name");
        }
        if (name.length() > MAX_IDENTIFIER_LENGTH) {
            throw TemplateException.parameter(parameter, "Column name for parameter [" + parameter + "] is longer "
                    + "than " + MAX_IDENTIFIER_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '`' || c == '\\' || c == '"' || c == '\'' || Character.isISOControl(c)) {
                throw TemplateException.parameter(parameter, "Column name [" + printable(name) + "] for parameter ["
                        + parameter + "] contains a quote, backslash or control character; pass a plain column name");
            }
        }
        if (quote.isEmpty()) {
            if (!BARE_IDENTIFIER.matcher(name).matches()) {
                throw TemplateException.parameter(parameter, "Symbol [" + name + "] for parameter [" + parameter
                        + "] is not a plain identifier (letters, digits, _)");
            }
            return name;
        }
        return quote + name + quote;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }
}
