package io.starling.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.node.auth.Grant;
import io.starling.node.auth.Jwts;
import io.starling.node.auth.Principal;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.protocol.catalog.StaticToken;
import io.starling.protocol.catalog.WorkspaceTokens;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Tokens: {@code GET /tokens} (the workspace tokens, without auth, as Tinybird Local answers them) and the
 * Tokens API (scope TOKENS or ADMIN): {@code GET /v0/tokens}, {@code POST /v0/tokens?name=&scope=...}
 * (static token, upsert by name; with {@code expiration_time} a JWT whose scopes come from a JSON body),
 * {@code GET|PUT|DELETE /v0/tokens/{name or id}}, {@code POST /v0/tokens/{name or id}/refresh}.
 */
public final class TokensRoute extends ApiDirectives {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NEEDS_TOKENS = "It needs the TOKENS or ADMIN scope.";

    private final CatalogView catalog;
    private final Clock clock;

    public TokensRoute(TokenAuthenticator authenticator, CatalogView catalog, Clock clock) {
        super(authenticator);
        this.catalog = catalog;
        this.clock = clock;
    }

    public TokensRoute(CatalogView catalog) {
        this(new TokenAuthenticator(catalog::tokens, catalog::staticTokens, Clock.systemUTC()), catalog, Clock.systemUTC());
    }

    public Route route() {
        return concat(
                path("tokens", () -> get(() -> {
                    if (catalog.tokens().isEmpty()) {
                        return complete(Json.error(StatusCodes.SERVICE_UNAVAILABLE, "The workspace tokens are not ready yet; retry"));
                    }
                    WorkspaceTokens tokens = catalog.tokens().get();
                    return complete(Json.ok(Json.object()
                            .put("user_token", tokens.getUserToken())
                            .put("admin_token", tokens.getAdminToken())
                            .put("workspace_admin_token", tokens.getWorkspaceAdminToken())));
                })),
                pathPrefix("v0", () -> pathPrefix("tokens", () -> authorized(Principal::canManageTokens, NEEDS_TOKENS,
                        principal -> concat(
                                pathEndOrSingleSlash(() -> concat(
                                        get(() -> complete(Json.ok(list()))),
                                        post(() -> parameterMultiMap(parameters -> entity(Unmarshaller.entityToString(),
                                                body -> completeWithFuture(create(parameters, body))))))),
                                path(PathMatchers.segment().slash("refresh"), name ->
                                        post(() -> completeWithFuture(refresh(name)))),
                                path(PathMatchers.segment(), name -> concat(
                                        get(() -> complete(Json.ok(render(find(name))))),
                                        put(() -> parameterMultiMap(parameters -> completeWithFuture(update(name, parameters)))),
                                        delete(() -> completeWithFuture(remove(name))))))))));
    }

    private ObjectNode list() {
        ArrayNode tokens = Json.MAPPER.createArrayNode();
        catalog.tokens().ifPresent(workspace -> {
            tokens.add(builtIn("Workspace admin token", workspace.getWorkspaceAdminToken()));
            tokens.add(builtIn("admin local_testing@tinybird.co", workspace.getAdminToken()));
            tokens.add(builtIn("user token", workspace.getUserToken()));
        });
        for (StaticToken token : catalog.staticTokens()) {
            tokens.add(render(token));
        }
        ObjectNode json = Json.object();
        json.set("tokens", tokens);
        return json;
    }

    private static ObjectNode builtIn(String name, String value) {
        ObjectNode json = Json.object();
        json.put("id", name);
        json.put("name", name);
        json.put("token", value);
        json.put("description", "");
        json.putArray("scopes").addObject().put("type", Grant.ADMIN);
        json.putObject("origin").put("type", "DB");
        return json;
    }

    static ObjectNode render(StaticToken token) {
        ObjectNode json = Json.object();
        json.put("id", token.getId());
        json.put("name", token.getName());
        json.put("token", token.getToken());
        json.put("description", token.getDescription());
        ArrayNode scopes = json.putArray("scopes");
        for (String scope : token.getScopesList()) {
            Grant grant = Grant.parse(scope);
            ObjectNode node = scopes.addObject().put("type", grant.type());
            if (grant.resource() != null) {
                node.put("resource", grant.resource());
            }
            node.put("filter", "");
        }
        json.putObject("origin").put("type", "C");
        return json;
    }

    private StaticToken find(String nameOrId) {
        for (StaticToken token : catalog.staticTokens()) {
            if (token.getName().equals(nameOrId) || token.getId().equals(nameOrId) || token.getToken().equals(nameOrId)) {
                return token;
            }
        }
        boolean builtIn = catalog.tokens().map(workspace -> List.of(workspace.getWorkspaceAdminToken(),
                workspace.getAdminToken(), workspace.getUserToken()).contains(nameOrId)).orElse(false);
        throw new StarlingException(ErrorCode.UNKNOWN_TABLE, builtIn
                ? "The workspace tokens cannot be changed through /v0/tokens; restart the node with another token"
                : "Token [" + nameOrId + "] does not exist; GET /v0/tokens lists the tokens");
    }

    private static List<String> scopes(Map<String, List<String>> parameters) {
        List<String> scopes = new ArrayList<>();
        for (String scope : parameters.getOrDefault("scope", List.of())) {
            scopes.add(Grant.parse(scope).text());
        }
        return scopes;
    }

