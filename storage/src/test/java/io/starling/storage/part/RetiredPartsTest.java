package io.starling.storage.part;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.TestBlocks;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetiredPartsTest {
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("id UInt32", "name String");

    @TempDir
    Path directory;

    @Test
    void mergedAwayPartsLeaveTheTableAtOnceAndKeepTheirFilesForTheLifetime() throws IOException {
        TableDefinition definition = new TableDefinition(COLUMNS, "MergeTree", List.of("id"), null, Map.of());
        try (MergeTreeTable table = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            table.insert(TestBlocks.block(COLUMNS, List.of(row(2L, "b"))));
            table.insert(TestBlocks.block(COLUMNS, List.of(row(1L, "a"))));
            assertThat(table.mergeOnce()).contains("all_1_2_1");
        }
        assertThat(RetiredParts.lifetime()).isEqualTo(Duration.ofSeconds(480));
        assertThat(names(directory)).contains("all_1_2_1").doesNotContain("all_1_1_0", "all_2_2_0");
        List<String> waiting = names(directory).stream().filter(name -> name.startsWith("tmp_delete_")).toList();
        assertThat(waiting).hasSize(2).allSatisfy(name -> {
            assertThat(name).matches("tmp_delete_all_[12]_[12]_0\\.\\d+");
            assertThat(PartName.tryParse(name)).isEmpty();
        });
        for (String name : waiting) {
            assertThat(directory.resolve(name).resolve(PartFiles.CHECKSUMS)).isRegularFile();
        }
        // a restart removes what is still waiting, as it removes every tmp_* directory
        try (MergeTreeTable reopened = MergeTreeTable.open(directory, definition, new ColumnKeyEvaluator(definition))) {
            assertThat(reopened.statistics().rowCount()).isEqualTo(2);
        }
        assertThat(names(directory)).noneMatch(name -> name.startsWith("tmp_"));
    }

    @Test
    void aRetiredDirectoryIsDeletedOnceItsLifetimeHasPassed() throws Exception {
        Path retired = Files.createDirectories(directory.resolve("tmp_delete_all_1_1_0_1"));
        Files.writeString(retired.resolve("data.bin"), "rows");
        RetiredParts.deleteLater(retired, Duration.ofMillis(200));
        assertThat(retired.resolve("data.bin")).exists();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(retired) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(retired).doesNotExist();
    }

    @Test
    void aDirectoryGoneBeforeItsTimeIsNoError() throws Exception {
        Path retired = directory.resolve("tmp_delete_all_2_2_0_2");
        RetiredParts.deleteLater(retired, Duration.ZERO);
        assertThat(retired).doesNotExist();
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }
}
