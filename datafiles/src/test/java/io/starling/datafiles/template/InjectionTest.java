package io.starling.datafiles.template;

import static io.starling.datafiles.template.TemplateTestSupport.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** No request parameter can change the structure of the rendered SQL. */
class InjectionTest {

    @Test
    void stringsAreQuotedAndEscaped() {
        assertThat(render("WHERE name = {{ String(name) }}", "name", "x' OR '1'='1"))
                .isEqualTo("WHERE name = 'x\\' OR \\'1\\'=\\'1'");
        assertThat(render("WHERE name = {{ String(name) }}", "name", "a\\' OR 1=1 --"))
                .isEqualTo("WHERE name = 'a\\\\\\' OR 1=1 --'");
        assertThat(render("WHERE name = {{ String(name) }}", "name", "x'; DROP TABLE t; --"))
                .isEqualTo("WHERE name = 'x\\'; DROP TABLE t; --'");
        assertThat(render("WHERE name = {{ String(name) }}", "name", "a\nb\u0000c\t/* */"))
                .isEqualTo("WHERE name = 'a\\nb\\0c\\t/* */'");
        assertThat(render("WHERE name = {{ name }}", "name", "it's")).isEqualTo("WHERE name = 'it\\'s'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR '1'='1", "\\", "\\'", "'; SELECT 1; --", "a\\\\'b", "''", "\\\\\\'", "é'ü\\"})
    void everyEscapedStringIsOneLiteral(String value) {
        String sql = render("{{ String(v) }}", "v", value);
        assertThat(unquote(sql)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 OR 1=1", "1;DROP TABLE t", "1--", "1/*", "0x1F", "1e5", " ", "1)", "9 UNION SELECT 1"})
    void numbersAreValidated(String value) {
        assertThatThrownBy(() -> render("LIMIT {{ Int32(lim) }}", "lim", value))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Parameter [lim]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a`; DROP TABLE t; --", "a` OR 1=1 --", "x\\", "a\nb", "a'b", "a\"b"})
    void identifiersCannotEscapeTheirQuotes(String value) {
        assertThatThrownBy(() -> render("ORDER BY {{ column(c, 'ts') }}", "c", value))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("contains a quote, backslash or control character")
                .satisfies(e -> assertThat(((TemplateException) e).httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> render("SELECT {{ columns(c, 'ts') }}", "c", "ok," + value))
                .isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> render("SELECT {{ symbol(c) }}", "c", value))
                .isInstanceOf(TemplateException.class);
    }

    @Test
    void identifiersWithSpacesStayInsideBackticks() {
        assertThat(render("ORDER BY {{ column(c, 'ts') }}", "c", "price DESC, (SELECT 1)"))
                .isEqualTo("ORDER BY `price DESC, (SELECT 1)`");
    }

    @Test
    void arrayElementsAreEscapedOneByOne() {
        assertThat(render("{{ Array(v, 'String') }}", "v", "a'],(SELECT 1),['b"))
                .isEqualTo("['a\\']','(SELECT 1)','[\\'b']");
        assertThatThrownBy(() -> render("{{ Array(v, 'Int32') }}", "v", "1,2) OR (1=1"))
                .isInstanceOf(TemplateException.class);
        assertThat(render("{{ split_to_array(v) }}", "v", "x'y,z\\")).isEqualTo("['x\\'y','z\\\\']");
    }

    @Test
    void templateSyntaxInValuesIsNotEvaluated() {
        assertThat(render("{{ String(v) }}", "v", "{{ error('boom') }}{% set x = 1 %}"))
                .isEqualTo("'{{ error(\\'boom\\') }}{% set x = 1 %}'");
    }

    /** Reads back a ClickHouse single-quoted literal with backslash escapes. */
    private static String unquote(String literal) {
        assertThat(literal).startsWith("'").endsWith("'");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '\\') {
                char next = literal.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> next;
                });
            } else {
                assertThat(c).as("unescaped quote inside literal %s", literal).isNotEqualTo('\'');
                out.append(c);
            }
        }
        return out.toString();
    }
}
