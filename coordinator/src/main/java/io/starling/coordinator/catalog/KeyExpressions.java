package io.starling.coordinator.catalog;

import java.util.ArrayList;
import java.util.List;

/** Splits key texts such as {@code (tenant, toDate(ts))} or {@code tuple()} into their expressions. */
public final class KeyExpressions {
    private KeyExpressions() {
    }

    /** The top-level comma-separated expressions; empty for null, blank, {@code tuple()} and {@code ()}. */
    public static List<String> split(String text) {
        if (text == null) {
            return List.of();
        }
        String trimmed = text.strip();
        if (trimmed.regionMatches(true, 0, "tuple(", 0, 6) && trimmed.endsWith(")") && enclosesAll(trimmed, 5)) {
            trimmed = trimmed.substring(6, trimmed.length() - 1).strip();
        } else if (trimmed.startsWith("(") && trimmed.endsWith(")") && enclosesAll(trimmed, 0)) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
        }
        List<String> parts = new ArrayList<>();
        for (String part : TopLevelText.split(trimmed, ',')) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return List.copyOf(parts);
    }

    /** True when the parenthesis at {@code open} closes at the very end of {@code text}. */
    private static boolean enclosesAll(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i == text.length() - 1;
                }
            }
        }
        return false;
    }

    /** Parses {@code engine_settings} text: {@code index_granularity=8192, ttl_only_drop_parts=1}. */
    public static java.util.Map<String, String> settings(String text) {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return settings;
        }
        for (String entry : split(text)) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new io.starling.storage.error.StarlingException(io.starling.storage.error.ErrorCode.BAD_ARGUMENTS,
                        "Engine setting [" + entry + "] is not of the form name=value, e.g. index_granularity=8192");
            }
            String value = entry.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1);
            }
            settings.put(entry.substring(0, equals).strip(), value);
        }
        return settings;
    }
}
