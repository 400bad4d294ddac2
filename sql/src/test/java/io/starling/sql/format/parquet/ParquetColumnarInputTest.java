package io.starling.sql.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryResult;
import io.starling.sql.format.input.ChunkLimits;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParseSummary;
import io.starling.sql.format.input.ParsedChunk;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.input.QuarantinedRow;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/**
 * The columnar Parquet reader ({@link ParquetColumnarReader}): values straight into column builders with exact
 * types, jsonpath mapping (struct fields, lists, lists of structs), DEFAULT/NULL for missing values, quarantine as
 * the NDJSON path does it, files of many row groups streamed in bounded chunks, and a large generated file.
 */
class ParquetColumnarInputTest {
    /** Name, type written, type read back. */
    private static final String[][] COLUMNS = {
            {"i8", "Int8"}, {"u8", "UInt8"}, {"i16", "Int16"}, {"u16", "UInt16"}, {"i32", "Int32"},
            {"u32", "UInt32"}, {"i64", "Int64"}, {"u64", "UInt64"}, {"f32", "Float32"}, {"f64", "Float64"},
            {"flag", "Bool"}, {"s", "String"}, {"ns", "Nullable(String)"}, {"ni", "Nullable(Int64)"},
            {"d9", "Decimal(9, 2)"}, {"d18", "Decimal(18, 4)"}, {"d38", "Decimal(38, 9)"}, {"day", "Date"},
            {"day32", "Date32"}, {"ts", "DateTime"}, {"ts3", "DateTime64(3)"}, {"ts6", "DateTime64(6)"},
            {"ts9", "DateTime64(9)"}, {"ints", "Array(Int32)"}, {"names", "Array(Nullable(String))"},
            {"nested", "Array(Array(Int64))"}, {"low", "LowCardinality(String)"}, {"id", "UUID"},
            {"kind", "Enum8('a' = 1, 'b' = 2)"}, {"ip", "IPv4"},
    };

    private static final String ROWS = """
            {"i8":-128,"u8":255,"i16":-32768,"u16":65535,"i32":-2147483648,"u32":4294967295,"i64":-9223372036854775808,"u64":18446744073709551615,"f32":1.5,"f64":-2.25e-300,"flag":true,"s":"héllo\\ttab","ns":null,"ni":null,"d9":-1234567.89,"d18":12345678901234.5678,"d38":-12345678901234567890.123456789,"day":"2024-02-29","day32":"1901-01-01","ts":"2024-03-01 12:34:56","ts3":"1969-12-31 23:59:59.999","ts6":"2024-03-01 12:34:56.123456","ts9":"2262-04-11 23:47:16.854775807","ints":[1,-2,3],"names":["a",null,"c"],"nested":[[1],[],[2,3]],"low":"lc","id":"61f0c404-5cb3-11e7-907b-a6006ad3dba0","kind":"b","ip":"10.0.0.1"}
            {"i8":0,"u8":0,"i16":0,"u16":0,"i32":0,"u32":0,"i64":0,"u64":0,"f32":0,"f64":0,"flag":false,"s":"","ns":"x","ni":42,"d9":0,"d18":0,"d38":"0.5","day":"1970-01-01","day32":"1970-01-01","ts":"1970-01-01 00:00:00","ts3":"1970-01-01 00:00:00","ts6":"1970-01-01 00:00:00","ts9":"1970-01-01 00:00:00","ints":[],"names":[],"nested":[],"low":"","id":"00000000-0000-0000-0000-000000000000","kind":"a","ip":"0.0.0.0"}
            {"i8":7,"u8":8,"i16":9,"u16":10,"i32":11,"u32":12,"i64":9007199254740993,"u64":9223372036854775808,"f32":0.1,"f64":0.1,"flag":true,"s":"z","ns":"","ni":-1,"d9":9999999.99,"d18":-0.0001,"d38":99999999999999999999999999999.999999999,"day":"2149-06-06","day32":"2299-12-31","ts":"2106-02-07 06:28:15","ts3":"2024-01-01 00:00:00.001","ts6":"1900-01-01 00:00:00.000001","ts9":"1900-01-01 00:00:00.000000001","ints":[2147483647],"names":[null],"nested":[[],[]],"low":"lc","id":"ffffffff-ffff-ffff-ffff-ffffffffffff","kind":"b","ip":"255.255.255.255"}
            """;

