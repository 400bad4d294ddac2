package io.starling.node.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * application/x-www-form-urlencoded bodies. curl sends that content type for every {@code -d} / {@code
 * --data-binary} body, so routes decide themselves whether a body is a form or raw data.
 */
final class FormBodies {
    private FormBodies() {
    }

    static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.put(decode(key), decode(value));
        }
        return fields;
    }

    /** Like {@link #parse} keeping every value of repeated keys (scope=a&scope=b). */
    static Map<String, java.util.List<String>> parseMulti(String body) {
        Map<String, java.util.List<String>> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.computeIfAbsent(decode(key), ignored -> new java.util.ArrayList<>()).add(decode(value));
        }
        return fields;
    }

    /** True when {@code body} has a field named {@code key} at the top level of a form. */
    static boolean hasField(String body, String key) {
        return body.startsWith(key + "=") || body.contains("&" + key + "=");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
