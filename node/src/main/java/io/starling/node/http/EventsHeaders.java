package io.starling.node.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The Events API's response headers (spec data-plane §1.0, §1.1): the rate-limit headers of the named data source
 * ({@link RateLimits#events}; 429 with {@code Retry-After} above the limit) and, for Vercel log drains, the
 * {@code x-vercel-verify} parameter echoed as a header — on appends, and on the {@code GET} Vercel sends to verify
 * the drain URL.
 */
final class EventsHeaders {
    private static final String VERCEL_VERIFY = "x-vercel-verify";

    private EventsHeaders() {
    }

    /** Runs {@code inner} with the headers added to its answer; throws a 429 {@link ApiProblem} above the limit. */
    static Route around(RateLimiter limiter, ApiLimits limits, Map<String, String> parameters, Supplier<Route> inner) {
        List<HttpHeader> headers = new ArrayList<>();
        String verify = parameters.get(VERCEL_VERIFY);
        if (verify != null) {
            headers.add(RawHeader.create(VERCEL_VERIFY, verify));
        }
        try {
            headers.addAll(RateLimits.events(limiter, limits, parameters.get("name")));
        } catch (ApiProblem tooMany) {
            headers.addAll(tooMany.headers());
            throw new ApiProblem(tooMany.status(), tooMany.getMessage(), headers);
        }
        return Directives.respondWithHeaders(headers, inner);
    }

    /**
     * {@code events} (the Events API route) with these headers on its {@code POST /v0/events} answers, and the
     * Vercel verification GET. The rate is checked before the token (so a 429 costs the server nothing).
     */
    static Route wrap(ApiLimits limits, Route events) {
        RateLimiter limiter = new RateLimiter();
        return Directives.concat(vercelVerification(), Directives.extractRequest(request ->
                request.method().equals(org.apache.pekko.http.javadsl.model.HttpMethods.POST)
                        && isEventsPath(request.getUri().path())
                        ? Directives.parameterMap(parameters -> around(limiter, limits, parameters, () -> events))
                        : events));
    }

    private static boolean isEventsPath(String path) {
        return path.equals("/v0/events") || path.equals("/v0/events/");
    }

    /** {@code GET /v0/events?x-vercel-verify=<code>}: 200 echoing the code in the {@code x-vercel-verify} header. */
    static Route vercelVerification() {
        // without the parameter it rejects nothing in particular, so a plain GET answers 405 (the API takes POST)
        // (the parameter first: a matched get() would cancel the POST route's 405)
        return Directives.path(PathMatchers.segment("v0").slash("events"), () -> Directives.parameterOptional(
                VERCEL_VERIFY, code -> code.isEmpty() ? Directives.reject() : Directives.get(() ->
                        Directives.respondWithHeader(RawHeader.create(VERCEL_VERIFY, code.get()),
                                () -> Directives.complete(Json.ok(Json.object().put(VERCEL_VERIFY, code.get())))))));
    }
}
