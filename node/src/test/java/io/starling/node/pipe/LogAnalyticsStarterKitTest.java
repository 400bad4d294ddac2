package io.starling.node.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tinybird's log-analytics-starter-kit (MIT; datafiles unchanged in test resources projects/log-analytics) through
 * /v1/build, with log lines this test writes, then its nine endpoints (all answer 200). The kit differs from the web-analytics one:
 * a 38-column logs table (one column named {@code from}), countState()/countMerge() over AggregatingMergeTree
 * targets (one with a TTL), {@code path(url)}, {@code {{error(...)}}} when the date range is missing,
 * {@code {{column(per_filter, "osname")}}}, a DateTime compared BETWEEN two Date parameters, and one endpoint that
 * reads another endpoint inside a scalar subquery. Every answer is checked against expectations worked out by hand
 * from the fixture.
 */
class LogAnalyticsStarterKitTest {
    private static final String TOKEN = "log-analytics-token";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String PRODUCTS = "https://api.example.com/api/products";
    private static final String CART = "https://api.example.com/api/cart";
    private static final String HEALTH = "https://api.example.com/api/health";

    @TempDir
    Path dataDir;

    @Test
    void buildAppendAndCallEndpoints() {
        StarlingNode node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir)
                .withWorkspaceToken(TOKEN));
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            HttpResponse<String> built = project().build(api);
            JsonNode build = Api.json(built);
            System.out.println("[log-analytics] build " + built.statusCode() + ": errors " + build.get("errors"));
            assertThat(built.statusCode()).as(built.body()).isEqualTo(200);
            assertThat(build.get("build").get("new_datasource_names")).hasSize(5);

            // Two past hours h0 and h1 (h2 is the current hour), and the current second for the calls that
            // ips_exceeding_avg_calls_per_minute_api looks at (it only reads the minute of now()).
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant h2 = now.truncatedTo(ChronoUnit.HOURS);
            Instant h1 = h2.minus(1, ChronoUnit.HOURS);
            Instant h0 = h2.minus(2, ChronoUnit.HOURS);
            String fixture = line(h0.plus(5, ChronoUnit.MINUTES), "1.1.1.1", "INFO", PRODUCTS + "?id=1", "Linux")
                    + line(h0.plus(5, ChronoUnit.MINUTES).plusSeconds(30), "1.1.1.1", "ERROR", PRODUCTS, "Linux")
                    + line(h0.plus(20, ChronoUnit.MINUTES), "2.2.2.2", "ERROR", CART, "Mac OS")
                    + line(h1.plus(10, ChronoUnit.MINUTES), "1.1.1.1", "INFO", CART, "Linux")
                    + line(h1.plus(10, ChronoUnit.MINUTES), "3.3.3.3", "WARN", PRODUCTS, "Windows")
                    + line(h1.plus(30, ChronoUnit.MINUTES), "3.3.3.3", "ERROR", PRODUCTS + "#top", "Windows")
                    + line(now, "4.4.4.4", "INFO", HEALTH, "Linux")
                    + line(now, "4.4.4.4", "INFO", HEALTH, "Linux")
                    + line(now, "4.4.4.4", "INFO", HEALTH, "Linux")
                    + line(now, "5.5.5.5", "INFO", HEALTH, "Linux");
            HttpResponse<String> appended = api.post("/v0/events?name=logs&wait=true", fixture);
            assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
            assertThat(api.query("SELECT count() AS c FROM logs").get("data").get(0).get("c").asLong()).isEqualTo(10);

            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            String range = "date_from=" + today.minusDays(2) + "&date_to=" + today.plusDays(1);
            Map<String, String> report = new LinkedHashMap<>();
            for (JsonNode pipe : Api.json(api.get("/v0/pipes")).get("pipes")) {
                if (!pipe.get("type").asText().equals("endpoint")) {
                    continue;
                }
                String name = pipe.get("name").asText();
                HttpResponse<String> response = api.get("/v0/pipes/" + name + ".json?" + range);
                assertThat(Api.json(response).isObject()).isTrue();
                report.put(name, response.statusCode() == 200 ? "200 rows=" + Api.json(response).get("rows")
                        : response.statusCode() + " " + Api.json(response).get("error").asText());
            }
            report.forEach((name, outcome) -> System.out.println("[log-analytics] " + name + ": " + outcome));
            assertThat(report).hasSize(9);
            assertThat(report).allSatisfy((name, outcome) -> assertThat(outcome).as(name).startsWith("200"));

            checkEndpoints(api, range, now, h0, h1, h2);
        } finally {
            node.stop();
        }
    }

    /**
     * The fixture, per hour: h0 has 1.1.1.1 twice in minute :05 (INFO /api/products?id=1, ERROR /api/products) and
     * 2.2.2.2 once (ERROR /api/cart); h1 has 1.1.1.1 (INFO /api/cart) and 3.3.3.3 (WARN /api/products) in minute
     * :10, then 3.3.3.3 again (ERROR /api/products#top); the current minute has 4.4.4.4 three times and 5.5.5.5
     * once, all INFO /api/health. path(url) drops the query and fragment, so there are three functions.
     */
    private static void checkEndpoints(Api api, String range, Instant now, Instant h0, Instant h1, Instant h2) {
        String t0 = TIME.format(h0);
        String t1 = TIME.format(h1);
        String t2 = TIME.format(h2);

        // Calls per (minute, ip): 2, 1, 1, 1, 1, 3, 1 -> average 10/7.
        assertThat(data(api, "average_calls_per_ip_api", range).get(0).get("average").asDouble())
                .isCloseTo(10.0 / 7, org.assertj.core.data.Offset.offset(1e-9));
        // Errors per function: /api/products 2, /api/cart 1 -> average 1.5.
        assertThat(data(api, "average_error_count_api", range).get(0).get("average").asDouble()).isEqualTo(1.5);

        assertThat(rowSet(data(api, "error_frequency_api", range), "hour", "function_name", "total"))
                .containsExactlyInAnyOrder(t0 + "|/api/products|1", t0 + "|/api/cart|1", t1 + "|/api/products|1");
        assertThat(rowSet(data(api, "error_frequency_api", range), "hour").get(2)).isEqualTo(t1);

        assertThat(rowSet(data(api, "function_errors_api", range), "function_name", "total"))
                .containsExactly("/api/products|2", "/api/cart|1");

        // error_per_api groups ERROR lines by hour and the column named in per_filter (osname by default).
        assertThat(rowSet(data(api, "error_per_api", range), "hour", "osname", "total", "per_filter"))
                .containsExactlyInAnyOrder(t0 + "|Linux|1|osname", t0 + "|Mac OS|1|osname", t1 + "|Windows|1|osname");
        assertThat(rowSet(data(api, "error_per_api", range + "&per_filter=ip_address"), "hour", "ip_address", "total",
                "per_filter")).containsExactlyInAnyOrder(t0 + "|1.1.1.1|1|ip_address", t0 + "|2.2.2.2|1|ip_address",
                t1 + "|3.3.3.3|1|ip_address");

        JsonNode mostCalls = data(api, "ips_with_most_calls_api", range);
        assertThat(rowSet(mostCalls, "hour", "ip_address", "total")).containsExactlyInAnyOrder(t0 + "|1.1.1.1|2",
                t0 + "|2.2.2.2|1", t1 + "|1.1.1.1|1", t1 + "|3.3.3.3|2", t2 + "|4.4.4.4|3", t2 + "|5.5.5.5|1");
        assertThat(rowText(mostCalls.get(0), "ip_address", "total")).isEqualTo("4.4.4.4|3");

        JsonNode levels = data(api, "log_level_frequency_api", range);
        assertThat(rowSet(levels, "hour", "log_level", "total")).containsExactlyInAnyOrder(t0 + "|INFO|1",
                t0 + "|ERROR|2", t1 + "|INFO|1", t1 + "|WARN|1", t1 + "|ERROR|1", t2 + "|INFO|4");
        assertThat(rowSet(levels, "hour")).containsExactly(t0, t0, t1, t1, t1, t2);

        assertThat(rowSet(data(api, "top_functions_api", range), "function_name", "total"))
                .containsExactlyInAnyOrder("/api/products|4", "/api/cart|2", "/api/health|4");

        // The hours compare BETWEEN the two dates (as midnight DateTimes): a range in the past has nothing.
        assertThat(data(api, "top_functions_api", "date_from=2020-01-01&date_to=2020-01-02")).isEmpty();

        // IPs above the average calls per (minute, ip) in the current minute: 4.4.4.4 (3 > 10/7), not 5.5.5.5.
        // The average comes from the endpoint average_calls_per_ip_api, read in a scalar subquery with this
        // call's date range.
        // If the minute turned between the append and this call, the current minute has no calls at all.
        JsonNode exceeding = data(api, "ips_exceeding_avg_calls_per_minute_api", range);
        if (Instant.now().truncatedTo(ChronoUnit.MINUTES).equals(now.truncatedTo(ChronoUnit.MINUTES))) {
            assertThat(rowSet(exceeding, "ip_address", "total")).containsExactly("4.4.4.4|3");
        } else {
            assertThat(exceeding).isEmpty();
        }

        // Without the date range every endpoint answers the kit's own error message.
        for (String pipe : List.of("average_calls_per_ip_api", "error_per_api", "top_functions_api",
                "ips_exceeding_avg_calls_per_minute_api")) {
            HttpResponse<String> response = api.get("/v0/pipes/" + pipe + ".json");
            assertThat(response.statusCode()).as(pipe).isEqualTo(400);
            assertThat(Api.json(response).get("error").asText()).as(pipe)
                    .contains("Must supply date_from & date_to params");
        }
    }

    /**
     * The kit's files as a Tinybird Forward build sees them. The kit is a classic project: its endpoint pipes carry
     * no TYPE, because classic {@code tb push} published a pipe's last node on its own. Forward (and /v1/build)
     * publishes only nodes with TYPE endpoint, so the migration step a user takes is done here: endpoints/*.pipe
     * get {@code TYPE endpoint} after their last node. Every other byte is the kit's.
     */
    private static ProjectFiles project() {
        Path root = ProjectFiles.resource("log-analytics");
        ProjectFiles files = new ProjectFiles();
        for (String name : ProjectFiles.fromDirectory(root).names()) {
            String text = read(root.resolve(name));
            files.add(name, name.startsWith("endpoints") ? text.stripTrailing() + "\n\nTYPE endpoint\n" : text);
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode data(Api api, String pipe, String query) {
        HttpResponse<String> response = api.get("/v0/pipes/" + pipe + ".json" + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.statusCode()).as(pipe + "?" + query + ": " + response.body()).isEqualTo(200);
        return Api.json(response).get("data");
    }

    private static String rowText(JsonNode row, String... columns) {
        List<String> values = new ArrayList<>();
        for (String column : columns) {
            values.add(row.get(column).asText());
        }
        return String.join("|", values);
    }

    private static List<String> rowSet(JsonNode rows, String... columns) {
        List<String> out = new ArrayList<>();
        rows.forEach(row -> out.add(rowText(row, columns)));
        return out;
    }

    /** One log line with the columns the kit's pipes read; the other 33 columns take their defaults. */
    private static String line(Instant at, String ip, String level, String url, String os) {
        return "{\"event_ts\":\"" + MILLIS.format(at) + "\",\"ip_address\":\"" + ip + "\",\"log_level\":\"" + level
                + "\",\"url\":\"" + url + "\",\"osname\":\"" + os + "\",\"method\":\"GET\",\"isbot\":0"
                + ",\"from\":\"\",\"host\":\"api.example.com\",\"log_message\":\"" + level.toLowerCase() + "\"}\n";
    }
}
