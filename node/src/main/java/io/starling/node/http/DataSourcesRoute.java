package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.DataSourceRequest;
import io.starling.node.auth.Scope;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.ingest.IngestResult;
import io.starling.node.ingest.IngestService;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.format.input.CsvDialect;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpEntities;
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
 * The Data Sources API: {@code POST /v0/datasources} (mode=create with a schema, mode=append with a raw CSV or
 * NDJSON body or a multipart {@code csv=@file} / {@code ndjson=@file}), {@code GET /v0/datasources[/name]},
 * {@code DELETE /v0/datasources/name}, {@code POST /v0/datasources/name/truncate}.
 */
public final class DataSourcesRoute extends ApiDirectives {
    private static final long MAX_FORM_BYTES = 16L * 1024 * 1024;

    private final CatalogView catalog;
    private final DataSourceService dataSources;
    private final IngestService ingest;
    private final Executor blockingIo;
    private final Materializer materializer;

    public DataSourcesRoute(TokenAuthenticator authenticator, CatalogView catalog, DataSourceService dataSources,
                            IngestService ingest, Executor blockingIo, Materializer materializer) {
        super(authenticator);
        this.catalog = catalog;
        this.dataSources = dataSources;
        this.ingest = ingest;
        this.blockingIo = blockingIo;
        this.materializer = materializer;
    }