    private static String single(Map<String, List<String>> parameters, String key) {
        List<String> values = parameters.get(key);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private CompletionStage<HttpResponse> create(Map<String, List<String>> query, String body) {
        Map<String, List<String>> parameters = new LinkedHashMap<>(query);
        if (!body.isBlank() && !body.stripLeading().startsWith("{")) {
            FormBodies.parseMulti(body).forEach((key, values) -> parameters.merge(key, values, (a, b) -> {
                List<String> merged = new ArrayList<>(a);
                merged.addAll(b);
                return merged;
            }));
        }
        String name = single(parameters, "name");
        if (name == null || name.isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The name parameter is required, e.g. "
                    + "POST /v0/tokens?name=reader&scope=DATASOURCES:READ:events");
        }
        if (parameters.containsKey("expiration_time")) {
            return CompletableFuture.completedFuture(Json.ok(Json.object().put("token", jwt(name,
                    single(parameters, "expiration_time"), body, parameters))));
        }
        List<String> scopes = scopes(parameters);
        if (scopes.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Token [" + name + "] needs at least one scope, e.g. "
                    + "scope=DATASOURCES:APPEND:events (repeat scope= for more)");
        }
        Optional<StaticToken> existing = catalog.staticTokens().stream().filter(t -> t.getName().equals(name)).findFirst();
        String description = single(parameters, "description");
        StaticToken token = StaticToken.newBuilder()
                .setId(existing.map(StaticToken::getId).orElseGet(() -> UUID.randomUUID().toString()))
                .setName(name)
                .setToken(existing.map(StaticToken::getToken).orElseGet(TokensRoute::newTokenValue))
                .addAllScopes(scopes)
                .setDescription(description != null ? description : existing.map(StaticToken::getDescription).orElse(""))
                .setCreatedAtMicros(existing.map(StaticToken::getCreatedAtMicros)
                        .orElse(clock.millis() * 1_000L))
                .build();
        return catalog.putToken(token).thenApply(ignored -> Json.ok(render(token)));
    }

    /** A JWT signed with the workspace admin token; scopes from a JSON body or scope=TYPE:resource parameters. */
    private String jwt(String name, String expiration, String body, Map<String, List<String>> parameters) {
        long exp;
        try {
            exp = Long.parseLong(expiration.strip());
        } catch (NumberFormatException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "expiration_time must be unix seconds, got ["
                    + expiration + "]");
        }
        List<Object> scopes = new ArrayList<>();
        Map<String, Object> limits = null;
        if (body.stripLeading().startsWith("{")) {
            try {
                JsonNode json = Json.MAPPER.readTree(body);
                for (JsonNode scope : json.path("scopes")) {
                    scopes.add(Json.MAPPER.convertValue(scope, Map.class));
                }
                if (json.has("limits")) {
                    limits = Json.MAPPER.convertValue(json.get("limits"), Map.class);
                }
            } catch (java.io.IOException e) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The body is not JSON {\"scopes\": [...]}: "
                        + e.getMessage());
            }
        } else {
            for (String scope : parameters.getOrDefault("scope", List.of())) {
                Grant grant = Grant.parse(scope);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("type", grant.type());
                entry.put("resource", grant.resource());
                scopes.add(entry);
            }
        }
        for (Object scope : scopes) {
            Object type = ((Map<?, ?>) scope).get("type");
            if (!Grant.PIPES_READ.equals(type) && !Grant.DATASOURCES_READ.equals(type)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "JWT scope [" + type
                        + "] is not allowed; JWTs take PIPES:READ or DATASOURCES:READ with a resource");
            }
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim("workspace_id", "default")
                .claim("name", name)
                .expirationTime(new Date(exp * 1000L))
                .claim("scopes", scopes);
        if (limits != null) {
            claims.claim("limits", limits);
        }
        return Jwts.sign(claims.build(), catalog.tokens().orElseThrow().getWorkspaceAdminToken());
    }

    private CompletionStage<HttpResponse> refresh(String nameOrId) {
        StaticToken refreshed = find(nameOrId).toBuilder().setToken(newTokenValue()).build();
        return catalog.putToken(refreshed).thenApply(ignored -> Json.ok(render(refreshed)));
    }

    private CompletionStage<HttpResponse> update(String nameOrId, Map<String, List<String>> parameters) {
        StaticToken existing = find(nameOrId);
        StaticToken.Builder updated = existing.toBuilder();
        if (parameters.containsKey("scope")) {
            updated.clearScopes().addAllScopes(scopes(parameters));
        }
        String description = single(parameters, "description");
        if (description != null) {
            updated.setDescription(description);
        }
        String newName = single(parameters, "name");
        if (newName != null && !newName.isBlank() && !newName.equals(existing.getName())) {
            StaticToken renamed = updated.setName(newName).build();
            return catalog.putToken(renamed).thenCompose(ignored -> catalog.deleteToken(existing.getName()))
                    .thenApply(ignored -> Json.ok(render(renamed)));
        }
        StaticToken result = updated.build();
        return catalog.putToken(result).thenApply(ignored -> Json.ok(render(result)));
    }

    private CompletionStage<HttpResponse> remove(String nameOrId) {
        StaticToken existing = find(nameOrId);
        return catalog.deleteToken(existing.getName())
                .thenApply(ignored -> HttpResponse.create().withStatus(StatusCodes.NO_CONTENT));
    }

    private static String newTokenValue() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return "p." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
