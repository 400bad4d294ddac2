package io.starling.datafiles.template;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Variables visible while one template renders: {@code set} and loop variables shadow request parameters (a
 * {@code set x = None} makes x undefined). Also collects query settings ({@code max_threads}). Single-threaded.
 */
final class RenderScope {
    private final Map<String, String> parameters;
    private final Map<String, String> secrets;
    private final Map<String, Object> variables = new HashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    RenderScope(Map<String, String> parameters, Map<String, String> secrets) {
        this.parameters = parameters;
        this.secrets = secrets;
    }

    /** The value of a name: a set/loop variable, else the request parameter (a String), else null. */
    Object lookup(String name) {
        if (variables.containsKey(name)) {
            return variables.get(name);
        }
        return parameters.get(name);
    }

    void assign(String name, Object value) {
        variables.put(name, value);
    }

    String secret(String name) {
        return secrets.get(name);
    }

    void setting(String name, String value) {
        settings.put(name, value);
    }

    Map<String, String> settings() {
        return settings;
    }
}
