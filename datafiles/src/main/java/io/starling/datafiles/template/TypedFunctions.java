package io.starling.datafiles.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The typed parameter functions: {@code String(x, default, description=, required=, example=, format=)}, the
 * Int/UInt/Float families, Boolean, Date, DateTime, DateTime64, and {@code Array(x, 'Type', default=, defined=,
 * enum=)}. A missing parameter takes the default, else fails when {@code required=True}, else renders None when
 * {@code defined=False}, else the type's placeholder.
 */
final class TypedFunctions {
    private TypedFunctions() {
    }

    /** Missing means not given; an empty value also counts as missing for every type but String. */
    static boolean isMissing(Object value, String type) {
        return value == null || (value instanceof String text && text.isEmpty() && !type.equals("String"));
    }

    static TemplateFunction scalar(String type) {
        return invocation -> {
            if (invocation.args().isEmpty()) {
                throw invocation.error("needs the parameter as first argument, as in " + type + "(name)");
            }
            String parameter = invocation.parameterName(0);
            Object value = invocation.arg(0);
            if (isMissing(value, type)) {
                checkRequired(invocation, parameter, type);
                Object fallback = invocation.arg(1, "default");
                if (fallback != null) {
                    return ParameterTypes.convert(type, fallback, parameter);
                }
                if (explicitlyUndefined(invocation)) {
                    return null;
                }
                return ParameterTypes.placeholder(type);
            }
            return ParameterTypes.convert(type, value, parameter);
        };
    }

    static Object array(Invocation invocation) {
        if (invocation.args().isEmpty()) {
            throw invocation.error("needs the parameter as first argument, as in Array(name, 'Int32')");
        }
        String parameter = invocation.parameterName(0);
        String type = invocation.stringArg(1, "type", "String");
        if (!ParameterTypes.isScalarType(type)) {
            throw invocation.error("element type [" + type + "] is not a template type; use String, Int32, "
                    + "Float64, Date, DateTime, ...");
        }
        Object value = invocation.arg(0);
        if (isMissing(value, "Array")) {
            checkRequired(invocation, parameter, "Array(" + type + ")");
            Object fallback = invocation.arg(2, "default");
            if (fallback != null) {
                return elements(invocation, fallback, type, parameter);
            }
            if (explicitlyUndefined(invocation)) {
                return null;
            }
            return ParameterTypes.isNumeric(type) ? List.of(0L, 1L)
                    : List.of(ParameterTypes.NO_VALUE + "0", ParameterTypes.NO_VALUE + "1");
        }
        return elements(invocation, value, type, parameter);
    }

    private static List<Object> elements(Invocation invocation, Object value, String type, String parameter) {
        List<?> raw = value instanceof List<?> list ? list : split(Values.str(value), !type.equals("String"));
        Object allowed = invocation.kwargs().get("enum");
        List<Object> converted = new ArrayList<>(raw.size());
        for (Object element : raw) {
            Object item = ParameterTypes.convert(type, element, parameter);
            if (allowed instanceof List<?> options && options.stream().noneMatch(
                    option -> Values.equal(option, item) || Values.str(option).equals(Values.str(element)))) {
                throw TemplateException.parameter(parameter, "Parameter [" + parameter + "] value ["
                        + Values.str(element) + "] is not one of the allowed values " + Values.str(options));
            }
            converted.add(item);
        }
        return Collections.unmodifiableList(converted);
    }

    private static List<String> split(String text, boolean strip) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            items.add(strip ? item.strip() : item);
        }
        return items;
    }

    private static void checkRequired(Invocation invocation, String parameter, String type) {
        if (Values.truthy(invocation.kwargs().get("required"))) {
            throw TemplateException.parameter(parameter, "Required parameter [" + parameter + "] of type [" + type
                    + "] is missing; pass it in the request, as in ?" + parameter + "=<value>");
        }
    }

    private static boolean explicitlyUndefined(Invocation invocation) {
        return invocation.kwargs().containsKey("defined") && !Values.truthy(invocation.kwargs().get("defined"));
    }
}
