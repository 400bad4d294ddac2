package io.starling.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.parser.ast.FloatText;
import org.junit.jupiter.api.Test;

class ValueTextTest {
    @Test
    void floatsPrintLikeClickHouse() {
        assertThat(FloatText.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(FloatText.format(1.0)).isEqualTo("1");
        assertThat(FloatText.format(1e20)).isEqualTo("100000000000000000000");
        assertThat(FloatText.format(1e21)).isEqualTo("1e21");
        assertThat(FloatText.format(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(FloatText.format(-0.0)).isEqualTo("-0");
        assertThat(FloatText.format(Double.NaN)).isEqualTo("nan");
        assertThat(FloatText.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(FloatText.formatFloat32(0.1f)).isEqualTo("0.1");
    }
}
