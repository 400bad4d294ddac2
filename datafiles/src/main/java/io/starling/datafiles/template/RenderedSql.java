package io.starling.datafiles.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of rendering a template.
 *
 * @param sql        the SQL text, with every parameter value escaped by type
 * @param parameters every parameter the template reads (in every branch), in order of first appearance
 * @param settings   query settings requested by the template, such as {@code max_threads}
 */
public record RenderedSql(String sql, List<ParameterInfo> parameters, Map<String, String> settings) {

    public RenderedSql {
        parameters = List.copyOf(parameters);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public RenderedSql(String sql, List<ParameterInfo> parameters) {
        this(sql, parameters, Map.of());
    }
}
