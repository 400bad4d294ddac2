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

class OutputFormatsTest {

    private static Column column(String type, String... texts) {
        DataType dataType = DataTypes.parse(type);
        ColumnBuilder builder = ColumnBuilder.forType(dataType, texts.length);
        for (String text : texts) {
            assertThat(ValueText.parseInto(dataType, text, builder)).as(text).isTrue();
        }
        return builder.build();
    }

    private static QueryResult result(long rowsBeforeLimit, String[] names, Column... columns) {
        List<ColumnDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            definitions.add(new ColumnDefinition(names[i], columns[i].type()));
        }
        return new QueryResult(definitions, List.of(Block.of(List.of(columns))), rowsBeforeLimit, 10, 80, null);
    }

    private static String write(String format, QueryResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write(format, result, 0.001, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonHasTinybirdsShapeByteForByte() {
        QueryResult result = result(1, new String[] {"dropoff_zone", "trip_count"},
                column("String", "Newark Airport"), column("UInt64", "18446744073709551615"));
        assertThat(write("JSON", result)).isEqualTo("""
                {
                \t"meta":
                \t[
                \t\t{
                \t\t\t"name": "dropoff_zone",
                \t\t\t"type": "String"
                \t\t},
                \t\t{
                \t\t\t"name": "trip_count",
                \t\t\t"type": "UInt64"
                \t\t}
                \t],

                \t"data":
                \t[
                \t\t{
                \t\t\t"dropoff_zone": "Newark Airport",
                \t\t\t"trip_count": 18446744073709551615
                \t\t}
                \t],

                \t"rows": 1,

                \t"rows_before_limit_at_least": 1,

                \t"statistics":
                \t{
                \t\t"elapsed": 0.001,
                \t\t"rows_read": 10,
                \t\t"bytes_read": 80
                \t}
                }
                """);
    }

    @Test
    void jsonWithoutLimitOmitsRowsBeforeLimitAndWritesEmptyData() {
        QueryResult result = new QueryResult(List.of(new ColumnDefinition("x", DataTypes.parse("Int32"))),
                List.of(), -1, 0, 0, null);
        String json = write(null, result);
        assertThat(json).doesNotContain("rows_before_limit_at_least").contains("\t\"data\":\n\t[\n\n\t],\n\n\t\"rows\": 0,\n");
    }

    @Test
    void jsonValuesByType() {
        QueryResult result = result(-1, new String[] {"f", "n", "d", "t", "b", "a", "s", "z"},
                column("Float64", "nan"), column("Nullable(Int8)", "\\N"), column("Date", "2024-01-15"),
                column("DateTime64(3)", "2024-01-15 10:30:00.123"), column("Bool", "true"),
                column("Array(String)", "['x','y']"), column("String", "a/b\"c\\\n\t\u0001"), column("Float32", "1.5"));
        assertThat(write("JSONEachRow", result)).isEqualTo(
                "{\"f\":null,\"n\":null,\"d\":\"2024-01-15\",\"t\":\"2024-01-15 10:30:00.123\",\"b\":true,"
                        + "\"a\":[\"x\",\"y\"],\"s\":\"a\\/b\\\"c\\\\\\n\\t\\u0001\",\"z\":1.5}\n");
    }

    @Test
    void jsonCompactRows() {
        QueryResult result = result(-1, new String[] {"n", "s"}, column("Int64", "42", "43"), column("String", "hello", "x"));
        assertThat(write("JSONCompact", result)).contains("\t\"data\":\n\t[\n\t\t[42, \"hello\"],\n\t\t[43, \"x\"]\n\t],");
    }

    @Test
    void csvQuotesStringsDatesAndArrays() {
        QueryResult result = result(-1, new String[] {"product", "n", "day", "tags", "maybe"},
                column("String", "say \"hi\", ok", "plain"), column("Float64", "3", "0.25"),
                column("Date", "2024-01-15", "2024-01-16"), column("Array(String)", "['a\"b','c']", "[]"),
                column("Nullable(Int32)", "\\N", "7"));
        assertThat(write("CSVWithNames", result)).isEqualTo("\"product\",\"n\",\"day\",\"tags\",\"maybe\"\n"
                + "\"say \"\"hi\"\", ok\",3,\"2024-01-15\",\"['a\"\"b','c']\",\\N\n"
                + "\"plain\",0.25,\"2024-01-16\",\"[]\",7\n");
        assertThat(write("csv", result)).startsWith("\"say ");
    }

    @Test
    void tsvEscapesSpecialCharacters() {
        QueryResult result = result(-1, new String[] {"s", "a"},
                column("String", "tab\there\nnew\\slash 'q'"), column("Array(String)", "['it''s']"));
        assertThat(write("TSVWithNames", result)).isEqualTo("s\ta\ntab\\there\\nnew\\\\slash \\'q\\'\t['it\\'s']\n");
        assertThat(write("TabSeparated", result)).doesNotStartWith("s\ta");
    }

    @Test
    void unknownFormatsFailWithCode73AndContentTypesAreKnown() {
        assertThatThrownBy(() -> OutputFormats.contentType("XML"))
                .isInstanceOf(StarlingException.class)
                .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.UNKNOWN_FORMAT));
        assertThat(OutputFormats.contentType("json")).isEqualTo("application/json");
        assertThat(OutputFormats.contentType("NDJSON")).isEqualTo("application/x-ndjson");
        assertThat(OutputFormats.contentType("CSVWithNames")).isEqualTo("text/csv");
        assertThat(OutputFormats.contentType("TSV")).isEqualTo("text/tab-separated-values");
    }
}
