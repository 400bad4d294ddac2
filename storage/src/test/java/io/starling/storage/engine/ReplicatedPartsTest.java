package io.starling.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage side of replicated merges and mutations: prepare without publishing, then attach or swap. */
class ReplicatedPartsTest {
    private static final List<ColumnDefinition> COLUMNS = TestBlocks.columns("kind String", "id Int64");
    private static final TableDefinition DEFINITION =
            new TableDefinition(COLUMNS, "MergeTree", List.of("id"), "kind", Map.of());

    @TempDir
    Path root;

    private MergeTreeTable open(String name) {
        return MergeTreeTable.open(root.resolve(name), DEFINITION, new ColumnKeyEvaluator(DEFINITION));
    }

    private static Block rows(long from, long to) {
        List<List<Object>> rows = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            rows.add(List.of("a", id));
        }
        return TestBlocks.block(COLUMNS, rows);
    }

    /** Part names with the hashed partition id of kind 'a' shown as "a". */
    private static List<String> parts(MergeTreeTable table) {
        return table.activeParts().stream().map(part -> part.name().replace(P + "_", "a_")).toList();
    }

    private static final String P;

    static {
        try (MergeTreeTable probe = MergeTreeTable.open(Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("starling-probe-" + System.nanoTime()), DEFINITION, new ColumnKeyEvaluator(DEFINITION))) {
            P = probe.partitionIds(rows(1, 1)).iterator().next();
        }
    }

    private static String real(String shown) {
        return shown.replace("a_", P + "_");
    }

    private static List<String> real(List<String> shown) {
        return shown.stream().map(ReplicatedPartsTest::real).toList();
    }

    private static List<Long> ids(MergeTreeTable table) {
        try (TableSnapshot snapshot = table.snapshot()) {
            List<Long> ids = new ArrayList<>();
            for (List<Object> row : TestBlocks.drain(snapshot.scan(List.of("kind", "id"), new ScanStatistics()))) {
                ids.add((Long) row.get(1));
            }
            ids.sort(Comparator.naturalOrder());
            return ids;
        }
    }

    @Test
    void twoReplicasMergingTheSameSourcesGetByteIdenticalParts() throws Exception {
        try (MergeTreeTable first = open("r1"); MergeTreeTable second = open("r2")) {
            for (MergeTreeTable table : List.of(first, second)) {
                table.insert(rows(1, 100), 1);
                table.insert(rows(50, 60), 2);
                table.insert(rows(200, 210), 3);
            }
            List<String> sources = real(parts(first));
            assertThat(parts(first)).containsExactly("a_1_1_0", "a_2_2_0", "a_3_3_0");

            PreparedPart one = first.prepareMerge(sources, true);
            PreparedPart two = second.prepareMerge(sources, true);
            assertThat(one.name()).isEqualTo(new PartName(P, 1, 3, 1));
            assertThat(one.checksum()).isNotEmpty().isEqualTo(two.checksum());
            // Nothing is visible until it is published.
            assertThat(real(parts(first))).containsExactlyElementsOf(sources);
            assertThat(Files.isDirectory(one.directory())).isTrue();

            assertThat(first.attachPart(one.directory(), one.name())).isTrue();
            assertThat(parts(first)).containsExactly("a_1_3_1");
            assertThat(ids(first)).hasSize(122);
            assertThat(first.activePartChecksum(real("a_1_3_1"))).contains(one.checksum());
            two.discard();
            assertThat(Files.exists(two.directory())).isFalse();
            assertThat(real(parts(second))).containsExactlyElementsOf(sources);
        }
    }

    @Test
    void prepareMergeOfPartsThatAreNotActiveIsAborted() {
        try (MergeTreeTable table = open("t")) {
            table.insert(rows(1, 3), 1);
            assertThatThrownBy(() -> table.prepareMerge(real(List.of("a_1_1_0", "a_2_2_0")), false))
                    .isInstanceOf(StarlingException.class)
                    .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.ABORTED));
        }
    }

    @Test
    void swapPartsReplacesRowsAtomicallyAndSurvivesReopen() {
        try (MergeTreeTable table = open("t")) {
            table.insert(rows(1, 10), 1);
            table.insert(rows(11, 20), 2);
            List<PreparedPart> replacement = table.prepareRows(List.of(rows(100, 102), rows(103, 104)), 5);
            assertThat(replacement).extracting(PreparedPart::name).containsExactly(new PartName(P, 5, 5, 0));
            PreparedPart rewritten = table.prepareRewrite(real("a_1_1_0"), List.of(rows(1, 2)));
            assertThat(rewritten.name()).isEqualTo(new PartName(P, 1, 1, 1));
            List<PreparedPart> added = new ArrayList<>(replacement);
            added.add(rewritten);
            table.swapParts(real(List.of("a_1_1_0", "a_2_2_0")), added);
            assertThat(parts(table)).containsExactly("a_1_1_1", "a_5_5_0");
            assertThat(ids(table)).containsExactly(1L, 2L, 100L, 101L, 102L, 103L, 104L);
        }
        try (MergeTreeTable reopened = open("t")) {
            assertThat(parts(reopened)).containsExactly("a_1_1_1", "a_5_5_0");
            assertThat(reopened.prepareRewrite(real("a_5_5_0"), List.of()).empty()).isTrue();
            assertThatThrownBy(() -> reopened.swapParts(real(List.of("a_9_9_0")), List.of()))
                    .isInstanceOf(StarlingException.class);
            assertThat(parts(reopened)).containsExactly("a_1_1_1", "a_5_5_0");
        }
    }

    @Test
    void aFetchedCopyOfAPartIsAdoptedAfterVerification() throws Exception {
        try (MergeTreeTable source = open("src"); MergeTreeTable target = open("dst")) {
            source.insert(rows(1, 5), 7);
            Path copy = target.directory().resolve("tmp_fetch_7");
            Files.createDirectories(copy);
            try (var files = Files.list(source.directory().resolve(real("a_7_7_0")))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            PreparedPart adopted = target.adoptPrepared(copy, new PartName(P, 7, 7, 0));
            assertThat(adopted.checksum()).isEqualTo(source.activePartChecksum(real("a_7_7_0")).orElseThrow());
            target.swapParts(List.of(), List.of(adopted));
            assertThat(ids(target)).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }
}
