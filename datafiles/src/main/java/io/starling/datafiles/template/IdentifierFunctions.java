package io.starling.datafiles.template;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code column(name, default)}, {@code columns(names, default)} and {@code symbol(name, quote)}: identifiers taken
 * from parameters, validated and quoted by {@link SqlLiterals#identifier} so they cannot inject SQL.
 */
final class IdentifierFunctions {
    private IdentifierFunctions() {
    }

    static Object column(Invocation invocation) {
        String parameter = invocation.parameterName(0);
        String name = valueOrDefault(invocation, parameter, "column(" + parameter + ", 'default_column')", 1);
        if (name.equals("*")) {
            return new SqlFragment("*");
        }
        return new SqlFragment(SqlLiterals.identifier(name, "`", parameter));
    }

    static Object columns(Invocation invocation) {
        String parameter = invocation.parameterName(0);
        Object value = invocation.arg(0);
        List<?> names = value instanceof List<?> list ? list
                : splitNames(valueOrDefault(invocation, parameter, "columns(" + parameter + ", 'a,b,c')", 1));
        List<String> quoted = new ArrayList<>();
        for (Object name : names) {
            String text = Values.str(name).strip();
            if (!text.isEmpty()) {
                quoted.add(text.equals("*") ? "*" : SqlLiterals.identifier(text, "`", parameter));
            }
        }
        if (quoted.isEmpty()) {
            throw TemplateException.parameter(parameter, "Parameter [" + parameter + "] lists no columns; pass a "
                    + "comma-separated list of column names");
        }
        return new SqlFragment(String.join(", ", quoted));
    }

    static Object symbol(Invocation invocation) {
        String parameter = invocation.parameterName(0);
        String name = valueOrDefault(invocation, parameter, "symbol(" + parameter + ")", -1);
        String quote = invocation.stringArg(1, "quote", "`");
        if (!quote.isEmpty() && !quote.equals("`") && !quote.equals("\"")) {
            throw invocation.error("quote [" + quote + "] must be ` or \" or empty");
        }
        return new SqlFragment(SqlLiterals.identifier(name, quote, parameter));
    }

    /** The parameter value, else the default (positional at {@code defaultPosition}, or keyword {@code default}). */
    private static String valueOrDefault(Invocation invocation, String parameter, String example,
                                         int defaultPosition) {
        Object value = invocation.arg(0);
        if (value == null || (value instanceof String text && text.isEmpty())) {
            value = defaultPosition < 0 ? invocation.kwargs().get("default")
                    : invocation.arg(defaultPosition, "default");
        }
        if (value == null) {
            throw TemplateException.parameter(parameter, "Parameter [" + parameter + "] has no value and "
                    + invocation.function() + "() has no default; pass it, or write " + example);
        }
        return Values.str(value);
    }

    private static List<String> splitNames(String text) {
        List<String> names = new ArrayList<>();
        for (String name : text.split(",")) {
            names.add(name.strip());
        }
        return names;
    }
}
