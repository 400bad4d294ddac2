package io.starling.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillProgressTest {
    @TempDir
    Path dir;

    @Test
    void donePartitionsSurviveAReopenAndATornLastLineIsNotDone() throws Exception {
        try (BackfillProgress progress = BackfillProgress.open(dir, 7)) {
            progress.markDone("orders", "2024");
            progress.markDone("orders", "odd\tid\nwith breaks");
            progress.markDone("users", "all");
        }
        Files.writeString(dir.resolve("deployment-7.backfill"), "orders\t20", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);   // a crash while appending "orders\t2025\n"

        try (BackfillProgress progress = BackfillProgress.open(dir, 7)) {
            assertThat(progress.isDone("orders", "2024")).isTrue();
            assertThat(progress.isDone("orders", "odd\tid\nwith breaks")).isTrue();
            assertThat(progress.isDone("users", "all")).isTrue();
            assertThat(progress.isDone("orders", "20")).isFalse();
            assertThat(progress.doneCount("orders")).isEqualTo(2);
            progress.markDone("orders", "2025");
        }
        try (BackfillProgress progress = BackfillProgress.open(dir, 7)) {
            assertThat(progress.isDone("orders", "2025")).isTrue();
            assertThat(progress.doneCount("orders")).isEqualTo(3);
            progress.delete();
        }
        assertThat(dir.resolve("deployment-7.backfill")).doesNotExist();
        try (BackfillProgress progress = BackfillProgress.open(dir, 7)) {
            assertThat(progress.doneCount("orders")).isZero();
        }
    }
}
