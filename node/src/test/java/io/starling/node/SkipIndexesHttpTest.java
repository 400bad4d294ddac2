package io.starling.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skip indexes declared through the Data Sources API ({@code indexes=}) reach the table: queries filtering on an
 * indexed column report fewer rows_read in /v0/sql statistics than the same query on a twin without indexes,
 * with the same answer. Bad declarations fail with 400.
 */
class SkipIndexesHttpTest {
    private static final String TOKEN = "skip-index-token";
    private static final String SCHEMA = "id Int64, user String, seq UInt64";
    private static final int ROWS = 4000;

    @TempDir
    Path dataDir;

    @Test
    void indexesParameterPrunesGranules() {
        StarlingNode node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(dataDir)
                .withWorkspaceToken(TOKEN));
        try (Api api = new Api(node.httpPort(), TOKEN)) {
            String indexes = "INDEX idx_user user TYPE bloom_filter(0.01) GRANULARITY 1,\n"
                    + "INDEX idx_seq seq TYPE minmax GRANULARITY 1";
            create(api, "indexed", "&indexes=" + Api.encode(indexes));
            create(api, "plain", "");
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < ROWS; i++) {
                csv.append(i).append(",u_").append((i * 7919L) % ROWS).append(',').append(i * 2L).append('\n');
            }
            for (String name : new String[] {"indexed", "plain"}) {
                HttpResponse<String> appended = api.post("/v0/datasources?mode=append&name=" + name, csv.toString());
                assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
            }

            JsonNode byUser = api.query("SELECT id FROM indexed WHERE user = 'u_3919'");
            JsonNode byUserPlain = api.query("SELECT id FROM plain WHERE user = 'u_3919'");
            assertThat(byUser.get("data")).isEqualTo(byUserPlain.get("data"));
            assertThat(byUser.get("data").get(0).get("id").asLong()).isEqualTo(1);
            assertThat(byUserPlain.get("statistics").get("rows_read").asLong()).isEqualTo(ROWS);
            assertThat(byUser.get("statistics").get("rows_read").asLong()).isLessThanOrEqualTo(3 * 64);
            assertThat(byUser.get("statistics").get("bytes_read").asLong())
                    .isLessThan(byUserPlain.get("statistics").get("bytes_read").asLong());

            JsonNode bySeq = api.query("SELECT count() AS c FROM indexed WHERE seq >= 1000 AND seq < 1100");
            assertThat(bySeq.get("data").get(0).get("c").asLong()).isEqualTo(50);
            assertThat(bySeq.get("statistics").get("rows_read").asLong()).isLessThanOrEqualTo(2 * 64);

            HttpResponse<String> unknownColumn = api.post("/v0/datasources?name=broken&schema=" + Api.encode(SCHEMA)
                    + "&indexes=" + Api.encode("INDEX idx_x missing TYPE minmax GRANULARITY 1"), "");
            assertThat(unknownColumn.statusCode()).as(unknownColumn.body()).isEqualTo(400);
            assertThat(Api.json(unknownColumn).get("error").asText()).contains("missing");
            HttpResponse<String> unknownType = api.post("/v0/datasources?name=broken&schema=" + Api.encode(SCHEMA)
                    + "&indexes=" + Api.encode("INDEX idx_x seq TYPE hash GRANULARITY 1"), "");
            assertThat(unknownType.statusCode()).as(unknownType.body()).isEqualTo(400);
            assertThat(Api.json(unknownType).get("error").asText()).contains("minmax");
        } finally {
            node.stop();
        }
    }

    private static void create(Api api, String name, String extra) {
        HttpResponse<String> created = api.post("/v0/datasources?name=" + name + "&schema=" + Api.encode(SCHEMA)
                + "&engine_sorting_key=id&engine_settings=" + Api.encode("index_granularity=64") + extra, "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }
}
