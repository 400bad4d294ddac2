package io.starling.node.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up warm-up runs its queries through the engine, then removes its table; stop() ends it early. */
class WarmupTest {
    @TempDir
    Path directory;

    @Test
    void aWarmupRunRemovesItsTable() {
        Path table = directory.resolve("warmup");
        Warmup warmup = new Warmup(new QueryEngine(), table);
        warmup.run();
        // run() stops early when another query of this JVM starts (other tests' nodes warm up too)
        assertThat(warmup.queriesRun()).isBetween(0, Warmup.MAX_QUERIES);
        assertThat(Files.exists(table)).isFalse();
    }

    @Test
    void aStoppedWarmupRunsNothing() {
        Path table = directory.resolve("stopped");
        Warmup warmup = new Warmup(new QueryEngine(), table);
        warmup.stop();
        warmup.run();
        assertThat(warmup.queriesRun()).isZero();
        assertThat(Files.exists(table)).isFalse();
    }

    @Test
    void theWarmupQueriesAllSucceedOnItsTable() {
        // the same table and queries, run here one by one so a failing query fails the test
        assertThat(Warmup.QUERIES).hasSizeGreaterThan(8);
        Warmup warmup = new Warmup(new QueryEngine(), directory.resolve("checked"));
        warmup.runEach(result -> assertThat(result.blocks()).isNotEmpty());
    }
}
