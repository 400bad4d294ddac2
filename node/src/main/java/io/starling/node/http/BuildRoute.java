package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.node.pipe.ProjectBuild;
import io.starling.node.auth.TokenAuthenticator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Multipart;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * {@code POST /v1/build}: a multipart upload of a project's files (each part named {@code data_project://} with
 * the file name as filename, as {@code tb build} sends them; .datasource, .pipe, and optional fixtures
 * {@code <datasource>.ndjson|.csv}). Answers Tinybird's build object: 200 for success or no_changes, 400 for failed.
 * Needs ADMIN or DATASOURCES:CREATE.
 */
public final class BuildRoute extends ApiDirectives {
    private static final long MAX_PART_BYTES = 64L * 1024 * 1024;

    private final ProjectBuild build;
    private final Executor blockingIo;
    private final Materializer materializer;

    public BuildRoute(TokenAuthenticator authenticator, ProjectBuild build, Executor blockingIo, Materializer materializer) {
        super(authenticator);
        this.build = build;
        this.blockingIo = blockingIo;
        this.materializer = materializer;
    }

    public Route route() {
        return path(PathMatchers.segment("v1").slash("build"), () -> post(() -> authorized(
                principal -> principal.canCreateDataSources(), "Building needs ADMIN or DATASOURCES:CREATE.",
                principal -> extractRequestEntity(entity -> completeWithFuture(run(entity))))));
    }

    private CompletionStage<HttpResponse> run(HttpEntity entity) {
        if (!RequestStreams.isMultipart(entity)) {
            return CompletableFuture.completedFuture(Json.error(StatusCodes.BAD_REQUEST, "Send the project as "
                    + "multipart/form-data: one part per file, filename=<name>.datasource|.pipe"));
        }
        String buildId = Ulid.next();
        return Unmarshaller.entityToMultipartFormData().unmarshal(entity, materializer)
                .thenCompose(form -> form.getParts()
                        .mapAsync(1, part -> part.getEntity().toStrict(RequestStreams.READ_TIMEOUT.toMillis(),
                                        MAX_PART_BYTES, materializer)
                                .thenApply(strict -> new ProjectBuild.ProjectFile(fileName(part),
                                        strict.getData().toArray())))
                        .runWith(Sink.<ProjectBuild.ProjectFile>seq(), materializer))
                .thenApplyAsync(files -> {
                    List<ProjectBuild.ProjectFile> named = new ArrayList<>();
                    for (ProjectBuild.ProjectFile file : files) {
                        if (!file.fileName().isEmpty()) {
                            named.add(file);
                        }
                    }
                    ObjectNode answer = build.build(named, buildId);
                    boolean failed = answer.path("result").asText().equals("failed");
                    return Json.response(failed ? StatusCodes.BAD_REQUEST : StatusCodes.OK, answer);
                }, blockingIo);
    }

    private static String fileName(Multipart.FormData.BodyPart part) {
        return part.getFilename().orElse("");
    }
}
