package io.starling.datafiles.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipe node's SQL in Tinybird's template language (Tornado syntax, Python expressions): {@code {{ expr }}},
 * {@code {% if/elif/else/end %}}, {@code {% for %}}, {@code {% set %}}, comments, and the typed parameter functions.
 * SQL is a template only when its first non-blank line is {@code %} (or starts with {@code % }); otherwise it is
 * returned as written.
 *
 * <p>Rendering escapes every value by type: strings become quoted literals, numbers are validated, identifiers are
 * validated and backtick-quoted. A value that does not fit is a {@link TemplateException} with status 400.
 *
 * <p>Instances are immutable and thread-safe; each render uses its own state.
 */
public final class Template {
    private final String source;
    private final boolean templated;
    private final List<TemplateNode> nodes;
    private final List<ParameterInfo> parameters;

    private Template(String source, boolean templated, List<TemplateNode> nodes) {
        this.source = source;
        this.templated = templated;
        this.nodes = nodes;
        this.parameters = ParameterCollector.collect(nodes);
    }

    /** True when the SQL starts with the {@code %} template marker. */
    public static boolean isTemplate(String sql) {
        return markerEnd(sql) >= 0;
    }

    /**
     * Parses node SQL. With the {@code %} marker the rest is parsed as a template (syntax errors throw a
     * TemplateException naming the line, counting the {@code %} line as 1); without it the SQL is kept verbatim.
     */
    public static Template parse(String source) throws TemplateException {
        int bodyStart = markerEnd(source);
        if (bodyStart < 0) {
            return new Template(source, false, List.of(new TemplateNode.Text(source)));
        }
        int firstLine = 1 + countNewlines(source, bodyStart);
        return new Template(source, true, TemplateParser.parse(source.substring(bodyStart), firstLine));
    }

    /** Parses text that is always a template, without a {@code %} marker (datafile values such as tb_secret). */
    public static Template parseUnmarked(String text) throws TemplateException {
        return new Template(text, true, TemplateParser.parse(text, 1));
    }

    /** Renders with request parameters (values as received, URL-decoded). */
    public RenderedSql render(Map<String, String> params) throws TemplateException {
        return render(params, Map.of());
    }

    /** Renders with request parameters and the workspace's secrets for {@code tb_secret()}. */
    public RenderedSql render(Map<String, String> params, Map<String, String> secrets) throws TemplateException {
        if (!templated) {
            return new RenderedSql(source, parameters);
        }
        RenderScope scope = new RenderScope(params, secrets);
        String sql = new Renderer(scope).render(nodes);
        return new RenderedSql(sql.strip(), parameters, scope.settings());
    }

    /**
     * Renders for analysis (deploy checks, output schema): every parameter not given takes its default, else its
     * type's placeholder ({@code __no_value__}, 0, 2019-01-01, ...), so {@code defined()} branches are taken.
     */
    public RenderedSql renderForAnalysis(Map<String, String> params, Map<String, String> secrets)
            throws TemplateException {
        Map<String, String> filled = new HashMap<>(params);
        for (ParameterInfo parameter : parameters) {
            if (!filled.containsKey(parameter.name())) {
                filled.put(parameter.name(), parameter.defaultValue() != null ? parameter.defaultValue()
                        : ParameterTypes.placeholderText(parameter.type()));
            }
        }
        return render(filled, secrets);
    }

    /** Every parameter the template reads, in all branches, in order of first appearance. */
    public List<ParameterInfo> parameters() {
        return parameters;
    }

    public boolean isTemplated() {
        return templated;
    }

    public String source() {
        return source;
    }

    /** Index where the template body starts after the marker, or -1 when there is no marker. */
    private static int markerEnd(String sql) {
        int position = 0;
        while (position < sql.length() && Character.isWhitespace(sql.charAt(position))) {
            position++;
        }
        if (position >= sql.length() || sql.charAt(position) != '%') {
            return -1;
        }
        int after = position + 1;
        int scan = after;
        while (scan < sql.length() && (sql.charAt(scan) == ' ' || sql.charAt(scan) == '\t' || sql.charAt(scan) == '\r')) {
            scan++;
        }
        if (scan >= sql.length()) {
            return scan;
        }
        if (sql.charAt(scan) == '\n') {
            return scan + 1;
        }
        return scan > after ? scan : -1;
    }

    private static int countNewlines(String text, int end) {
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
