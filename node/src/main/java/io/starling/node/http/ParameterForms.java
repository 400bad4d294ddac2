package io.starling.node.http;

/**
 * Whether a body sent as {@code application/x-www-form-urlencoded} to the Data Sources API is a form of API
 * parameters or the data itself ({@code curl --data-binary @file.csv} sends rows under that content type).
 */
final class ParameterForms {
    private ParameterForms() {
    }

    /** The parameters a form body of this API may carry ({@code engine_*} and {@code dialect_*} too). */
    private static final java.util.Set<String> FORM_FIELDS = java.util.Set.of("mode", "name", "url", "format", "schema",
            "engine", "description", "indexes", "token", "type_guessing", "progress", "debug", "replace_condition",
            "delete_condition", "dry_run", "dry", "force", "ttl", "kafka_store_raw_value", "attrs");

    /** True when {@code body} is {@code key=value&...} (or empty) and every key is a parameter of this API. */
    static boolean isParameterForm(String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            return true;
        }
        if (text.indexOf('\n') >= 0) {
            return false; // form encoding escapes line breaks; rows do not
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return false;
            }
            try {
                if (!isParameterName(java.net.URLDecoder.decode(pair.substring(0, equals),
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    return false;
                }
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        return true;
    }

    /** True when a body's first chunk starts like {@code key=value} with a parameter of this API as key. */
    static boolean startsLikeParameterForm(String head) {
        String text = head.stripLeading();
        if (text.isEmpty()) {
            return true;
        }
        int equals = text.indexOf('=');
        int amp = text.indexOf('&');
        int newline = text.indexOf('\n');
        return equals > 0 && (amp < 0 || equals < amp) && (newline < 0 || equals < newline)
                && isParameterName(text.substring(0, equals));
    }

    private static boolean isParameterName(String key) {
        return FORM_FIELDS.contains(key) || key.startsWith("engine_") || key.startsWith("dialect_");
    }
}
