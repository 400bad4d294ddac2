package io.starling.node.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table engines over HTTP: engine=... with engine_* parameters at create, FINAL reads, AggregateFunction and
 * SimpleAggregateFunction columns filled by a copy pipe's -State query and read with -Merge, and a row TTL.
 */
class EnginesApiTest {
    private static final String TOKEN = "engines-api-token";

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api api;

    @BeforeAll
    static void start() {
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        api = new Api(node.httpPort(), TOKEN);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.stop();
    }

    private static HttpResponse<String> create(String name, String schema, String engineParameters) {
        return api.post("/v0/datasources?name=" + name + "&schema=" + Api.encode(schema) + engineParameters, "");
    }

    private static void append(String name, String csv) {
        HttpResponse<String> appended = api.post("/v0/datasources?mode=append&name=" + name + "&format=csv", csv);
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
    }

    private static String data(String sql) {
        return api.query(sql).get("data").toString();
    }

    @Test
    void replacingMergeTreeKeepsTheHighestVersionWithFinal() {
        HttpResponse<String> created = create("users_latest", "id UInt32, name String, ver UInt32",
                "&engine=ReplacingMergeTree&engine_ver=ver&engine_sorting_key=id");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode engine = Api.json(created).get("datasource").get("engine");
        assertThat(engine.get("engine").asText()).isEqualTo("ReplacingMergeTree");
        assertThat(engine.get("engine_ver").asText()).isEqualTo("ver");
        append("users_latest", "1,ann,1\n2,bob,1\n");
        append("users_latest", "1,anna,2\n2,bobby,0\n");
        assertThat(data("SELECT count() AS c FROM users_latest")).isEqualTo("[{\"c\":4}]");
        assertThat(data("SELECT id, name FROM users_latest FINAL ORDER BY id"))
                .isEqualTo("[{\"id\":1,\"name\":\"anna\"},{\"id\":2,\"name\":\"bob\"}]");
        JsonNode described = Api.json(api.get("/v0/datasources/users_latest"));
        assertThat(described.get("engine").get("engine_ver").asText()).isEqualTo("ver");
    }

    @Test
    void summingMergeTreeSumsPerKeyWithFinal() {
        assertThat(create("hits_daily", "day Date, page String, hits UInt64",
                "&engine=SummingMergeTree&engine_columns=hits&engine_sorting_key=" + Api.encode("day, page"))
                .statusCode()).isEqualTo(200);
        append("hits_daily", "2024-01-01,/a,1\n2024-01-01,/b,2\n");
        append("hits_daily", "2024-01-01,/a,10\n");
        assertThat(data("SELECT page, hits FROM hits_daily FINAL ORDER BY page"))
                .isEqualTo("[{\"page\":\"/a\",\"hits\":11},{\"page\":\"/b\",\"hits\":2}]");
    }

    @Test
    void aggregatingMergeTreeMergesStatesWrittenByACopyPipe() {
        assertThat(create("visits", "key String, user String", "&engine_sorting_key=key").statusCode()).isEqualTo(200);
        HttpResponse<String> created = create("visits_agg", "key String, users AggregateFunction(uniq, String), "
                + "total SimpleAggregateFunction(sum, UInt64)", "&engine=AggregatingMergeTree&engine_sorting_key=key");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(Api.json(created).get("datasource").get("engine").get("engine").asText())
                .isEqualTo("AggregatingMergeTree");
        HttpResponse<String> built = ProjectFiles.fromResources("aggstate", "visits_copy.pipe").build(api);
        assertThat(built.statusCode()).as(built.body()).isEqualTo(200);

        append("visits", "a,ann\na,bob\nb,ann\n");
        runCopy();
        append("visits", "a,ann\na,cid\n");
        runCopy();

        // each copy run appends the states of the whole source: two rows per key until merged
        assertThat(data("SELECT count() AS c FROM visits_agg")).isEqualTo("[{\"c\":4}]");
        assertThat(data("SELECT count() AS c FROM visits_agg FINAL")).isEqualTo("[{\"c\":2}]");
        assertThat(data("SELECT key, uniqMerge(users) AS u, sum(total) AS t FROM visits_agg GROUP BY key ORDER BY key"))
                .isEqualTo("[{\"key\":\"a\",\"u\":3,\"t\":6},{\"key\":\"b\",\"u\":1,\"t\":2}]");
        assertThat(data("SELECT key, finalizeAggregation(users) AS u, total FROM visits_agg FINAL ORDER BY key"))
                .isEqualTo("[{\"key\":\"a\",\"u\":3,\"total\":6},{\"key\":\"b\",\"u\":1,\"total\":2}]");
    }

    private static void runCopy() {
        HttpResponse<String> started = api.post("/v0/pipes/visits_copy/copy", "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode job = waitFor(() -> {
            JsonNode current = Api.json(api.get("/v0/jobs/" + Api.json(started).get("job_id").asText()));
            String status = current.get("status").asText();
            return status.equals("done") || status.equals("error") ? current : null;
        });
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
    }

    @Test
    void expiredRowsDisappearThroughTheTtl() {
        HttpResponse<String> created = create("short_lived", "ts DateTime, v UInt32",
                "&engine_sorting_key=ts&engine_ttl=" + Api.encode("toDate(ts) + toIntervalDay(1)")
                        + "&engine_settings=" + Api.encode("merge_with_ttl_timeout=1"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(Api.json(created).get("datasource").get("engine").get("engine_ttl").asText())
                .isEqualTo("toDate(ts) + toIntervalDay(1)");
        append("short_lived", "2001-01-01 00:00:00,1\n2099-01-01 00:00:00,2\n");
        JsonNode left = waitFor(() -> {
            JsonNode rows = api.query("SELECT v FROM short_lived ORDER BY v").get("data");
            return rows.size() == 1 ? rows : null;
        });
        assertThat(left.toString()).isEqualTo("[{\"v\":2}]");
    }

    @Test
    void badEngineParametersAreRejectedNamingTheParameter() {
        HttpResponse<String> noSign = create("bad_collapsing", "id UInt32, sign Int8", "&engine=CollapsingMergeTree");
        assertThat(noSign.statusCode()).isEqualTo(400);
        assertThat(noSign.body()).contains("engine_sign");
        HttpResponse<String> unknownVer = create("bad_replacing", "id UInt32", "&engine=ReplacingMergeTree&engine_ver=nope");
        assertThat(unknownVer.statusCode()).isEqualTo(400);
        assertThat(unknownVer.body()).contains("engine_ver");
        HttpResponse<String> badTtl = create("bad_ttl", "id UInt32", "&engine_ttl=" + Api.encode("id + 1"));
        assertThat(badTtl.statusCode()).isEqualTo(400);
        assertThat(badTtl.body()).contains("TTL");
        HttpResponse<String> unknownEngine = create("bad_engine", "id UInt32", "&engine=Log");
        assertThat(unknownEngine.statusCode()).isEqualTo(400);
        assertThat(api.get("/v0/datasources/bad_ttl").statusCode()).isEqualTo(404);
    }

    private static JsonNode waitFor(java.util.function.Supplier<JsonNode> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode found = probe.get();
            if (found != null) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
