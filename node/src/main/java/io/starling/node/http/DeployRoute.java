package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.node.deploy.DeploymentManager;
import io.starling.protocol.catalog.DeploymentRecord;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The deployment API (spec lifecycle §2.9): {@code POST /v1/deploy} (the multipart project upload of
 * {@code /v1/build}; {@code check=true} validates only, {@code allow_destructive_operations=true} allows removing
 * data sources), {@code GET /v1/deployments}, {@code GET /v1/deployments/{id}}, {@code POST
 * /v1/deployments/{id}/set-live} and {@code DELETE /v1/deployments/{id}}. Needs ADMIN or DATASOURCES:CREATE.
 */
public final class DeployRoute extends ApiDirectives {
    private static final long MAX_PART_BYTES = 64L * 1024 * 1024;
    private static final String NEEDED = "Deployments need ADMIN or DATASOURCES:CREATE.";

    private final DeploymentManager deployments;
    private final Executor blockingIo;
    private final Materializer materializer;

    public DeployRoute(TokenAuthenticator authenticator, DeploymentManager deployments, Executor blockingIo,
                       Materializer materializer) {
        super(authenticator);
        this.deployments = deployments;
        this.blockingIo = blockingIo;
        this.materializer = materializer;
    }

    public Route route() {
        return concat(
                path(PathMatchers.segment("v1").slash("deploy"), () -> post(() -> authorized(
                        principal -> principal.canCreateDataSources(), NEEDED,
                        principal -> parameterOptional("check", check -> parameterOptional(
                                "allow_destructive_operations", destructive -> extractRequestEntity(entity ->
                                        completeWithFuture(deploy(entity, truthy(check.orElse(null)),
                                                truthy(destructive.orElse(null)))))))))),
                path(PathMatchers.segment("v1").slash("deployments"), () -> get(() -> authorized(
                        principal -> principal.canCreateDataSources(), NEEDED, principal -> completeWithFuture(
                                blocking(this::list))))),
                path(PathMatchers.segment("v1").slash("deployments").slash(PathMatchers.longSegment()), id -> concat(
                        get(() -> authorized(principal -> principal.canCreateDataSources(), NEEDED,
                                principal -> completeWithFuture(blocking(() -> Json.ok(deployments.describeSingle(
                                        deployments.find(id).orElseThrow(() -> missing(id)))))))),
                        delete(() -> authorized(principal -> principal.canCreateDataSources(), NEEDED,
                                principal -> completeWithFuture(blocking(() -> Json.ok(
                                        io.starling.node.deploy.DeploymentJson.single(deployments.discard(id))))))))),
                path(PathMatchers.segment("v1").slash("deployments").slash(PathMatchers.longSegment()).slash("set-live"),
                        id -> post(() -> authorized(principal -> principal.canCreateDataSources(), NEEDED,
                                principal -> completeWithFuture(blocking(() -> Json.ok(
                                        io.starling.node.deploy.DeploymentJson.single(deployments.promote(id)))))))));
    }

    /**
     * Requests that name a deployment ({@code __tb__deployment=<id>} for reads, {@code __tb__min_deployment=<id>}
     * for Events API writes; spec lifecycle §2.1, §2.4): the staging deployment's id is served by the routes built
     * over its catalog view; the live id or an older one falls through to the live routes (so the parameters keep
     * working after promotion); an id that names no staging deployment answers 404. Requests without either
     * parameter are rejected here and reach the live routes. Place this route before the live ones.
     */
    public Route stagingRoute(io.starling.node.deploy.StagingViews<Route> views) {
        return parameterOptional("__tb__deployment", read -> parameterOptional("__tb__min_deployment", write -> {
            java.util.Optional<String> named = read.filter(value -> !value.isBlank())
                    .or(() -> write.filter(value -> !value.isBlank()));
            if (named.isEmpty()) {
                return reject();
            }
            long id;
            try {
                id = Long.parseLong(named.get().strip());
            } catch (NumberFormatException e) {
                return complete(Json.error(StatusCodes.BAD_REQUEST, "__tb__deployment and __tb__min_deployment take "
                        + "a deployment id (a number, as GET /v1/deployments lists), not [" + named.get() + "]"));
            }
            return switch (views.resolve(id)) {
                case io.starling.coordinator.deploy.StagingCatalog.Target.Live live -> reject();
                case io.starling.coordinator.deploy.StagingCatalog.Target.Missing missing ->
                        complete(Json.error(StatusCodes.NOT_FOUND, missing.message()));
                case io.starling.coordinator.deploy.StagingCatalog.Target.Staging staging ->
                        views.over(staging.deployment());
            };
        }));
    }

    private HttpResponse list() {
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("deployments");
        List<DeploymentRecord> all = new ArrayList<>(deployments.list());
        all.sort((a, b) -> Long.compare(b.getId(), a.getId()));
        for (DeploymentRecord record : all) {
            array.add(deployments.describe(record));
        }
        return Json.ok(json);
    }

    private CompletionStage<HttpResponse> deploy(HttpEntity entity, boolean check, boolean destructive) {
        if (!RequestStreams.isMultipart(entity)) {
            return CompletableFuture.completedFuture(Json.error(StatusCodes.BAD_REQUEST, "Send the project as "
                    + "multipart/form-data: one part per file, filename=<name>.datasource|.pipe"));
        }
        return Unmarshaller.entityToMultipartFormData().unmarshal(entity, materializer)
                .thenCompose(form -> form.getParts()
                        .mapAsync(1, part -> part.getEntity().toStrict(RequestStreams.READ_TIMEOUT.toMillis(),
                                        MAX_PART_BYTES, materializer)
                                .thenApply(strict -> new io.starling.node.deploy.ProjectFile(part.getFilename().orElse(""),
                                        strict.getData().toArray())))
                        .runWith(Sink.<io.starling.node.deploy.ProjectFile>seq(), materializer))
                .thenCompose(files -> blocking(() -> {
                    List<io.starling.node.deploy.ProjectFile> named = new ArrayList<>();
                    for (io.starling.node.deploy.ProjectFile file : files) {
                        if (!file.fileName().isEmpty()) {
                            named.add(file);
                        }
                    }
                    ObjectNode answer = deployments.create(named, check, destructive);
                    boolean failed = answer.path("result").asText().equals("failed");
                    return Json.response(failed ? StatusCodes.BAD_REQUEST : StatusCodes.OK, answer);
                }));
    }

    private CompletionStage<HttpResponse> blocking(Supplier<HttpResponse> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.get();
            } catch (StarlingException e) {
                return Json.error(e.errorCode() == ErrorCode.UNKNOWN_TABLE ? StatusCodes.NOT_FOUND
                        : StatusCodes.BAD_REQUEST, e.getMessage());
            }
        }, blockingIo);
    }

    private static StarlingException missing(long id) {
        return new StarlingException(ErrorCode.UNKNOWN_TABLE, "Deployment " + id
                + " does not exist; GET /v1/deployments lists them");
    }

    private static boolean truthy(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }
}
