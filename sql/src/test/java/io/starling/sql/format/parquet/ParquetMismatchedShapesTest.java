package io.starling.sql.format.parquet;

import static io.starling.sql.format.parquet.ParquetNestedInputTest.GROUPS;
import static io.starling.sql.format.parquet.ParquetNestedInputTest.columns;
import static io.starling.sql.format.parquet.ParquetNestedInputTest.rows;
import static io.starling.sql.format.parquet.ParquetNestedInputTest.tsv;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.format.input.ChunkLimits;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.ParsedChunk;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.input.QuarantinedRow;
import io.starling.storage.block.Block;
import io.starling.storage.type.DataTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;

/**
 * Shapes that do not match their column's type, read column by column ({@link ParquetParsedValue}) with exactly
 * the rows and quarantine of the NDJSON text path: a struct into a Map (field names as keys) or an Array, lists
 * of lists into Array(T), scalars into Array(T), lists / maps / structs into scalars, tuples that do not fit;
 * elements under {@code [:]} that do not match the Array's element type ({@link ParquetElementsValue}); and
 * Nullable(Array / Map / Tuple) columns ({@link ParquetNullableValue}), which the text path cannot build: schemas
 * refuse those types now, but tables created before keep them ({@link DataTypes#parseStored}), so Parquet still
 * fills them.
 */
class ParquetMismatchedShapesTest {
    /** Mismatched columns of {@link ParquetNestedInputTest}'s schema, as name, type, jsonpath. */
    private static final String[] MISMATCHED = {
            "s_map", "Map(String, String)", "$.s",
            "s_nullable_map", "Map(String, Nullable(String))", "$.s",
            "s_int_map", "Map(String, Nullable(Int32))", "$.s",
            "inner_map", "Map(LowCardinality(String), Float64)", "$.s.inner",
            "s_array", "Array(Int32)", "$.s",
            "grid_flat", "Array(Int64)", "$.grid",
            "grid_deep", "Array(Array(Array(Int64)))", "$.grid",
            "id_array", "Array(Int32)", "$.id",
            "b_array", "Array(String)", "$.s.b",
            "tags_int", "Nullable(Int32)", "$.tags",
            "legacy_int", "Nullable(Int32)", "$.legacy",
            "m_int", "Nullable(Int32)", "$.m",
            "s_int", "Nullable(Int64)", "$.s",
            "bare_int", "Nullable(Int32)", "$.s.bare",
            "events_int", "Nullable(Int32)", "$.events",
            "tags_map", "Map(String, String)", "$.tags",
            "m_array", "Array(String)", "$.m",
            "m_tuple", "Tuple(k1 Int32)", "$.m",
            "s_tuple", "Tuple(Int32, String)", "$.s",
            "s_named", "Tuple(zz Int32)", "$.s",
            "mm_values", "Map(String, Array(UInt8))", "$.mm",
            "foo_l", "Nullable(Int32)", "$.ms.foo.l",
            "row_map", "Map(String, String)", "$",
            "id_none", "Array(Int32)", "$.id[:]",
            "grid_elements", "Array(Int64)", "$.grid[:]",
            "tags_text", "String", "$.tags[:]",
            "tags_int", "Nullable(Int32)", "$.tags[:]",
            "people_maps", "Array(Map(String, String))", "$.people[:]",
            "names_nested", "Array(Array(String))", "$.people[:].name",
            "ages_text", "Array(Map(String, UInt8))", "$.people[:].age",
            "events_maps", "Array(Map(String, String))", "$.events[:]",
            "legacy_maps", "Array(Map(String, Int32))", "$.legacy[:]",
            "foo_l_elements", "Array(Array(Int32))", "$.ms.foo.l[:]",
    };

