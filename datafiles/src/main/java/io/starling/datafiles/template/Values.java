package io.starling.datafiles.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Python semantics over the engine's value model: null (None), Boolean, Long, BigInteger (integers that do not
 * fit a long), Double, String, List (lists and tuples), Map (dicts), {@link SqlFragment}.
 */
final class Values {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    /** A Long when the value fits, otherwise the BigInteger. */
    static Object integer(BigInteger value) {
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0 ? (Object) value.longValue() : value;
    }

    static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof BigInteger || value instanceof Boolean;
    }

    static boolean isNumber(Object value) {
        return isInteger(value) || value instanceof Double;
    }

    static BigInteger toBigInteger(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? BigInteger.ONE : BigInteger.ZERO;
        }
        return value instanceof BigInteger big ? big : BigInteger.valueOf((Long) value);
    }

    static double toDouble(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        return toBigInteger(value).doubleValue();
    }

    static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean bool -> bool;
            case Long number -> number != 0;
            case BigInteger number -> number.signum() != 0;
            case Double number -> number != 0.0;
            case String text -> !text.isEmpty();
            case List<?> list -> !list.isEmpty();
            case Map<?, ?> map -> !map.isEmpty();
            case SqlFragment fragment -> !fragment.sql().isEmpty();
            default -> true;
        };
    }

    static boolean equal(Object left, Object right) {
        if (left == null || right == null) {
            return left == right;
        }
        if (isNumber(left) && isNumber(right)) {
            return compareNumbers(left, right) == 0;
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return left.equals(right);
    }

    static int compare(Object left, Object right, int line) {
        if (isNumber(left) && isNumber(right)) {
            return compareNumbers(left, right);
        }
        if (left instanceof String a && right instanceof String b) {
            return a.compareTo(b);
        }
        throw TemplateException.render("cannot compare " + typeName(left) + " with " + typeName(right)
                + "; compare values of the same kind, or check defined(...) first", line);
    }

    private static int compareNumbers(Object left, Object right) {
        if (left instanceof Double || right instanceof Double) {
            return Double.compare(toDouble(left), toDouble(right));
        }
        return toBigInteger(left).compareTo(toBigInteger(right));
    }

    static boolean contains(Object container, Object item, int line) {
        return switch (container) {
            case String text when item instanceof String part -> text.contains(part);
            case List<?> list -> list.stream().anyMatch(element -> equal(element, item));
            case Map<?, ?> map -> map.keySet().stream().anyMatch(key -> equal(key, item));
            case null, default -> throw TemplateException.render("'in' needs a list, dict or string on its right, "
                    + "not " + typeName(container), line);
        };
    }

    /** Python's {@code str()}: the text a value prints as. */
    static String str(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean bool -> bool ? "True" : "False";
            case Double number -> formatDouble(number);
            case SqlFragment fragment -> fragment.sql();
            default -> value.toString();
        };
    }

    static String formatDouble(double number) {
        if (Double.isNaN(number)) {
            return "nan";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "inf" : "-inf";
        }
        String plain = BigDecimal.valueOf(number).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    static String typeName(Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean bool -> "bool";
            case Long number -> "int";
            case BigInteger number -> "int";
            case Double number -> "float";
            case String text -> "str";
            case List<?> list -> "list";
            case Map<?, ?> map -> "dict";
            case SqlFragment fragment -> "SQL";
            default -> value.getClass().getSimpleName();
        };
    }
}
