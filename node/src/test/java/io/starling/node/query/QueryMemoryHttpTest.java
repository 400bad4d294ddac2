package io.starling.node.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.http.ApiLimits;
import io.starling.node.testing.Api;
import io.starling.sql.exec.QueryMemory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query over its memory limit answers 500 with code 241 MEMORY_LIMIT_EXCEEDED (as ClickHouse and Tinybird do),
 * and the node keeps answering queries afterwards.
 */
class QueryMemoryHttpTest {
    private static final String TOKEN = "memory-workspace-token";
    private static final String GROUP_BY =
            "SELECT count() AS groups FROM (SELECT number % 200000 AS k, count() FROM numbers(10000000) GROUP BY k)";

    @TempDir
    static Path dataDir;

    private static StarlingNode node;
    private static Api api;

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

    private static HttpResponse<String> sql(String query) {
        return api.get("/v0/sql?q=" + Api.encode(query));
    }

    @Test
    void aQueryOverItsMemoryLimitIs500With241AndTheNodeKeepsServing() {
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<String> failed = sql(GROUP_BY + " SETTINGS max_memory_usage = 1000000");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.headers().firstValue("X-DB-Exception-Code")).contains("241");
            assertThat(Api.json(failed).get("error").asText())
                    .startsWith("Code: 241. DB::Exception: Memory limit (for query) exceeded: would use ")
                    .contains("maximum: 976.56 KiB")
                    .endsWith("(MEMORY_LIMIT_EXCEEDED)");

            HttpResponse<String> same = sql(GROUP_BY + " SETTINGS max_memory_usage = 300000000");
            assertThat(same.statusCode()).isEqualTo(200);
            assertThat(Api.json(same).get("data").get(0).get("groups").asLong()).isEqualTo(200000);
            HttpResponse<String> small = sql("SELECT 1 AS one");
            assertThat(small.statusCode()).isEqualTo(200);
            assertThat(Api.json(small).get("data").get(0).get("one").asInt()).isEqualTo(1);
        }
    }

    @Test
    void theNodeDefaultIsAShareOfTheHeapAndConfigurable() {
        assertThat(QueryMemory.defaultLimit()).isEqualTo(QueryMemory.fractionOfHeap(0.4));
        assertThat(ApiLimits.queryMaxMemory(ConfigFactory.empty())).isEqualTo(QueryMemory.fractionOfHeap(0.4));
        assertThat(ApiLimits.queryMaxMemory(ConfigFactory.parseString("starling.limits.query-max-memory = 2GiB")))
                .isEqualTo(2L << 30);
        assertThat(ApiLimits.queryMaxMemory(ConfigFactory.parseString("starling.limits.query-max-memory = 0")))
                .isZero();
    }
}
