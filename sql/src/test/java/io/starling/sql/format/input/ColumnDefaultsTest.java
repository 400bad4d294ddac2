package io.starling.sql.format.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DEFAULT expressions over other columns and MATERIALIZED columns, through the CSV and NDJSON parsers. */
class ColumnDefaultsTest {
    private static IngestColumn column(String name, String type, String jsonPath, String expression,
                                       IngestColumn.Kind kind) {
        return new IngestColumn(name, DataTypes.parse(type), jsonPath, expression, kind);
    }

    private static ParsedRows ndjson(String body, IngestColumn... columns) {
        return NdjsonInput.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), List.of(columns));
    }

    private static ParsedRows csv(String body, IngestColumn... columns) {
        return CsvInput.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), List.of(columns),
                CsvDialect.GUESS);
    }

    @Test
    void expressionDefaultFillsOnlyTheMissingRowsFromOtherColumns() {
        ParsedRows parsed = ndjson("""
                {"raw":"{\\"id\\":\\"a1\\"}","id":"given"}
                {"raw":"{\\"id\\":\\"b2\\"}"}
                {"raw":"{}"}
                """,
                column("raw", "String", "$.raw", null, IngestColumn.Kind.DEFAULT),
                column("id", "String", "$.id", "JSONExtractString(raw, 'id')", IngestColumn.Kind.DEFAULT));
        assertThat(CsvInputTest.rows(parsed)).containsExactly("{\"id\":\"a1\"}|given", "{\"id\":\"b2\"}|b2", "{}|");
    }

    @Test
    void defaultsRunInDependencyOrderAndMaterializedColumnsAreComputed() {
        // c's default reads b, whose default reads a; doubled is MATERIALIZED (not in the CSV) and reads c.
        ParsedRows parsed = csv("1,,\n2,5,\n3,,7\n",
                column("a", "Int64", null, null, IngestColumn.Kind.DEFAULT),
                column("doubled", "Int64", null, "c * 2", IngestColumn.Kind.MATERIALIZED),
                column("b", "Int64", null, "a * 10", IngestColumn.Kind.DEFAULT),
                column("c", "Int64", null, "b + 1", IngestColumn.Kind.DEFAULT));
        assertThat(CsvInputTest.rows(parsed)).containsExactly("1|22|10|11", "2|12|5|6", "3|14|30|7");
        assertThat(parsed.quarantined()).isEmpty();
    }

    @Test
    void materializedColumnsIgnoreInputAndQuarantinedRowsDoNotShiftTheDefaults() {
        ParsedRows parsed = ndjson("""
                {"n":1,"label":"x"}
                {"n":"bad","label":"y"}
                {"n":3}
                {"n":4,"upper":"ignored"}
                """,
                column("n", "Int32", "$.n", null, IngestColumn.Kind.DEFAULT),
                column("label", "String", "$.label", "concat('n', toString(n))", IngestColumn.Kind.DEFAULT),
                column("upper", "String", null, "upper(label)", IngestColumn.Kind.MATERIALIZED));
        assertThat(CsvInputTest.rows(parsed)).containsExactly("1|x|X", "3|n3|N3", "4|n4|N4");
        assertThat(parsed.quarantined()).hasSize(1);
    }

    @Test
    void literalDefaultsKeepWorking() {
        ParsedRows parsed = csv("1,\n", column("a", "Int64", null, null, IngestColumn.Kind.DEFAULT),
                column("status", "String", null, "'pending'", IngestColumn.Kind.DEFAULT));
        assertThat(CsvInputTest.rows(parsed)).containsExactly("1|pending");
    }

    @Test
    void badExpressionsFailNamingTheColumn() {
        assertThatThrownBy(() -> ColumnDefaults.of(List.of(
                column("a", "Int64", null, null, IngestColumn.Kind.DEFAULT),
                column("b", "Int64", null, "missing_column + 1", IngestColumn.Kind.DEFAULT))))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("column [b]")
                .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.UNKNOWN_IDENTIFIER));
        assertThatThrownBy(() -> ColumnDefaults.of(List.of(
                column("a", "Int64", null, null, IngestColumn.Kind.DEFAULT),
                column("b", "Int64", null, "c + 1", IngestColumn.Kind.MATERIALIZED),
                column("c", "Int64", null, "b + 1", IngestColumn.Kind.MATERIALIZED))))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> ColumnDefaults.of(List.of(
                column("a", "Int64", null, "'not a number'", IngestColumn.Kind.DEFAULT))))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("column [a]");
    }

    @Test
    void inputColumnsLeaveOutComputedOnes() {
        ColumnDefaults defaults = ColumnDefaults.of(List.of(
                column("a", "Int64", null, null, IngestColumn.Kind.DEFAULT),
                column("m", "Int64", null, "a + 1", IngestColumn.Kind.MATERIALIZED),
                column("l", "Int64", null, "a + 2", IngestColumn.Kind.ALIAS)));
        assertThat(defaults.inputColumns()).extracting(IngestColumn::name).containsExactly("a");
        assertThat(defaults.completes()).isTrue();
    }
}
