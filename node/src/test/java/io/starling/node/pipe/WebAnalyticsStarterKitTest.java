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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tinybird's web-analytics-starter-kit (MIT; datafiles unchanged in test resources projects/web-analytics) through
 * /v1/build, with fixture events this test writes, then its endpoints. Every endpoint must answer 200, and each
 * answer is checked against expectations worked out by hand from the fixture: the raw-event endpoints
 * (analytics_hits, current_visitors, domain, trend), those over the -State/-SimpleState materialized views
 * (actions, domains, kpis, top_*), and the web-vitals ones (empty: the fixture has no metric payloads).
 */
class WebAnalyticsStarterKitTest {
    private static final String TOKEN = "web-analytics-token";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:00").withZone(ZoneOffset.UTC);
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/604.1";
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14) Chrome/120.0 Mobile";
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    @TempDir
    Path dataDir;

    @Test
    void buildAppendAndCallEndpoints() {
        StarlingNode node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir)
                .withWorkspaceToken(TOKEN));
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            HttpResponse<String> built = ProjectFiles.fromDirectory(ProjectFiles.resource("web-analytics")).build(api);
            JsonNode build = Api.json(built);
            System.out.println("[web-analytics] build " + built.statusCode() + ": errors " + build.get("errors"));
            assertThat(build.get("build").get("new_datasource_names")).hasSize(6);
            assertThat(names(build.get("build").get("pipes"))).contains("analytics_hits", "current_visitors",
                    "domain", "kpis", "top_pages");

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String fixture = event(now.minus(2, ChronoUnit.MINUTES), "s1", "page_hit", "t1", "example.com", IPHONE, "ES",
                    "https://google.com", "/", "https://example.com/")
                    + event(now.minus(3, ChronoUnit.MINUTES), "s1", "page_hit", "t1", "example.com", IPHONE, "ES", "",
                    "/pricing", "https://example.com/pricing")
                    + event(now.minus(60, ChronoUnit.MINUTES), "s2", "page_hit", "t1", "", ANDROID, "US", "",
                    "/blog", "https://www.example.com/blog")
                    + event(now.minus(1, ChronoUnit.DAYS), "s3", "page_hit", "t1", "example.com", FIREFOX, "DE", "",
                    "/", "https://example.com/")
                    + event(now.minus(120, ChronoUnit.MINUTES), "s2", "web_vital", "t1", "example.com", ANDROID, "US", "",
                    "/blog", "https://example.com/blog")
                    + event(now.minus(10, ChronoUnit.MINUTES), "s4", "page_hit", "t2", "other.org", "curl/8.4.0", "FR", "",
                    "/", "https://other.org/");
            HttpResponse<String> appended = api.post("/v0/events?name=analytics_events&wait=true", fixture);
            assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
            assertThat(api.query("SELECT count() AS c FROM analytics_events").get("data").get(0).get("c").asLong())
                    .isEqualTo(6);

            Map<String, String> report = new LinkedHashMap<>();
            Map<String, JsonNode> answers = new LinkedHashMap<>();
            for (JsonNode pipe : Api.json(api.get("/v0/pipes")).get("pipes")) {
                if (!pipe.get("type").asText().equals("endpoint")) {
                    continue;
                }
                String name = pipe.get("name").asText();
                HttpResponse<String> response = api.get("/v0/pipes/" + name + ".json");
                assertThat(response.statusCode()).as(name + ": " + response.body()).isLessThan(500);
                assertThat(Api.json(response).isObject()).isTrue();
                if (response.statusCode() == 200) {
                    answers.put(name, Api.json(response));
                }
                report.put(name, response.statusCode() == 200 ? "200 rows=" + Api.json(response).get("rows")
                        : response.statusCode() + " " + Api.json(response).get("error").asText());
            }
            report.forEach((name, outcome) -> System.out.println("[web-analytics] " + name + ": " + outcome));
            assertThat(report).hasSize(17);
            assertThat(report).allSatisfy((name, outcome) -> assertThat(outcome).as(name).startsWith("200"));

            // Endpoints over the raw events, checked against the fixture whenever they run (they need
            // domainWithoutWWW and URLHierarchy from the SQL engine).
            {
                // Parsed hits of tenant t1, in time order: the domain comes from the href when the column is empty,
                // device and browser from the user agent (iPhone Safari, Android Chrome, desktop Firefox).
                JsonNode hits = Api.json(api.get("/v0/pipes/analytics_hits.json?tenant_id=t1&q=" + Api.encode(
                        "SELECT session_id, pathname, domain, device, browser, location FROM _ ORDER BY timestamp")));
                assertThat(hits.get("data").toString()).as(hits.toString()).isEqualTo("["
                        + "{\"session_id\":\"s3\",\"pathname\":\"/\",\"domain\":\"example.com\",\"device\":\"desktop\",\"browser\":\"firefox\",\"location\":\"DE\"},"
                        + "{\"session_id\":\"s2\",\"pathname\":\"/blog\",\"domain\":\"example.com\",\"device\":\"mobile-android\",\"browser\":\"chrome\",\"location\":\"US\"},"
                        + "{\"session_id\":\"s1\",\"pathname\":\"/pricing\",\"domain\":\"example.com\",\"device\":\"mobile-ios\",\"browser\":\"safari\",\"location\":\"ES\"},"
                        + "{\"session_id\":\"s1\",\"pathname\":\"/\",\"domain\":\"example.com\",\"device\":\"mobile-ios\",\"browser\":\"safari\",\"location\":\"ES\"}]");
                JsonNode bots = Api.json(api.get("/v0/pipes/analytics_hits.json?tenant_id=t2"));
                assertThat(bots.get("data").get(0).get("device").asText()).isEqualTo("bot");
            }
            {
                // Sessions with a page hit in the last 5 minutes: s1 only (s4 was 10 minutes ago).
                assertThat(answers.get("current_visitors").get("data").toString()).isEqualTo("[{\"visits\":1}]");
            }
            {
                // The most visited domain of the last hour: example.com (2 hits) over other.org (1).
                assertThat(answers.get("domain").get("data").toString()).isEqualTo("[{\"domain\":\"example.com\"}]");
            }
            checkAggregatedEndpoints(api, now);
        } finally {
            node.stop();
        }
    }

    /**
     * The endpoints over the materialized views and the time series, for tenant t1, against answers worked out
     * from the fixture here. t1's page hits: s1 at now-2m (/, referrer google.com) and now-3m (/pricing), iPhone
     * Safari in ES; s2 at now-60m (/blog, www.example.com in the href, empty domain column), Android Chrome in US;
     * s3 at now-1d (/), Firefox on Linux in DE. Its web_vital (s2, now-120m) counts only in actions. t2 has one
     * bot hit (curl) that no t1 answer may include.
     */
    private static void checkAggregatedEndpoints(Api api, Instant now) {
        // actions: every action of t1 with its count and latest time, latest first.
        JsonNode actions = data(api, "actions", "tenant_id=t1");
        assertThat(actions).hasSize(2);
        assertThat(rowText(actions.get(0), "domain", "action", "last_seen", "total_occurrences"))
                .isEqualTo("example.com|page_hit|" + TIME.format(now.minus(2, ChronoUnit.MINUTES)) + "|4");
        assertThat(rowText(actions.get(1), "domain", "action", "last_seen", "total_occurrences"))
                .isEqualTo("example.com|web_vital|" + TIME.format(now.minus(120, ChronoUnit.MINUTES)) + "|1");
        assertThat(actions.get(0).get("last_payload").asText()).contains("\"pathname\"");
        assertThat(data(api, "actions", "tenant_id=t1&action_filter=" + Api.encode("%vital%"))).hasSize(1);
        assertThat(data(api, "actions", "")).isEmpty();

        // domains: one domain with first and last page hit and the hit count.
        JsonNode domains = data(api, "domains", "tenant_id=t1");
        assertThat(domains).hasSize(1);
        assertThat(rowText(domains.get(0), "domain", "first_seen", "last_seen", "total_hits")).isEqualTo("example.com|"
                + TIME.format(now.minus(1, ChronoUnit.DAYS)) + "|" + TIME.format(now.minus(2, ChronoUnit.MINUTES)) + "|4");
        assertThat(rowText(data(api, "domains", "tenant_id=t2").get(0), "domain", "total_hits")).isEqualTo("other.org|1");

        // Top lists over the last 7 days: visits are distinct sessions, hits are page hits. Ties in visits
        // have no defined order, so rows compare as sets, and the first row has the most visits.
        assertThat(rowSet(data(api, "top_pages", "tenant_id=t1"), "pathname", "visits", "hits"))
                .containsExactlyInAnyOrder("/|2|2", "/pricing|1|1", "/blog|1|1");
        assertThat(data(api, "top_pages", "tenant_id=t1").get(0).get("pathname").asText()).isEqualTo("/");
        assertThat(rowSet(data(api, "top_browsers", "tenant_id=t1"), "browser", "visits", "hits"))
                .containsExactlyInAnyOrder("safari|1|2", "chrome|1|1", "firefox|1|1");
        assertThat(rowSet(data(api, "top_devices", "tenant_id=t1"), "device", "visits", "hits"))
                .containsExactlyInAnyOrder("mobile-ios|1|2", "mobile-android|1|1", "desktop|1|1");
        assertThat(rowSet(data(api, "top_devices", "tenant_id=t2"), "device", "visits", "hits"))
                .containsExactly("bot|1|1");
        assertThat(rowSet(data(api, "top_locations", "tenant_id=t1"), "location", "visits", "hits"))
                .containsExactlyInAnyOrder("ES|1|2", "US|1|1", "DE|1|1");
        // Sources: the referrer's domain; hits without a referrer count under '' (their domain differs from the
        // site's), google.com once.
        assertThat(rowSet(data(api, "top_sources", "tenant_id=t1"), "referrer", "visits", "hits"))
                .containsExactlyInAnyOrder("|3|3", "google.com|1|1");
        assertThat(data(api, "top_pages", "tenant_id=t1&limit=1")).hasSize(1);
        JsonNode previous = data(api, "top_pages", "tenant_id=t1&include_previous_period=true");
        assertThat(rowSet(previous, "pathname", "visits", "hits", "previous_visits", "visits_growth_percentage"))
                .containsExactlyInAnyOrder("/|2|2|0|100", "/pricing|1|1|0|100", "/blog|1|1|0|100");

        // kpis: one row per day of the last 8 (today included); per day, the sessions with page hits that day.
        JsonNode kpis = data(api, "kpis", "tenant_id=t1");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<LocalDate, Map<String, List<Instant>>> byDay = new TreeMap<>();
        for (Object[] hit : new Object[][] {{"s1", now.minus(2, ChronoUnit.MINUTES)}, {"s1", now.minus(3, ChronoUnit.MINUTES)},
                {"s2", now.minus(60, ChronoUnit.MINUTES)}, {"s3", now.minus(1, ChronoUnit.DAYS)}}) {
            Instant at = (Instant) hit[1];
            byDay.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), d -> new TreeMap<>())
                    .computeIfAbsent((String) hit[0], k -> new ArrayList<>()).add(at);
        }
        assertThat(kpis).hasSize(8);
        for (int i = 0; i < 8; i++) {
            LocalDate day = today.minusDays(7 - i);
            Map<String, List<Instant>> sessions = byDay.getOrDefault(day, Map.of());
            long pageviews = sessions.values().stream().mapToLong(List::size).sum();
            long bounces = sessions.values().stream().filter(hits -> hits.stream().distinct().count() == 1).count();
            double duration = sessions.values().stream().mapToLong(hits -> hits.stream().mapToLong(Instant::getEpochSecond)
                    .max().orElse(0) - hits.stream().mapToLong(Instant::getEpochSecond).min().orElse(0)).average().orElse(0);
            JsonNode row = kpis.get(i);
            assertThat(row.get("date").asText()).isEqualTo(day.toString());
            assertThat(row.get("visits").asLong()).as(day + " visits").isEqualTo(sessions.size());
            assertThat(row.get("pageviews").asLong()).as(day + " pageviews").isEqualTo(pageviews);
            assertThat(row.get("bounce_rate").asDouble()).as(day + " bounce rate")
                    .isEqualTo(sessions.isEmpty() ? 0 : (double) bounces / sessions.size());
            assertThat(row.get("avg_session_sec").asDouble()).as(day + " average session").isEqualTo(duration);
        }

        // trend: the 30 minutes before the call, one row a minute; s1's two hits make its two minutes 1 visit each.
        JsonNode trend = data(api, "trend", "tenant_id=t1");
        assertThat(trend).hasSize(30);
        Set<String> busy = Set.of(MINUTE.format(now.minus(2, ChronoUnit.MINUTES)), MINUTE.format(now.minus(3, ChronoUnit.MINUTES)));
        Set<String> seen = new HashSet<>();
        for (JsonNode row : trend) {
            String minute = row.get("t").asText();
            seen.add(minute);
            assertThat(row.get("visits").asLong()).as(minute).isEqualTo(busy.contains(minute) ? 1 : 0);
        }
        assertThat(seen).containsAll(busy);

        // web vitals: the fixture's only web_vital carries no metric name or value, so every vitals answer is empty.
        for (String vitals : List.of("web_vitals_events", "web_vitals_current", "web_vitals_distribution",
                "web_vitals_routes", "web_vitals_timeseries")) {
            assertThat(data(api, vitals, "tenant_id=t1")).as(vitals).isEmpty();
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

    private static String event(Instant at, String session, String action, String tenant, String domain,
                                String userAgent, String location, String referrer, String pathname, String href) {
        String payload = "{\"user-agent\":\"" + userAgent + "\",\"locale\":\"en-US\",\"location\":\"" + location
                + "\",\"referrer\":\"" + referrer + "\",\"pathname\":\"" + pathname + "\",\"href\":\"" + href + "\"}";
        return "{\"timestamp\":\"" + TIME.format(at) + "\",\"session_id\":\"" + session + "\",\"action\":\"" + action
                + "\",\"version\":\"1\",\"payload\":" + Api.JSON.valueToTree(payload) + ",\"tenant_id\":\"" + tenant
                + "\",\"domain\":\"" + domain + "\"}\n";
    }

    private static List<String> names(JsonNode pipes) {
        List<String> names = new ArrayList<>();
        pipes.forEach(pipe -> names.add(pipe.get("name").asText()));
        return names;
    }
}
