package io.starling.sql.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.sql.QueryResult;
import io.starling.sql.format.input.ChunkLimits;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParsedChunk;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our Parquet output read back by our Parquet input gives the same values, and the schema the expected types. */
class ParquetRoundTripTest {
    /** Column name → its type, and the type a data source created from our file would guess. */
    private static final String[][] COLUMNS = {
            {"i8", "Int8", "Int8"},
            {"u8", "UInt8", "UInt8"},
            {"i16", "Int16", "Int16"},
            {"u16", "UInt16", "UInt16"},
            {"i32", "Int32", "Int32"},
            {"u32", "UInt32", "UInt32"},
            {"i64", "Int64", "Int64"},
            {"u64", "UInt64", "UInt64"},
            {"f32", "Float32", "Float32"},
            {"f64", "Float64", "Float64"},
            {"flag", "Bool", "Bool"},
            {"s", "String", "String"},
            {"ns", "Nullable(String)", "Nullable(String)"},
            {"ni", "Nullable(Int64)", "Nullable(Int64)"},
            {"d9", "Decimal(9, 2)", "Decimal(9, 2)"},
            {"d18", "Decimal(18, 4)", "Decimal(18, 4)"},
            {"d38", "Decimal(38, 9)", "Decimal(38, 9)"},
            {"day", "Date", "Date32"},
            {"day32", "Date32", "Date32"},
            {"ts", "DateTime", "DateTime64(3)"},
            {"ts3", "DateTime64(3)", "DateTime64(3)"},
            {"ts6", "DateTime64(6)", "DateTime64(6)"},
            {"ts9", "DateTime64(9)", "DateTime64(9)"},
            {"ints", "Array(Int32)", "Array(Int32)"},
            {"names", "Array(Nullable(String))", "Array(Nullable(String))"},
            {"nested", "Array(Array(Int64))", "Array(Array(Int64))"},
            {"tags", "Map(String, Int64)", "Map(String, Int64)"},
            {"low", "LowCardinality(String)", "String"},
            {"id", "UUID", "String"},
            {"kind", "Enum8('a' = 1, 'b' = 2)", "String"},
            {"ip", "IPv4", "String"},
    };

    private static final String ROWS = """
            {"i8":-128,"u8":255,"i16":-32768,"u16":65535,"i32":-2147483648,"u32":4294967295,"i64":-9223372036854775808,"u64":18446744073709551615,"f32":1.5,"f64":-2.25e-300,"flag":true,"s":"héllo\\ttab","ns":null,"ni":null,"d9":-1234567.89,"d18":12345678901234.5678,"d38":-12345678901234567890.123456789,"day":"2024-02-29","day32":"1901-01-01","ts":"2024-03-01 12:34:56","ts3":"1969-12-31 23:59:59.999","ts6":"2024-03-01 12:34:56.123456","ts9":"2262-04-11 23:47:16.854775807","ints":[1,-2,3],"names":["a",null,"c"],"nested":[[1],[],[2,3]],"tags":{"x":1,"y":-2},"low":"lc","id":"61f0c404-5cb3-11e7-907b-a6006ad3dba0","kind":"b","ip":"10.0.0.1"}
            {"i8":0,"u8":0,"i16":0,"u16":0,"i32":0,"u32":0,"i64":0,"u64":0,"f32":0,"f64":0,"flag":false,"s":"","ns":"x","ni":42,"d9":0,"d18":0,"d38":"0.5","day":"1970-01-01","day32":"1970-01-01","ts":"1970-01-01 00:00:00","ts3":"1970-01-01 00:00:00","ts6":"1970-01-01 00:00:00","ts9":"1970-01-01 00:00:00","ints":[],"names":[],"nested":[],"tags":{},"low":"","id":"00000000-0000-0000-0000-000000000000","kind":"a","ip":"0.0.0.0"}
            """;

    private static List<ColumnDefinition> definitions() {
        List<ColumnDefinition> definitions = new ArrayList<>();
        for (String[] column : COLUMNS) {
            definitions.add(new ColumnDefinition(column[0], DataTypes.parse(column[1])));
        }
        return definitions;
    }

