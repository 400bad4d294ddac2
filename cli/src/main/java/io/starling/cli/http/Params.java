package io.starling.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ordered request parameters (a name may repeat, as {@code scope=} does), URL-encoded on demand. */
public final class Params {
    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    public Params add(String name, String value) {
        if (value != null) {
            entries.add(Map.entry(name, value));
        }
        return this;
    }

    public Params addIf(boolean condition, String name, String value) {
        return condition ? add(name, value) : this;
    }

    public Params addAll(Params other) {
        entries.addAll(other.entries);
        return this;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : entries) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** Parses {@code k=v&k2=v2} (a test file's {@code parameters}); values are decoded. */
    public static Params parseQuery(String query) {
        Params params = new Params();
        if (query == null || query.isBlank()) {
            return params;
        }
        for (String pair : query.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Parses repeated {@code --param k=v} values. */
    public static Params fromAssignments(List<String> assignments) {
        Params params = new Params();
        if (assignments == null) {
            return params;
        }
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new io.starling.cli.CliException(2, "Parameter [" + assignment + "] is not name=value");
            }
            params.add(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return params;
    }
}
