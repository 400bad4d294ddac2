package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Query API passes ClickHouse query parameters ({@code param_<name>}) to the engine. */
class SqlRouteParametersTest {

    @Test
    void paramPrefixedUrlParametersAreQueryParameters() {
        Map<String, String> values = SqlRoute.queryParameters(
                Map.of("q", "SELECT {x:UInt8}", "param_x", "7", "token", "t", "param_", "ignored"), Map.of());
        assertThat(values).containsExactly(Map.entry("x", "7"));
    }

    @Test
    void formFieldsWinOverUrlParameters() {
        Map<String, String> values = SqlRoute.queryParameters(Map.of("param_x", "1", "param_y", "2"),
                Map.of("q", "SELECT 1", "param_x", "3"));
        assertThat(values).containsOnly(Map.entry("x", "3"), Map.entry("y", "2"));
    }
}