    public Route route() {
        return pathPrefix("v0", () -> pathPrefix("datasources", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                        post(() -> authorized(Scope.CREATE, principal -> withParameters(this::importOrCreate))),
                        get(() -> authorized(Scope.READ, principal -> completeWithFuture(list()))))),
                path(PathMatchers.segment().slash("truncate"), name ->
                        post(() -> authorized(Scope.CREATE, principal -> completeWithFuture(truncate(name))))),
                path(PathMatchers.segment(), name -> concat(
                        get(() -> authorized(Scope.READ, principal -> completeWithFuture(describe(name)))),
                        delete(() -> authorized(Scope.CREATE, principal -> completeWithFuture(drop(name)))))))));
    }

    /**
     * Query parameters, plus form fields when the body is a form ({@code curl -d name=... -d schema=...}). A
     * form-typed body is data, not fields, when the query already says mode=append/replace or gives the schema:
     * curl sends {@code -d @rows.csv} with the form content type too.
     */
    private Route withParameters(java.util.function.BiFunction<Map<String, String>, HttpEntity, Route> inner) {
        return parameterMap(query -> extractRequestEntity(entity -> {
            String mode = query.getOrDefault("mode", "create").toLowerCase(Locale.ROOT);
            boolean bodyIsData = mode.equals("append") || mode.equals("replace") || query.containsKey("schema");
            if (RequestStreams.isForm(entity) && !bodyIsData) {
                return onSuccess(entity.toStrict(RequestStreams.READ_TIMEOUT.toMillis(), MAX_FORM_BYTES, materializer),
                        strict -> {
                            Map<String, String> merged = new HashMap<>(query);
                            merged.putAll(FormBodies.parse(strict.getData().utf8String()));
                            return inner.apply(merged, HttpEntities.EMPTY);
                        });
            }
            return inner.apply(query, entity);
        }));
    }

    private Route importOrCreate(Map<String, String> parameters, HttpEntity entity) {
        String mode = parameters.getOrDefault("mode", "create").toLowerCase(Locale.ROOT);
        CompletionStage<HttpResponse> response = switch (mode) {
            case "create" -> create(parameters, entity);
            case "append" -> dataSources.require(parameters.get("name"))
                    .thenCompose(dataSource -> append(dataSource, parameters, entity));
            case "replace" -> CompletableFuture.failedFuture(new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                    "mode=replace is not supported yet; truncate the data source and append instead"));
            default -> CompletableFuture.failedFuture(new StarlingException(ErrorCode.BAD_ARGUMENTS,
                    "Unknown mode [" + mode + "]; use mode=create, mode=append or mode=replace"));
        };
        return completeWithFuture(response.whenComplete((ignored, failure) -> {
            if (failure != null) {
                entity.discardBytes(materializer);
            }
        }));
    }

    private CompletionStage<HttpResponse> create(Map<String, String> parameters, HttpEntity entity) {
        if (parameters.containsKey("url")) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Imports from a url are not supported yet; "
                    + "download the file and send it in the body or as csv=@file");
        }
        if (!parameters.containsKey("schema")) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Creating a data source without a schema (guessing "
                    + "it from the data) is not supported yet; pass schema=<column Type, ...>");
        }
        DataSourceRequest request = new DataSourceRequest(parameters.get("name"), parameters.get("schema"),
                parameters.get("engine"), parameters.get("engine_sorting_key"), parameters.get("engine_partition_key"),
                parameters.get("engine_settings"), parameters.get("format"), parameters.get("description"));
        return dataSources.create(request).thenCompose(created -> {
            if (RequestStreams.hasData(entity)) {
                return append(created, parameters, entity);
            }
            return dataSources.statistics(created).thenApply(statistics ->
                    Json.ok(Json.object().set("datasource", DataSourceJson.render(created, statistics))));
        });
    }

    private CompletionStage<HttpResponse> append(DataSourceSpec dataSource, Map<String, String> parameters,
                                                 HttpEntity entity) {
        String importId = Ulid.next();
        CsvDialect dialect = dialect(parameters);
        CompletionStage<IngestResult> result;
        if (RequestStreams.isMultipart(entity)) {
            result = appendMultipart(dataSource, parameters, entity, dialect, importId);
        } else if (!RequestStreams.hasData(entity)) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Nothing to append to [" + dataSource.getName()
                    + "]: send the rows in the body, or as multipart csv=@file or ndjson=@file");
        } else {
            IngestService.Format format = format(parameters.get("format"), null, dataSource);
            InputStream body = RequestStreams.inputStream(entity, materializer);
            result = CompletableFuture.supplyAsync(
                    () -> ingest.ingest(dataSource, body, format, dialect, importId), blockingIo);
        }
        return result.thenCompose(done -> dataSources.statistics(dataSource).thenApply(statistics -> {
            ObjectNode json = Json.object();
            json.put("id", importId);
            json.put("import_id", importId);
            json.set("datasource", DataSourceJson.render(dataSource, statistics));
            String error = done.errorText();
            if (error == null) {
                json.put("error", false);
            } else {
                json.put("error", error);
            }
            json.put("quarantine_rows", done.quarantinedRows());
            json.put("invalid_lines", done.invalidLines());
            return Json.ok(json);
        }));
    }

    /** Ingests every file part (csv, ndjson, or another name with the data source's format), in order. */
    private CompletionStage<IngestResult> appendMultipart(DataSourceSpec dataSource, Map<String, String> parameters,
                                                          HttpEntity entity, CsvDialect dialect, String importId) {
        return Unmarshaller.entityToMultipartFormData().unmarshal(entity, materializer)
                .thenCompose(form -> form.getParts()
                        .<Optional<IngestResult>>mapAsync(1, part -> {
                            if (!isFilePart(part)) {
                                return part.getEntity().discardBytes(materializer).completionStage()
                                        .thenApply(done -> Optional.<IngestResult>empty());
                            }
                            IngestService.Format format = format(parameters.get("format"), part.getName(), dataSource);
                            InputStream body = RequestStreams.inputStream(part.getEntity(), materializer);
                            return CompletableFuture.supplyAsync(() -> Optional.of(
                                    ingest.ingest(dataSource, body, format, dialect, importId)), blockingIo);
                        })
                        .runWith(Sink.<Optional<IngestResult>>seq(), materializer))
                .thenApply(results -> {
                    IngestResult total = new IngestResult(importId, 0, 0, 0);
                    boolean any = false;
                    for (Optional<IngestResult> result : results) {
                        if (result.isPresent()) {
                            total = total.plus(result.get());
                            any = true;
                        }
                    }
                    if (!any) {
                        throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The multipart body has no file to "
                                + "append; send it as csv=@file.csv or ndjson=@file.ndjson");
                    }
                    return total;
                });
    }

    private static boolean isFilePart(Multipart.FormData.BodyPart part) {
        String name = part.getName();
        return name.equals("csv") || name.equals("ndjson") || name.equals("file") || part.getFilename().isPresent();
    }

    /**
     * The body's format: the multipart field name (csv=, ndjson=), else the {@code format} parameter, else CSV —
     * Tinybird's default, whatever format the data source was created with (jsonpaths only apply to NDJSON).
     */
    private static IngestService.Format format(String parameter, String partName, DataSourceSpec dataSource) {
        String format = partName != null && (partName.equals("csv") || partName.equals("ndjson")) ? partName
                : parameter != null && !parameter.isBlank() ? parameter : "csv";
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> IngestService.Format.CSV;
            case "ndjson", "json" -> IngestService.Format.NDJSON;
            default -> throw new StarlingException(ErrorCode.UNKNOWN_FORMAT, "Format [" + format
                    + "] is not supported for appends yet; use format=csv or format=ndjson");
        };
    }

    private static CsvDialect dialect(Map<String, String> parameters) {
        char delimiter = single(parameters.get("dialect_delimiter"), "dialect_delimiter");
        char escape = single(parameters.get("dialect_escapechar"), "dialect_escapechar");
        String newLine = parameters.get("dialect_new_line");
        if (delimiter == 0 && escape == 0 && newLine == null) {
            return CsvDialect.GUESS;
        }
        return new CsvDialect(delimiter, escape, newLine);
    }

    private static char single(String value, String parameter) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        String unescaped = value.equals("\\t") ? "\t" : value;
        if (unescaped.length() != 1) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter " + parameter + " must be one character, got ["
                    + value + "]");
        }
        return unescaped.charAt(0);
    }

    private CompletionStage<HttpResponse> list() {
        List<DataSourceSpec> all = catalog.current().getDataSourcesList();
        List<CompletableFuture<ObjectNode>> rendered = new ArrayList<>();
        for (DataSourceSpec dataSource : all) {
            rendered.add(dataSources.statistics(dataSource)
                    .thenApply(statistics -> DataSourceJson.render(dataSource, statistics)).toCompletableFuture());
        }
        return CompletableFuture.allOf(rendered.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            ArrayNode array = Json.MAPPER.createArrayNode();
            rendered.forEach(future -> array.add(future.join()));
            ObjectNode json = Json.object();
            json.set("datasources", array);
            return Json.ok(json);
        });
    }

    private CompletionStage<HttpResponse> describe(String name) {
        return dataSources.require(name).thenCompose(dataSource -> dataSources.statistics(dataSource)
                .thenApply(statistics -> Json.ok(DataSourceJson.render(dataSource, statistics))));
    }

    private CompletionStage<HttpResponse> drop(String name) {
        return dataSources.drop(name).thenApply(dropped -> HttpResponse.create().withStatus(StatusCodes.NO_CONTENT));
    }

    private CompletionStage<HttpResponse> truncate(String name) {
        // 200 with a body rather than 205: Pekko renders 205 without Content-Length and clients then wait for a body.
        return dataSources.truncate(name).thenCompose(dataSource -> dataSources.statistics(dataSource)
                .thenApply(statistics -> Json.ok(DataSourceJson.render(dataSource, statistics))));
    }
}
