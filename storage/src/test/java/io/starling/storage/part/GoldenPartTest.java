package io.starling.storage.part;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.CompressedBlocks;
import io.starling.storage.codec.CompressionCodec;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the on-disk part format: a tiny fixed part must match the checked-in bytes file by file. A deliberate
 * format change regenerates the expected files with
 * {@code ./mvnw -pl storage test -Dtest=GoldenPartTest -Dstarling.golden.update=true} (run from the repository
 * root with your build folder) and bumps the format version.
 */
class GoldenPartTest {
    private static final Path EXPECTED = Path.of("src/test/resources/golden/part-v1");
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("id UInt32", "name LowCardinality(String)",
            "score Nullable(Float64)", "tags Array(String)", "day Date");

    @TempDir
    Path directory;

    @Test
    void aTinyPartHasExactlyTheExpectedBytes() throws IOException {
        TableDefinition definition = new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "day",
                Map.of("index_granularity", "2", PartSchema.MIN_ROWS_FOR_WIDE_PART, "0",
                        PartSchema.MIN_BYTES_FOR_WIDE_PART, "0"));
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            table.insert(TestBlocks.block(COLUMNS, List.of(
                    row(3L, "b", 2.5, List.of("x"), 19737L),
                    row(1L, "a", null, List.of(), 19737L),
                    row(2L, "a", -1.0, List.of("y", "zz"), 19737L))));
        }
        Map<String, String> actual = hexFiles(directory.resolve("20240115_1_1_0"));
        if (Boolean.getBoolean("starling.golden.update")) {
            Files.createDirectories(EXPECTED);
            for (Map.Entry<String, String> file : actual.entrySet()) {
                Files.writeString(EXPECTED.resolve(file.getKey() + ".hex"), file.getValue(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(EXPECTED)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                expected.put(name.substring(0, name.length() - ".hex".length()), Files.readString(file).trim());
            }
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String file : expected.keySet()) {
            assertThat(actual.get(file)).as(file).isEqualTo(expected.get(file));
        }
    }

    @Test
    void lz4BlocksAreTheNativeLibrarysEncodingAndDecodeBack() {
        byte[] sample = "aaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbaaaaaaaaaaaaaaaaaaaa0123456789".repeat(3)
                .getBytes(StandardCharsets.UTF_8);
        // The golden bytes above assume the JNI build; a platform where it cannot load would write other bytes.
        byte[] reference = LZ4Factory.nativeInstance().fastCompressor().compress(sample);
        ByteSink framed = new ByteSink();
        CompressedBlocks.write(CompressionCodec.LZ4, sample, sample.length, framed);
        byte[] payload = java.util.Arrays.copyOfRange(framed.array(), CompressedBlocks.HEADER_SIZE, framed.size());
        assertThat(payload).isEqualTo(reference).hasSizeLessThan(sample.length);
        assertThat(LZ4Factory.safeInstance().fastDecompressor().decompress(payload, sample.length)).isEqualTo(sample);
    }

    private static Map<String, String> hexFiles(Path part) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.list(part)) {
            for (Path file : files.toList()) {
                result.put(file.getFileName().toString(), HexFormat.of().formatHex(Files.readAllBytes(file)));
            }
        }
        return result;
    }
}
