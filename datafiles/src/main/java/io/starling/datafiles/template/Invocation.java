package io.starling.datafiles.template;

import java.util.List;
import java.util.Map;

/**
 * One call of a template function: evaluated arguments, plus the parameter name behind each positional argument
 * that was written as a bare name (so {@code Int32(limit)} can say which parameter is wrong).
 */
record Invocation(
        String function,
        List<Object> args,
        List<String> argNames,
        Map<String, Object> kwargs,
        Expr.Call call,
        RenderScope scope,
        Evaluator evaluator,
        int line) {

    Object arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** Positional argument {@code index}, else keyword argument {@code keyword}, else null. */
    Object arg(int index, String keyword) {
        return index < args.size() ? args.get(index) : kwargs.get(keyword);
    }

    boolean has(int index, String keyword) {
        return index < args.size() || kwargs.containsKey(keyword);
    }

    /** The parameter name written as argument {@code index}, or a readable stand-in. */
    String parameterName(int index) {
        String name = index < argNames.size() ? argNames.get(index) : null;
        return name == null ? "<expression>" : name;
    }

    String stringArg(int index, String keyword, String fallback) {
        Object value = arg(index, keyword);
        return value == null ? fallback : Values.str(value);
    }

    TemplateException error(String message) {
        return TemplateException.render(function + "(): " + message, line);
    }
}
