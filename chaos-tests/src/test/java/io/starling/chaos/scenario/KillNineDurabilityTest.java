package io.starling.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.chaos.harness.ApiClient;
import io.starling.chaos.harness.NodeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 1 on one node: every append acknowledged before a SIGKILL is there after the restart,
 * exactly once, and so is the data source itself.
 */
class KillNineDurabilityTest {
    private static final String TOKEN = "chaos-admin-token";

    @TempDir
    Path workDir;

    @Test
    void acknowledgedAppendsSurviveKillNine() throws Exception {
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        int port = NodeProcess.freePort();
        long acknowledgedRows = 0;
        long acknowledgedSum = 0;

        try (NodeProcess node = NodeProcess.start(dataDir, port, TOKEN);
             ApiClient api = new ApiClient(node.baseUrl(), TOKEN)) {
            HttpResponse<String> created = api.post("/v0/datasources?name=events&schema="
                    + ApiClient.encode("id Int64, name String") + "&engine_sorting_key=id", "");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            for (int batch = 0; batch < 5; batch++) {
                StringBuilder csv = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    long id = batch * 100L + i;
                    csv.append(id).append(",name-").append(id).append('\n');
                    acknowledgedSum += id;
                }
                HttpResponse<String> appended = api.post("/v0/datasources?mode=append&name=events", csv.toString());
                assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
                acknowledgedRows += 100;
            }
            node.killNine();
        }

        try (NodeProcess node = NodeProcess.start(dataDir, port, TOKEN);
             ApiClient api = new ApiClient(node.baseUrl(), TOKEN)) {
            assertThat(api.queryTsv("SELECT count(), sum(id), uniqExact(id) FROM events"))
                    .isEqualTo(acknowledgedRows + "\t" + acknowledgedSum + "\t" + acknowledgedRows);
        }
    }
}
