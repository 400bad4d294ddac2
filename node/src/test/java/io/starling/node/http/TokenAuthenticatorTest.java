package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.starling.coordinator.catalog.WorkspaceTokenFactory;
import io.starling.node.auth.Grant;
import io.starling.node.auth.Jwts;
import io.starling.node.auth.Principal;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.protocol.catalog.StaticToken;
import io.starling.protocol.catalog.WorkspaceTokens;
import io.starling.storage.error.StarlingException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
    private static final WorkspaceTokens TOKENS = WorkspaceTokenFactory.derivedFrom("admin");
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final StaticToken APPENDER = StaticToken.newBuilder().setId("id-1").setName("appender")
            .setToken("p.appender").addScopes("DATASOURCES:APPEND:events").addScopes("DATASOURCES:READ:events").build();

    private static TokenAuthenticator authenticator() {
        return new TokenAuthenticator(() -> Optional.of(TOKENS), () -> List.of(APPENDER), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theThreeWorkspaceTokensAreAdmins() {
        for (String token : new String[] {TOKENS.getUserToken(), TOKENS.getAdminToken(), "admin"}) {
            assertThat(authenticator().authenticate(token)).hasValueSatisfying(principal -> {
                assertThat(principal.isAdmin()).isTrue();
                assertThat(principal.canDrop("x", "t_1")).isTrue();
                assertThat(principal.canManageTokens()).isTrue();
            });
        }
        assertThat(authenticator().authenticate("admi")).isEmpty();
        assertThat(authenticator().authenticate("")).isEmpty();
        assertThat(authenticator().authenticate(null)).isEmpty();
    }

    @Test
    void staticTokensHoldOnlyTheirScopes() {
        Principal principal = authenticator().authenticate("p.appender").orElseThrow();
        assertThat(principal.canAppend("events", "t_1")).isTrue();
        assertThat(principal.canRead("events", "t_1")).isTrue();
        assertThat(principal.canAppend("other", "t_2")).isFalse();
        assertThat(principal.canRead("other", "t_2")).isFalse();
        assertThat(principal.canCreateDataSources()).isFalse();
        assertThat(principal.canDrop("events", "t_1")).isFalse();
        assertThat(principal.canManageTokens()).isFalse();
        assertThat(principal.canReadServiceDataSources()).isFalse();
    }

    @Test
    void scopesParseTinybirdSpellingsAndRefuseUnknownOnes() {
        assertThat(Grant.parse("DATASOURCE:APPEND:events").text()).isEqualTo("DATASOURCES:APPEND:events");
        assertThat(Grant.parse("datasources:read").text()).isEqualTo("DATASOURCES:READ");
        assertThat(Grant.parse("PIPES:READ:top").resource()).isEqualTo("top");
        assertThat(Grant.parse("ADMIN").type()).isEqualTo("ADMIN");
        assertThatThrownBy(() -> Grant.parse("DATASOURCES:FLY")).isInstanceOf(StarlingException.class)
                .hasMessageContaining("Unknown scope");
        assertThatThrownBy(() -> Grant.parse("DATASOURCES:APPEND")).hasMessageContaining("needs a resource");
        assertThatThrownBy(() -> Grant.parse("ADMIN:x")).hasMessageContaining("takes no resource");
    }

    private static String jwt(String key, Instant expires, Object scopes) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("workspace_id", "w").claim("name", "frontend")
                .claim("scopes", scopes).claim("limits", Map.of("rps", 3));
        if (expires != null) {
            claims.expirationTime(Date.from(expires));
        }
        return Jwts.sign(claims.build(), key);
    }

    @Test
    void jwtsSignedWithTheAdminTokenReadWhatTheirScopesName() {
        String token = jwt("admin", NOW.plusSeconds(60), List.of(
                Map.of("type", "DATASOURCES:READ", "resource", "events", "filter", "org = 'a'"),
                Map.of("type", "PIPES:READ", "resource", "top", "fixed_params", Map.of("org", "a"))));
        TokenAuthenticator.Result result = authenticator().check(token);
        assertThat(result.ok()).as(result.error()).isTrue();
        Principal principal = result.principal();
        assertThat(principal.jwt()).isTrue();
        assertThat(principal.rpsLimit()).isEqualTo(3);
        assertThat(principal.canRead("events", "t_1")).isTrue();
        assertThat(principal.canRead("other", "t_2")).isFalse();
        assertThat(principal.rowFilter("events", "t_1")).contains("org = 'a'");
        assertThat(principal.canReadPipe("top", "p_1")).isTrue();
        assertThat(principal.canAppend("events", "t_1")).isFalse();
        assertThat(principal.canCreateDataSources()).isFalse();
    }

    @Test
    void expiredWronglySignedOrOverScopedJwtsAreRefused() {
        Object scopes = List.of(Map.of("type", "DATASOURCES:READ", "resource", "events"));
        assertThat(authenticator().check(jwt("admin", NOW.minusSeconds(1), scopes)).error()).contains("expired");
        assertThat(authenticator().check(jwt("admin", null, scopes)).error()).contains("no exp");
        assertThat(authenticator().check(jwt("not-the-admin", NOW.plusSeconds(60), scopes)).error())
                .contains("signature does not match");
        assertThat(authenticator().check(jwt("admin", NOW.plusSeconds(60),
                List.of(Map.of("type", "ADMIN", "resource", "x")))).error()).contains("not allowed");
        assertThat(authenticator().check("eyJ.garbage.here").ok()).isFalse();
    }

    @Test
    void nothingIsAcceptedBeforeTheTokensAreKnown() {
        assertThat(new TokenAuthenticator(Optional::empty).authenticate("anything")).isEmpty();
    }

    @Test
    void leakyBucketRefusesAboveRateAndBurstAndRefills() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(() -> now[0]);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k", 2, 1).allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.acquire("k", 2, 1);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(refused.retryAfterSeconds()).isPositive();
        assertThat(limiter.acquire("other", 2, 1).allowed()).isTrue();
        now[0] = 1_000_000_000L;
        assertThat(limiter.acquire("k", 2, 1).allowed()).isTrue();
    }
}
