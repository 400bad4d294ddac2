package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.node.auth.Principal;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.protocol.catalog.JobRecord;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /v0/jobs[?kind=&status=]} (newest first, at most 100) and {@code GET /v0/jobs/{id}}. */
public final class JobsRoute extends ApiDirectives {
    private final CatalogView catalog;

    public JobsRoute(TokenAuthenticator authenticator, CatalogView catalog) {
        this(authenticator, catalog, null);
    }

    /** With {@code jobs} (nullable), {@code POST /v0/jobs/{id}/cancel} cancels jobs that have not started. */
    public JobsRoute(TokenAuthenticator authenticator, CatalogView catalog, Jobs jobs) {
        super(authenticator);
        this.catalog = catalog;
        this.jobs = jobs;
    }

    private final Jobs jobs;

    public Route route() {
        return pathPrefix("v0", () -> pathPrefix("jobs", () -> authorized(principal -> !principal.jwt(),
                "JWTs may only read endpoints and query data sources.", principal -> extractUri(uri -> {
                    String base = uri.scheme() + "://" + uri.host().address() + (uri.port() > 0 ? ":" + uri.port() : "");
                    return concat(get(() -> concat(
                            pathEndOrSingleSlash(() -> parameterOptional("kind", kind -> parameterOptional("status",
                                    status -> complete(Json.ok(list(principal, kind.orElse(null), status.orElse(null), base)))))),
                            path(PathMatchers.segment(), id -> complete(Json.ok(Jobs.render(find(principal, id), base)))))),
                            path(PathMatchers.segment().slash("cancel"), id -> post(() -> cancel(principal, id, base))));
                }))));
    }

    /** {@code POST /v0/jobs/{id}/cancel} (tb job cancel): cancels a job that has not started. */
    private Route cancel(Principal principal, String id, String base) {
        JobRecord job = find(principal, id);
        io.starling.node.http.ApiProblem.require(principal.canCreateDataSources(),
                "Cancelling a job needs DATASOURCES:CREATE or ADMIN.");
        if (jobs == null) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Jobs cannot be cancelled on this route");
        }
        return completeWithFuture(jobs.cancel(job).thenApply(cancelled -> Json.ok(Jobs.render(cancelled, base))));
    }

    private ObjectNode list(Principal principal, String kind, String status, String base) {
        List<JobRecord> jobs = new ArrayList<>(catalog.current().getJobsList());
        Collections.reverse(jobs);
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (JobRecord job : jobs) {
            if ((kind == null || kind.equals(job.getKind())) && (status == null || status.equals(job.getStatus()))
                    && visible(principal, job)) {
                array.add(Jobs.render(job, base));
            }
        }
        ObjectNode json = Json.object();
        json.set("jobs", array);
        return json;
    }

    private static boolean visible(Principal principal, JobRecord job) {
        return principal.canCreateDataSources() || principal.canRead(job.getDatasourceName(), job.getDatasourceId());
    }

    private JobRecord find(Principal principal, String id) {
        for (JobRecord job : catalog.current().getJobsList()) {
            if (job.getId().equals(id) && visible(principal, job)) {
                return job;
            }
        }
        throw new StarlingException(ErrorCode.UNKNOWN_TABLE, "Job [" + id + "] does not exist (jobs are kept for the "
                + "last 100); GET /v0/jobs lists them");
    }
}
