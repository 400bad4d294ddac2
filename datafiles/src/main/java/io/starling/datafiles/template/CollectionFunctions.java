package io.starling.datafiles.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** {@code split_to_array}, {@code enumerate_with_last}, {@code sql_and} and {@code JSON}. */
final class CollectionFunctions {
    private static final Map<String, String> SQL_AND_OPERATORS = Map.of("in", "IN", "not_in", "NOT IN", "gt", ">",
            "lt", "<", "gte", ">=", "lte", "<=", "eq", "=", "neq", "!=");

    private CollectionFunctions() {
    }

    /** {@code split_to_array(value, default='', separator=',')} → list of trimmed, non-empty strings. */
    static Object splitToArray(Invocation invocation) {
        Object value = invocation.arg(0);
        if (value instanceof List<?> list) {
            return list.stream().map(Values::str).toList();
        }
        if (value == null || (value instanceof String text && text.isEmpty())) {
            value = invocation.arg(1, "default");
        }
        String separator = invocation.stringArg(2, "separator", ",");
        if (separator.isEmpty()) {
            throw invocation.error("separator is empty; pass a separator such as ','");
        }
        List<String> items = new ArrayList<>();
        if (value != null) {
            String text = Values.str(value);
            int start = 0;
            while (start <= text.length()) {
                int end = text.indexOf(separator, start);
                String item = (end < 0 ? text.substring(start) : text.substring(start, end)).strip();
                if (!item.isEmpty()) {
                    items.add(item);
                }
                if (end < 0) {
                    break;
                }
                start = end + separator.length();
            }
        }
        return Collections.unmodifiableList(items);
    }

    /** {@code enumerate_with_last(items)} → list of [is_last, item]. */
    static Object enumerateWithLast(Invocation invocation) {
        List<?> items = iterable(invocation, invocation.arg(0));
        List<Object> pairs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            pairs.add(Collections.unmodifiableList(Arrays.asList(i == items.size() - 1, items.get(i))));
        }
        return Collections.unmodifiableList(pairs);
    }

    /** {@code enumerate(items)} → list of [index, item]. */
    static Object enumerate(Invocation invocation) {
        List<?> items = iterable(invocation, invocation.arg(0));
        List<Object> pairs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            pairs.add(Collections.unmodifiableList(Arrays.asList((long) i, items.get(i))));
        }
        return Collections.unmodifiableList(pairs);
    }

    static List<?> iterable(Invocation invocation, Object value) {
        return switch (value) {
            case List<?> list -> list;
            case Map<?, ?> map -> List.copyOf(map.keySet());
            case String text -> text.chars().mapToObj(c -> String.valueOf((char) c)).toList();
            case null -> List.of();
            default -> throw invocation.error("needs a list, not a " + Values.typeName(value));
        };
    }

    /**
     * {@code sql_and(col__op=TypedFn(...), ...)}: {@code col IN [..] AND col2 > x}; filters whose parameter is
     * missing (None, or a typed call that would render a placeholder) are left out; with none left renders 1.
     */
    static Object sqlAnd(Invocation invocation) {
        if (!invocation.args().isEmpty()) {
            throw invocation.error("takes only keyword arguments, as in sql_and(country__in=Array(countries))");
        }
        List<String> filters = new ArrayList<>();
        for (Map.Entry<String, Expr> entry : invocation.call().kwargs().entrySet()) {
            Object value = invocation.kwargs().get(entry.getKey());
            if (value == null || invocation.evaluator().isMissingParameterCall(entry.getValue())) {
                continue;
            }
            filters.add(filter(invocation, entry.getKey(), value));
        }
        return new SqlFragment(filters.isEmpty() ? "1" : String.join(" AND ", filters));
    }

    private static String filter(Invocation invocation, String key, Object value) {
        int split = key.lastIndexOf("__");
        String column = split > 0 ? key.substring(0, split) : key;
        String operator = split > 0 ? SQL_AND_OPERATORS.get(key.substring(split + 2)) : "=";
        if (operator == null) {
            throw invocation.error("operator [" + key.substring(split + 2) + "] of [" + key + "] is not one of "
                    + "in, not_in, gt, lt, gte, lte, eq, neq");
        }
        boolean set = operator.endsWith("IN");
        List<?> values = value instanceof List<?> list ? list : null;
        if (!set && values != null) {
            throw invocation.error("[" + key + "] compares with one value but was given a list");
        }
        String rendered = SqlLiterals.render(set && values == null ? List.of(value) : value, invocation.line());
        return column + " " + operator + " " + rendered;
    }

    /** {@code JSON(param, default)}: the parameter parsed as JSON into dicts, lists, strings and numbers. */
    static Object json(Invocation invocation) {
        String parameter = invocation.parameterName(0);
        Object value = invocation.arg(0);
        if (value == null || (value instanceof String text && text.isBlank())) {
            value = invocation.arg(1, "default");
        }
        if (!(value instanceof String text)) {
            return value;
        }
        return JsonValues.parse(text, parameter);
    }
}
