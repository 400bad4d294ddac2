package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.starling.cli.support.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code starling token create jwt}: an HS256 JWT signed locally with the admin token. */
class JwtTokenTest {
    @TempDir
    Path dir;

    @Test
    void signsThePayloadWithTheAdminToken() throws Exception {
        Files.writeString(dir.resolve(".tinyb"), "{\"host\":\"http://127.0.0.1:1\",\"id\":\"ws-123\",\"token\":\"admin-key\"}");

        Cli.Result result = new Cli(dir).run("token", "create", "jwt", "user_42", "--ttl", "1h",
                "--scope", "PIPES:READ", "--resource", "top_users", "--fixed-params", "org=acme,limit=5",
                "--scope", "DATASOURCES:READ", "--resource", "events", "--filter", "org = 'acme'", "--limit-rps", "10");

        assertThat(result.exit()).as(result.err()).isZero();
        String[] parts = result.out().strip().split("\\.");
        assertThat(parts).hasSize(3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("admin-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8)));
        assertThat(parts[2]).isEqualTo(expected);
        JsonNode payload = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(payload.path("workspace_id").asText()).isEqualTo("ws-123");
        assertThat(payload.path("name").asText()).isEqualTo("user_42");
        assertThat(payload.path("exp").asLong()).isBetween(Instant.now().getEpochSecond() + 3500,
                Instant.now().getEpochSecond() + 3700);
        assertThat(payload.path("scopes").get(0).toString())
                .isEqualTo("{\"type\":\"PIPES:READ\",\"resource\":\"top_users\",\"fixed_params\":{\"org\":\"acme\",\"limit\":\"5\"}}");
        assertThat(payload.path("scopes").get(1).toString())
                .isEqualTo("{\"type\":\"DATASOURCES:READ\",\"resource\":\"events\",\"filter\":\"org = 'acme'\"}");
        assertThat(payload.path("limits").path("rps").asInt()).isEqualTo(10);
    }

    @Test
    void rejectsScopesAJwtCannotHaveAndBadDurations() {
        Cli cli = new Cli(dir).env("TB_TOKEN", "k").env("TB_HOST", "http://127.0.0.1:1");

        Cli.Result scope = cli.run("token", "create", "jwt", "x", "--ttl", "1h", "--scope", "ADMIN", "--resource", "r",
                "--workspace-id", "w");
        assertThat(scope.exit()).isEqualTo(2);
        assertThat(scope.err()).contains("PIPES:READ or DATASOURCES:READ");

        Cli.Result ttl = cli.run("token", "create", "jwt", "x", "--ttl", "soon", "--scope", "PIPES:READ", "--resource", "r",
                "--workspace-id", "w");
        assertThat(ttl.exit()).isEqualTo(2);
        assertThat(ttl.err()).contains("30min, 1h or 7d");
    }
}
