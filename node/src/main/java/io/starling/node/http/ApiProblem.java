package io.starling.node.http;

import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;

/** A failure answered with a given status and {@code {"error": message}} (403 scopes, 413 size, 429 rate). */
public final class ApiProblem extends RuntimeException {
    public static final String FORBIDDEN = "Forbidden. The auth Token doesn't have the correct scopes.";

    private final int status;
    private final List<HttpHeader> headers;

    public ApiProblem(int status, String message, List<HttpHeader> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = List.copyOf(headers);
    }

    public ApiProblem(int status, String message) {
        this(status, message, List.of());
    }

    /** 403 with Tinybird's text and what scope would do. */
    public static ApiProblem forbidden(String needed) {
        return new ApiProblem(403, FORBIDDEN + " " + needed);
    }

    /** Throws {@link #forbidden} unless {@code allowed}. */
    public static void require(boolean allowed, String needed) {
        if (!allowed) {
            throw forbidden(needed);
        }
    }

    public int status() {
        return status;
    }

    public List<HttpHeader> headers() {
        return headers;
    }
}
