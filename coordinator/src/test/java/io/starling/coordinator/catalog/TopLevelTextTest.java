package io.starling.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopLevelTextTest {

    @Test
    void splitsOnlyOutsideQuotesAndBrackets() {
        assertThat(TopLevelText.split("a, f(b, c), 'x,y', `q,r`, [1, 2]", ','))
                .containsExactly("a", " f(b, c)", " 'x,y'", " `q,r`", " [1, 2]");
        assertThat(TopLevelText.split("'it\\'s, fine', b", ',')).containsExactly("'it\\'s, fine'", " b");
        assertThat(TopLevelText.split("x  AS\ty", ' ')).containsExactly("x", "", "AS", "y");
    }

    @Test
    void scanStopsWhereTheVisitorSaysAndSkipsNestedText() {
        String text = "f(FROM) 'FROM' FROM t";
        assertThat(TopLevelText.scan(text, (i, c) -> !text.startsWith("FROM", i))).isEqualTo(15);
        assertThat(TopLevelText.scan("(a)", (i, c) -> false)).isEqualTo(-1);
    }
}
