package io.starling.datafiles.template;

import static io.starling.datafiles.template.TemplateTestSupport.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypedParameterTest {

    @Test
    void placeholdersMatchTheDocumentedValues() {
        String body = """
                SELECT {{String(param)}}, {{Int32(param)}}, {{Boolean(param)}}, {{Float32(param)}},
                {{Date(param)}}, {{DateTime(param)}}, {{DateTime64(param)}}, {{Array(param)}}, {{Array(param, 'Int8')}}""";
        assertThat(render(body)).isEqualTo("""
                SELECT '__no_value__', 0, 0, 0,
                '2019-01-01', '2019-01-01 00:00:00', '2019-01-01 00:00:00.000', \
                ['__no_value__0','__no_value__1'], [0,1]""");
    }

    @Test
    void defaultsApplyWhenTheParameterIsMissing() {
        assertThat(render("{{ String(country, 'US') }} {{ Int32(lim, 10, description=\"Limit\", required=False) }}"))
                .isEqualTo("'US' 10");
        assertThat(render("{{ Float64(f, 1.5) }} {{ Boolean(b, True) }} {{ Date(d, '2024-01-01') }}"))
                .isEqualTo("1.5 1 '2024-01-01'");
        assertThat(render("{{ DateTime(start, '2019-09-20 00:00:00') }} {{ UInt8(u, default=7) }}"))
                .isEqualTo("'2019-09-20 00:00:00' 7");
        assertThat(render("{{ Int32(lim, 10) }}", "lim", "")).isEqualTo("10");
    }

    @Test
    void valuesReplaceDefaults() {
        assertThat(render("{{ String(country, 'US') }} {{ Int32(lim, 10) }}", "country", "ES", "lim", "-25"))
                .isEqualTo("'ES' -25");
        assertThat(render("{{ Float32(f) }} {{ Boolean(b) }} {{ Date(d) }} {{ DateTime(t) }} {{ DateTime64(t64) }}",
                "f", "2.5e3", "b", "TRUE", "d", "20240131", "t", "2024-01-31T10:11:12Z", "t64",
                "2024-01-31 10:11:12.5"))
                .isEqualTo("2500.0 1 '2024-01-31' '2024-01-31 10:11:12' '2024-01-31 10:11:12.500'");
    }

    @ParameterizedTest
    @CsvSource({
            "Int8, 127, 127", "Int8, -128, -128", "UInt8, 255, 255", "Int16, -32768, -32768",
            "UInt32, 4294967295, 4294967295", "Int64, -9223372036854775808, -9223372036854775808",
            "UInt64, 18446744073709551615, 18446744073709551615",
            "Int128, 170141183460469231731687303715884105727, 170141183460469231731687303715884105727",
            "UInt256, 0, 0", "Int256, +42, 42", "Int, 123456789012345678901234567890, 123456789012345678901234567890"})
    void integerTypesAcceptTheirWholeRange(String type, String value, String expected) {
        assertThat(render("{{ " + type + "(x) }}", "x", value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Int8, 128", "Int8, -129", "UInt8, -1", "UInt8, 256", "Int32, 2147483648", "UInt64, -5",
            "Int128, 170141183460469231731687303715884105728"})
    void integerTypesRejectOutOfRange(String type, String value) {
        assertThatThrownBy(() -> render("{{ " + type + "(x) }}", "x", value))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Parameter [x]").hasMessageContaining(type).hasMessageContaining("out of range")
                .satisfies(e -> assertThat(((TemplateException) e).httpStatus()).isEqualTo(400))
                .satisfies(e -> assertThat(((TemplateException) e).parameter()).isEqualTo("x"));
    }

    @ParameterizedTest
    @CsvSource({"Int32, abc", "Int32, 1.5", "Int32, 1 OR 1=1", "Int32, 0x10", "UInt16, 1e3", "Float64, NaN",
            "Float64, 1.5; DROP TABLE t", "Float32, 1e999", "Boolean, yes", "Date, 2024-02-30", "Date, yesterday",
            "DateTime, 2024-01-01 25:00:00", "DateTime, now()", "DateTime64, 2024-01-01 10:00:00.1234567890"})
    void badValuesAreClear400s(String type, String value) {
        assertThatThrownBy(() -> render("SELECT {{ " + type + "(lim) }}", "lim", value))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Parameter [lim] value [").hasMessageContaining("is not a valid " + type)
                .satisfies(e -> assertThat(((TemplateException) e).httpStatus()).isEqualTo(400));
    }

    @Test
    void requiredParametersMustBeGiven() {
        assertThatThrownBy(() -> render("{{ Int32(lim, 10, required=True) }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Required parameter [lim] of type [Int32] is missing");
        assertThatThrownBy(() -> render("{{ String(name, required=True) }}"))
                .hasMessageContaining("Required parameter [name]");
        assertThatThrownBy(() -> render("{{ Array(ids, 'Int32', required=True) }}"))
                .hasMessageContaining("Required parameter [ids] of type [Array(Int32)]");
        assertThat(render("{{ Int32(lim, required=True) }}", "lim", "5")).isEqualTo("5");
        assertThat(render("{% if defined(x) %}{{ Int32(x, required=True) }}{% end %}ok")).isEqualTo("ok");
    }

    @Test
    void arraysFromCommaLists() {
        assertThat(render("{{ Array(code, 'UInt32', default='13412,1234123,4123') }}"))
                .isEqualTo("[13412,1234123,4123]");
        assertThat(render("{{ Array(code, 'UInt32', '1,2') }}")).isEqualTo("[1,2]");
        assertThat(render("{{ Array(code, 'Int32') }}", "code", "1, 2 ,3")).isEqualTo("[1,2,3]");
        assertThat(render("{{ Array(names, 'String') }}", "names", "ab,bc,cd")).isEqualTo("['ab','bc','cd']");
        assertThat(render("{{ Array(names) }}", "names", "x")).isEqualTo("['x']");
        assertThat(render("{{ Array(d, 'Date') }}", "d", "2024-01-01,20240102")).isEqualTo("['2024-01-01','2024-01-02']");
        assertThat(render("1 IN {{ Array(code, 'Int32', default='1,2,3') }}")).isEqualTo("1 IN [1,2,3]");
        assertThatThrownBy(() -> render("{{ Array(code, 'Int32') }}", "code", "1,x"))
                .hasMessageContaining("Parameter [code] value [x] is not a valid Int32");
        assertThatThrownBy(() -> render("{{ Array(code, 'Nope') }}", "code", "1"))
                .hasMessageContaining("element type [Nope]");
    }

    @Test
    void arrayEnumRestrictsValues() {
        String body = "{{ Array(events, 'String', enum=['view', 'buy']) }}";
        assertThat(render(body, "events", "buy,view")).isEqualTo("['buy','view']");
        assertThatThrownBy(() -> render(body, "events", "buy,drop"))
                .hasMessageContaining("value [drop] is not one of the allowed values");
    }

    @Test
    void typedValuesWorkInExpressions() {
        assertThat(render("{% if Int32(n, 5) > 3 %}big{% else %}small{% end %}", "n", "2")).isEqualTo("small");
        assertThat(render("{% if Boolean(flag) %}on{% else %}off{% end %}", "flag", "false")).isEqualTo("off");
        assertThat(render("LIMIT {{ Int32(skip, 0) }},{{ Int32(limit, 50) }}")).isEqualTo("LIMIT 0,50");
        assertThat(render("OFFSET {{Int32(page, 0) * Int32(page_size, 100)}}", "page", "3")).isEqualTo("OFFSET 300");
    }
}
