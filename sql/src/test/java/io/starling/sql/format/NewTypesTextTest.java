package io.starling.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryResult;
import io.starling.sql.format.input.CsvDialect;
import io.starling.sql.format.input.CsvInput;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decimal, UUID, Date32, Enum, IPs, FixedString, Tuple, Map: text parsing, ingestion and output formats. */
class NewTypesTextTest {
    private static final String[] TYPES = {"Decimal(9, 2)", "UUID", "Date32", "Enum8('on' = 1, 'off' = -1)", "IPv4",
        "IPv6", "FixedString(3)", "Tuple(a UInt8, b String)", "Map(String, Array(UInt8))", "Nullable(Decimal64(3))"};

    @Test
    void valuesRoundTripThroughTextAndBlockSerde() {
        String[][] cases = {
            {"Decimal(9, 2)", "-12.5", "-12.5"}, {"Decimal(9, 2)", "0.07", "0.07"}, {"Decimal(9, 2)", "3", "3"},
            {"UUID", "61F0C404-5CB3-11E7-907B-A6006AD3DBA0", "61f0c404-5cb3-11e7-907b-a6006ad3dba0"},
            {"Date32", "1900-01-01", "1900-01-01"}, {"Date32", "2299-12-31", "2299-12-31"},
            {"Enum8('on' = 1, 'off' = -1)", "off", "off"}, {"Enum8('on' = 1, 'off' = -1)", "1", "on"},
            {"IPv4", "10.0.0.255", "10.0.0.255"}, {"IPv6", "fe80:0:0:0:0:0:0:1", "fe80::1"},
            {"IPv6", "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"}, {"FixedString(3)", "ab", "ab\0"},
            {"Tuple(a UInt8, b String)", "(7, 'x,y')", "(7,'x,y')"},
            {"Map(String, Array(UInt8))", "{'k': [1, 2], 'z': []}", "{'k':[1,2],'z':[]}"},
            {"Nullable(Decimal64(3))", "\\N", "\\N"}, {"Array(Tuple(UInt8, Enum8('a' = 1)))", "[(1, 'a')]", "[(1,'a')]"},
        };
        for (String[] testCase : cases) {
            DataType type = DataTypes.parse(testCase[0]);
            Column column = ValueText.parseSingle(type, testCase[1]);
            assertThat(column).as(testCase[0] + " " + testCase[1]).isNotNull();
            assertThat(ValueText.format(column, 0)).as(testCase[0]).isEqualTo(testCase[2]);
            Block decoded = BlockSerde.deserialize(BlockSerde.serialize(Block.of(List.of(column))));
            assertThat(ValueText.format(decoded.column(0), 0)).as(testCase[0]).isEqualTo(testCase[2]);
        }
    }

    @Test
    void badValuesAreInvalid() {
        String[][] cases = {{"Decimal(4, 2)", "123.4"}, {"Decimal(9, 2)", "1.2.3"}, {"UUID", "61f0c404-5cb3"},
            {"Date32", "1899-12-31"}, {"Enum8('on' = 1)", "maybe"}, {"Enum8('on' = 1)", "2"}, {"IPv4", "1.2.3"},
            {"IPv6", "1::2::3"}, {"FixedString(2)", "abc"}, {"Tuple(UInt8, UInt8)", "(1)"},
            {"Map(String, UInt8)", "{'a' 1}"}, {"Map(String, UInt8)", "{'a': -1}"}, {"Nothing", "0"}};
        for (String[] testCase : cases) {
            assertThat(ValueText.parseSingle(DataTypes.parse(testCase[0]), testCase[1])).as(testCase[0] + " " + testCase[1])
                    .isNull();
        }
    }

