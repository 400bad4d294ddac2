package io.starling.sql.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryResult;
import io.starling.sql.format.input.ChunkLimits;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.ParsedChunk;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.input.QuarantinedRow;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;

/**
 * Nested Parquet shapes read column by column ({@link ParquetNestedReader}): Map(K, V) from MAP groups, Tuple from
 * structs, structs / lists / maps into String columns as the JSON text the NDJSON text path produced (compared
 * with that path), paths by key through maps, columns sharing leaves, nulls at every level, conversion failures
 * quarantined, and the shapes that still fall back to the text path (mismatched shapes read column by column:
 * {@link ParquetMismatchedShapesTest}).
 */
class ParquetNestedInputTest {
    private static final String SCHEMA = """
            message row {
              required int32 id;
              optional group s {
                optional int32 a;
                optional binary b (STRING);
                repeated int32 bare;
                optional group inner {
                  optional double x;
                }
              }
              optional group tags (LIST) {
                repeated group list {
                  optional binary element (STRING);
                }
              }
              optional group grid (LIST) {
                repeated group list {
                  optional group element (LIST) {
                    repeated group list {
                      optional int64 element;
                    }
                  }
                }
              }
              optional group m (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  optional int32 value;
                }
              }
              optional group mm (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  optional group value (MAP) {
                    repeated group key_value {
                      required int32 key;
                      required boolean value;
                    }
                  }
                }
              }
              optional group people (LIST) {
                repeated group list {
                  optional group element {
                    optional binary name (STRING);
                    optional int32 age;
                  }
                }
              }
              optional group legacy (LIST) {
                repeated int32 array;
              }
              optional group pairs (LIST) {
                repeated group array {
                  optional int32 k;
                  optional binary v (STRING);
                }
              }
              repeated group events {
                optional binary kind (STRING);
                optional int64 at (TIMESTAMP(MILLIS,true));
              }
              optional group ms (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  optional group value {
                    optional int32 n;
                    optional group l (LIST) {
                      repeated group list {
                        optional int32 element;
                      }
                    }
                  }
                }
              }
            }
            """;

    static final ParquetGroups GROUPS = new ParquetGroups(SCHEMA);

