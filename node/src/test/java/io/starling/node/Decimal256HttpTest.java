package io.starling.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data source with a {@code Decimal256(10)} column takes NDJSON numbers and strings and CSV text exactly,
 * sends values that do not fit to the quarantine, sorts and filters by the column, and sums exactly into
 * Decimal(76, 10) as ClickHouse does.
 */
class Decimal256HttpTest {
    private static final String TOKEN = "decimal256-token";
    private static final String BIG = "123456789012345678901234567890123456789012345678901234567890.0123456789";

    @TempDir
    Path dataDir;

    @Test
    void ndjsonAndCsvAppendsSumSortAndFilterExactly() {
        StarlingNode node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir)
                .withWorkspaceToken(TOKEN));
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            String schema = "id Int64 `json:$.id`, amount Decimal256(10) `json:$.amount`";
            HttpResponse<String> created = api.post("/v0/datasources?name=ledger&schema=" + Api.encode(schema)
                    + "&engine_sorting_key=amount", "");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            HttpResponse<String> events = api.post("/v0/events?name=ledger&wait=true",
                    "{\"id\":1,\"amount\":" + BIG + "}\n"
                            + "{\"id\":2,\"amount\":\"0.0000000001\"}\n"
                            + "{\"id\":5,\"amount\":1e70}\n"
                            + "{\"id\":6,\"amount\":\"abc\"}\n");
            assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
            JsonNode result = Api.json(events);
            assertThat(result.get("successful_rows").asLong()).isEqualTo(2);
            assertThat(result.get("quarantined_rows").asLong()).isEqualTo(2);

            HttpResponse<String> csv = api.post("/v0/datasources?mode=append&name=ledger",
                    "3,-1.5\n4,-" + BIG + "\n");
            assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
            assertThat(csv.body()).contains("\"quarantine_rows\":0");

            HttpResponse<String> sum = api.get("/v0/sql?q=" + Api.encode(
                    "SELECT sum(amount) AS s, toTypeName(s) AS t, count() AS c, max(amount) AS m, min(amount) AS n "
                            + "FROM ledger FORMAT JSON"));
            assertThat(sum.statusCode()).as(sum.body()).isEqualTo(200);
            JsonNode row = Api.json(sum).get("data").get(0);
            assertThat(row.get("s").decimalValue()).isEqualByComparingTo("-1.4999999999");
            assertThat(row.get("t").asText()).isEqualTo("Decimal(76, 10)");
            assertThat(row.get("c").asLong()).isEqualTo(4);
            assertThat(sum.body()).contains("\"m\": " + BIG).contains("\"n\": -" + BIG);

            HttpResponse<String> rows = api.get("/v0/sql?q=" + Api.encode(
                    "SELECT id, amount FROM ledger WHERE amount > -2 ORDER BY amount FORMAT CSV"));
            assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
            assertThat(rows.body()).isEqualTo("3,-1.5\n2,0.0000000001\n1," + BIG + "\n");

            HttpResponse<String> sorted = api.get("/v0/sql?q=" + Api.encode(
                    "SELECT groupArray(id) AS ids FROM (SELECT id FROM ledger ORDER BY amount DESC) FORMAT JSONEachRow"));
            assertThat(sorted.body()).contains("[1,2,3,4]");

            JsonNode quarantined = api.query("SELECT count() AS c, any(c__error) AS e FROM ledger_quarantine");
            assertThat(quarantined.get("data").get(0).get("c").asLong()).isEqualTo(2);
            assertThat(quarantined.get("data").get(0).get("e").toString()).contains("Decimal(76, 10)");
        } finally {
            node.stop();
        }
    }
}
