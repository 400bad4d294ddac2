package io.starling.sql.format.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.sql.QueryResult;
import io.starling.sql.format.ValueText;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusOutputTest {

    private static Column column(String type, String... texts) {
        DataType dataType = DataTypes.parse(type);
        ColumnBuilder builder = ColumnBuilder.forType(dataType, texts.length);
        for (String text : texts) {
            assertThat(ValueText.parseInto(dataType, text, builder)).as(text).isTrue();
        }
        return builder.build();
    }

    private static QueryResult result(String[] names, Column... columns) {
        List<ColumnDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            definitions.add(new ColumnDefinition(names[i], columns[i].type()));
        }
        return new QueryResult(definitions, List.of(Block.of(List.of(columns))), -1, 0, 0, null);
    }

    private static String write(QueryResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write("prometheus", result, 0.001, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesHelpAndTypeOncePerMetricThenSamplesWithLabelsAndTimestamps() {
        QueryResult result = result(new String[] {"name", "value", "help", "type", "labels", "timestamp"},
                column("String", "http_requests_total", "http_requests_total", "temperature"),
                column("Float64", "1027", "3", "21.5"),
                column("String", "Requests\nserved", "ignored", ""),
                column("String", "counter", "counter", "GAUGE"),
                column("Map(String, String)", "{'method':'post','code':'200'}", "{'path':'a\\\\b\"c'}", "{}"),
                column("Int64", "1395066363000", "1395066363000", "0"));
        assertThat(write(result)).isEqualTo("""
                # HELP http_requests_total Requests\\nserved
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{path="a\\\\b\\"c"} 3 1395066363000
                # TYPE temperature gauge
                temperature 21.5 0
                """);
    }

    @Test
    void onlyNameAndValueAreNeededAndNonFiniteValuesUsePrometheusSpelling() {
        QueryResult result = result(new String[] {"value", "name"}, column("Float64", "inf", "nan", "-inf", "7"),
                column("String", "a", "a", "b", "c"));
        assertThat(write(result)).isEqualTo("a +Inf\na NaN\nb -Inf\nc 7\n");
        assertThat(OutputFormats.contentType("prometheus")).isEqualTo("text/plain; version=0.0.4");
    }

    @Test
    void missingRequiredColumnsOrUnknownTypesFailWithBadArguments() {
        assertThatThrownBy(() -> write(result(new String[] {"metric", "value"}, column("String", "a"),
                column("UInt8", "1"))))
                .isInstanceOfSatisfying(StarlingException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENTS))
                .hasMessageContaining("[name]").hasMessageContaining("[value]").hasMessageContaining("metric");
        assertThatThrownBy(() -> write(result(new String[] {"name", "value", "type"}, column("String", "a"),
                column("UInt8", "1"), column("String", "meter"))))
                .hasMessageContaining("Unknown Prometheus metric type [meter]");
    }
}
