package io.starling.sql.format.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.format.ValueText;
import io.starling.storage.block.Block;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvInputTest {

    static IngestColumn column(String name, String type) {
        return new IngestColumn(name, DataTypes.parse(type), null, null);
    }

    static IngestColumn column(String name, String type, String defaultExpression) {
        return new IngestColumn(name, DataTypes.parse(type), null, defaultExpression);
    }

    static ParsedRows parse(String csv, CsvDialect dialect, IngestColumn... columns) {
        return CsvInput.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), List.of(columns), dialect);
    }

    /** Rows as tab-joined text values, across blocks. */
    static List<String> rows(ParsedRows parsed) {
        List<String> rows = new ArrayList<>();
        for (Block block : parsed.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                StringBuilder line = new StringBuilder();
                for (int column = 0; column < block.columnCount(); column++) {
                    if (column > 0) {
                        line.append('|');
                    }
                    ValueText.appendTo(block.column(column), row, line);
                }
                rows.add(line.toString());
            }
        }
        return rows;
    }

    @Test
    void readsQuotedFieldsWithEmbeddedCommasQuotesAndNewlines() {
        String csv = "1,\"hello, world\",2.5\n"
                + "2,\"say \"\"hi\"\"\",3\r\n"
                + "3,\"two\nlines\",-1\n";
        ParsedRows parsed = parse(csv, CsvDialect.GUESS, column("id", "Int64"), column("text", "String"),
                column("amount", "Float64"));
        assertThat(rows(parsed)).containsExactly("1|hello, world|2.5", "2|say \"hi\"|3", "3|two\nlines|-1");
        assertThat(parsed.quarantined()).isEmpty();
        assertThat(parsed.invalidLines()).isZero();
    }

    @Test
    void skipsAHeaderThatNamesTheColumns() {
        ParsedRows parsed = parse("id,name\n1,a\n2,b\n", CsvDialect.GUESS, column("id", "UInt32"), column("name", "String"));
        assertThat(rows(parsed)).containsExactly("1|a", "2|b");
    }

    @Test
    void mapsColumnsByNameWhenTheHeaderHasThemInAnotherOrder() {
        ParsedRows parsed = parse("name,extra,id\na,x,1\nb,y,2\n", CsvDialect.GUESS,
                column("id", "UInt32"), column("name", "String"));
        assertThat(rows(parsed)).containsExactly("1|a", "2|b");
    }

    @Test
    void guessesTheDelimiter() {
        IngestColumn[] columns = {column("a", "Int32"), column("b", "String"), column("c", "Float32")};
        assertThat(rows(parse("1;x,y;0.5\n2;z;1\n", CsvDialect.GUESS, columns))).containsExactly("1|x,y|0.5", "2|z|1");
        assertThat(rows(parse("1\tx\t0.5\n2\tz\t1\n", CsvDialect.GUESS, columns))).containsExactly("1|x|0.5", "2|z|1");
        assertThat(rows(parse("1|x|0.5\n", CsvDialect.GUESS, columns))).containsExactly("1|x|0.5");
        assertThat(rows(parse("1,x,0.5\n", CsvDialect.GUESS, columns))).containsExactly("1|x|0.5");
    }

    @Test
    void usesAGivenDelimiterAndEscapeCharacter() {
        CsvDialect dialect = new CsvDialect(' ', '\\', null);
        ParsedRows parsed = parse("1 \"{\\\"authorId\\\":\\\"123\\\"}\"\n2 plain\n", dialect,
                column("id", "Int32"), column("payload", "String"));
        assertThat(rows(parsed)).containsExactly("1|{\"authorId\":\"123\"}", "2|plain");
    }

    @Test
    void quarantinesValuesThatDoNotParseAndKeepsGoodRows() {
        String csv = "1,10.5,2024-01-15\n"
                + "2,abc,2024-01-16\n"
                + "x,,2024-02-30\n"
                + "4,7,2024-01-17\n";
        ParsedRows parsed = parse(csv, CsvDialect.GUESS, column("id", "Int64"), column("amount", "Float32"),
                column("day", "Date"));
        assertThat(rows(parsed)).containsExactly("1|10.5|2024-01-15", "4|7|2024-01-17");
        assertThat(parsed.quarantined()).hasSize(2);
        QuarantinedRow first = parsed.quarantined().get(0);
        assertThat(first.rawValues()).containsExactly("2", "abc", "2024-01-16");
        assertThat(first.errorColumns()).containsExactly("amount");
        assertThat(first.errors()).containsExactly("value 'abc' on column 'amount' is not Float32");
        QuarantinedRow second = parsed.quarantined().get(1);
        assertThat(second.errorColumns()).containsExactly("id", "amount", "day");
        assertThat(second.errors()).containsExactly("value 'x' on column 'id' is not Int64",
                "value '' on column 'amount' is not Float32", "value '2024-02-30' on column 'day' is not Date");
    }

    @Test
    void outOfRangeIntegersAreQuarantined() {
        ParsedRows parsed = parse("300\n-1\n255\n", CsvDialect.GUESS, column("level", "UInt8"));
        assertThat(rows(parsed)).containsExactly("255");
        assertThat(parsed.quarantined()).extracting(row -> row.errors().get(0)).containsExactly(
                "value '300' on column 'level' is not UInt8", "value '-1' on column 'level' is not UInt8");
    }

    @Test
    void rowsWithTheWrongFieldCountAreQuarantined() {
        ParsedRows parsed = parse("1,a\n2\n3,c,extra\n4,d\n", CsvDialect.GUESS, column("id", "Int32"), column("name", "String"));
        assertThat(rows(parsed)).containsExactly("1|a", "4|d");
        assertThat(parsed.quarantined()).hasSize(2);
        assertThat(parsed.quarantined().get(0).rawValues()).containsExactly("2", null);
        assertThat(parsed.quarantined().get(0).errors().get(0)).startsWith("row has 1 fields but the data source expects 2");
    }

    @Test
    void emptyValuesUseDefaultsNullsOrQuarantine() {
        ParsedRows parsed = parse("1,,,,,,\n", CsvDialect.GUESS,
                column("id", "Int32"),
                column("status", "String", "'unknown'"),
                column("count", "Int32", "0"),
                column("score", "Nullable(Float64)"),
                column("tags", "Array(String)"),
                column("note", "String"),
                column("kind", "LowCardinality(String)", "'web'"));
        assertThat(rows(parsed)).containsExactly("1|unknown|0|\\N|[]||web");
        ParsedRows bad = parse(",x\n", CsvDialect.GUESS, column("n", "Int64"), column("s", "String"));
        assertThat(bad.quarantined()).singleElement()
                .satisfies(row -> assertThat(row.errors()).containsExactly("value '' on column 'n' is not Int64"));
    }

    @Test
    void nowDefaultFillsMissingTimestamps() {
        long before = System.currentTimeMillis() / 1000;
        ParsedRows parsed = parse("a,\n", CsvDialect.GUESS, column("s", "String"), column("at", "DateTime", "now()"));
        long stored = ((io.starling.storage.column.LongColumn) parsed.blocks().get(0).column(1)).getLong(0);
        assertThat(stored).isBetween(before, before + 60);
    }

    @Test
    void countsEmptyLinesAndParsesArraysAndNulls() {
        ParsedRows parsed = parse("1,\"[1,2,3]\",\\N\n\n2,[],5\n\n", CsvDialect.GUESS,
                column("id", "Int32"), column("values", "Array(Int32)"), column("maybe", "Nullable(Int32)"));
        assertThat(rows(parsed)).containsExactly("1|[1,2,3]|\\N", "2|[]|5");
        assertThat(parsed.emptyLines()).isEqualTo(2);
    }

    @Test
    void unclosedQuoteCountsAnInvalidLine() {
        ParsedRows parsed = parse("1,ok\n2,\"broken\n3,x\n", CsvDialect.GUESS, column("id", "Int32"), column("s", "String"));
        assertThat(rows(parsed)).containsExactly("1|ok");
        assertThat(parsed.invalidLines()).isEqualTo(1);
    }

    @Test
    void splitsLargeInputsIntoBlocksOfAtMostMaxRows() {
        StringBuilder csv = new StringBuilder();
        int total = Block.MAX_ROWS + 10;
        for (int i = 0; i < total; i++) {
            csv.append(i).append(",v").append(i % 7).append('\n');
        }
        csv.append("bad,row\n");
        ParsedRows parsed = parse(csv.toString(), CsvDialect.GUESS, column("id", "UInt64"), column("v", "LowCardinality(String)"));
        assertThat(parsed.blocks()).hasSize(2);
        assertThat(parsed.blocks().get(0).rowCount()).isEqualTo(Block.MAX_ROWS);
        assertThat(parsed.goodRows()).isEqualTo(total);
        assertThat(parsed.quarantined()).hasSize(1);
        assertThat(ValueText.format(parsed.blocks().get(1).column(1), 9)).isEqualTo("v" + ((total - 1) % 7));
    }

    /**
     * ClickHouse's csv_with_slash.csv (backslashes in unquoted and quoted strings) loaded into
     * (a Int64, b String, c Date); expected values from its reference output with input_format_null_as_default=1,
     * un-escaping the TabSeparated backslashes. Rows 10-17 quote with single quotes, which ClickHouse accepts and
     * RFC 4180 (Tinybird) does not: there the quotes stay part of the value.
     */
    @Test
    void readsClickHouseCsvWithBackslashes() throws IOException {
        Path data = sharedData("clickhouse-csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(data != null, "shared/data folder beside the project");
        List<String> reference = Files.readAllLines(data.resolve("02155_csv_with_strings_with_slash.reference"));
        List<String> expected = new ArrayList<>();
        for (String line : reference.subList(1, 31)) {
            String[] parts = line.split("\t");
            String value = parts.length > 1 ? parts[1].replace("\\\\", "\\") : "";
            expected.add(parts[0] + "|" + value + "|" + parts[2]);
        }
        ParsedRows parsed;
        try (InputStream body = Files.newInputStream(data.resolve("data_csv/csv_with_slash.csv"))) {
            parsed = CsvInput.parse(body, List.of(column("a", "Int64"), column("b", "String"), column("c", "Date")),
                    CsvDialect.GUESS);
        }
        List<String> actual = rows(parsed);
        assertThat(parsed.quarantined()).isEmpty();
        assertThat(actual).hasSize(30);
        for (int row = 0; row < 30; row++) {
            if (row >= 10 && row <= 17) {
                String inner = expected.get(row).split("\\|")[1];
                assertThat(actual.get(row)).isEqualTo(row + "|'" + inner + "'|2000-01-01");
            } else {
                assertThat(actual.get(row)).isEqualTo(expected.get(row));
            }
        }
    }

    /** {@code shared/data/<name>} beside the project folder (CI clones the project with shared/ next to it). */
    private static Path sharedData(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
