package io.starling.datafiles.template;

import static io.starling.datafiles.template.TemplateTestSupport.params;
import static io.starling.datafiles.template.TemplateTestSupport.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuralFunctionTest {

    @Test
    void columnQuotesTheNameAndFallsBackToTheDefault() {
        assertThat(render("ORDER BY {{ column(order_by, 'timestamp') }} DESC")).isEqualTo("ORDER BY `timestamp` DESC");
        assertThat(render("ORDER BY {{ column(order_by, 'timestamp') }}", "order_by", "price"))
                .isEqualTo("ORDER BY `price`");
        assertThatThrownBy(() -> render("{{ column(order_by) }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Parameter [order_by] has no value and column() has no default");
    }

    @Test
    void columnsSplitsAList() {
        assertThat(render("SELECT {{ columns(cols, 'date,user_id,event') }} FROM t"))
                .isEqualTo("SELECT `date`, `user_id`, `event` FROM t");
        assertThat(render("SELECT {{ columns(cols, 'a') }} FROM t", "cols", "city, country"))
                .isEqualTo("SELECT `city`, `country` FROM t");
    }

    @Test
    void symbolQuotes() {
        assertThat(render("{{ symbol(x) }} {{ symbol(x, '') }} {{ symbol(x, '\"') }}", "x", "amount"))
                .isEqualTo("`amount` amount \"amount\"");
        assertThatThrownBy(() -> render("{{ symbol(x, '') }}", "x", "a b"))
                .hasMessageContaining("not a plain identifier");
    }

    @Test
    void sqlAndWithSeveralOperators() {
        String body = """
                SELECT * FROM my_table WHERE 1
                {% if defined(param) or defined(param2_not_in) %}
                    AND {{sql_and(
                        param__in=Array(param, 'Int32', defined=False),
                        param2__not_in=Array(param2_not_in, 'String', defined=False))}}
                {% end %}""";
        assertThat(render(body, "param", "1,2", "param2_not_in", "ab,bc,cd"))
                .isEqualTo("SELECT * FROM my_table WHERE 1\n\n    AND param IN [1,2] AND param2 NOT IN ['ab','bc','cd']");
        assertThat(render(body, "param", "1,2")).isEqualTo("SELECT * FROM my_table WHERE 1\n\n    AND param IN [1,2]");
        assertThat(render(body)).isEqualTo("SELECT * FROM my_table WHERE 1");

        String comparisons = "WHERE {{ sql_and(price__gte=Float64(min_price), price__lt=Float64(max_price), "
                + "qty__gt=Int32(q), qty__lte=Int32(q2), country=String(country), day__in=Array(days, 'Date')) }}";
        assertThat(render(comparisons, "min_price", "1.5", "max_price", "10", "q", "3", "country", "ES"))
                .isEqualTo("WHERE price >= 1.5 AND price < 10.0 AND qty > 3 AND country = 'ES'");
        assertThat(render(comparisons)).isEqualTo("WHERE 1");
        assertThat(render("WHERE {{ sql_and(event__in=Array(event_types, 'String', default='buy,view')) }}"))
                .isEqualTo("WHERE event IN ['buy','view']");
        assertThatThrownBy(() -> render("{{ sql_and(a__like=String(x)) }}", "x", "1"))
                .hasMessageContaining("operator [like]");
    }

    @Test
    void splitToArray() {
        assertThat(render("{{ split_to_array(code, '') }}")).isEqualTo("[]");
        assertThat(render("{{ split_to_array(code, '1,2,3') }}")).isEqualTo("['1','2','3']");
        assertThat(render("{{ split_to_array(code) }}", "code", "a, b,,c")).isEqualTo("['a','b','c']");
        assertThat(render("{{split_to_array(String(param, 'hi, how are you|fine thanks'), separator='|')}}"))
                .isEqualTo("['hi, how are you','fine thanks']");
    }

    @Test
    void jsonFiltersPattern() {
        String body = """
                SELECT symbol FROM stock_prices WHERE 1
                {% for item in JSON(filters, '[]') %}\
                {% if item.get('operator', '') == 'equals' %} AND {{ column(item.get('operand', '')) }} == {{ item.get('value', '') }}\
                {% elif item.get('operator') == 'greater_than' %} AND {{ column(item.get('operand', '')) }} > {{ item.get('value', '') }}\
                {% end %}{% end %}""";
        String filters = "[{\"operator\":\"equals\",\"operand\":\"symbol\",\"value\":\"AAPL\"},"
                + "{\"operator\":\"greater_than\",\"operand\":\"high\",\"value\":100.5}]";
        assertThat(render(body, "filters", filters))
                .isEqualTo("SELECT symbol FROM stock_prices WHERE 1\n AND `symbol` == 'AAPL' AND `high` > 100.5");
        assertThat(render(body)).isEqualTo("SELECT symbol FROM stock_prices WHERE 1");
        assertThatThrownBy(() -> render(body, "filters", "[{oops"))
                .hasMessageContaining("Parameter [filters] is not valid JSON");
    }

    @Test
    void errorStopsWithTheAuthorsMessageAndStatus() {
        String body = """
                {% if not defined(my_filter) %}
                {{ error('my_filter (int32) query param is required') }}
                {% end %}
                select * from table where attr > {{Int32(my_filter)}}""";
        TemplateException error = org.junit.jupiter.api.Assertions.assertThrows(TemplateException.class,
                () -> render(body));
        assertThat(error.getMessage()).isEqualTo("my_filter (int32) query param is required");
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.raisedByTemplate()).isTrue();
        assertThat(render(body, "my_filter", "3")).endsWith("attr > 3");

        TemplateException forbidden = org.junit.jupiter.api.Assertions.assertThrows(TemplateException.class,
                () -> render("{{ error('nope', 403) }}"));
        assertThat(forbidden.httpStatus()).isEqualTo(403);
    }

    @Test
    void customErrorCarriesTheBody() {
        TemplateException error = org.junit.jupiter.api.Assertions.assertThrows(TemplateException.class,
                () -> render("{{ custom_error({'error_id': 10001, 'error': 'my_filter is required'}, 422) }}"));
        assertThat(error.httpStatus()).isEqualTo(422);
        assertThat(error.customBody()).containsEntry("error_id", 10001L).containsEntry("error", "my_filter is required");
        assertThat(error.getMessage()).isEqualTo("my_filter is required");
        assertThatThrownBy(() -> render("{{ custom_error('text') }}")).hasMessageContaining("needs a dict");
    }

    @Test
    void dateDifferences() {
        assertThat(render("{{ date_diff_in_seconds('2022-12-19T18:42:23.521Z', '2022-12-19T18:42:23.531Z', "
                + "date_format='%Y-%m-%dT%H:%M:%S.%fz') < 1 }}")).isEqualTo("1");
        assertThat(render("{{ date_diff_in_seconds(a, b) }}", "a", "2024-01-01 00:00:00", "b", "2024-01-01 00:01:30"))
                .isEqualTo("90.0");
        assertThat(render("{{ date_diff_in_minutes(a, b) }} {{ date_diff_in_hours(a, b) }}",
                "a", "2024-01-01 00:00:00", "b", "2024-01-01 03:00:00")).isEqualTo("180.0 3.0");
        assertThat(render("{{ date_diff_in_days(date_end, date_start) }}", "date_start", "2024-01-01",
                "date_end", "2024-01-08")).isEqualTo("7");
        assertThat(render("{{ date_diff_in_days(a, b, backup_date_format='%Y-%m-%d %H:%M:%S') }}",
                "a", "2024-01-01", "b", "2024-01-03 12:00:00")).isEqualTo("2");
        assertThat(render("{{ date_diff_in_days(a, b, none_if_error=True) }}", "a", "bad", "b", "2024-01-01"))
                .isEqualTo("NULL");
        assertThatThrownBy(() -> render("{{ date_diff_in_days(a, b) }}", "a", "bad", "b", "2024-01-01"))
                .hasMessageContaining("Parameter [a] value [bad] does not match the date format [%Y-%m-%d]");
        assertThat(render("{{ day_diff(a, b) }}", "a", "2024-03-01", "b", "2024-02-01")).isEqualTo("29");
        String routing = "{% if date_diff_in_seconds(date_end, date_start, date_format=\"%Y-%m-%dT%H:%M:%Sz\") < 3600 %}"
                + "raw{% else %}hourly{% end %}";
        assertThat(render(routing, "date_start", "2023-01-11T12:24:04Z", "date_end", "2023-01-11T12:54:04Z"))
                .isEqualTo("raw");
        assertThat(render(routing, "date_start", "2023-01-11T12:24:04Z", "date_end", "2023-01-11T14:24:04Z"))
                .isEqualTo("hourly");
    }

    @Test
    void maxThreadsBecomesASetting() {
        RenderedSql rendered = Template.parse("%\n{{max_threads(1)}}\nSELECT 1").render(Map.of());
        assertThat(rendered.sql()).isEqualTo("SELECT 1");
        assertThat(rendered.settings()).containsEntry("max_threads", "1");
        assertThatThrownBy(() -> render("{{ max_threads(0) }}")).hasMessageContaining("at least 1");
    }

    @Test
    void secretsRenderAsStringLiterals() {
        Template template = Template.parse("%\nSELECT * FROM mysql('host', 'db', 't', {{ tb_secret('user') }}, "
                + "{{ tb_secret('password', 'dev') }})");
        assertThat(template.render(params(), Map.of("user", "admin")).sql())
                .isEqualTo("SELECT * FROM mysql('host', 'db', 't', 'admin', 'dev')");
        assertThatThrownBy(() -> template.render(params())).hasMessageContaining("secret [user] is not set");
    }
}