    @Test
    void csvIngestionParsesNewTypesAndQuarantinesBadValuesWithTinybirdsMessage() {
        String csv = "1.25,61f0c404-5cb3-11e7-907b-a6006ad3dba0,on,\"{'a':[1]}\",\"(1,'x')\"\n"
                + "oops,61f0c404-5cb3-11e7-907b-a6006ad3dba0,on,{},\"(1,'x')\"\n"
                + "2,not-a-uuid,off,{},\"(2,'y')\"\n";
        ParsedRows parsed = CsvInput.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), List.of(
                column("d", "Decimal(9, 2)", null), column("u", "UUID", null),
                column("e", "Enum8('on' = 1, 'off' = -1)", null), column("m", "Map(String, Array(UInt8))", null),
                column("t", "Tuple(UInt8, String)", null)), CsvDialect.GUESS);
        assertThat(rows(parsed)).containsExactly("1.25|61f0c404-5cb3-11e7-907b-a6006ad3dba0|on|{'a':[1]}|(1,'x')");
        assertThat(parsed.quarantined()).hasSize(2);
        assertThat(parsed.quarantined().get(0).errors()).containsExactly("value 'oops' on column 'd' is not Decimal(9, 2)");
        assertThat(parsed.quarantined().get(1).errors()).containsExactly("value 'not-a-uuid' on column 'u' is not UUID");
    }

    @Test
    void ndjsonIngestionReadsObjectsIntoMapsAndNumbersIntoDecimals() {
        String ndjson = "{\"d\": 10.5, \"h\": {\"a\": \"x\", \"b\": \"y\"}, \"ip\": \"8.8.8.8\", \"msgs\": [{\"k\": \"v\"}]}\n"
                + "{\"d\": \"bad\", \"h\": {}, \"ip\": \"8.8.8.8\", \"msgs\": []}\n"
                + "{\"d\": 1, \"ip\": \"999.1.1.1\", \"msgs\": []}\n"
                + "{\"d\": 2, \"ip\": \"::1\", \"msgs\": []}\n";
        ParsedRows parsed = NdjsonInput.parse(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), List.of(
                column("d", "Decimal(9, 2)", "$.d"), column("h", "Map(String, String)", "$.h"),
                column("ip", "IPv6", "$.ip"), column("msgs", "Array(Map(String, String))", "$.msgs[:]")));
        assertThat(rows(parsed)).containsExactly("10.5|{'a':'x','b':'y'}|::ffff:8.8.8.8|[{'k':'v'}]", "2|{}|::1|[]");
        assertThat(parsed.quarantined()).hasSize(2);
        assertThat(parsed.quarantined().get(0).errors()).containsExactly("value 'bad' on column 'd' is not Decimal(9, 2)");
        assertThat(parsed.quarantined().get(1).errors()).containsExactly("value '999.1.1.1' on column 'ip' is not IPv6");
    }

    @Test
    void outputFormatsQuoteAndNestLikeClickHouse() {
        String[] values = {"1.5", "61f0c404-5cb3-11e7-907b-a6006ad3dba0", "1950-01-02", "off", "1.2.3.4", "::1", "ab",
            "(1, 'q')", "{'k': [1]}", "\\N"};
        List<Column> columns = new ArrayList<>();
        List<ColumnDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < TYPES.length; i++) {
            DataType type = DataTypes.parse(TYPES[i]);
            ColumnBuilder builder = ColumnBuilder.forType(type, 1);
            assertThat(ValueText.parseInto(type, values[i], builder)).as(TYPES[i]).isTrue();
            columns.add(builder.build());
            definitions.add(new ColumnDefinition("c" + i, type));
        }
        QueryResult result = new QueryResult(definitions, List.of(Block.of(columns)), 1, 1, 1, null);
        assertThat(write("JSONEachRow", result)).isEqualTo("{\"c0\":1.5,\"c1\":\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\","
                + "\"c2\":\"1950-01-02\",\"c3\":\"off\",\"c4\":\"1.2.3.4\",\"c5\":\"::1\",\"c6\":\"ab\\u0000\","
                + "\"c7\":{\"a\":1,\"b\":\"q\"},\"c8\":{\"k\":[1]},\"c9\":null}\n");
        assertThat(write("TSV", result)).isEqualTo(
                "1.5\t61f0c404-5cb3-11e7-907b-a6006ad3dba0\t1950-01-02\toff\t1.2.3.4\t::1\tab\\0\t(1,'q')\t{'k':[1]}\t\\N\n");
        assertThat(write("CSV", result)).isEqualTo(
                "1.5,\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\",\"1950-01-02\",\"off\",\"1.2.3.4\",\"::1\",\"ab\0\","
                        + "\"(1,'q')\",\"{'k':[1]}\",\\N\n");
        assertThat(write("JSON", result)).contains("\"type\": \"Tuple(a UInt8, b String)\"")
                .contains("\"type\": \"Map(String, Array(UInt8))\"").contains("\"type\": \"Enum8('on' = 1, 'off' = -1)\"");
    }

    private static IngestColumn column(String name, String type, String path) {
        return new IngestColumn(name, DataTypes.parse(type), path, null);
    }

    private static List<String> rows(ParsedRows parsed) {
        List<String> rows = new ArrayList<>();
        for (Block block : parsed.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                StringBuilder line = new StringBuilder();
                for (int column = 0; column < block.columnCount(); column++) {
                    line.append(column > 0 ? "|" : "").append(ValueText.format(block.column(column), row));
                }
                rows.add(line.toString());
            }
        }
        return rows;
    }

    private static String write(String format, QueryResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write(format, result, 0.001, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
