package io.starling.storage.part;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.engine.TableSnapshot;
import io.starling.storage.index.IndexDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden bytes of the file kinds added after format 1: column codec chains, compact parts and skip-index files,
 * plus a check that the original part-v1 files still load and read. Regenerate deliberately with
 * {@code -Dstarling.golden.update=true} (see {@link GoldenPartTest}).
 */
class GoldenFormatsTest {
    private static final Path RESOURCES = Path.of("src/test/resources/golden");
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("id UInt32", "ts DateTime", "score Float64",
            "name String", "tags Array(String)");
    private static final List<List<Object>> ROWS = List.of(
            row(3L, 1_704_067_203L, 2.5, "gamma ray", List.of("x")),
            row(1L, 1_704_067_200L, 0.0, "alpha beta", List.of()),
            row(2L, 1_704_067_201L, 0.0, "beta", List.of("y", "zz")),
            row(4L, 1_704_067_209L, 60.25, "delta", List.of("x")));
    private static final Map<String, String> WIDE = Map.of("index_granularity", "2",
            PartSchema.MIN_ROWS_FOR_WIDE_PART, "0", PartSchema.MIN_BYTES_FOR_WIDE_PART, "0");

    @TempDir
    Path directory;

    @Test
    void codecChainsHaveTheExpectedBytes() throws IOException {
        TableDefinition definition = new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "", WIDE).withCodecs(Map.of(
                "id", "Delta, LZ4", "ts", "DoubleDelta, ZSTD(1)", "score", "Gorilla", "name", "ZSTD(3)", "tags", "NONE"));
        checkGolden(definition, "part-codecs-v1", true);
    }

    @Test
    void aCompactPartHasTheExpectedBytes() throws IOException {
        TableDefinition definition = new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "",
                Map.of("index_granularity", "2")).withCodecs(Map.of("id", "T64"));
        Path part = checkGolden(definition, "part-compact-v1", true);
        assertThat(DataPart.load(part).format()).isEqualTo(PartFormat.COMPACT);
    }

    @Test
    void skipIndexFilesHaveTheExpectedBytes() throws IOException {
        TableDefinition definition = new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "", WIDE).withIndexes(List.of(
                IndexDefinition.parse("INDEX mm ts TYPE minmax GRANULARITY 1"),
                IndexDefinition.parse("INDEX st name TYPE set(10) GRANULARITY 2"),
                IndexDefinition.parse("INDEX bf tags TYPE bloom_filter(0.05) GRANULARITY 1"),
                IndexDefinition.parse("INDEX tk name TYPE tokenbf_v1(32, 2, 0) GRANULARITY 1"),
                IndexDefinition.parse("INDEX ng name TYPE ngrambf_v1(2, 32, 2, 1) GRANULARITY 2")));
        checkGolden(definition, "part-indexes-v1", false);
    }

    @Test
    void theFormatOnePartStillLoadsAndReads() throws IOException {
        Path part = directory.resolve("20240115_1_1_0");
        Files.createDirectories(part);
        try (Stream<Path> files = Files.list(RESOURCES.resolve("part-v1"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Files.write(part.resolve(name.substring(0, name.length() - 4)),
                        HexFormat.of().parseHex(Files.readString(file).trim()));
            }
        }
        DataPart loaded = DataPart.load(part);
        assertThat(loaded.format()).isEqualTo(PartFormat.WIDE);
        assertThat(loaded.skipIndexes()).isEmpty();
        List<List<Object>> rows = TestBlocks.drain(loaded.scan(loaded.columns(), null, new ScanStatistics()));
        assertThat(rows).extracting(row -> row.get(0)).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(2)).containsExactly(3L, "b", 2.5, List.of("x"), 19737L);
    }

    /** Inserts the rows, compares every file with the golden copy, checks the rows read back; returns the part. */
    private Path checkGolden(TableDefinition definition, String golden, boolean onlyDataFiles) throws IOException {
        Path table = directory.resolve("table");
        try (MergeTreeTable opened = MergeTreeTable.open(table, definition, new ColumnKeyEvaluator(definition))) {
            opened.insert(TestBlocks.block(COLUMNS, ROWS));
            try (TableSnapshot snapshot = opened.snapshot()) {
                List<List<Object>> read = TestBlocks.drain(snapshot.scan(
                        COLUMNS.stream().map(ColumnDefinition::name).toList(), new ScanStatistics()));
                assertThat(read).containsExactly(ROWS.get(1), ROWS.get(2), ROWS.get(0), ROWS.get(3));
            }
        }
        Path part = table.resolve("all_1_1_0");
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(part)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean wanted = onlyDataFiles ? !name.endsWith(".txt") || name.equals("checksums.txt") : name.startsWith("skp_idx_");
                if (wanted) {
                    actual.put(name, HexFormat.of().formatHex(Files.readAllBytes(file)));
                }
            }
        }
        Path expectedDirectory = RESOURCES.resolve(golden);
        if (Boolean.getBoolean("starling.golden.update")) {
            Files.createDirectories(expectedDirectory);
            for (Map.Entry<String, String> file : actual.entrySet()) {
                Files.writeString(expectedDirectory.resolve(file.getKey() + ".hex"), file.getValue(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(expectedDirectory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                expected.put(name.substring(0, name.length() - ".hex".length()), Files.readString(file).trim());
            }
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String file : expected.keySet()) {
            assertThat(actual.get(file)).as(file).isEqualTo(expected.get(file));
        }
        return part;
    }
}