    /** Six rows with values, empties and nulls at every level; row {@code i + 6k} repeats row {@code i}. */
    static List<Group> rows(int count) {
        List<Group> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row(i));
        }
        return rows;
    }

    private static Group row(int id) {
        Group row = GROUPS.row();
        row.append("id", id);
        switch (id % 6) {
            case 0 -> {
                Group s = row.addGroup("s");
                s.append("a", 1).append("b", "x\"y").append("bare", 1).append("bare", 2);
                s.addGroup("inner").append("x", 1.5);
                Group tags = row.addGroup("tags");
                tags.addGroup("list").append("element", "t1");
                tags.addGroup("list");
                tags.addGroup("list").append("element", "t3");
                Group grid = row.addGroup("grid");
                Group first = grid.addGroup("list").addGroup("element");
                first.addGroup("list").append("element", 1L);
                first.addGroup("list");
                grid.addGroup("list");
                grid.addGroup("list").addGroup("element");
                Group m = row.addGroup("m");
                m.addGroup("key_value").append("key", "k1").append("value", 1);
                m.addGroup("key_value").append("key", "k2");
                Group mm = row.addGroup("mm");
                Group inner = mm.addGroup("key_value").append("key", "a").addGroup("value");
                inner.addGroup("key_value").append("key", 1).append("value", true);
                inner.addGroup("key_value").append("key", 2).append("value", false);
                mm.addGroup("key_value").append("key", "b");
                Group people = row.addGroup("people");
                people.addGroup("list").addGroup("element").append("name", "ann").append("age", 31);
                people.addGroup("list");
                people.addGroup("list").addGroup("element").append("age", 7);
                row.addGroup("legacy").append("array", 5).append("array", 6);
                Group pairs = row.addGroup("pairs");
                pairs.addGroup("array").append("k", 1).append("v", "one");
                pairs.addGroup("array");
                row.addGroup("events").append("kind", "click").append("at", 1_700_000_000_123L);
                row.addGroup("events");
                Group ms = row.addGroup("ms");
                Group foo = ms.addGroup("key_value").append("key", "foo").addGroup("value").append("n", 3);
                Group list = foo.addGroup("l");
                list.addGroup("list").append("element", 9);
                list.addGroup("list");
                ms.addGroup("key_value").append("key", "bar");
            }
            case 1 -> {
                row.addGroup("s");
                row.addGroup("tags");
                row.addGroup("grid");
                row.addGroup("m");
                row.addGroup("mm");
                row.addGroup("people");
                row.addGroup("legacy");
                row.addGroup("pairs");
                row.addGroup("ms");
            }
            case 2 -> {
                // every optional field null, no events
            }
            case 3 -> {
                Group s = row.addGroup("s");
                s.append("b", "only b");
                s.addGroup("inner");
                row.addGroup("m").addGroup("key_value").append("key", "solo").append("value", -5);
                Group mm = row.addGroup("mm");
                mm.addGroup("key_value").append("key", "c").addGroup("value");
                Group ms = row.addGroup("ms");
                ms.addGroup("key_value").append("key", "foo").addGroup("value").addGroup("l");
                row.addGroup("events").append("kind", "view");
            }
            case 4 -> {
                row.addGroup("s").append("a", -7).append("bare", 3);
                Group tags = row.addGroup("tags");
                tags.addGroup("list").append("element", "ünï");
                Group people = row.addGroup("people");
                people.addGroup("list").addGroup("element");
                Group m = row.addGroup("m");
                m.addGroup("key_value").append("key", "k2").append("value", 2);
                m.addGroup("key_value").append("key", "k1").append("value", 11);
            }
            default -> {
                Group grid = row.addGroup("grid");
                Group element = grid.addGroup("list").addGroup("element");
                element.addGroup("list").append("element", 4L);
                element.addGroup("list").append("element", 5L);
                Group ms = row.addGroup("ms");
                ms.addGroup("key_value").append("key", "bar").addGroup("value").append("n", 8);
            }
        }
        return row;
    }

    static List<IngestColumn> columns(String... nameTypePath) {
        List<IngestColumn> columns = new ArrayList<>();
        for (int i = 0; i < nameTypePath.length; i += 3) {
            columns.add(new IngestColumn(nameTypePath[i], DataTypes.parse(nameTypePath[i + 1]), nameTypePath[i + 2],
                    null));
        }
        return columns;
    }

    static String tsv(List<IngestColumn> columns, List<Block> blocks) {
        List<ColumnDefinition> definitions = new ArrayList<>();
        for (IngestColumn column : columns) {
            definitions.add(new ColumnDefinition(column.name(), column.type()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write("TSV", new QueryResult(definitions, blocks, -1, 0, 0, null), 0, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reads columnar (no fallback), and answers the TSV; the NDJSON text path must give the same. */
    private static String sameAsTextPath(ParquetFile file, List<IngestColumn> columns) {
        assertThat(ParquetInput.fallbackReasons(file, columns)).isEmpty();
        ParsedRows columnar = ParquetInput.parse(file, columns);
        ParsedRows text = ParquetInput.parseAsNdjson(file, columns);
        assertThat(columnar.quarantined()).isEmpty();
        assertThat(text.quarantined()).isEmpty();
        String result = tsv(columns, columnar.blocks());
        assertThat(result).isEqualTo(tsv(columns, text.blocks()));
        return result;
    }

    @Test
    void structsListsAndMapsIntoStringColumnsAreTheTextPathsJson() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(6), 1 << 20))) {
            List<IngestColumn> columns = columns("s", "String", "$.s", "tags", "String", "$.tags",
                    "grid", "String", "$.grid", "m", "Nullable(String)", "$.m", "mm", "String", "$.mm",
                    "people", "String", "$.people", "legacy", "String", "$.legacy", "pairs", "String", "$.pairs",
                    "events", "String", "$.events", "ms", "String", "$.ms", "inner", "String", "$.s.inner",
                    "grid_rows", "Array(String)", "$.grid", "people_rows", "Array(String)", "$.people[:]");
            String result = sameAsTextPath(file, columns);
            String[] first = result.lines().findFirst().orElseThrow().split("\t");
            assertThat(first[0]).isEqualTo("{\"a\":1,\"b\":\"x\\\\\"y\",\"bare\":[1,2],\"inner\":{\"x\":1.5}}");
            assertThat(first[2]).isEqualTo("[[1,null],[],[]]");
            assertThat(first[3]).isEqualTo("{\"k1\":1,\"k2\":null}");
            assertThat(first[4]).isEqualTo("{\"a\":{\"1\":true,\"2\":false},\"b\":null}");
            assertThat(first[8]).isEqualTo("[{\"kind\":\"click\",\"at\":1700000000.123},{}]");
            assertThat(first[12]).isEqualTo("['{\"name\":\"ann\",\"age\":31}','','{\"age\":7}']");
            // a null struct is missing (''), a null map in a Nullable(String) is NULL; bare repeated fields are []
            String[] empty = result.lines().toList().get(2).split("\t", -1);
            assertThat(empty[0]).isEmpty();
            assertThat(empty[3]).isEqualTo("\\N");
            assertThat(empty[8]).isEqualTo("[]");
        }
    }

    @Test
    void theWholeRowAndPathsByKeyThroughMapsMatchTheTextPath() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(12), 5))) {
            String result = sameAsTextPath(file, columns("row", "String", "$", "k1", "Nullable(Int32)", "$.m.k1",
                    "k2", "Nullable(Int64)", "$.m.k2", "foo_n", "Nullable(Int32)", "$.ms.foo.n", "foo_l", "Array(Int32)",
                    "$.ms.foo.l", "inner_1", "Nullable(UInt8)", "$.mm.a.1", "by_list", "Nullable(String)", "$.tags.x",
                    "id", "Int32", "$.id"));
            assertThat(result.lines().toList()).hasSize(12);
            assertThat(result.lines().findFirst().orElseThrow()).endsWith("\t1\t\\N\t3\t[9,0]\t1\t\\N\t0");
            assertThat(result.lines().toList().get(4)).endsWith("\t11\t2\t\\N\t[]\t\\N\t\\N\t4");
        }
    }

    @Test
    void mapsReadIntoMapColumnsWithNullsAndNestedMaps() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(6), 1 << 20))) {
            List<IngestColumn> columns = columns("m", "Map(String, Nullable(Int32))", "$.m",
                    "m0", "Map(String, Int64)", "$.m", "mm", "Map(String, Map(Int32, UInt8))", "$.mm",
                    "ms", "Map(String, Tuple(n Nullable(Int32), l Array(Nullable(Int32))))", "$.ms",
                    "ml", "Map(LowCardinality(String), String)", "$.ms");
            assertThat(ParquetInput.fallbackReasons(file, columns)).isEmpty();
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.quarantined()).isEmpty();
            assertThat(tsv(columns, rows.blocks())).isEqualTo("""
                    {'k1':1,'k2':NULL}\t{'k1':1,'k2':0}\t{'a':{1:1,2:0},'b':{}}\t{'foo':(3,[9,NULL]),'bar':(NULL,[])}\t{'foo':'{"n":3,"l":[9,null]}','bar':''}
                    {}\t{}\t{}\t{}\t{}
                    {}\t{}\t{}\t{}\t{}
                    {'solo':-5}\t{'solo':-5}\t{'c':{}}\t{'foo':(NULL,[])}\t{'foo':'{"l":[]}'}
                    {'k2':2,'k1':11}\t{'k2':2,'k1':11}\t{}\t{}\t{}
                    {}\t{}\t{}\t{'bar':(8,[])}\t{'bar':'{"n":8}'}
                    """);
        }
    }

    @Test
    void structsReadIntoTuplesByNameOrPosition() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(6), 1 << 20))) {
            List<IngestColumn> columns = columns("named", "Tuple(b Nullable(String), a Nullable(Int32))", "$.s",
                    "positional", "Tuple(Int32, String, Array(Int32), Tuple(Nullable(Float64)))", "$.s",
                    "people", "Array(Tuple(name Nullable(String), age Int32))", "$.people",
                    "pairs", "Array(Tuple(k Nullable(Int32), v String))", "$.pairs",
                    "events", "Array(Tuple(kind String, at DateTime64(3)))", "$.events");
            assertThat(ParquetInput.fallbackReasons(file, columns)).isEmpty();
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.quarantined()).isEmpty();
            assertThat(tsv(columns, rows.blocks())).isEqualTo("""
                    ('x"y',1)\t(1,'x"y',[1,2],(1.5))\t[('ann',31),(NULL,0),(NULL,7)]\t[(1,'one'),(NULL,'')]\t[('click','2023-11-14 22:13:20.123'),('','1970-01-01 00:00:00.000')]
                    (NULL,NULL)\t(0,'',[],(NULL))\t[]\t[]\t[]
                    (NULL,NULL)\t(0,'',[],(NULL))\t[]\t[]\t[]
                    ('only b',NULL)\t(0,'only b',[],(NULL))\t[]\t[]\t[('view','1970-01-01 00:00:00.000')]
                    (NULL,-7)\t(-7,'',[3],(NULL))\t[(NULL,0)]\t[]\t[]
                    (NULL,NULL)\t(0,'',[],(NULL))\t[]\t[]\t[]
                    """);
        }
    }

    @Test
    void columnsSharingLeavesReadInSeparatePassesAcrossRowGroupsAndChunks() {
        int count = 600;
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(count), 64))) {
            List<IngestColumn> columns = columns("id", "Int32", "$.id", "s", "String", "$.s", "a", "Nullable(Int32)",
                    "$.s.a", "bare", "Array(Int32)", "$.s.bare", "m", "Map(String, Nullable(Int32))", "$.m",
                    "m_text", "String", "$.m", "k1", "Nullable(Int32)", "$.m.k1", "row", "String", "$");
            assertThat(ParquetInput.fallbackReasons(file, columns)).isEmpty();
            ParsedRows whole = ParquetInput.parse(file, columns);
            List<IngestColumn> textColumns = columns.stream().filter(c -> !c.name().equals("m")).toList();
            assertThat(tsv(textColumns, ParquetInput.parse(file, textColumns).blocks()))
                    .isEqualTo(tsv(textColumns, ParquetInput.parseAsNdjson(file, textColumns).blocks()));
            List<ParsedChunk> chunks = new ArrayList<>();
            ParquetInput.stream(file, columns, new ChunkLimits(37, 1L << 40), chunks::add);
            assertThat(chunks).hasSizeGreaterThan(10);
            List<Block> streamed = chunks.stream().map(ParsedChunk::block).toList();
            assertThat(tsv(columns, streamed)).isEqualTo(tsv(columns, whole.blocks()));
            String[] last = tsv(columns, whole.blocks()).lines().toList().get(count - 2).split("\t");
            assertThat(last[0]).isEqualTo(String.valueOf(count - 2));
            assertThat(last[4]).isEqualTo("{'k2':2,'k1':11}");
        }
    }

    @Test
    void aNestedValueThatDoesNotConvertQuarantinesItsRow() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(6), 1 << 20))) {
            List<IngestColumn> columns = columns("id", "Int32", "$.id", "m", "Map(String, UInt8)", "$.m",
                    "people", "Array(Tuple(name String, age UInt8))", "$.people");
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.goodRows()).isEqualTo(5);
            assertThat(rows.quarantined()).singleElement().extracting(QuarantinedRow::errors)
                    .isEqualTo(List.of("value '-5' on column 'm' is not Map(String, UInt8)"));
            assertThat(tsv(columns, rows.blocks()).lines().map(line -> line.split("\t")[0]).toList())
                    .containsExactly("0", "1", "2", "4", "5");
        }
    }

    @Test
    void aNullStructIntoATupleIsATupleOfNullsAndAnAbsentOneHonoursTheDefault() {
        ParquetGroups groups = new ParquetGroups("message m { optional group t { optional int32 a; } }");
        Group present = groups.row();
        present.addGroup("t").append("a", 4);
        try (ParquetFile file = ParquetFile.of(groups.write(List.of(present, groups.row()), 10))) {
            List<IngestColumn> columns = columns("t", "Tuple(Nullable(Int32))", "$.t");
            columns.add(new IngestColumn("d", DataTypes.parse("Tuple(Int32)"), "$.t", "tuple(9)"));
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(tsv(columns, rows.blocks())).isEqualTo("(4)\t(4)\n(NULL)\t(9)\n");
        }
    }

    @Test
    void unusualLayoutsStillFallBackToText() {
        // shapes that do not match their column's type are read column by column: see ParquetMismatchedShapesTest
        ParquetGroups groups = new ParquetGroups("""
                message m {
                  optional group gm (MAP) {
                    repeated group key_value {
                      required group key {
                        required int32 a;
                      }
                      optional int32 value;
                    }
                  }
                }
                """);
        Group row = groups.row();
        row.addGroup("gm").addGroup("key_value").append("value", 4).addGroup("key").append("a", 1);
        try (ParquetFile file = ParquetFile.of(groups.write(List.of(row, groups.row()), 10))) {
            List<IngestColumn> columns = columns("gm", "Map(String, Int32)", "$.gm");
            assertThat(ParquetInput.fallbackReasons(file, columns))
                    .singleElement().asString().contains("[gm]", "unusual layout");
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.goodRows() + rows.quarantined().size()).isEqualTo(2);
        }
    }
}
