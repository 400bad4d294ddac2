package io.starling.datafiles.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The Python builtins templates use: len, str, int, float, bool, abs, min, max, range. */
final class Builtins {
    private static final int MAX_RANGE = 100_000;

    private Builtins() {
    }

    static Object len(Invocation invocation) {
        return switch (invocation.arg(0)) {
            case String text -> (long) text.length();
            case List<?> list -> (long) list.size();
            case Map<?, ?> map -> (long) map.size();
            case null, default -> throw invocation.error("needs a string, list or dict");
        };
    }

    static Object str(Invocation invocation) {
        return Values.str(invocation.arg(0));
    }

    static Object toInt(Invocation invocation) {
        Object value = invocation.arg(0);
        if (value instanceof Double d) {
            return Values.integer(java.math.BigDecimal.valueOf(d).toBigInteger());
        }
        return ParameterTypes.convert("Int", value == null ? "" : value, invocation.parameterName(0));
    }

    static Object toFloat(Invocation invocation) {
        Object value = invocation.arg(0);
        return ParameterTypes.convert("Float64", value == null ? "" : value, invocation.parameterName(0));
    }

    static Object bool(Invocation invocation) {
        return Values.truthy(invocation.arg(0));
    }

    static Object abs(Invocation invocation) {
        Object value = invocation.arg(0);
        if (value instanceof Double d) {
            return Math.abs(d);
        }
        if (!Values.isInteger(value)) {
            throw invocation.error("needs a number");
        }
        return Values.integer(Values.toBigInteger(value).abs());
    }

    static TemplateFunction extreme(boolean max) {
        return invocation -> {
            List<?> items = invocation.args().size() == 1
                    ? CollectionFunctions.iterable(invocation, invocation.arg(0)) : invocation.args();
            if (items.isEmpty()) {
                throw invocation.error("needs at least one value");
            }
            Object best = items.getFirst();
            for (Object item : items) {
                int order = Values.compare(item, best, invocation.line());
                if (max ? order > 0 : order < 0) {
                    best = item;
                }
            }
            return best;
        };
    }

    static Object range(Invocation invocation) {
        long start = 0;
        long stop;
        if (invocation.args().size() >= 2) {
            start = number(invocation, 0);
            stop = number(invocation, 1);
        } else {
            stop = number(invocation, 0);
        }
        if (stop - start > MAX_RANGE) {
            throw invocation.error("range is longer than " + MAX_RANGE);
        }
        List<Object> items = new ArrayList<>();
        for (long i = start; i < stop; i++) {
            items.add(i);
        }
        return Collections.unmodifiableList(items);
    }

    private static long number(Invocation invocation, int index) {
        Object value = invocation.arg(index);
        if (!Values.isInteger(value)) {
            throw invocation.error("needs whole numbers");
        }
        BigInteger number = Values.toBigInteger(value);
        return number.longValue();
    }
}