    /** Reads columnar (no fallback) and as NDJSON text; answers the columnar rows after checking they are the same. */
    private static ParsedRows sameAsTextPath(ParquetFile file, List<IngestColumn> columns) {
        assertThat(ParquetInput.fallbackReasons(file, columns)).isEmpty();
        ParsedRows columnar = ParquetInput.parse(file, columns);
        ParsedRows text = ParquetInput.parseAsNdjson(file, columns);
        assertThat(tsv(columns, columnar.blocks())).isEqualTo(tsv(columns, text.blocks()));
        assertThat(columnar.goodRows()).isEqualTo(text.goodRows());
        assertThat(columnar.quarantined()).hasSameSizeAs(text.quarantined());
        for (int i = 0; i < text.quarantined().size(); i++) {
            QuarantinedRow ours = columnar.quarantined().get(i);
            QuarantinedRow theirs = text.quarantined().get(i);
            assertThat(ours.errorColumns()).isEqualTo(theirs.errorColumns());
            assertThat(ours.errors()).isEqualTo(theirs.errors());
            // the raw values of the failed columns (the others are written from the built block, not the input)
            for (String failed : theirs.errorColumns()) {
                int column = columns.stream().map(IngestColumn::name).toList().indexOf(failed);
                assertThat(ours.rawValues().get(column)).isEqualTo(theirs.rawValues().get(column));
            }
        }
        return columnar;
    }

