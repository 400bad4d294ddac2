package io.starling.datafiles.template;

import static io.starling.datafiles.template.TemplateTestSupport.params;
import static io.starling.datafiles.template.TemplateTestSupport.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateSyntaxTest {

    @Test
    void sqlWithoutTheMarkerIsNotATemplate() {
        Template template = Template.parse("SELECT '{{ x }}' FROM t");
        assertThat(template.isTemplated()).isFalse();
        assertThat(template.render(params("x", "1")).sql()).isEqualTo("SELECT '{{ x }}' FROM t");
        assertThat(Template.isTemplate("  \n%\nSELECT 1")).isTrue();
        assertThat(Template.isTemplate("% SELECT 1")).isTrue();
        assertThat(Template.isTemplate("SELECT 1 % 2")).isFalse();
        assertThat(Template.isTemplate("%SELECT")).isFalse();
    }

    @Test
    void markerOnTheSameLineAsTheQuery() {
        assertThat(Template.parse("% SELECT {{ Int32(a, 3) }}").render(Map.of()).sql()).isEqualTo("SELECT 3");
    }

    @Test
    void ifElifElse() {
        String body = "SELECT {% if x == 'a' %}1{% elif x == 'b' %}2{% else %}3{% end %}";
        assertThat(render(body, "x", "a")).isEqualTo("SELECT 1");
        assertThat(render(body, "x", "b")).isEqualTo("SELECT 2");
        assertThat(render(body, "x", "c")).isEqualTo("SELECT 3");
        assertThat(render(body)).isEqualTo("SELECT 3");
    }

    @Test
    void definedDrivesOptionalFilters() {
        String body = """
                SELECT * FROM t
                WHERE 1
                {% if defined(my_filter) %} AND attr > {{ Int32(my_filter) }}{% end %}""";
        assertThat(render(body, "my_filter", "20")).isEqualTo("SELECT * FROM t\nWHERE 1\n AND attr > 20");
        assertThat(render(body)).isEqualTo("SELECT * FROM t\nWHERE 1");
    }

    @Test
    void undefinedNamesAreNoneInConditions() {
        String body = "SELECT 1 {% if method != 'All' %} AND method = {{ String(method, 'POST') }}{% end %}";
        assertThat(render(body)).isEqualTo("SELECT 1  AND method = 'POST'");
        assertThat(render(body, "method", "All")).isEqualTo("SELECT 1");
        assertThat(render(body, "method", "GET")).isEqualTo("SELECT 1  AND method = 'GET'");
    }

    @Test
    void forLoopsWithUnpackingAndNesting() {
        String body = """
                SELECT {% for _last, _x in enumerate_with_last(split_to_array(attr, 'amount')) %}\
                sum({{ symbol(_x) }}) AS {{ symbol(_x) }}{% if not _last %}, {% end %}{% end %} FROM t""";
        assertThat(render(body, "attr", "a,b,c"))
                .isEqualTo("SELECT sum(`a`) AS `a`, sum(`b`) AS `b`, sum(`c`) AS `c` FROM t");
        assertThat(render(body)).isEqualTo("SELECT sum(`amount`) AS `amount` FROM t");

        String nested = "{% for a in [1, 2] %}{% for b in ['x', 'y'] %}{% if a == 2 or b == 'x' %}"
                + "({{ a }},{{ b }}){% end %}{% end %}{% end %}";
        assertThat(render(nested)).isEqualTo("(1,'x')(2,'x')(2,'y')");
    }

    @Test
    void setOverridesParametersAndNoneMakesThemUndefined() {
        assertThat(render("{% set x = 5 %}{{ Int32(x, 1) }}", "x", "9")).isEqualTo("5");
        assertThat(render("{% set x = None %}{% if defined(x) %}yes{% else %}no{% end %}", "x", "9"))
                .isEqualTo("no");
        assertThat(render("{% set var_1 = 'name,age' %}SELECT {{ columns(var_1) }} FROM t"))
                .isEqualTo("SELECT `name`, `age` FROM t");
    }

    @Test
    void commentsAreDropped() {
        assertThat(render("SELECT 1{# a comment with {{ braces }} #}{% comment another %} AS x"))
                .isEqualTo("SELECT 1 AS x");
    }

    @Test
    void escapedDelimitersStayLiteral() {
        assertThat(render("SELECT '{{! not a tag }}', '{%! nor this %}'"))
                .isEqualTo("SELECT '{{ not a tag }}', '{% nor this %}'");
        assertThat(render("SELECT map('a', 1){}")).isEqualTo("SELECT map('a', 1){}");
    }

    @Test
    void expressionsFollowPythonSemantics() {
        assertThat(render("{{ Int32(page, 2) * Int32(page_size, 100) }}")).isEqualTo("200");
        assertThat(render("{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }}"))
                .isEqualTo("3 -4 1 3.5 1024");
        assertThat(render("{{ 'ab' + 'cd' }} {{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }}")).isEqualTo("'abcd' 7 9");
        assertThat(render("{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ not 1 }} {{ 1 and 0 }} {{ 0 or 'x' }}"))
                .isEqualTo("1 0 0 0 'x'");
        assertThat(render("{{ 'a' in ['a', 'b'] }} {{ 'z' not in ['a'] }} {{ 'ell' in 'hello' }} {{ None is None }}"))
                .isEqualTo("1 1 1 1");
        assertThat(render("{{ 'yes' if x == '1' else 'no' }}", "x", "1")).isEqualTo("'yes'");
        assertThat(render("{{ [1, 2][-1] }} {{ {'k': 'v'}['k'] }} {{ len('abc') }} {{ 'A,B'.lower().split(',') }}"))
                .isEqualTo("2 'v' 3 ['a','b']");
        assertThat(render("{{ 9223372036854775807 + 1 }}")).isEqualTo("9223372036854775808");
    }

    @Test
    void deviceNotInListAsInTheDocs() {
        String body = "{% if device not in ['Android', 'iPhone'] %}other{% else %}mobile{% end %}";
        assertThat(render(body, "device", "iPhone")).isEqualTo("mobile");
        assertThat(render(body, "device", "Linux")).isEqualTo("other");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> Template.parse("%\nSELECT\n{% if x %}\n1"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("line 3").hasMessageContaining("not closed");
        assertThatThrownBy(() -> Template.parse("%\nSELECT {{ Int32(x, }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Template.parse("%\nSELECT {{ x"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Template.parse("%\n{% end %}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("no matching");
        assertThatThrownBy(() -> Template.parse("%\n{% while x %}{% end %}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> Template.parse("%\n{% if x %}{% else %}{% elif y %}{% end %}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("after {% else %}");
    }

    @Test
    void renderErrorsNameTheLine() {
        TemplateException error = org.junit.jupiter.api.Assertions.assertThrows(TemplateException.class,
                () -> render("SELECT 1\n{{ unknown_fn(1) }}"));
        assertThat(error.getMessage()).contains("unknown template function [unknown_fn]").contains("line 3");
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void dictLiteralsInsideExpressionsDoNotCloseTheTag() {
        assertThat(render("{{ {'a': {'b': 1}}['a'].get('b') }}")).isEqualTo("1");
    }

    @Test
    void unmarkedTemplatesForDatafileValues() {
        Template template = Template.parseUnmarked("{{ tb_secret('KAFKA_KEY', 'key') }}");
        assertThat(template.render(Map.of()).sql()).isEqualTo("'key'");
        assertThat(template.render(Map.of(), Map.of("KAFKA_KEY", "s3cr'et")).sql()).isEqualTo("'s3cr\\'et'");
    }

    @Test
    void loopEdgeCases() {
        assertThat(render("{% for i in range(3) %}{{ i }}{% end %}")).isEqualTo("012");
        assertThat(render("{% for k in {'a': 1, 'b': 2} %}{{ k }}{% end %}")).isEqualTo("'a''b'");
        assertThat(render("{% for i, x in enumerate(['p', 'q']) %}{{ i }}={{ x }} {% end %}")).isEqualTo("0='p' 1='q'");
        assertThatThrownBy(() -> render("{% for x in items %}{{ x }}{% end %}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("for loop over None");
        assertThatThrownBy(() -> render("{% for a in range(1000) %}{% for b in range(1000) %}{% end %}{% end %}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("loops ran more than");
        assertThatThrownBy(() -> render("{% for a, b in [1, 2] %}{% end %}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("cannot unpack");
    }

    @Test
    void misuseIsAClearError() {
        assertThatThrownBy(() -> render("{{ item.value }}", "item", "x"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("item.get('value')");
        assertThatThrownBy(() -> render("{{ {'a': 1} }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("cannot write a dict");
        assertThatThrownBy(() -> render("{{ 1 // 0 }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("division by zero");
        assertThatThrownBy(() -> render("{{ x + 1 }}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("cannot apply [+] to None and int");
        assertThatThrownBy(() -> render("{% if x < 1 %}{% end %}", "x", "a"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("cannot compare str with int");
    }
}
