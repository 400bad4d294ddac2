package io.starling.storage.engine;

import static io.starling.storage.TestBlocks.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.TestBlocks;
import io.starling.storage.block.Block;
import io.starling.storage.fault.FaultPoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inserts into a source and a view-target table in one {@link TableTransaction}, crashes at each named fault point
 * (the commit throws there and both tables are abandoned), reopens both and checks they hold both new blocks or
 * neither, with no temporary directories or intents left.
 */
class TableTransactionTest {
    private static final List<ColumnDefinition> SOURCE = TestBlocks.columns("kind String", "id UInt32");
    private static final List<ColumnDefinition> TARGET = TestBlocks.columns("kind String", "total UInt64");
    private static final TableDefinition SOURCE_TABLE = Tables.definition(SOURCE, "MergeTree", List.of("id"), "", Map.of());
    private static final TableDefinition TARGET_TABLE = Tables.definition(TARGET, "MergeTree", List.of("kind"), "kind",
            Map.of());

    @TempDir
    Path root;

    @AfterEach
    void disarm() {
        FaultPoints.disarmAll();
    }

    private MergeTreeTable source() {
        return Tables.open(root.resolve("source"), SOURCE_TABLE, EngineServices.DEFAULT);
    }

    private MergeTreeTable target() {
        return Tables.open(root.resolve("target"), TARGET_TABLE, EngineServices.DEFAULT);
    }

    private Path decisions() {
        return root.resolve("transactions");
    }

    private static Block sourceRows() {
        return TestBlocks.block(SOURCE, List.of(row("a", 1L), row("b", 2L)));
    }

    private static Block targetRows() {
        return TestBlocks.block(TARGET, List.of(row("a", 1L), row("b", 1L)));
    }

    /** Commits source+target rows with {@code point} armed (null: no crash); answers rows after reopening. */
    private long[] crashAndReopen(String point) throws Exception {
        try (MergeTreeTable source = source(); MergeTreeTable target = target()) {
            Tables.insert(source, row("z", 0L));
            TableTransaction transaction = new TableTransaction(decisions(), "token-1");
            assertThat(transaction.claim(source)).isTrue();
            transaction.insert(source, sourceRows());
            transaction.insert(target, targetRows());
            assertThat(source.statistics().rowCount()).as("nothing visible before commit").isEqualTo(1);
            assertThat(target.statistics().rowCount()).isZero();
            if (point == null) {
                transaction.commit();
            } else {
                FaultPoints.arm(point, decisions());
                assertThatThrownBy(transaction::commit).isInstanceOf(FaultPoints.InjectedFault.class);
                FaultPoints.disarmAll();
            }
        }
        try (MergeTreeTable source = source(); MergeTreeTable target = target()) {
            for (Path directory : List.of(root.resolve("source"), root.resolve("target"))) {
                try (var files = Files.list(directory)) {
                    assertThat(files.map(path -> path.getFileName().toString()))
                            .noneMatch(name -> name.startsWith("tmp_") || name.startsWith("txn_"));
                }
            }
            TableTransaction.cleanUp(decisions());
            try (var files = Files.list(decisions())) {
                assertThat(files).isEmpty();
            }
            boolean committed = source.hasInsertToken("token-1");
            assertThat(source.statistics().rowCount()).isEqualTo(committed ? 3 : 1);
            return new long[] {source.statistics().rowCount() - 1, target.statistics().rowCount()};
        }
    }

    @Test
    void commitWithoutCrashWritesBothTables() throws Exception {
        assertThat(crashAndReopen(null)).containsExactly(2, 2);
    }

    @Test
    void crashBeforeTheDecisionWritesNeither() throws Exception {
        assertThat(crashAndReopen(FaultPoints.TRANSACTION_BEFORE_DECISION)).containsExactly(0, 0);
    }

    @Test
    void crashAfterTheDecisionRollsBothForward() throws Exception {
        assertThat(crashAndReopen(FaultPoints.TRANSACTION_AFTER_DECISION)).containsExactly(2, 2);
    }

    @Test
    void crashWithOneTablePublishedRollsTheOtherForward() throws Exception {
        assertThat(crashAndReopen(FaultPoints.TRANSACTION_DURING_PUBLISH)).containsExactly(2, 2);
    }

    @Test
    void closingAnUncommittedTransactionLeavesNothing() throws Exception {
        try (MergeTreeTable source = source(); MergeTreeTable target = target()) {
            try (TableTransaction transaction = new TableTransaction(decisions(), "t")) {
                assertThat(transaction.claim(source)).isTrue();
                transaction.insert(source, sourceRows());
                transaction.insert(target, targetRows());
            }
            assertThat(source.statistics().rowCount()).isZero();
            assertThat(source.hasInsertToken("t")).isFalse();
            try (var files = Files.list(root.resolve("target"))) {
                assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("tmp_"));
            }
            try (TableTransaction retry = new TableTransaction(decisions(), "t")) {
                assertThat(retry.claim(source)).as("a released token can be used again").isTrue();
            }
        }
    }

    @Test
    void aRetriedTokenWritesNothingEvenAfterReopening() throws Exception {
        try (MergeTreeTable source = source(); MergeTreeTable target = target()) {
            TableTransaction first = new TableTransaction(decisions(), "retry-me");
            assertThat(first.claim(source)).isTrue();
            try (TableTransaction concurrent = new TableTransaction(decisions(), "retry-me")) {
                assertThat(concurrent.claim(source)).as("held by a running transaction").isFalse();
            }
            first.insert(source, sourceRows());
            first.insert(target, targetRows());
            first.commit();
            assertThat(TableTransaction.committed(source, "retry-me")).isTrue();
            try (TableTransaction retry = new TableTransaction(decisions(), "retry-me")) {
                assertThat(retry.claim(source)).isFalse();
            }
        }
        try (MergeTreeTable source = source(); MergeTreeTable target = target()) {
            assertThat(source.hasInsertToken("retry-me")).isTrue();
            try (TableTransaction retry = new TableTransaction(decisions(), "retry-me")) {
                assertThat(retry.claim(source)).isFalse();
            }
            assertThat(source.statistics().rowCount()).isEqualTo(2);
            assertThat(target.statistics().rowCount()).isEqualTo(2);
        }
    }
}
