package io.starling.node.auth;

import io.starling.protocol.catalog.StaticToken;
import io.starling.protocol.catalog.WorkspaceTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Resolves a presented token (workspace token, static token or JWT) to a {@link Principal}. Thread-safe. */
public final class TokenAuthenticator {
    /** The outcome: a principal, or the reason the token was refused. */
    public record Result(Principal principal, String error) {
        public boolean ok() {
            return principal != null;
        }
    }

    private final Supplier<Optional<WorkspaceTokens>> tokens;
    private final Supplier<List<StaticToken>> staticTokens;
    private final Clock clock;

    /** {@code tokens} answers the workspace tokens in force, {@code staticTokens} the others (catalog copy). */
    public TokenAuthenticator(Supplier<Optional<WorkspaceTokens>> tokens, Supplier<List<StaticToken>> staticTokens,
                              Clock clock) {
        this.tokens = tokens;
        this.staticTokens = staticTokens;
        this.clock = clock;
    }

    public TokenAuthenticator(Supplier<Optional<WorkspaceTokens>> tokens) {
        this(tokens, List::of, Clock.systemUTC());
    }

    public Optional<Principal> authenticate(String token) {
        return Optional.ofNullable(check(token).principal());
    }

    public Result check(String token) {
        if (token == null || token.isEmpty()) {
            return new Result(null, "Invalid token");
        }
        Optional<WorkspaceTokens> current = tokens.get();
        if (current.isEmpty()) {
            return new Result(null, "The workspace tokens are not ready yet; retry");
        }
        WorkspaceTokens workspace = current.get();
        if (same(token, workspace.getWorkspaceAdminToken())) {
            return new Result(Principal.admin("workspace admin token"), null);
        }
        if (same(token, workspace.getAdminToken())) {
            return new Result(Principal.admin("admin local_testing@tinybird.co"), null);
        }
        if (same(token, workspace.getUserToken())) {
            return new Result(Principal.admin("user token"), null);
        }
        for (StaticToken candidate : staticTokens.get()) {
            if (same(token, candidate.getToken())) {
                List<Grant> grants = new ArrayList<>();
                for (String scope : candidate.getScopesList()) {
                    grants.add(Grant.parse(scope));
                }
                return new Result(new Principal(candidate.getName(), candidate.getId(), grants, false, 0), null);
            }
        }
        if (Jwts.looksLikeJwt(token)) {
            try {
                return new Result(Jwts.verify(token, workspace.getWorkspaceAdminToken(), clock.instant()), null);
            } catch (Jwts.InvalidJwt invalid) {
                return new Result(null, invalid.getMessage());
            }
        }
        return new Result(null, "Invalid token. It is not a token of this workspace; GET /v0/tokens lists them");
    }

    private static boolean same(String presented, String expected) {
        return !expected.isEmpty() && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
