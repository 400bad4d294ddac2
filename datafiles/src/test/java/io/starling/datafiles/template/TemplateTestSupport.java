package io.starling.datafiles.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers shared by the template tests. */
final class TemplateTestSupport {
    private TemplateTestSupport() {
    }

    /** Parameters from alternating names and values. */
    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    /** Renders {@code "%\n" + body} with the given parameters and returns the SQL. */
    static String render(String body, String... namesAndValues) {
        return Template.parse("%\n" + body).render(params(namesAndValues)).sql();
    }
}
