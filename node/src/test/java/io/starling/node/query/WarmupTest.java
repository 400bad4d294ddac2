package io.starling.node.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aWarmupStoppedMidwayByTheShutdownPathLeavesNoDirectory() throws Exception {
        Path parent = directory.resolve("starling-warmup-test");
        CountDownLatch tableReady = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Warmup warmup = Warmup.start(new QueryEngine(), parent, () -> {
            tableReady.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(warmup).isNotNull();
        assertThat(warmup.directory().getParent()).isEqualTo(parent);
        assertThat(warmup.directory().getFileName().toString()).startsWith(ProcessHandle.current().pid() + "-");
        assertThat(tableReady.await(30, TimeUnit.SECONDS)).isTrue();
        // mid-way: the table is written and no query has run yet
        assertThat(warmup.directory().resolve("events")).isDirectory();
        Thread stopper = new Thread(() -> warmup.shutdown(Duration.ofSeconds(30)));
        stopper.start();
        while (!warmup.stopRequested()) {
            Thread.sleep(1);
        }
        release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(stopper.isAlive()).isFalse();
        assertThat(warmup.queriesRun()).isZero();
        assertThat(warmup.directory()).doesNotExist();
        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void aStartRemovesDirectoriesOfDeadProcessesAndOldVersionsOnly() throws Exception {
        Path parent = directory.resolve("starling-warmup-test");
        // no Linux pid reaches 2^31 - 2 (pid_max is at most 2^22): that process is surely gone
        Path dead = Files.createDirectories(parent.resolve("2147483646-123").resolve("events"));
        Path live = Files.createDirectories(parent.resolve(ProcessHandle.current().pid() + "-456").resolve("events"));
        Path notOurs = Files.createDirectories(parent.resolve("notes"));
        Path oldVersion = directory.resolve("starling-warmup98765");
        Files.createDirectories(oldVersion.resolve("events"));
        Files.setLastModifiedTime(oldVersion, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path recentOldVersion = Files.createDirectories(directory.resolve("starling-warmup43210"));

        Warmup.removeStale(parent);

        assertThat(dead.getParent()).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(notOurs).isDirectory();
        assertThat(oldVersion).doesNotExist();
        assertThat(recentOldVersion).isDirectory();
    }
}
