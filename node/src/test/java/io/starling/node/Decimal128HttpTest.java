package io.starling.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data source with a {@code Decimal(38, 9)} column (what PostgreSQL NUMERIC columns become) takes NDJSON numbers
 * and strings and CSV text exactly, sends values that do not fit to the quarantine, and sums exactly.
 */
class Decimal128HttpTest {
    private static final String TOKEN = "decimal128-token";

    @TempDir
    Path dataDir;

    @Test
    void ndjsonAndCsvAppendsSumExactly() {
        StarlingNode node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir)
                .withWorkspaceToken(TOKEN));
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            String schema = "id Int64 `json:$.id`, amount Decimal(38, 9) `json:$.amount`";
            HttpResponse<String> created = api.post("/v0/datasources?name=payments&schema=" + Api.encode(schema)
                    + "&engine_sorting_key=id", "");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            HttpResponse<String> events = api.post("/v0/events?name=payments&wait=true",
                    "{\"id\":1,\"amount\":12345678901234567890.123456789}\n"
                            + "{\"id\":2,\"amount\":\"0.000000001\"}\n"
                            + "{\"id\":5,\"amount\":1e30}\n"
                            + "{\"id\":6,\"amount\":\"abc\"}\n");
            assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
            JsonNode result = Api.json(events);
            assertThat(result.get("successful_rows").asLong()).isEqualTo(2);
            assertThat(result.get("quarantined_rows").asLong()).isEqualTo(2);

            HttpResponse<String> csv = api.post("/v0/datasources?mode=append&name=payments",
                    "3,-1.5\n4,98765432109876543210.987654321\n");
            assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
            assertThat(csv.body()).contains("\"quarantine_rows\":0");

            HttpResponse<String> sum = api.get("/v0/sql?q=" + Api.encode(
                    "SELECT sum(amount) AS s, toTypeName(s) AS t, count() AS c, max(amount) AS m FROM payments FORMAT JSON"));
            assertThat(sum.statusCode()).as(sum.body()).isEqualTo(200);
            assertThat(sum.body()).contains("111111111011111111099.611111111").contains("Decimal(38, 9)")
                    .contains("98765432109876543210.987654321");
            assertThat(Api.json(sum).get("data").get(0).get("c").asLong()).isEqualTo(4);

            HttpResponse<String> rows = api.get("/v0/sql?q=" + Api.encode(
                    "SELECT id, amount FROM payments WHERE amount > 0 ORDER BY amount FORMAT CSV"));
            assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
            assertThat(rows.body()).isEqualTo("2,0.000000001\n1,12345678901234567890.123456789\n"
                    + "4,98765432109876543210.987654321\n");

            JsonNode quarantined = api.query("SELECT count() AS c, any(c__error) AS e FROM payments_quarantine");
            assertThat(quarantined.get("data").get(0).get("c").asLong()).isEqualTo(2);
            assertThat(quarantined.get("data").get(0).get("e").toString()).contains("Decimal(38, 9)");
        } finally {
            node.stop();
        }
    }
}
