package io.starling.coordinator.catalog;

import io.starling.protocol.catalog.WorkspaceTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes the three workspace tokens: random, or derived from a given workspace admin token. */
public final class WorkspaceTokenFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WorkspaceTokenFactory() {
    }

    public static WorkspaceTokens random() {
        return WorkspaceTokens.newBuilder()
                .setUserToken(randomToken())
                .setAdminToken(randomToken())
                .setWorkspaceAdminToken(randomToken())
                .build();
    }

    /** The workspace admin token is {@code workspaceToken}; the other two are derived from it, so restarts agree. */
    public static WorkspaceTokens derivedFrom(String workspaceToken) {
        return WorkspaceTokens.newBuilder()
                .setUserToken("p." + digest("user:" + workspaceToken))
                .setAdminToken("p." + digest("admin:" + workspaceToken))
                .setWorkspaceAdminToken(workspaceToken)
                .build();
    }

    private static String randomToken() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return "p." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
