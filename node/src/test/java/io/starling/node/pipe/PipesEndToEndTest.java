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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small project of our own (test resources projects/shop) through /v1/build, appends, endpoints, materialized
 * views (populate, incremental, Null engine, views on views), a copy job, pipe listing, scopes and pipe_stats_rt.
 * Expectations are computed independently with plain SQL over the raw events.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipesEndToEndTest {
    private static final String TOKEN = "pipes-e2e-token";
    private static final String[] PROJECT = {"events.datasource", "daily_totals.datasource", "landing.datasource",
            "kind_snapshot.datasource", "daily_totals_mv.pipe", "landing_to_events.pipe", "by_kind.pipe", "top_users.pipe",
            "spender_count.pipe", "snapshot.pipe"};

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

    @Test
    @Order(1)
    void buildCreatesDataSourcesThenPipesAndPopulatesNewViews() {
        HttpResponse<String> first = ProjectFiles.fromResources("shop", "events.datasource", "daily_totals.datasource")
                .build(api);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode firstBuild = Api.json(first);
        assertThat(firstBuild.get("result").asText()).isEqualTo("success");
        assertThat(names(firstBuild.get("build").get("new_datasource_names"))).containsExactly("events", "daily_totals");
        assertThat(firstBuild.get("build").get("warnings").toString()).doesNotContain("SummingMergeTree");
        assertThat(api.get("/v0/datasources/daily_totals").body()).contains("\"engine\":\"SummingMergeTree\"");

        append("{\"timestamp\":\"2024-03-01 10:00:00\",\"user\":\"alice\",\"kind\":\"buy\",\"amount\":10.5}\n"
                + "{\"timestamp\":\"2024-03-01 11:00:00\",\"user\":\"bob\",\"kind\":\"view\",\"amount\":0}\n"
                + "{\"timestamp\":\"2024-03-02 09:00:00\",\"user\":\"alice\",\"kind\":\"buy\",\"amount\":4.5}\n");

        HttpResponse<String> full = ProjectFiles.fromResources("shop", PROJECT).build(api);
        assertThat(full.statusCode()).as(full.body()).isEqualTo(200);
        JsonNode build = Api.json(full).get("build");
        assertThat(names(build.get("new_datasource_names"))).containsExactly("landing", "kind_snapshot");
        assertThat(names(build.get("new_pipe_names"))).contains("by_kind", "daily_totals_mv", "landing_to_events",
                "snapshot");
        assertThat(build.get("populated_rows").get("daily_totals_mv").asLong()).isEqualTo(3);
        assertThat(api.query("SELECT kind, sum(total) AS total, sum(hits) AS hits FROM daily_totals GROUP BY kind "
                + "ORDER BY kind").get("data").toString())
                .isEqualTo("[{\"kind\":\"buy\",\"total\":15,\"hits\":2},{\"kind\":\"view\",\"total\":0,\"hits\":1}]");

        HttpResponse<String> again = ProjectFiles.fromResources("shop", PROJECT).build(api);
        assertThat(Api.json(again).get("result").asText()).isEqualTo("no_changes");
        assertThat(api.query("SELECT sum(hits) AS h FROM daily_totals").get("data").get(0).get("h").asLong()).isEqualTo(3);
    }

    @Test
    @Order(2)
    void appendsFireViewsIncludingThroughANullEngineLanding() {
        append("{\"timestamp\":\"2024-03-02 12:00:00\",\"user\":\"carol\",\"kind\":\"buy\",\"amount\":20}\n"
                + "{\"timestamp\":\"2024-03-03 08:00:00\",\"user\":\"bob\",\"kind\":\"refund\",\"amount\":-3}\n");
        HttpResponse<String> landed = api.post("/v0/events?name=landing&wait=true",
                "{\"ts\":\"2024-03-03 09:00:00\",\"who\":\"dave\",\"what\":\"buy\",\"cents\":250}\n");
        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(200);

        assertThat(api.query("SELECT count() AS c FROM landing").get("data").get(0).get("c").asLong()).isZero();
        assertThat(api.query("SELECT count() AS c FROM events WHERE user = 'dave' AND amount = 2.5")
                .get("data").get(0).get("c").asLong()).isEqualTo(1);
        JsonNode raw = api.query("SELECT kind, sum(amount) AS total, count() AS hits FROM events GROUP BY kind "
                + "ORDER BY kind").get("data");
        JsonNode viewed = api.query("SELECT kind, sum(total) AS total, sum(hits) AS hits FROM daily_totals "
                + "GROUP BY kind ORDER BY kind").get("data");
        assertThat(viewed).isEqualTo(raw);
        assertThat(raw.toString()).contains("{\"kind\":\"buy\",\"total\":37.5,\"hits\":4}");
    }

    @Test
    @Order(3)
    void endpointsAnswerTinybirdJsonWithParametersNodesAndOtherPipes() {
        JsonNode all = Api.json(get("/v0/pipes/by_kind.json"));
        assertThat(all.get("meta").toString()).contains("\"name\":\"kind\"", "\"name\":\"total\"", "\"name\":\"hits\"");
        assertThat(all.get("data").toString()).isEqualTo("[{\"kind\":\"buy\",\"total\":37.5,\"hits\":4},"
                + "{\"kind\":\"view\",\"total\":0,\"hits\":1},{\"kind\":\"refund\",\"total\":-3,\"hits\":1}]");
        assertThat(all.get("rows").asLong()).isEqualTo(3);
        assertThat(all.get("rows_before_limit_at_least").asLong()).isEqualTo(3);
        assertThat(all.get("statistics").get("rows_read").asLong()).isPositive();

        assertThat(Api.json(get("/v0/pipes/by_kind.json?limit=1")).get("data")).hasSize(1);
        assertThat(Api.json(get("/v0/pipes/by_kind?kind=refund")).get("data").toString())
                .isEqualTo("[{\"kind\":\"refund\",\"total\":-3,\"hits\":1}]");
        HttpResponse<String> posted = api.postForm("/v0/pipes/by_kind.json", "kind=view");
        assertThat(Api.json(posted).get("data").toString()).isEqualTo("[{\"kind\":\"view\",\"total\":0,\"hits\":1}]");

        HttpResponse<String> badLimit = api.get("/v0/pipes/by_kind.json?limit=abc");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(Api.json(badLimit).get("error").asText()).contains("limit");

        HttpResponse<String> missing = api.get("/v0/pipes/top_users.json");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"error\":\"min_amount is required\"}");

        JsonNode expected = api.query("SELECT user, sum(amount) AS spent FROM events WHERE amount >= 4 GROUP BY user "
                + "ORDER BY spent DESC, user").get("data");
        assertThat(Api.json(get("/v0/pipes/top_users.json?min_amount=4")).get("data")).isEqualTo(expected);
        assertThat(Api.json(get("/v0/pipes/spender_count.json?min_amount=4")).get("data").toString())
                .isEqualTo("[{\"users\":2,\"spent\":35}]");

        HttpResponse<String> csv = get("/v0/pipes/top_users.csv?min_amount=4");
        assertThat(csv.body()).startsWith("\"user\",\"spent\"\n\"carol\",20\n");
        HttpResponse<String> ndjson = get("/v0/pipes/top_users.ndjson?min_amount=4");
        assertThat(ndjson.body().lines().toList()).hasSize(2).first().asString().contains("\"user\":\"carol\"");

        JsonNode q = Api.json(get("/v0/pipes/top_users.json?min_amount=4&q=" + Api.encode("SELECT count() AS c FROM _")));
        assertThat(q.get("data").get(0).get("c").asLong()).isEqualTo(2);

        assertThat(api.get("/v0/pipes/nope.json").statusCode()).isEqualTo(404);
        assertThat(api.get("/v0/pipes/snapshot.json").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void pipeTokensAndStatsRows() {
        HttpResponse<String> created = api.post("/v0/tokens?name=by_kind_reader&scope=PIPES:READ:by_kind", "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Api reader = api.withToken(Api.json(created).get("token").asText());
        assertThat(reader.get("/v0/pipes/by_kind.json").statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = reader.get("/v0/pipes/top_users.json?min_amount=1");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("PIPES:READ:top_users");
        assertThat(Api.json(reader.get("/v0/pipes")).get("pipes")).hasSize(1);

        JsonNode stats = api.query("SELECT status_code, count() AS c FROM tinybird.pipe_stats_rt WHERE pipe_name = "
                + "'top_users' GROUP BY status_code ORDER BY status_code").get("data");
        assertThat(stats.toString()).contains("{\"status_code\":200,", "{\"status_code\":400,", "{\"status_code\":403,");
    }

    @Test
    @Order(5)
    void listsPipesWithNodesParametersAndTypes() {
        JsonNode pipes = Api.json(get("/v0/pipes")).get("pipes");
        List<String> types = new ArrayList<>();
        for (JsonNode pipe : pipes) {
            types.add(pipe.get("name").asText() + ":" + pipe.get("type").asText());
        }
        assertThat(types).contains("by_kind:endpoint", "daily_totals_mv:materialized", "snapshot:copy",
                "landing_to_events:materialized", "top_users:endpoint");
        JsonNode byKind = Api.json(get("/v0/pipes")).get("pipes").findParents("name").stream()
                .filter(pipe -> pipe.get("name").asText().equals("by_kind")).findFirst().orElseThrow();
        assertThat(byKind.get("nodes")).hasSize(2);
        assertThat(byKind.get("params").toString()).contains("\"name\":\"kind\"", "\"name\":\"limit\"",
                "\"default\":\"10\"");
        assertThat(byKind.get("endpoint").asText()).isNotEmpty();

        JsonNode view = Api.json(get("/v0/pipes/daily_totals_mv"));
        assertThat(view.get("type").asText()).isEqualTo("materialized");
        assertThat(view.get("materialized_datasource").asText()).isEqualTo("daily_totals");
    }

    @Test
    @Order(6)
    void copyJobReplacesTheTargetAndFiresItsViews() {
        HttpResponse<String> started = api.post("/v0/pipes/snapshot/copy", "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String jobId = Api.json(started).get("job_id").asText();
        JsonNode job = waitForJob(jobId);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("kind").asText()).isEqualTo("copy");

        JsonNode expected = api.query("SELECT kind, count() AS n, 'snapshot' AS label FROM events GROUP BY kind "
                + "ORDER BY kind").get("data");
        assertThat(api.query("SELECT kind, n, label FROM kind_snapshot ORDER BY kind").get("data")).isEqualTo(expected);

        waitForJob(Api.json(api.post("/v0/pipes/snapshot/run", "")).get("job_id").asText());
        assertThat(api.query("SELECT count() AS c FROM kind_snapshot").get("data").get(0).get("c").asLong())
                .isEqualTo(expected.size());
    }

    @Test
    @Order(7)
    void copySchedulesParseCronInUtc() {
        CopySchedule hourly = CopySchedule.parse("0 * * * *");
        java.time.ZonedDateTime at = java.time.ZonedDateTime.parse("2024-03-01T10:15:00Z");
        assertThat(hourly.nextAfter(at)).contains(java.time.ZonedDateTime.parse("2024-03-01T11:00:00Z"));
        assertThat(CopySchedule.parse("@on-demand").onDemand()).isTrue();
        assertThat(CopySchedule.parse(null).onDemand()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CopySchedule.parse("every hour"))
                .hasMessageContaining("every hour");
    }

    private static JsonNode waitForJob(String jobId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode job = Api.json(api.get("/v0/jobs/" + jobId));
            String status = job.get("status").asText();
            if (status.equals("done") || status.equals("error") || Instant.now().isAfter(deadline)) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void append(String ndjson) {
        HttpResponse<String> appended = api.post("/v0/events?name=events&wait=true", ndjson);
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return response;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
