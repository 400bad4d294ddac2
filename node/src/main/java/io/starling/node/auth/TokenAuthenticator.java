package io.starling.node.auth;

import io.starling.protocol.catalog.WorkspaceTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Supplier;

/** Resolves a presented token to a {@link Principal}. Thread-safe. */
public final class TokenAuthenticator {
    private final Supplier<Optional<WorkspaceTokens>> tokens;

    /** {@code tokens} answers the workspace tokens in force (from the catalog copy). */
    public TokenAuthenticator(Supplier<Optional<WorkspaceTokens>> tokens) {
        this.tokens = tokens;
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Optional<WorkspaceTokens> current = tokens.get();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        WorkspaceTokens workspace = current.get();
        if (same(token, workspace.getWorkspaceAdminToken())) {
            return Optional.of(new Principal("workspace_admin_token", EnumSet.allOf(Scope.class)));
        }
        if (same(token, workspace.getAdminToken())) {
            return Optional.of(new Principal("admin_token", EnumSet.allOf(Scope.class)));
        }
        if (same(token, workspace.getUserToken())) {
            return Optional.of(new Principal("user_token", EnumSet.allOf(Scope.class)));
        }
        return Optional.empty();
    }

    private static boolean same(String presented, String expected) {
        return !expected.isEmpty() && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