    private static List<IngestColumn> ingestColumns(List<ColumnDefinition> definitions) {
        List<IngestColumn> columns = new ArrayList<>();
        for (ColumnDefinition definition : definitions) {
            columns.add(new IngestColumn(definition.name(), definition.type(), null, null));
        }
        return columns;
    }

    private static QueryResult source() {
        List<ColumnDefinition> definitions = definitions();
        List<IngestColumn> columns = new ArrayList<>();
        for (ColumnDefinition definition : definitions) {
            columns.add(new IngestColumn(definition.name(), definition.type(), "$." + definition.name(), null));
        }
        ParsedRows rows = NdjsonInput.parse(new ByteArrayInputStream(ROWS.getBytes(StandardCharsets.UTF_8)), columns);
        assertThat(rows.quarantined()).isEmpty();
        assertThat(rows.goodRows()).isEqualTo(2);
        return new QueryResult(definitions, rows.blocks(), -1, 0, 0, null);
    }

    private static String tsv(QueryResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write("TSVWithNames", result, 0, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] parquet(QueryResult result, CompressionCodecName codec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParquetOutput.write(result, out, codec);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"ZSTD", "GZIP", "SNAPPY", "LZ4_RAW", "UNCOMPRESSED"})
    void valuesSurviveTheRoundTrip(CompressionCodecName codec) {
        QueryResult original = source();
        byte[] bytes = parquet(original, codec);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        try (ParquetFile file = ParquetFile.of(bytes)) {
            assertThat(file.rowCount()).isEqualTo(2);
            ParsedRows back = ParquetInput.parse(file, ingestColumns(original.columns()));
            assertThat(back.quarantined()).isEmpty();
            assertThat(tsv(new QueryResult(original.columns(), back.blocks(), -1, 0, 0, null)))
                    .isEqualTo(tsv(original));
        }
    }

    @Test
    void outputThroughOutputFormatsIsParquet() {
        QueryResult original = source();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write("Parquet", original, 0, out);
        assertThat(OutputFormats.contentType("parquet")).isEqualTo("application/octet-stream");
        try (ParquetFile file = ParquetFile.of(out.toByteArray())) {
            assertThat(file.rowCount()).isEqualTo(2);
        }
    }

    @Test
    void guessedTypesOfOurOutput() {
        try (ParquetFile file = ParquetFile.of(parquet(source(), CompressionCodecName.ZSTD))) {
            Map<String, String> guessed = new LinkedHashMap<>();
            for (ParquetColumns.Column column : file.guessColumns()) {
                guessed.put(column.name(), column.type());
                assertThat(column.jsonPath()).isEqualTo("$." + column.name());
            }
            Map<String, String> expected = new LinkedHashMap<>();
            for (String[] column : COLUMNS) {
                expected.put(column[0], column[2]);
            }
            assertThat(guessed).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void guessedTypesReadTheFileBack() {
        try (ParquetFile file = ParquetFile.of(parquet(source(), CompressionCodecName.ZSTD))) {
            List<IngestColumn> columns = new ArrayList<>();
            for (ParquetColumns.Column column : file.guessColumns()) {
                columns.add(new IngestColumn(column.name(), DataTypes.parse(column.type()), column.jsonPath(), null));
            }
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.quarantined()).isEmpty();
            assertThat(rows.goodRows()).isEqualTo(2);
        }
    }

    @Test
    void valuesThatDoNotFitGoToQuarantine() {
        try (ParquetFile file = ParquetFile.of(parquet(source(), CompressionCodecName.ZSTD))) {
            // s is "héllo\ttab" then "": neither is an Int32; i8 reads fine; a missing field takes the DEFAULT.
            List<IngestColumn> columns = List.of(
                    new IngestColumn("i8", DataTypes.parse("Int8"), "$.i8", null),
                    new IngestColumn("s", DataTypes.parse("Int32"), "$.s", null),
                    new IngestColumn("absent", DataTypes.parse("Int32"), "$.absent", "7"));
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.goodRows()).isZero();
            assertThat(rows.quarantined()).hasSize(2);
            assertThat(rows.quarantined().get(0).errorColumns()).containsExactly("s");
            assertThat(rows.quarantined().get(0).errors().get(0)).contains("is not Int32");
        }
    }

