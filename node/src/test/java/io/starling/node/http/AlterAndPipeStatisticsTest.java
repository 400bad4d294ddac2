package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v0/datasources/{name}/alter} with ttl (set, shorthand, remove, invalid, dry) and
 * kafka_store_raw_value (spec data-plane §1.2.4); and the Query API's rows_read/bytes_read when it reads a pipe
 * ({@code FROM pipe}, {@code pipeline=}), in the response statistics and in tinybird.pipe_stats_rt.
 */
class AlterAndPipeStatisticsTest {
    private static final String TOKEN = "alter-stats-workspace-admin-token";

    @TempDir
    static Path dataDir;
    static StarlingNode node;
    static Api admin;

    @BeforeAll
    static void start() {
        node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir).withWorkspaceToken(TOKEN));
        admin = new Api(node.httpPort(), TOKEN);
    }

    @AfterAll
    static void stop() {
        admin.close();
        node.stop();
    }

    private static void create(String name, String schema, String extra) {
        HttpResponse<String> response = admin.post("/v0/datasources?name=" + name + "&schema=" + Api.encode(schema)
                + extra, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void append(String name, String csv) {
        HttpResponse<String> appended = admin.post("/v0/datasources?mode=append&name=" + name + "&format=csv", csv);
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
    }

    private static HttpResponse<String> alter(String name, String form) {
        return admin.postForm("/v0/datasources/" + name + "/alter", form);
    }

    private static JsonNode engine(String name) {
        return Api.json(admin.get("/v0/datasources/" + name)).get("engine");
    }

    @Test
    void aTtlSetByAlterExpiresOldRowsAndCanBeChangedAndRemoved() {
        create("alter_ttl", "ts DateTime, v UInt32", "&engine_sorting_key=ts&engine_settings="
                + Api.encode("merge_with_ttl_timeout=1"));
        append("alter_ttl", "2001-01-01 00:00:00,1\n2099-01-01 00:00:00,2\n");

        HttpResponse<String> dry = alter("alter_ttl", "dry=true&ttl=" + Api.encode("toDate(ts) + toIntervalDay(1)"));
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(Api.json(dry).get("operations").get(0).asText())
                .isEqualTo("MODIFY TTL toDate(ts) + toIntervalDay(1)");
        assertThat(engine("alter_ttl").has("engine_ttl")).isFalse();

        HttpResponse<String> set = alter("alter_ttl", "ttl=" + Api.encode("toDate(ts) + toIntervalDay(1)"));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(Api.json(set).get("operations").toString())
                .isEqualTo("[\"MODIFY TTL toDate(ts) + toIntervalDay(1)\"]");
        assertThat(engine("alter_ttl").get("engine_ttl").asText()).isEqualTo("toDate(ts) + toIntervalDay(1)");
        // the rows already written expire through the merges, without another insert
        JsonNode left = waitFor(() -> {
            JsonNode rows = admin.query("SELECT v FROM alter_ttl ORDER BY v").get("data");
            return rows.size() == 1 ? rows : null;
        });
        assertThat(left.toString()).isEqualTo("[{\"v\":2}]");

        // the documented shorthand counts from the time column of the sorting key
        HttpResponse<String> shorthand = alter("alter_ttl", "ttl=" + Api.encode("12 hours"));
        assertThat(shorthand.statusCode()).as(shorthand.body()).isEqualTo(200);
        assertThat(Api.json(shorthand).get("operations").get(0).asText()).isEqualTo("MODIFY TTL ts + toIntervalHour(12)");
        assertThat(engine("alter_ttl").get("engine_ttl").asText()).isEqualTo("ts + toIntervalHour(12)");

        HttpResponse<String> removed = alter("alter_ttl", "ttl=false");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(Api.json(removed).get("operations").toString()).isEqualTo("[\"REMOVE TTL\"]");
        assertThat(engine("alter_ttl").has("engine_ttl")).isFalse();
        // removing it again changes nothing
        assertThat(Api.json(alter("alter_ttl", "ttl=false")).get("operations")).isEmpty();
        append("alter_ttl", "2001-01-01 00:00:00,3\n");
        assertThat(admin.query("SELECT v FROM alter_ttl ORDER BY v").get("data").toString())
                .isEqualTo("[{\"v\":2},{\"v\":3}]");
    }

    @Test
    void anInvalidTtlIsRefusedAndChangesNothing() {
        create("alter_bad_ttl", "id UInt32, name String", "&engine_sorting_key=id");
        HttpResponse<String> notADate = alter("alter_bad_ttl", "ttl=" + Api.encode("id + 1"));
        assertThat(notADate.statusCode()).isEqualTo(400);
        assertThat(Api.json(notADate).get("error").asText()).contains("TTL");
        HttpResponse<String> noTimeColumn = alter("alter_bad_ttl", "ttl=" + Api.encode("7 days"));
        assertThat(noTimeColumn.statusCode()).isEqualTo(400);
        assertThat(Api.json(noTimeColumn).get("error").asText()).contains("Date or DateTime column", "ttl=");
        assertThat(engine("alter_bad_ttl").has("engine_ttl")).isFalse();

        HttpResponse<String> nothing = alter("alter_bad_ttl", "dry=true");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(Api.json(nothing).get("error").asText()).contains("Nothing to alter", "ttl=", "kafka_store_raw_value");
    }

    @Test
    void kafkaStoreRawValueIsKeptAndShown() {
        create("alter_kafka", "`__value` String, id Int64", "");
        assertThat(Api.json(admin.get("/v0/datasources/alter_kafka")).has("kafka_store_raw_value")).isFalse();
        HttpResponse<String> on = alter("alter_kafka", "kafka_store_raw_value=true");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(Api.json(on).get("datasource").get("kafka_store_raw_value").asBoolean()).isTrue();
        assertThat(Api.json(admin.get("/v0/datasources/alter_kafka")).get("kafka_store_raw_value").asBoolean()).isTrue();

        HttpResponse<String> off = alter("alter_kafka", "kafka_store_raw_value=false&description=raw+off");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        JsonNode described = Api.json(admin.get("/v0/datasources/alter_kafka"));
        assertThat(described.get("kafka_store_raw_value").asBoolean()).isFalse();
        assertThat(described.get("description").asText()).isEqualTo("raw off");

        HttpResponse<String> invalid = alter("alter_kafka", "kafka_store_raw_value=maybe");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Api.json(invalid).get("error").asText()).contains("kafka_store_raw_value", "maybe");
    }

    @Test
    void readingAPipeThroughTheQueryApiCountsWhatThePipeRead() {
        create("stats_sales", "id Int64, amount Int64", "&engine_sorting_key=id");
        append("stats_sales", "1,10\n2,20\n3,30\n4,40\n5,50\n");
        HttpResponse<String> built = build("stats_all.pipe", "NODE only_big\nSQL >\n    SELECT id, amount FROM stats_sales "
                + "WHERE amount >= 0\n\nNODE out\nSQL >\n    SELECT id, amount FROM only_big\n\nTYPE endpoint\n");
        assertThat(built.statusCode()).as(built.body()).isEqualTo(200);

        JsonNode direct = admin.query("SELECT id, amount FROM stats_sales").get("statistics");
        assertThat(direct.get("rows_read").asLong()).isEqualTo(5);
        assertThat(direct.get("bytes_read").asLong()).isPositive();

        JsonNode viaPipe = admin.query("SELECT sum(amount) AS stats_marker_from FROM stats_all");
        assertThat(viaPipe.get("data").get(0).get("stats_marker_from").asLong()).isEqualTo(150);
        assertThat(viaPipe.get("statistics").get("rows_read").asLong()).isEqualTo(5);
        assertThat(viaPipe.get("statistics").get("bytes_read").asLong()).isEqualTo(direct.get("bytes_read").asLong());

        HttpResponse<String> pipeline = admin.get("/v0/sql?pipeline=stats_all&q="
                + Api.encode("SELECT max(amount) AS stats_marker_pipeline FROM _"));
        JsonNode placeholder = Api.json(pipeline);
        assertThat(placeholder.get("data").get(0).get("stats_marker_pipeline").asLong()).as(pipeline.body()).isEqualTo(50);
        assertThat(placeholder.get("statistics").get("rows_read").asLong()).isEqualTo(5);

        // each read of the pipe in one query counts what its run read
        JsonNode twice = admin.query("SELECT count() AS c FROM stats_all AS a JOIN stats_all AS b ON a.id = b.id");
        assertThat(twice.get("data").get(0).get("c").asLong()).isEqualTo(5);
        assertThat(twice.get("statistics").get("rows_read").asLong()).isBetween(5L, 10L);

        // the Query API's pipe_stats_rt rows carry the same counts
        JsonNode logged = waitFor(() -> {
            JsonNode rows = admin.query("SELECT read_rows, read_bytes, result_rows FROM tinybird.pipe_stats_rt "
                    + "WHERE pipe_name = 'query_api' AND url LIKE '%stats_marker_from%'").get("data");
            return rows.size() == 1 ? rows.get(0) : null;
        });
        assertThat(logged.get("read_rows").asLong()).isEqualTo(5);
        assertThat(logged.get("read_bytes").asLong()).isEqualTo(direct.get("bytes_read").asLong());
        assertThat(logged.get("result_rows").asLong()).isEqualTo(1);
    }

    private static HttpResponse<String> build(String fileName, String content) {
        String boundary = "----alter-stats-build-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data_project://\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return admin.send(admin.request("/v1/build").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static JsonNode waitFor(Supplier<JsonNode> probe) {
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
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
