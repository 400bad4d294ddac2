package io.starling.node.http;

import io.starling.node.auth.Principal;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;

/**
 * The rate limits of spec data-plane §1.0 applied per API, each answering Tinybird's {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} headers (also when nothing is metered), and above
 * the limit a 429 with {@code Retry-After}: queries and endpoints per token (a JWT's {@code limits.rps} per JWT),
 * the Events API per data source, imports per workspace.
 */
final class RateLimits {
    private RateLimits() {
    }

    /** Query API and endpoints: {@code sql-rps} per token, or a JWT's {@code limits.rps}; 429 above. */
    static List<HttpHeader> query(RateLimiter limiter, ApiLimits limits, Principal principal) {
        boolean jwtLimit = principal.jwt() && principal.rpsLimit() > 0;
        int rate = jwtLimit ? principal.rpsLimit() : limits.sqlRps();
        int burst = jwtLimit ? 0 : limits.sqlBurst();
        String key = (principal.jwt() ? "jwt:" : "token:") + principal.id();
        return check(limiter.acquire(key, rate, burst), "Too many requests: the limit is " + rate
                + " requests per second" + (burst > 0 ? " (burst " + burst + ")" : "") + " for this token");
    }

    /** Events API: {@code events-rps} per data source; 429 above. */
    static List<HttpHeader> events(RateLimiter limiter, ApiLimits limits, String dataSource) {
        String name = dataSource == null ? "" : dataSource;
        return check(limiter.acquire("events:" + name, limits.eventsRps(), limits.eventsBurst()),
                "Too many requests: the Events API takes " + limits.eventsRps() + " requests per second for data "
                        + "source [" + name + "]; batch more rows per request");
    }

    /** Data Sources API imports (create from data, append, replace): {@code imports-per-minute}; 429 above. */
    static List<HttpHeader> imports(RateLimiter limiter, ApiLimits limits) {
        return check(limiter.acquire("imports", limits.importsPerMinute(), limits.importsBurst(), 60),
                "Too many requests: the workspace may run " + limits.importsPerMinute() + " imports (create from "
                        + "data, append, replace) per minute; send more rows per import");
    }

    private static List<HttpHeader> check(RateLimiter.Decision decision, String message) {
        if (!decision.allowed()) {
            throw new ApiProblem(429, message + "; retry after " + decision.retryAfterSeconds() + " s",
                    decision.headers());
        }
        return decision.headers();
    }
}
