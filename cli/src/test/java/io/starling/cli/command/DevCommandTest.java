package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.cli.support.Cli;
import io.starling.cli.support.FakeApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code starling dev}: builds, then rebuilds when a datafile changes. */
class DevCommandTest {
    @TempDir
    Path dir;
    private FakeApi api;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aChangedDatafileIsReportedAndRebuilt() throws Exception {
        api = new FakeApi();
        api.on("POST /v1/build", 200, "{\"result\":\"success\",\"build\":{\"new_datasource_names\":[\"orders\"],"
                + "\"datasources\":[{\"name\":\"orders\"}]}}");
        Path datafile = dir.resolve("datasources/orders.datasource");
        Files.createDirectories(datafile.getParent());
        Files.writeString(datafile, "SCHEMA >\n    `id` Int64 `json:$.id`\n");
        Cli cli = new Cli(dir).env("TB_HOST", api.url()).env("TB_TOKEN", "admin");

        CompletableFuture<Cli.Result> running = CompletableFuture.supplyAsync(() ->
                cli.run("dev", "--poll-millis", "50", "--max-builds", "2"));
        awaitBuilds(1);
        Files.writeString(datafile, "SCHEMA >\n    `id` Int64 `json:$.id`,\n    `name` String `json:$.name`\n");
        Files.setLastModifiedTime(datafile, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Cli.Result result = running.get(30, TimeUnit.SECONDS);

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("» Building project...", "» Watching",
                "⟲ Changes detected in datasources/orders.datasource", "» Rebuilding project...");
        assertThat(api.requests().stream().filter(r -> r.path().equals("/v1/build")).count()).isEqualTo(2);
        assertThat(api.last("POST /v1/build").bodyText()).contains("`name` String");
    }

    private void awaitBuilds(int count) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (api.requests().stream().filter(r -> r.path().equals("/v1/build")).count() < count) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        Thread.sleep(150);   // let the watcher take its first look
    }
}