    @Test
    void everyMismatchedShapeReadsColumnarAsTheTextPathReadsIt() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(12), 5))) {
            for (int i = 0; i < MISMATCHED.length; i += 3) {
                sameAsTextPath(file, columns(MISMATCHED[i], MISMATCHED[i + 1], MISMATCHED[i + 2]));
            }
            // together (and with a column that reads well), a row fails on every column that does not take it
            List<IngestColumn> all = columns(MISMATCHED);
            all.add(0, new IngestColumn("id", DataTypes.parse("Int32"), "$.id", null));
            ParsedRows rows = sameAsTextPath(file, all);
            assertThat(rows.quarantined()).hasSize(12);
            List<ParsedChunk> chunks = new ArrayList<>();
            ParquetInput.stream(file, all, new ChunkLimits(4, 1L << 40), chunks::add);
            assertThat(chunks.stream().mapToLong(chunk -> chunk.quarantined().size()).sum()).isEqualTo(12);
        }
    }

    @Test
    void aStructIntoAMapTakesItsFieldNamesAsKeysAndLeavesOutNullFields() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(6), 1 << 20))) {
            List<IngestColumn> columns = columns("s", "Map(String, String)", "$.s",
                    "inner", "Map(String, Float64)", "$.s.inner");
            ParsedRows rows = sameAsTextPath(file, columns);
            assertThat(rows.quarantined()).isEmpty();
            assertThat(tsv(columns, rows.blocks())).isEqualTo("""
                    {'a':'1','b':'x"y','bare':'[1,2]','inner':'{"x":1.5}'}\t{'x':1.5}
                    {'bare':'[]'}\t{}
                    {}\t{}
                    {'b':'only b','bare':'[]','inner':'{}'}\t{}
                    {'a':'-7','bare':'[3]'}\t{}
                    {}\t{}
                    """);
        }
    }

    @Test
    void listDepthMismatchesQuarantineTheRowNamingTheValue() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(6), 1 << 20))) {
            ParsedRows grid = sameAsTextPath(file, columns("grid", "Array(Int64)", "$.grid"));
            // null and empty lists of lists are [] (nothing to convert); others are no Array(Int64)
            assertThat(grid.goodRows()).isEqualTo(4);
            assertThat(grid.quarantined()).extracting(QuarantinedRow::errors).containsExactly(
                    List.of("value '[[1,null],[],[]]' on column 'grid' is not Array(Int64)"),
                    List.of("value '[[4,5]]' on column 'grid' is not Array(Int64)"));
            ParsedRows id = sameAsTextPath(file, columns("id", "Array(Int32)", "$.id"));
            assertThat(id.quarantined()).hasSize(6).first().extracting(QuarantinedRow::errors)
                    .isEqualTo(List.of("value '0' on column 'id' is not Array(Int32)"));
            ParsedRows tags = sameAsTextPath(file, columns("tags", "Int32", "$.tags"));
            // a list is no Int32; a null list has no value for a non-Nullable column without DEFAULT
            assertThat(tags.quarantined()).extracting(QuarantinedRow::errors).containsExactly(
                    List.of("value '[\"t1\",null,\"t3\"]' on column 'tags' is not Int32"),
                    List.of("value '[]' on column 'tags' is not Int32"),
                    List.of("value '' on column 'tags' is not Int32"),
                    List.of("value '' on column 'tags' is not Int32"),
                    List.of("value '[\"ünï\"]' on column 'tags' is not Int32"),
                    List.of("value '' on column 'tags' is not Int32"));
            // [:] of a scalar finds no elements: the column's empty array
            ParsedRows none = sameAsTextPath(file, columns("id", "Array(Int32)", "$.id[:]"));
            assertThat(tsv(columns("id", "Array(Int32)", "$.id[:]"), none.blocks())).isEqualTo("[]\n".repeat(6));
        }
    }

    @Test
    void elementsUnderAListStepThatDoNotMatchAreParsedOrQuarantinedAsTheTextPathDoes() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(6), 1 << 20))) {
            List<IngestColumn> columns = columns("people", "Array(Map(String, String))", "$.people[:]",
                    "tags", "String", "$.tags[:]");
            ParsedRows rows = sameAsTextPath(file, columns);
            assertThat(rows.quarantined()).isEmpty();
            assertThat(tsv(columns, rows.blocks()).lines().limit(2)).containsExactly(
                    "[{'name':'ann','age':'31'},{},{'age':'7'}]\t[\"t1\",null,\"t3\"]", "[]\t[]");
            ParsedRows grid = sameAsTextPath(file, columns("grid", "Array(Int64)", "$.grid[:]"));
            assertThat(grid.quarantined()).extracting(QuarantinedRow::errors).containsExactly(
                    List.of("value '[[1,null],[],[]]' on column 'grid' is not Array(Int64)"),
                    List.of("value '[[4,5]]' on column 'grid' is not Array(Int64)"));
        }
    }

    @Test
    void scalarsIntoArraysMapsAndTuplesParseTheirTextAsTheTextPathDoes() {
        ParquetGroups groups = new ParquetGroups("""
                message m {
                  optional binary text (STRING);
                  optional boolean flag;
                  optional double x;
                }
                """);
        List<Group> rows = new ArrayList<>();
        String[] texts = {"[1, 2]", "{'a': 1}", "(3, 'c')", "nope", null};
        for (int i = 0; i < texts.length; i++) {
            Group row = groups.row();
            if (texts[i] != null) {
                row.append("text", texts[i]).append("flag", i % 2 == 0).append("x", i + 0.5);
            }
            rows.add(row);
        }
        try (ParquetFile file = ParquetFile.of(groups.write(rows, 2))) {
            for (String type : List.of("Array(Int32)", "Map(String, Int32)", "Tuple(Int32, String)")) {
                sameAsTextPath(file, columns("text", type, "$.text", "flag", type, "$.flag", "x", type, "$.x"));
            }
            List<IngestColumn> columns = columns("text", "Array(Int32)", "$.text");
            ParsedRows parsed = sameAsTextPath(file, columns);
            assertThat(tsv(columns, parsed.blocks())).isEqualTo("[1,2]\n[]\n");
            assertThat(parsed.quarantined()).extracting(QuarantinedRow::rawValues)
                    .containsExactly(List.of("{'a': 1}"), List.of("(3, 'c')"), List.of("nope"));
        }
    }

    @Test
    void nullableContainersAreNullForANullFieldAndTheValueOtherwise() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(6), 1 << 20))) {
            List<IngestColumn> columns = legacyColumns("tags", "Nullable(Array(Nullable(String)))", "$.tags",
                    "tag_list", "Nullable(Array(String))", "$.tags[:]",
                    "m", "Nullable(Map(String, Nullable(Int32)))", "$.m",
                    "s", "Nullable(Tuple(a Nullable(Int32), b Nullable(String)))", "$.s",
                    "grid", "Array(Nullable(Array(Int64)))", "$.grid",
                    "mm", "Map(String, Nullable(Map(Int32, UInt8)))", "$.mm");
            columns.add(new IngestColumn("legacy", DataTypes.parseStored("Nullable(Array(Int64))"), "$.legacy", null));
            assertThat(ParquetInput.fallbackReasons(file, columns)).isEmpty();
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.quarantined()).isEmpty();
            assertThat(tsv(columns, rows.blocks())).isEqualTo("""
                    ['t1',NULL,'t3']\t['t1','','t3']\t{'k1':1,'k2':NULL}\t(1,'x"y')\t[[1,0],NULL,[]]\t{'a':{1:1,2:0},'b':NULL}\t[5,6]
                    []\t[]\t{}\t(NULL,NULL)\t[]\t{}\t[]
                    \\N\t\\N\t\\N\t\\N\t[]\t{}\t\\N
                    \\N\t\\N\t{'solo':-5}\t(NULL,'only b')\t[]\t{'c':{}}\t\\N
                    ['ünï']\t['ünï']\t{'k2':2,'k1':11}\t(-7,NULL)\t[]\t{}\t\\N
                    \\N\t\\N\t\\N\t\\N\t[[4,5]]\t{}\t\\N
                    """);
        }
    }

    @Test
    void aMismatchedShapeIntoANullableContainerIsNullOrQuarantined() {
        try (ParquetFile file = ParquetFile.of(GROUPS.write(rows(6), 1 << 20))) {
            List<IngestColumn> columns = legacyColumns("id", "Int32", "$.id", "s", "Nullable(Map(String, String))", "$.s",
                    "grid", "Nullable(Array(Int64))", "$.grid");
            assertThat(ParquetInput.fallbackReasons(file, columns)).isEmpty();
            ParsedRows rows = ParquetInput.parse(file, columns);
            assertThat(rows.quarantined()).extracting(QuarantinedRow::errors).containsExactly(
                    List.of("value '[[1,null],[],[]]' on column 'grid' is not Nullable(Array(Int64))"),
                    List.of("value '[[4,5]]' on column 'grid' is not Nullable(Array(Int64))"));
            List<Block> blocks = rows.blocks();
            assertThat(tsv(columns, blocks)).isEqualTo("""
                    1\t{'bare':'[]'}\t[]
                    2\t\\N\t\\N
                    3\t{'b':'only b','bare':'[]','inner':'{}'}\t\\N
                    4\t{'a':'-7','bare':'[3]'}\t\\N
                    """);
            // a Nullable(Array) deeper inside a mismatched shape cannot be parsed: its rows are quarantined
            ParsedRows deep = ParquetInput.parse(file, legacyColumns("s", "Map(String, Nullable(Array(Int32)))", "$.s"));
            assertThat(deep.goodRows()).isEqualTo(2);
            assertThat(deep.quarantined()).hasSize(4);
        }
    }

    /** Columns of a table created before schemas refused Nullable(Array / Map / Tuple), as name, type, jsonpath. */
    private static List<IngestColumn> legacyColumns(String... nameTypePath) {
        List<IngestColumn> columns = new ArrayList<>();
        for (int i = 0; i < nameTypePath.length; i += 3) {
            columns.add(new IngestColumn(nameTypePath[i], DataTypes.parseStored(nameTypePath[i + 1]), nameTypePath[i + 2],
                    null));
        }
        return columns;
    }
}
