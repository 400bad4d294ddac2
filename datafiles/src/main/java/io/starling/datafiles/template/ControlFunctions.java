package io.starling.datafiles.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code defined}, {@code error}, {@code custom_error}, {@code max_threads} and {@code tb_secret}. */
final class ControlFunctions {
    private ControlFunctions() {
    }

    /** {@code defined(x)}: the parameter or variable has a value (not None). */
    static Object defined(Invocation invocation) {
        if (invocation.args().size() != 1) {
            throw invocation.error("takes one parameter name, as in defined(my_filter)");
        }
        return invocation.arg(0) != null;
    }

    /** {@code error(message, status=400)}: stops rendering; the endpoint answers {"error": message}. */
    static Object error(Invocation invocation) {
        String message = invocation.stringArg(0, "message", "Template error");
        throw TemplateException.userError(message, status(invocation, invocation.arg(1, "code")));
    }

    /** {@code custom_error({...}, status=400)}: stops rendering; the endpoint answers with the dict as JSON. */
    static Object customError(Invocation invocation) {
        if (!(invocation.arg(0) instanceof Map<?, ?> body)) {
            throw invocation.error("needs a dict as first argument, as in custom_error({'error': 'message'})");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : body.entrySet()) {
            json.put(Values.str(entry.getKey()), entry.getValue());
        }
        throw TemplateException.customError(json, status(invocation, invocation.arg(1, "code")));
    }

    private static int status(Invocation invocation, Object code) {
        if (code == null) {
            return 400;
        }
        if (!Values.isInteger(code) || Values.toBigInteger(code).intValue() < 400
                || Values.toBigInteger(code).intValue() > 599) {
            throw invocation.error("status [" + Values.str(code) + "] must be an HTTP error status from 400 to 599");
        }
        return Values.toBigInteger(code).intValue();
    }

    /** {@code max_threads(n)}: a query setting; renders nothing. */
    static Object maxThreads(Invocation invocation) {
        Object value = ParameterTypes.convert("UInt16", invocation.arg(0) == null ? "" : invocation.arg(0),
                "max_threads");
        long threads = (Long) value;
        if (threads < 1) {
            throw invocation.error("needs a thread count of at least 1");
        }
        invocation.scope().setting("max_threads", Long.toString(threads));
        return SqlFragment.EMPTY;
    }

    /** {@code tb_secret(name, default)} / {@code tb_var}: a deploy-time secret, rendered as a string literal. */
    static Object secret(Invocation invocation) {
        String name = invocation.stringArg(0, "name", null);
        if (name == null) {
            throw invocation.error("needs the secret name, as in tb_secret('db_password')");
        }
        String value = invocation.scope().secret(name);
        if (value != null) {
            return value;
        }
        Object fallback = invocation.arg(1, "default");
        if (fallback == null) {
            throw TemplateException.render("secret [" + name + "] is not set and has no default; create it with "
                    + "tb secret set " + name + " <value>", invocation.line());
        }
        return Values.str(fallback);
    }
}
