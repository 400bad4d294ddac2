package io.starling.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.auth.Principal;
import io.starling.node.service.ServiceLog;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.ingest.IngestResult;
import io.starling.node.ingest.IngestService;
import io.starling.node.ingest.RequestBodies;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * The Events API: {@code POST /v0/events?name=X[&wait=true]} with NDJSON rows (or {@code format=json}: one
 * JSON document, an object or an array of objects). Rows are durable before any answer: {@code wait=true}
 * answers 200, otherwise 202, with {@code {"successful_rows","quarantined_rows"}}.
 */
public final class EventsRoute extends ApiDirectives {
    private static final int MAX_JSON_DOCUMENT_BYTES = 100 * 1024 * 1024;

    private final DataSourceService dataSources;
    private final IngestService ingest;
    private final Executor blockingIo;
    private final Materializer materializer;
    private final ApiLimits limits;
    private final ServiceLog serviceLog;

    public EventsRoute(TokenAuthenticator authenticator, DataSourceService dataSources, IngestService ingest,
                       Executor blockingIo, Materializer materializer, ApiLimits limits, ServiceLog serviceLog) {
        super(authenticator);
        this.limits = limits;
        this.serviceLog = serviceLog;
        this.dataSources = dataSources;
        this.ingest = ingest;
        this.blockingIo = blockingIo;
        this.materializer = materializer;
    }

    public Route route() {
        return path(PathMatchers.segment("v0").slash("events"), () -> post(() -> authenticated(principal ->
                parameterMap(parameters -> extractRequestEntity(entity -> completeWithFuture(
                        append(principal, parameters, entity).whenComplete((ignored, failure) -> {
                            if (failure != null) {
                                entity.discardBytes(materializer);
                            }
                        })))))));
    }

    private CompletionStage<HttpResponse> append(Principal principal, Map<String, String> parameters, HttpEntity entity) {
        boolean wait = "true".equalsIgnoreCase(parameters.get("wait")) || "1".equals(parameters.get("wait"));
        boolean singleDocument = "json".equalsIgnoreCase(parameters.get("format"));
        String importId = Ulid.next();
        HttpEntity limited = RequestStreams.limited(entity, limits.eventsMaxBodyBytes(), "Events API");
        long start = System.nanoTime();
        return dataSources.require(parameters.get("name")).thenCompose(dataSource -> {
            ApiProblem.require(principal.canAppend(dataSource.getName(), dataSource.getId()), "Appending to ["
                    + dataSource.getName() + "] needs DATASOURCES:APPEND:" + dataSource.getName()
                    + ", DATASOURCES:CREATE or ADMIN.");
            InputStream body = RequestStreams.inputStream(limited, materializer);
            return CompletableFuture.supplyAsync(() -> ingest.ingest(dataSource,
                    singleDocument ? toNdjson(body) : body, IngestService.Format.NDJSON, null, importId), blockingIo)
                    .whenComplete((result, failure) -> {
                        if (serviceLog != null) {
                            serviceLog.operation("append-hfi", dataSource.getId(), dataSource.getName(),
                                    failure == null ? null : ApiErrors.unwrap(failure).getMessage(),
                                    (System.nanoTime() - start) / 1e9, importId, null, importId,
                                    result == null ? null : result.successfulRows(),
                                    result == null ? null : result.quarantinedRows(), Map.of());
                        }
                    });
        }).thenApply(result -> response(result, wait));
    }

    private static HttpResponse response(IngestResult result, boolean wait) {
        var json = Json.object()
                .put("successful_rows", result.successfulRows())
                .put("quarantined_rows", result.quarantinedRows());
        if (result.invalidLines() > 0) {
            json.put("invalid_lines", result.invalidLines());
        }
        return Json.response(wait ? StatusCodes.OK : StatusCodes.ACCEPTED, json);
    }

    /** One JSON document (object, or array of objects) as NDJSON lines. */
    private static InputStream toNdjson(InputStream body) {
        try (InputStream input = RequestBodies.gunzipIfCompressed(body)) {
            byte[] bytes = input.readNBytes(MAX_JSON_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_JSON_DOCUMENT_BYTES) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "A format=json body may hold at most "
                        + MAX_JSON_DOCUMENT_BYTES / (1024 * 1024) + " MB; send larger batches as NDJSON");
            }
            JsonNode document = Json.MAPPER.readTree(bytes);
            ByteArrayOutputStream lines = new ByteArrayOutputStream(bytes.length);
            if (document != null && document.isArray()) {
                for (JsonNode row : document) {
                    lines.write(Json.MAPPER.writeValueAsBytes(row));
                    lines.write('\n');
                }
            } else if (document != null) {
                lines.write(Json.MAPPER.writeValueAsBytes(document));
                lines.write('\n');
            }
            return new ByteArrayInputStream(lines.toByteArray());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StarlingException(ErrorCode.INCORRECT_DATA, "The body is not one JSON document ("
                    + e.getOriginalMessage() + "); send NDJSON without format=json");
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read the request body: " + e.getMessage());
        }
    }
}
