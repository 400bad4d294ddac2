package io.starling.node.http;

import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * All HTTP routes of a node, wrapped so every answer has an {@code x-request-id} header and every failure
 * or rejection answers JSON.
 */
public final class ApiServer extends AllDirectives {
    private final Route routes;

    public ApiServer(TokensRoute tokens, DataSourcesRoute dataSources, EventsRoute events, SqlRoute sql, JobsRoute jobs,
                     Route... more) {
        Route api = concat(
                concat(tokens.route(), more),
                jobs.route(),
                dataSources.route(),
                EventsHeaders.wrap(dataSources.limits(), events.route()),
                sql.route(),
                path("health", () -> get(() -> complete(Json.ok(Json.object().put("status", "ok"))))));
        this.routes = extractRequest(request -> {
            String requestId = Ulid.next();
            return respondWithHeader(RawHeader.create("x-request-id", requestId), () ->
                    handleExceptions(ApiErrors.exceptionHandler(requestId), () ->
                            handleRejections(ApiErrors.rejectionHandler(), () -> api)));
        });
    }

    public Route routes() {
        return routes;
    }
}