    private static QueryResult result(String[][] columns, String ndjson) {
        List<ColumnDefinition> definitions = new ArrayList<>();
        List<IngestColumn> ingest = new ArrayList<>();
        for (String[] column : columns) {
            definitions.add(new ColumnDefinition(column[0], DataTypes.parse(column[1])));
            ingest.add(new IngestColumn(column[0], DataTypes.parse(column[1]), "$." + column[0], null));
        }
        ParsedRows rows = NdjsonInput.parse(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), ingest);
        assertThat(rows.quarantined()).isEmpty();
        return new QueryResult(definitions, rows.blocks(), -1, 0, 0, null);
    }

    private static byte[] parquet(QueryResult result, int rowGroupRows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParquetOutput.write(result, out, CompressionCodecName.SNAPPY, rowGroupRows);
        return out.toByteArray();
    }

    private static String tsv(List<ColumnDefinition> columns, List<Block> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write("TSVWithNames", new QueryResult(columns, blocks, -1, 0, 0, null), 0, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<IngestColumn> columns(String... nameTypePath) {
        List<IngestColumn> columns = new ArrayList<>();
        for (int i = 0; i < nameTypePath.length; i += 3) {
            columns.add(new IngestColumn(nameTypePath[i], DataTypes.parse(nameTypePath[i + 1]), nameTypePath[i + 2],
                    null));
        }
        return columns;
    }

    private static List<ColumnDefinition> definitions(List<IngestColumn> columns) {
        return columns.stream().map(column -> new ColumnDefinition(column.name(), column.type())).toList();
    }

    @Test
    void everyTypeReadsColumnByColumnExactlyAsWritten() {
        QueryResult original = result(COLUMNS, ROWS);
        try (ParquetFile file = ParquetFile.of(parquet(original, 1 << 20))) {
            List<IngestColumn> columns = new ArrayList<>();
            for (ColumnDefinition definition : original.columns()) {
                columns.add(new IngestColumn(definition.name(), definition.type(), null, null));
            }
            assertThat(ParquetInput.fallbackReasons(file, columns)).isEmpty();
            ParsedRows back = ParquetInput.parse(file, columns);
            assertThat(back.quarantined()).isEmpty();
            String expected = tsv(original.columns(), original.blocks());
            assertThat(tsv(original.columns(), back.blocks())).isEqualTo(expected);
            // the NDJSON text path gives the same rows for these types
            assertThat(tsv(original.columns(), ParquetInput.parseAsNdjson(file, columns).blocks())).isEqualTo(expected);
        }
    }

    @Test
    void precisionBeyondDoublesIsKept() {
        QueryResult original = result(new String[][]{{"u64", "UInt64"}, {"i64", "Int64"}, {"d38", "Decimal(38, 9)"},
                {"ts9", "DateTime64(9)"}}, """
                {"u64":18446744073709551615,"i64":9007199254740993,"d38":1234567890123456789012345678.123456789,"ts9":"2024-03-01 12:34:56.123456789"}
                """);
        try (ParquetFile file = ParquetFile.of(parquet(original, 1 << 20))) {
            List<IngestColumn> columns = columns("u64", "UInt64", "$.u64", "i64", "Int64", "$.i64",
                    "d38", "Decimal(38, 9)", "$.d38", "ts9", "DateTime64(9)", "$.ts9",
                    // rescaled: more fraction digits, fewer (truncated), and to a float
                    "wide", "Decimal(38, 10)", "$.d38", "narrow", "Decimal(38, 2)", "$.d38",
                    "approx", "Float64", "$.d38", "micros", "DateTime64(6)", "$.ts9", "seconds", "DateTime", "$.ts9");
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.quarantined()).isEmpty();
            assertThat(tsv(definitions(columns), rows.blocks())).isEqualTo(
                    "u64\ti64\td38\tts9\twide\tnarrow\tapprox\tmicros\tseconds\n"
                            + "18446744073709551615\t9007199254740993\t1234567890123456789012345678.123456789\t"
                            + "2024-03-01 12:34:56.123456789\t1234567890123456789012345678.123456789\t"
                            + "1234567890123456789012345678.12\t1.2345678901234569e27\t2024-03-01 12:34:56.123456\t"
                            + "2024-03-01 12:34:56\n");
        }
    }

    @Test
    void conversionsFollowClickHouse() {
        QueryResult original = result(new String[][]{{"n", "Int32"}, {"s", "String"}, {"d", "Date"}, {"big", "Int64"}},
                """
                {"n":19000,"s":"lc-a","d":"2024-01-02","big":3000000000}
                {"n":-5,"s":"12","d":"1970-01-01","big":-1}
                """);
        try (ParquetFile file = ParquetFile.of(parquet(original, 1 << 20))) {
            List<IngestColumn> columns = columns("as_day", "Date32", "$.n", "as_time", "DateTime64(3)", "$.n",
                    "as_text", "String", "$.n", "low", "LowCardinality(String)", "$.s", "as_int", "Int32", "$.s",
                    "as_float", "Float32", "$.n", "day_time", "DateTime", "$.d", "narrow", "Int16", "$.n",
                    "unsigned", "UInt32", "$.big", "maybe", "Nullable(Int8)", "$.n");
            ParsedRows rows = ParquetInput.parse(file, columns);
            // row 1: 19000 is no Int8 (a Nullable does not hide an overflow), 'lc-a' no Int32; row 2: -1 no UInt32
            assertThat(rows.quarantined()).hasSize(2);
            QuarantinedRow bad = rows.quarantined().get(0);
            assertThat(bad.errorColumns()).containsExactly("as_int", "maybe");
            assertThat(bad.errors()).containsExactly("value 'lc-a' on column 'as_int' is not Int32",
                    "value '19000' on column 'maybe' is not Nullable(Int8)");
            // failed columns keep the Parquet value's text, the others are written from the values read
            assertThat(bad.rawValues()).containsExactly("2022-01-08", "1970-01-01 05:16:40.000", "19000", "lc-a",
                    "lc-a", "19000", "2024-01-02 00:00:00", "19000", "3000000000", "19000");
            assertThat(rows.quarantined().get(1).errors()).containsExactly(
                    "value '-1' on column 'unsigned' is not UInt32");
            assertThat(rows.goodRows()).isZero();
        }
        try (ParquetFile file = ParquetFile.of(parquet(original, 1 << 20))) {
            List<IngestColumn> columns = columns("as_day", "Date32", "$.n", "as_int", "Int32", "$.s",
                    "low", "LowCardinality(String)", "$.s", "as_float", "Float32", "$.n", "day_time", "DateTime", "$.d");
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.quarantined()).hasSize(1);
            assertThat(rows.quarantined().get(0).errors()).containsExactly("value 'lc-a' on column 'as_int' is not Int32");
            assertThat(tsv(definitions(columns), rows.blocks())).isEqualTo(
                    "as_day\tas_int\tlow\tas_float\tday_time\n1969-12-27\t12\t12\t-5\t1970-01-01 00:00:00\n");
        }
    }

    @Test
    void quarantinedRowsMatchTheNdjsonPath() {
        QueryResult original = result(new String[][]{{"id", "Int32"}, {"name", "String"}, {"score", "Nullable(Float64)"}},
                """
                {"id":1,"name":"ok","score":1.5}
                {"id":2,"name":"x7","score":null}
                {"id":3,"name":"9","score":2.5}
                """);
        try (ParquetFile file = ParquetFile.of(parquet(original, 1 << 20))) {
            List<IngestColumn> columns = columns("id", "Int32", "$.id", "name", "Int64", "$.name",
                    "score", "Float64", "$.score");
            ParsedRows columnar = ParquetInput.parse(file, columns);
            ParsedRows text = ParquetInput.parseAsNdjson(file, columns);
            assertThat(columnar.goodRows()).isEqualTo(text.goodRows()).isEqualTo(1);
            assertThat(columnar.quarantined()).hasSize(2);
            for (int i = 0; i < 2; i++) {
                QuarantinedRow ours = columnar.quarantined().get(i);
                QuarantinedRow theirs = text.quarantined().get(i);
                assertThat(ours.errorColumns()).isEqualTo(theirs.errorColumns());
                assertThat(ours.errors()).isEqualTo(theirs.errors());
            }
            assertThat(columnar.quarantined().get(0).errors()).containsExactly(
                    "value 'ok' on column 'name' is not Int64");
            // row 2: "x7" is no Int64 and a null score has no value for a non-Nullable Float64
            assertThat(columnar.quarantined().get(1).errorColumns()).containsExactly("name", "score");
            assertThat(columnar.quarantined().get(1).rawValues()).containsExactly("2", "x7", null);
            assertThat(tsv(definitions(columns), columnar.blocks())).isEqualTo("id\tname\tscore\n3\t9\t2.5\n");
        }
    }

    @Test
    void structFieldsListsOfStructsAndMissingColumns() {
        QueryResult original = result(new String[][]{{"t", "Tuple(a Int32, b Nullable(String))"},
                {"items", "Array(Tuple(id Int32, tag Nullable(String)))"}, {"grid", "Array(Array(Nullable(Int64)))"}},
                """
                {"t":[1,"x"],"items":[[10,"p"],[11,null]],"grid":[[1,null],[],[3]]}
                {"t":[2,null],"items":[],"grid":[]}
                """);
        try (ParquetFile file = ParquetFile.of(parquet(original, 1 << 20))) {
            List<IngestColumn> columns = new ArrayList<>(columns("a", "Int64", "json:$.t.a",
                    "b", "Nullable(String)", "$.t.b", "ids", "Array(Int32)", "$.items[:].id",
                    "tags", "Array(Nullable(String))", "$.items[:].tag", "grid", "Array(Array(Nullable(Int64)))", "$.grid",
                    "absent_null", "Nullable(Int32)", "$.nope", "absent_text", "String", "$.t.nope"));
            columns.add(new IngestColumn("absent_default", DataTypes.parse("Int32"), "$.nope", "7"));
            columns.add(new IngestColumn("computed", DataTypes.parse("Int64"), null, "a * 10",
                    IngestColumn.Kind.MATERIALIZED));
            assertThat(ParquetInput.fallbackReasons(file, columns)).isEmpty();
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.quarantined()).isEmpty();
            assertThat(tsv(definitions(columns), rows.blocks())).isEqualTo(
                    "a\tb\tids\ttags\tgrid\tabsent_null\tabsent_text\tabsent_default\tcomputed\n"
                            + "1\tx\t[10,11]\t['p',NULL]\t[[1,NULL],[],[3]]\t\\N\t\t7\t10\n"
                            + "2\t\\N\t[]\t[]\t[]\t\\N\t\t7\t20\n");
            // a missing value of a non-Nullable column without DEFAULT quarantines the row, as NDJSON does
            ParsedRows strict = ParquetInput.parse(file, columns("a", "Int64", "$.t.a", "gone", "Int32", "$.gone"));
            assertThat(strict.goodRows()).isZero();
            assertThat(strict.quarantined()).extracting(QuarantinedRow::errors)
                    .containsOnly(List.of("value '' on column 'gone' is not Int32"));
        }
    }

    @Test
    void mapsTuplesAndWholeRowsAreReadColumnByColumnToo() {
        QueryResult original = result(new String[][]{{"m", "Map(String, Int64)"}, {"t", "Tuple(a Int32, b String)"},
                {"n", "Int32"}}, """
                {"m":{"k":1},"t":[1,"x"],"n":5}
                """);
        try (ParquetFile file = ParquetFile.of(parquet(original, 1 << 20))) {
            List<IngestColumn> map = columns("m", "Map(String, Int64)", "$.m", "t", "Tuple(a Int32, b String)", "$.t",
                    "n", "Int32", "$.n");
            assertThat(ParquetInput.fallbackReasons(file, map)).isEmpty();
            assertThat(tsv(definitions(map), ParquetInput.parse(file, map).blocks()))
                    .isEqualTo("m\tt\tn\n{'k':1}\t(1,'x')\t5\n");
            List<IngestColumn> whole = columns("row", "String", "$", "t", "String", "$.t");
            assertThat(ParquetInput.fallbackReasons(file, whole)).isEmpty();
            ParsedRows rows = ParquetInput.parse(file, whole);
            assertThat(tsv(definitions(whole), rows.blocks()))
                    .isEqualTo(tsv(definitions(whole), ParquetInput.parseAsNdjson(file, whole).blocks()))
                    .contains("{\"a\":1,\"b\":\"x\"}");
        }
    }

    @Test
    void manyRowGroupsStreamInBoundedChunksInOrder() {
        int rowCount = 30_000;
        byte[] bytes = parquet(generated(rowCount), 4_000);
        try (ParquetFile file = ParquetFile.of(bytes)) {
            assertThat(rowGroups(file)).isGreaterThan(5);
            List<ParsedChunk> chunks = new ArrayList<>();
            List<IngestColumn> columns = columns("id", "Int64", "$.id", "name", "LowCardinality(String)", "$.name",
                    "amount", "Decimal(18, 2)", "$.amount", "at", "DateTime64(3)", "$.at", "tags", "Array(String)",
                    "$.tags");
            ParseSummary summary = ParquetInput.stream(file, columns, new ChunkLimits(7_000, 1L << 40), chunks::add);
            assertThat(summary.goodRows()).isEqualTo(rowCount);
            assertThat(summary.quarantinedRows()).isZero();
            assertThat(chunks).hasSize(5);
            long expectedId = 0;
            for (ParsedChunk chunk : chunks) {
                assertThat(chunk.goodRows()).isLessThanOrEqualTo(7_000);
                var ids = (io.starling.storage.column.LongColumn) chunk.block().column(0);
                for (int row = 0; row < chunk.goodRows(); row++) {
                    assertThat(ids.getLong(row)).isEqualTo(expectedId++);
                }
            }
            // chunks also end at the byte limit (row groups' uncompressed size)
            List<ParsedChunk> small = new ArrayList<>();
            ParquetInput.stream(file, columns, new ChunkLimits(1 << 20, 64 * 1024), small::add);
            assertThat(small.size()).isGreaterThan(5);
            assertThat(small.stream().mapToLong(ParsedChunk::goodRows).sum()).isEqualTo(rowCount);
        }
    }

    @Test
    void aLargeGeneratedFileReadsEveryRow() {
        int rowCount = 400_000;
        byte[] bytes = parquet(generated(rowCount), 1 << 17);
        try (ParquetFile file = ParquetFile.of(bytes)) {
            List<IngestColumn> columns = columns("id", "Int64", "$.id", "name", "String", "$.name",
                    "amount", "Decimal(18, 2)", "$.amount", "tags", "Array(String)", "$.tags");
            long[] totals = new long[3];
            ParseSummary summary = ParquetInput.stream(file, columns, ChunkLimits.DEFAULT, chunk -> {
                var ids = (io.starling.storage.column.LongColumn) chunk.block().column(0);
                var amounts = (io.starling.storage.column.LongColumn) chunk.block().column(2);
                for (int row = 0; row < chunk.goodRows(); row++) {
                    totals[0] += ids.getLong(row);
                    totals[1] += amounts.getLong(row);
                }
                totals[2]++;
            });
            assertThat(summary.goodRows()).isEqualTo(rowCount);
            assertThat(totals[0]).isEqualTo((long) rowCount * (rowCount - 1) / 2);
            // amount = id * 1.25 → unscaled id * 125
            assertThat(totals[1]).isEqualTo(125L * rowCount * (rowCount - 1) / 2);
        }
    }

    private static int rowGroups(ParquetFile file) {
        try (var reader = file.openReader()) {
            return reader.getRowGroups().size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** id, name (100 distinct), amount = id * 1.25, at (millis), tags (0..2 strings). */
    static QueryResult generated(int rowCount) {
        List<ColumnDefinition> definitions = List.of(new ColumnDefinition("id", DataTypes.parse("Int64")),
                new ColumnDefinition("name", DataTypes.parse("String")),
                new ColumnDefinition("amount", DataTypes.parse("Decimal(18, 2)")),
                new ColumnDefinition("at", DataTypes.parse("DateTime64(3)")),
                new ColumnDefinition("tags", DataTypes.parse("Array(String)")));
        List<Block> blocks = new ArrayList<>();
        for (int start = 0; start < rowCount; start += Block.MAX_ROWS) {
            int rows = Math.min(Block.MAX_ROWS, rowCount - start);
            ColumnBuilder[] builders = new ColumnBuilder[definitions.size()];
            for (int c = 0; c < builders.length; c++) {
                builders[c] = ColumnBuilder.forType(definitions.get(c).type(), rows);
            }
            var tags = (io.starling.storage.column.ArrayColumnBuilder) builders[4];
            for (int row = start; row < start + rows; row++) {
                builders[0].appendLong(row);
                builders[1].appendString("name-" + (row % 100));
                builders[2].appendLong(row * 125L);
                builders[3].appendLong(1_700_000_000_000L + row);
                for (int t = 0; t < row % 3; t++) {
                    tags.elements().appendString("t" + t);
                }
                tags.closeArray();
            }
            List<Column> columns = new ArrayList<>();
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
            blocks.add(new Block(columns, rows));
        }
        return new QueryResult(definitions, blocks, -1, 0, 0, null);
    }
}
