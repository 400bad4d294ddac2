package io.starling.datafiles.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterDiscoveryTest {

    @Test
    void findsParametersInEveryBranchWithTypesDefaultsAndDocs() {
        Template template = Template.parse("""
                %
                {% set _hidden = 1 %}
                {% set var_1 = 'x' %}
                SELECT {{ columns(cols, 'date,user_id') }}
                FROM events
                WHERE 1
                {% if method != 'All' %} AND method = {{ String(method, 'POST', description="HTTP method") }}{% end %}
                {% if defined(start) %} AND ts >= {{ DateTime(start, example='2024-01-01 00:00:00') }}{% end %}
                {% for _last, _x in enumerate_with_last(split_to_array(attr, 'amount')) %}{{ symbol(_x) }}{% end %}
                AND {{ sql_and(code__in=Array(codes, 'Int32', default='1,2', enum=[1, 2, 3])) }}
                LIMIT {{ Int32(limit, 100, description="Rows per page", required=True) }}
                {% if var_1 %}{% end %}""");
        List<ParameterInfo> parameters = template.parameters();
        assertThat(parameters).extracting(ParameterInfo::name)
                .containsExactly("cols", "method", "start", "attr", "codes", "limit");
        assertThat(parameters.get(0)).isEqualTo(new ParameterInfo("cols", "String", "date,user_id", false, null, null,
                null, List.of()));
        assertThat(parameters.get(1)).isEqualTo(new ParameterInfo("method", "String", "POST", false, "HTTP method",
                null, null, List.of()));
        assertThat(parameters.get(2).type()).isEqualTo("DateTime");
        assertThat(parameters.get(2).example()).isEqualTo("2024-01-01 00:00:00");
        assertThat(parameters.get(3).defaultValue()).isEqualTo("amount");
        assertThat(parameters.get(4)).isEqualTo(new ParameterInfo("codes", "Array(Int32)", "1,2", false, null, null,
                null, List.of("1", "2", "3")));
        assertThat(parameters.get(5)).isEqualTo(new ParameterInfo("limit", "Int32", "100", true, "Rows per page", null,
                null, List.of()));
        assertThat(template.render(Map.of("limit", "5")).parameters()).isEqualTo(parameters);
    }

    @Test
    void typedUseWinsOverAnEarlierUntypedUse() {
        Template template = Template.parse("%\n{% if defined(n) %}{{ Int64(n) }}{% end %}{{ Int64(n, 3) }}");
        assertThat(template.parameters()).containsExactly(
                new ParameterInfo("n", "Int64", "3", false, null, null, null, List.of()));
    }

    @Test
    void analysisRenderUsesDefaultsAndPlaceholders() {
        Template template = Template.parse("""
                %
                {% if not defined(my_filter) %}{{ error('my_filter is required') }}{% end %}
                SELECT * FROM t WHERE attr > {{ Int32(my_filter) }} AND c = {{ String(country, 'US') }}
                ORDER BY {{ column(sort, 'ts') }} LIMIT {{ Int32(lim, 10, required=True) }}""");
        RenderedSql rendered = template.renderForAnalysis(Map.of(), Map.of());
        assertThat(rendered.sql()).isEqualTo("SELECT * FROM t WHERE attr > 0 AND c = 'US'\nORDER BY `ts` LIMIT 10");
    }

    @Test
    void plainSqlHasNoParameters() {
        assertThat(Template.parse("SELECT {{ x }}").parameters()).isEmpty();
    }
}
