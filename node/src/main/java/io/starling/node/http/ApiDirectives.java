package io.starling.node.http;

import io.starling.node.auth.Principal;
import io.starling.node.auth.Scope;
import io.starling.node.auth.TokenAuthenticator;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Directives every API route uses: token authentication with scopes. */
public abstract class ApiDirectives extends AllDirectives {
    static final String MISSING_TOKEN = "Missing token. Pass one as 'Authorization: Bearer <token>' or as the token "
            + "URL parameter; GET /tokens lists this workspace's tokens";
    static final String INVALID_TOKEN = "Invalid token. It is not a token of this workspace; GET /tokens lists them";
    static final String FORBIDDEN = "Forbidden. The auth Token doesn't have the correct scopes.";

    private final TokenAuthenticator authenticator;

    protected ApiDirectives(TokenAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Runs {@code inner} for a request whose token (Bearer header or token parameter) holds {@code scope}; else 403. */
    protected Route authorized(Scope scope, Function<Principal, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> parameterOptional("token", parameter -> {
            Optional<String> token = bearer(header).or(() -> parameter.filter(value -> !value.isEmpty()));
            if (token.isEmpty()) {
                return complete(Json.error(StatusCodes.FORBIDDEN, MISSING_TOKEN));
            }
            Optional<Principal> principal = authenticator.authenticate(token.get());
            if (principal.isEmpty()) {
                return complete(Json.error(StatusCodes.FORBIDDEN, INVALID_TOKEN));
            }
            if (!principal.get().allows(scope)) {
                return complete(Json.error(StatusCodes.FORBIDDEN, FORBIDDEN));
            }
            return inner.apply(principal.get());
        }));
    }

    private static Optional<String> bearer(Optional<String> header) {
        return header.map(String::strip)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .filter(value -> !value.isEmpty());
    }
}
