package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v0/sql} with ClickHouse query parameters: {@code {name:Type}} in q, values from {@code param_name}. */
class QueryParametersHttpTest {
    private static final String TOKEN = "query-parameters-token";

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

    @Test
    void urlParametersFillTypedPlaceholders() {
        HttpResponse<String> response = api.get("/v0/sql?q=" + Api.encode("SELECT {n:UInt8} + 1 AS x, {s:String} AS s FORMAT TSV")
                + "&param_n=41&param_s=" + Api.encode("a' OR '1'='1"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("42\ta\\' OR \\'1\\'=\\'1\n");
    }

    @Test
    void formPostsCarryParametersToo() {
        HttpResponse<String> response = api.postForm("/v0/sql",
                "q=" + Api.encode("SELECT number FROM numbers(10) WHERE number < {n:UInt64} FORMAT TSV") + "&param_n=2");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("0\n1\n");
    }

    @Test
    void aMissingOrBadParameterIsAClientError() {
        HttpResponse<String> missing = api.get("/v0/sql?q=" + Api.encode("SELECT {n:UInt8}"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("param_n");
        HttpResponse<String> bad = api.get("/v0/sql?q=" + Api.encode("SELECT {n:UInt8}") + "&param_n=" + Api.encode("1; DROP"));
        assertThat(bad.statusCode()).isEqualTo(400);
    }
}