    @Test
    void nestedPathsReadStructFieldsAndStreamInChunks() {
        // Tuple(a Int32, b String) is written as a group: $.t.a and $.t.b reach its fields.
        List<ColumnDefinition> definitions = List.of(new ColumnDefinition("t",
                DataTypes.parse("Tuple(a Int32, b String)")));
        QueryResult tuples = new QueryResult(definitions, NdjsonInput.parse(new ByteArrayInputStream(
                "{\"t\":[1,\"x\"]}\n{\"t\":[2,\"y\"]}\n{\"t\":[3,\"z\"]}\n".getBytes(StandardCharsets.UTF_8)),
                List.of(new IngestColumn("t", definitions.get(0).type(), "$.t", null))).blocks(), -1, 0, 0, null);
        assertThat(tuples.rowCount()).isEqualTo(3);
        try (ParquetFile file = ParquetFile.of(parquet(tuples, CompressionCodecName.SNAPPY))) {
            MessageType schema = file.schema();
            assertThat(schema.getType("t").asGroupType().getFields()).extracting(Type::getName)
                    .containsExactly("a", "b");
            assertThat(file.guessColumns()).extracting(ParquetColumns.Column::name).containsExactly("t_a", "t_b");
            List<ParsedChunk> chunks = new ArrayList<>();
            var summary = ParquetInput.stream(file, List.of(
                    new IngestColumn("b", DataTypes.parse("String"), "json:$.t.b", null),
                    new IngestColumn("a", DataTypes.parse("Int64"), "$.t.a", null)), new ChunkLimits(2, 1 << 20),
                    chunks::add);
            assertThat(summary.goodRows()).isEqualTo(3);
            assertThat(chunks).hasSize(2);
            QueryResult back = new QueryResult(List.of(new ColumnDefinition("b", DataTypes.parse("String")),
                    new ColumnDefinition("a", DataTypes.parse("Int64"))),
                    chunks.stream().map(ParsedChunk::block).toList(), -1, 0, 0, null);
            assertThat(tsv(back)).isEqualTo("b\ta\nx\t1\ny\t2\nz\t3\n");
        }
    }

    @Test
    void projectionKeepsOnlyTheFieldsThePathsReach() {
        try (ParquetFile file = ParquetFile.of(parquet(source(), CompressionCodecName.ZSTD))) {
            assertThat(ParquetProjection.of(file.schema(), List.of("$.i8", "json:$.ints[:]", "$.['s']"))
                    .getFields()).extracting(Type::getName).containsExactly("i8", "s", "ints");
            assertThat(ParquetProjection.of(file.schema(), List.of("$.i8", "$")).getFieldCount())
                    .isEqualTo(COLUMNS.length);
        }
    }

    @Test
    void notParquetIsRefusedClearly() {
        assertThatThrownBy(() -> ParquetFile.read(new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(StarlingException.class).hasMessageContaining("not a Parquet file");
        byte[] truncated = parquet(source(), CompressionCodecName.ZSTD);
        byte[] broken = java.util.Arrays.copyOf(truncated, truncated.length);
        // keep the magic at both ends but damage the footer length
        broken[broken.length - 8] = 0x7F;
        broken[broken.length - 5] = 0x7F;
        assertThatThrownBy(() -> ParquetFile.of(broken)).isInstanceOf(StarlingException.class)
                .hasMessageContaining("Cannot read the Parquet file");
    }

    @Test
    void filesOnDiskAreReadInPlaceAndKept() throws Exception {
        byte[] bytes = parquet(source(), CompressionCodecName.ZSTD);
        java.nio.file.Path path = java.nio.file.Files.createTempFile("pq-test", ".parquet");
        try {
            java.nio.file.Files.write(path, bytes);
            try (ParquetFile file = ParquetFile.of(path)) {
                assertThat(file.rowCount()).isEqualTo(2);
            }
            assertThat(path).exists();
        } finally {
            java.nio.file.Files.deleteIfExists(path);
        }
    }
}
