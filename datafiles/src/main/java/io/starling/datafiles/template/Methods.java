package io.starling.datafiles.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Methods callable on values: dict {@code get/keys/values/items}, string helpers, list {@code index/count}. */
final class Methods {
    private Methods() {
    }

    static Object call(Object target, String method, List<Object> args, Map<String, Object> kwargs, int line) {
        return switch (target) {
            case Map<?, ?> map -> mapMethod(map, method, args, line);
            case String text -> stringMethod(text, method, args, line);
            case List<?> list -> listMethod(list, method, args, line);
            case null -> throw TemplateException.render("cannot call ." + method + "() on None; check the value is "
                    + "defined first", line);
            default -> throw unknown(target, method, line);
        };
    }

    private static Object mapMethod(Map<?, ?> map, String method, List<Object> args, int line) {
        return switch (method) {
            case "get" -> {
                Object key = args.isEmpty() ? null : args.getFirst();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (Values.equal(entry.getKey(), key)) {
                        yield entry.getValue();
                    }
                }
                yield args.size() > 1 ? args.get(1) : null;
            }
            case "keys" -> List.copyOf(map.keySet());
            case "values" -> Collections.unmodifiableList(new ArrayList<>(map.values()));
            case "items" -> map.entrySet().stream()
                    .map(entry -> (Object) Collections.unmodifiableList(Arrays.asList(entry.getKey(), entry.getValue())))
                    .toList();
            default -> throw unknown(map, method, line);
        };
    }

    private static Object stringMethod(String text, String method, List<Object> args, int line) {
        String first = args.isEmpty() || args.getFirst() == null ? null : Values.str(args.getFirst());
        return switch (method) {
            case "lower" -> text.toLowerCase(Locale.ROOT);
            case "upper" -> text.toUpperCase(Locale.ROOT);
            case "strip" -> text.strip();
            case "lstrip" -> text.stripLeading();
            case "rstrip" -> text.stripTrailing();
            case "startswith" -> first != null && text.startsWith(first);
            case "endswith" -> first != null && text.endsWith(first);
            case "isdigit" -> !text.isEmpty() && text.chars().allMatch(Character::isDigit);
            case "replace" -> text.replace(required(first, method, line), args.size() > 1 ? Values.str(args.get(1)) : "");
            case "split" -> split(text, first);
            case "join" -> join(text, args.isEmpty() ? null : args.getFirst(), line);
            default -> throw unknown(text, method, line);
        };
    }

    private static Object listMethod(List<?> list, String method, List<Object> args, int line) {
        Object item = args.isEmpty() ? null : args.getFirst();
        return switch (method) {
            case "index" -> {
                for (int i = 0; i < list.size(); i++) {
                    if (Values.equal(list.get(i), item)) {
                        yield (long) i;
                    }
                }
                throw TemplateException.render("value [" + Values.str(item) + "] is not in the list", line);
            }
            case "count" -> list.stream().filter(element -> Values.equal(element, item)).count();
            default -> throw unknown(list, method, line);
        };
    }

    private static List<Object> split(String text, String separator) {
        List<Object> parts = new ArrayList<>();
        if (separator == null) {
            for (String part : text.strip().split("\\s+")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return Collections.unmodifiableList(parts);
        }
        int start = 0;
        while (true) {
            int end = text.indexOf(separator, start);
            if (end < 0 || separator.isEmpty()) {
                parts.add(text.substring(start));
                return Collections.unmodifiableList(parts);
            }
            parts.add(text.substring(start, end));
            start = end + separator.length();
        }
    }

    private static String join(String separator, Object items, int line) {
        if (!(items instanceof List<?> list)) {
            throw TemplateException.render("join() needs a list", line);
        }
        List<String> texts = new ArrayList<>();
        for (Object item : list) {
            texts.add(Values.str(item));
        }
        return String.join(separator, texts);
    }

    private static String required(String value, String method, int line) {
        if (value == null) {
            throw TemplateException.render(method + "() needs an argument", line);
        }
        return value;
    }

    private static TemplateException unknown(Object target, String method, int line) {
        return TemplateException.render(Values.typeName(target) + " has no method [" + method + "]", line);
    }
}
