package io.starling.sql.format.input;

import static io.starling.sql.format.input.CsvInputTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonInputTest {

    static IngestColumn column(String name, String type, String path) {
        return new IngestColumn(name, DataTypes.parse(type), path, null);
    }

    static ParsedRows parse(String ndjson, IngestColumn... columns) {
        return NdjsonInput.parse(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), List.of(columns));
    }

    @Test
    void readsNestedPathsAndKeepsObjectsAsRawJson() {
        String line = "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"session\":{\"id\":\"s1\",\"user\":{\"country\":\"ES\"}},"
                + "\"payload\":{\"a\": [1, 2], \"b\":\"x\"},\"n\":42}\n";
        ParsedRows parsed = parse(line,
                column("timestamp", "DateTime", "$.timestamp"),
                column("session_id", "String", "$.session.id"),
                column("country", "LowCardinality(String)", "$.session.user.country"),
                column("payload", "String", "$.payload"),
                column("n", "UInt16", null));
        assertThat(rows(parsed)).containsExactly("2024-01-01 00:00:00|s1|ES|{\"a\": [1, 2], \"b\":\"x\"}|42");
    }

    @Test
    void wholeLineAndBracketQuotedKeys() {
        String line = "{\"attributes\":{\"otel.attributes\":{\"cli_command\":\"deploy\"}},\"k\":1}";
        ParsedRows parsed = parse(line + "\n",
                column("command", "String", "json:$.attributes.['otel.attributes'].cli_command"),
                column("raw", "String", "$"));
        assertThat(rows(parsed)).containsExactly("deploy|" + line);
    }

    @Test
    void arraysAndProjectedFieldsOfArrayElements() {
        String line = "{\"tags\":[\"a\",\"b\"],\"scores\":[1.5,2],\"items\":[{\"productId\":\"p1\",\"qty\":2},"
                + "{\"qty\":3},{\"productId\":\"p3\",\"qty\":1}],\"empty\":[]}";
        ParsedRows parsed = parse(line + "\n",
                column("tags", "Array(String)", "$.tags[:]"),
                column("scores", "Array(Float64)", "$.scores[:]"),
                column("products", "Array(String)", "$.items[:].productId"),
                column("quantities", "Array(UInt8)", "$.items[:].qty"),
                column("empty", "Array(Int32)", "$.empty[:]"),
                column("absent", "Array(Int32)", "$.nothing[:]"));
        assertThat(rows(parsed)).containsExactly("['a','b']|[1.5,2]|['p1','','p3']|[2,3,1]|[]|[]");
    }

    @Test
    void missingFieldsUseDefaultsOrNullOrQuarantine() {
        IngestColumn[] columns = {
                column("id", "Int64", "$.id"),
                new IngestColumn("status", DataTypes.parse("String"), "$.status", "'pending'"),
                column("score", "Nullable(Float32)", "$.score"),
                column("name", "String", "$.name"),
        };
        ParsedRows parsed = parse("{\"id\":1}\n{\"id\":2,\"status\":null,\"score\":0.5,\"name\":\"n\"}\n{\"name\":\"x\"}\n", columns);
        assertThat(rows(parsed)).containsExactly("1|pending|\\N|", "2|pending|0.5|n");
        assertThat(parsed.quarantined()).singleElement().satisfies(row -> {
            assertThat(row.rawValues()).containsExactly(null, null, null, "x");
            assertThat(row.errorColumns()).containsExactly("id");
            assertThat(row.errors()).containsExactly("value '' on column 'id' is not Int64");
        });
    }

    @Test
    void typeErrorsAreQuarantinedWithTheValue() {
        ParsedRows parsed = parse("{\"amount\":\"abc\",\"at\":1705314600}\n{\"amount\":3,\"at\":\"2024-01-15 10:30:00\"}\n",
                column("amount", "Int64", "$.amount"), column("at", "DateTime", "$.at"));
        assertThat(rows(parsed)).containsExactly("3|2024-01-15 10:30:00");
        assertThat(parsed.quarantined()).singleElement().satisfies(row -> {
            assertThat(row.rawValues()).containsExactly("abc", "1705314600");
            assertThat(row.errors()).containsExactly("value 'abc' on column 'amount' is not Int64");
        });
    }

    @Test
    void invalidAndEmptyLinesAreCountedAndSkipped() {
        ParsedRows parsed = parse("{\"a\":1}\n\n{\"a\":2\nnot json\n[1,2]\n  \r\n{\"a\":3} trailing\n{\"a\":4}",
                column("a", "Int32", "$.a"));
        assertThat(rows(parsed)).containsExactly("1", "4");
        assertThat(parsed.invalidLines()).isEqualTo(4);
        assertThat(parsed.emptyLines()).isEqualTo(2);
    }

    @Test
    void booleansNumbersAndUnicode() {
        ParsedRows parsed = parse("{\"ok\":true,\"flag\":false,\"s\":\"caf\\u00e9 \\\"q\\\"\",\"big\":18446744073709551615,\"d\":\"2022-10-27T11:43:02.099Z\"}\n",
                column("ok", "Bool", "$.ok"), column("flag", "UInt8", "$.flag"), column("s", "String", "$.s"),
                column("big", "UInt64", "$.big"), column("d", "DateTime64(3)", "$.d"));
        assertThat(rows(parsed)).containsExactly("true|0|café \"q\"|18446744073709551615|2022-10-27 11:43:02.099");
    }

    @Test
    void unsupportedPathsFailWithTheColumnName() {
        assertThatThrownBy(() -> parse("{}", column("x", "Array(Int32)", "$.a[:].b[:]")))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("column [x]");
    }
}
