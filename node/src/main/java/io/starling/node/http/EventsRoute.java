package io.starling.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.node.auth.Principal;
import io.starling.node.service.ServiceLog;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.ingest.EventBatcher;
import io.starling.node.ingest.EventDedup;
import io.starling.node.ingest.GuessedDataSources;
import io.starling.node.ingest.SchemaGuesser;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.node.ingest.IngestResult;
import io.starling.node.ingest.IngestService;
import io.starling.node.ingest.RequestBodies;
import io.starling.node.ingest.StreamingNdjsonBody;
import io.starling.sql.format.input.ParsedRows;
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
 * JSON document, an object or an array of objects). Concurrent requests to one data source are written together
 * ({@link EventBatcher}): {@code wait=true} answers 200 once the rows are durable, otherwise 202 once they are
 * buffered (written within the flush interval), with {@code {"successful_rows","quarantined_rows"}}. A missing
 * data source is created with a guessed schema when the token has DATASOURCES:CREATE or ADMIN. Retries are
 * deduplicated for 5 hours ({@link EventDedup}: an {@code Idempotency-Key} header or {@code idempotency_key}
 * parameter, else the body's hash for wait=true).
 */
public final class EventsRoute extends ApiDirectives {
    private static final int MAX_JSON_DOCUMENT_BYTES = 100 * 1024 * 1024;
    /** Bodies from this size are hashed for deduplication on their own thread while they are parsed. */
    private static final int HASH_ALONGSIDE_BYTES = 256 * 1024;
    /** Bodies that arrived whole up to this size are parsed on the HTTP thread ({@link #appendStrict}). */
    static final int INLINE_PARSE_BYTES = 64 * 1024;

    private final DataSourceService dataSources;
    private final IngestService ingest;
    private final Executor blockingIo;
    private final Materializer materializer;
    private final ApiLimits limits;
    private final ServiceLog serviceLog;
    private final EventBatcher batcher;
    private final EventDedup dedup;

    public EventsRoute(TokenAuthenticator authenticator, DataSourceService dataSources, IngestService ingest,
                       Executor blockingIo, Materializer materializer, ApiLimits limits, ServiceLog serviceLog) {
        this(authenticator, dataSources, ingest, blockingIo, materializer, limits, serviceLog,
                new EventBatcher(ingest, EventBatcher.Settings.fromSystemProperties(), blockingIo),
                new EventDedup(java.time.Clock.systemUTC()));
    }

    public EventsRoute(TokenAuthenticator authenticator, DataSourceService dataSources, IngestService ingest,
                       Executor blockingIo, Materializer materializer, ApiLimits limits, ServiceLog serviceLog,
                       EventBatcher batcher, EventDedup dedup) {
        super(authenticator);
        this.limits = limits;
        this.serviceLog = serviceLog;
        this.dataSources = dataSources;
        this.ingest = ingest;
        this.blockingIo = blockingIo;
        this.materializer = materializer;
        this.batcher = batcher;
        this.dedup = dedup;
    }

    public Route route() {
        return path(PathMatchers.segment("v0").slash("events"), () -> post(() -> authenticated(principal ->
                parameterMap(parameters -> optionalHeaderValueByName("Idempotency-Key", header ->
                        extractRequestEntity(entity -> completeWithFuture(
                                append(principal, parameters, header.orElse(parameters.get("idempotency_key")), entity)
                                        .whenComplete((ignored, failure) -> {
                                            if (failure != null) {
                                                entity.discardBytes(materializer);
                                            }
                                        }))))))));
    }

    /**
     * Finds the data source and streams the body (at most the Events API limit) into {@link StreamingNdjsonBody},
     * which parses it while it arrives; then deduplicates retries and hands the rows to the group commit. A missing
     * data source (created from the rows' guessed schema when the token may create data sources) and
     * {@code format=json} bodies take {@link #appendWhole}: the body is read first, then parsed.
     */
    private CompletionStage<HttpResponse> append(Principal principal, Map<String, String> parameters,
                                                 String idempotencyKey, HttpEntity entity) {
        boolean wait = "true".equalsIgnoreCase(parameters.get("wait")) || "1".equals(parameters.get("wait"));
        String name = parameters.get("name");
        String importId = Ulid.next();
        HttpEntity limited = RequestStreams.limited(entity, limits.eventsMaxBodyBytes(), "Events API");
        long start = System.nanoTime();
        if ("json".equalsIgnoreCase(parameters.get("format")) || name == null) {
            return appendWhole(principal, parameters, idempotencyKey, limited, wait, importId, start);
        }
        return dataSources.require(name).handle((found, failure) -> found).thenCompose(found -> {
            if (found == null) {
                return appendWhole(principal, parameters, idempotencyKey, limited, wait, importId, start);
            }
            requireAppend(principal, found);
            byte[] small = smallPlainBody(entity);
            if (small != null) {
                return appendStrict(found, small, idempotencyKey, wait, importId, start);
            }
            long expected = entity.getContentLengthOption().orElse(0L);
            StreamingNdjsonBody body = new StreamingNdjsonBody(found, blockingIo,
                    Math.min(expected, limits.eventsMaxBodyBytes()), EventDedup.hashesBody(idempotencyKey, wait));
            return limited.getDataBytes()
                    .completionTimeout(RequestStreams.READ_TIMEOUT)
                    .runForeach(body::accept, materializer)
                    .thenCompose(done -> {
                        CompletableFuture<ParsedRows> parsed = body.finish();
                        return deduplicatedWrite(found, body.dedupKey(EventDedup.scope(found), idempotencyKey, wait),
                                wait, parsed, importId, start);
                    })
                    .thenApply(result -> response(result, wait));
        });
    }

    /**
     * {@link #append} for a small body that arrived whole with its headers (the usual Events API request): parsed
     * and hashed right here, on the HTTP thread, with no body stream to run and no hop to another thread before
     * the group commit (for a few KB that costs more than the parse).
     */
    private CompletionStage<HttpResponse> appendStrict(DataSourceSpec dataSource, byte[] raw, String idempotencyKey,
                                                       boolean wait, String importId, long start) {
        ParsedRows parsed = RequestBodies.parseNdjson(dataSource, raw, null);
        String key = EventDedup.key(EventDedup.scope(dataSource), idempotencyKey, wait, raw);
        return deduplicatedWrite(dataSource, CompletableFuture.completedFuture(key), wait,
                CompletableFuture.completedFuture(parsed), importId, start)
                .thenApply(result -> response(result, wait));
    }

    /** The body when it arrived whole, holds at most {@link #INLINE_PARSE_BYTES} and is not gzipped; else null. */
    private static byte[] smallPlainBody(HttpEntity entity) {
        if (!(entity instanceof HttpEntity.Strict strict) || strict.getData().size() > INLINE_PARSE_BYTES) {
            return null;
        }
        byte[] raw = strict.getData().toArrayUnsafe();
        return RequestBodies.isGzip(raw, raw.length) ? null : raw;
    }

    /** {@link #append} reading the whole body first: format=json documents, gzip and missing data sources. */
    private CompletionStage<HttpResponse> appendWhole(Principal principal, Map<String, String> parameters,
                                                      String idempotencyKey, HttpEntity limited, boolean wait,
                                                      String importId, long start) {
        boolean singleDocument = "json".equalsIgnoreCase(parameters.get("format"));
        String name = parameters.get("name");
        return limited.toStrict(RequestStreams.READ_TIMEOUT.toMillis(), limits.eventsMaxBodyBytes(), materializer)
                .thenCompose(strict -> {
                    byte[] raw = strict.getData().toArray();
                    // a plain NDJSON body is used as it is; unzipping and format=json run on the blocking dispatcher
                    CompletableFuture<byte[]> body = singleDocument || RequestBodies.isGzip(raw, raw.length)
                            ? CompletableFuture.supplyAsync(() -> ndjson(raw, singleDocument), blockingIo)
                            : CompletableFuture.completedFuture(raw);
                    return body
                            .thenCompose(rows -> dataSource(principal, name, rows, parameters)
                                    .thenCompose(dataSource -> {
                                        requireAppend(principal, dataSource);
                                        CompletableFuture<ParsedRows> parsed = CompletableFuture.supplyAsync(
                                                () -> RequestBodies.parseNdjson(dataSource, rows, blockingIo), blockingIo);
                                        return deduplicatedWrite(dataSource, dedupKey(EventDedup.scope(dataSource),
                                                idempotencyKey, wait, raw, parsed), wait, parsed, importId, start);
                                    }));
                }).thenApply(result -> response(result, wait));
    }

    private static void requireAppend(Principal principal, DataSourceSpec dataSource) {
        ApiProblem.require(principal.canAppend(dataSource.getName(), dataSource.getId()),
                "Appending to [" + dataSource.getName() + "] needs DATASOURCES:APPEND:"
                        + dataSource.getName() + ", DATASOURCES:CREATE or ADMIN.");
    }

    /**
     * Writes the parsed rows unless the request is a retry of one already written or running (then answers that
     * one's result); the dedup key is computed while the body is parsed.
     */
    private CompletionStage<IngestResult> deduplicatedWrite(DataSourceSpec dataSource,
                                                            CompletableFuture<String> dedupKey, boolean wait,
                                                            CompletableFuture<ParsedRows> parsed, String importId,
                                                            long start) {
        return dedupKey.thenCompose(key -> {
            if (key == null) {
                return write(dataSource, parsed, importId, wait, start);
            }
            EventDedup.Claim claim = dedup.claim(key);
            if (claim.duplicate()) {
                return claim.result();
            }
            write(dataSource, parsed, importId, wait, start).whenComplete((result, failure) -> {
                if (failure != null) {
                    claim.result().completeExceptionally(failure);
                } else {
                    claim.result().complete(result);
                }
            });
            return claim.result();
        });
    }

    /**
     * {@link EventDedup#key}. A big body is hashed on the blocking dispatcher alongside its parse; a small one
     * after its parse, on the parsing thread (a second task would cost more than it saves).
     */
    private CompletableFuture<String> dedupKey(String dataSourceId, String idempotencyKey, boolean wait, byte[] raw,
                                               CompletableFuture<ParsedRows> parsed) {
        if (!EventDedup.hashesBody(idempotencyKey, wait)) {
            return CompletableFuture.completedFuture(EventDedup.key(dataSourceId, idempotencyKey, wait, raw));
        }
        if (raw.length < HASH_ALONGSIDE_BYTES) {
            return parsed.handle((rows, failure) -> EventDedup.key(dataSourceId, idempotencyKey, wait, raw));
        }
        return CompletableFuture.supplyAsync(() -> EventDedup.key(dataSourceId, idempotencyKey, wait, raw), blockingIo);
    }

    private CompletionStage<IngestResult> write(DataSourceSpec dataSource, CompletableFuture<ParsedRows> parsing,
                                                String importId, boolean wait, long start) {
        return parsing
                .thenCompose(parsed -> batcher.append(dataSource, parsed, importId, wait)
                        .thenApply(done -> new IngestResult(importId, parsed.goodRows(), parsed.quarantined().size(),
                                parsed.invalidLines())))
                .whenComplete((result, failure) -> {
                    if (serviceLog != null) {
                        serviceLog.operation("append-hfi", dataSource.getId(), dataSource.getName(),
                                failure == null ? null : ApiErrors.unwrap(failure).getMessage(),
                                (System.nanoTime() - start) / 1e9, importId, null, importId,
                                result == null ? null : result.successfulRows(),
                                result == null ? null : result.quarantinedRows(), Map.of());
                    }
                });
    }

    /** The data source; a missing one is created from the rows' guessed schema when the token may create. */
    private CompletionStage<DataSourceSpec> dataSource(Principal principal, String name, byte[] rows,
                                                       Map<String, String> parameters) {
        return dataSources.require(name).handle((found, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(found);
            }
            if (!GuessedDataSources.isMissing(failure) || !principal.canCreateDataSources()) {
                return CompletableFuture.<DataSourceSpec>failedFuture(failure);
            }
            boolean typeGuessing = !"false".equalsIgnoreCase(parameters.get("type_guessing"));
            return CompletableFuture.supplyAsync(() -> SchemaGuesser.fromNdjson(rows, rows.length, true, typeGuessing),
                            blockingIo)
                    .thenCompose(guess -> {
                        CompletionStage<DataSourceSpec> created =
                                GuessedDataSources.create(dataSources, name, guess, "ndjson");
                        return created.whenComplete((spec, error) -> {
                            if (error == null && serviceLog != null) {
                                serviceLog.operation("create", spec.getId(), spec.getName(), null, 0, null, null,
                                        Ulid.next(), null, null, Map.of("source", "events"));
                            }
                        });
                    });
        }).thenCompose(stage -> stage);
    }

    /** The body as NDJSON bytes: gunzipped, and a format=json document turned into lines ({@code raw} itself when plain). */
    private static byte[] ndjson(byte[] raw, boolean singleDocument) {
        try {
            InputStream body = new ByteArrayInputStream(raw);
            if (singleDocument) {
                return toNdjson(body).readAllBytes();
            }
            if (!RequestBodies.isGzip(raw, raw.length)) {
                return raw;
            }
            try (InputStream input = RequestBodies.gunzipIfCompressed(body)) {
                return input.readAllBytes();
            }
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read the request body: " + e.getMessage());
        }
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
