package io.starling.node.http;

import io.starling.node.auth.Principal;
import io.starling.node.auth.TokenAuthenticator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Directives every API route uses: token authentication with scopes. */
public abstract class ApiDirectives extends AllDirectives {
    static final String MISSING_TOKEN = "Missing token. Pass one as 'Authorization: Bearer <token>' or as the token "
            + "URL parameter; GET /tokens lists this workspace's tokens";
    static final String FORBIDDEN = ApiProblem.FORBIDDEN;

    private final TokenAuthenticator authenticator;

    protected ApiDirectives(TokenAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Runs {@code inner} for a request with a valid token (Bearer header or token parameter); else 403. */
    protected Route authenticated(Function<Principal, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> parameterOptional("token", parameter -> {
            Optional<String> token = bearer(header).or(() -> parameter.filter(value -> !value.isEmpty()));
            if (token.isEmpty()) {
                return complete(Json.error(StatusCodes.FORBIDDEN, MISSING_TOKEN));
            }
            TokenAuthenticator.Result result = authenticator.check(token.get());
            if (!result.ok()) {
                return complete(Json.error(StatusCodes.FORBIDDEN, result.error()));
            }
            return inner.apply(result.principal());
        }));
    }

    /** Like {@link #authenticated} and the token must pass {@code allowed}; else 403 naming {@code needed}. */
    protected Route authorized(Predicate<Principal> allowed, String needed, Function<Principal, Route> inner) {
        return authenticated(principal -> allowed.test(principal) ? inner.apply(principal)
                : complete(Json.error(StatusCodes.FORBIDDEN, FORBIDDEN + " " + needed)));
    }

    private static Optional<String> bearer(Optional<String> header) {
        return header.map(String::strip)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .filter(value -> !value.isEmpty());
    }
}
