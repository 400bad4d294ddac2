package io.starling.node.http;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.protocol.catalog.WorkspaceTokens;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /tokens}: the workspace tokens, without auth, as Tinybird Local answers them. */
public final class TokensRoute extends AllDirectives {
    private final CatalogView catalog;

    public TokensRoute(CatalogView catalog) {
        this.catalog = catalog;
    }

    public Route route() {
        return path("tokens", () -> get(() -> {
            if (catalog.tokens().isEmpty()) {
                return complete(Json.error(StatusCodes.SERVICE_UNAVAILABLE, "The workspace tokens are not ready yet; retry"));
            }
            WorkspaceTokens tokens = catalog.tokens().get();
            return complete(Json.ok(Json.object()
                    .put("user_token", tokens.getUserToken())
                    .put("admin_token", tokens.getAdminToken())
                    .put("workspace_admin_token", tokens.getWorkspaceAdminToken())));
        }));
    }
}
